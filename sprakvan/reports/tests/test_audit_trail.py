"""The audit trail: reads that could be misused, attendance changes and refused access are
logged with ids, never personal data."""

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.activities.models import Session
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.reports.tests.fetch import fetch_document

pytestmark = pytest.mark.django_db

PHONE = "+46701234567"
EMAIL = "amina.yusuf@example.org"


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme, first_name="Amina", last_name="Yusuf", phone=PHONE, email=EMAIL
    )


@pytest.fixture
def session(programme: Programme, leader: User) -> Session:
    activity = ActivityFactory(programme=programme, title="Språkcafé Skäggetorp")
    activity.leaders.add(leader)
    return SessionFactory(activity=activity)


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


def _holds_no_personal_data(event: AuditEvent, person: Participant) -> None:
    text = json.dumps(event.data, ensure_ascii=False) + event.object_type
    for value in (person.first_name, person.last_name, PHONE, EMAIL, "0701234567"):
        assert value not in text


def test_a_coordinator_viewing_a_participants_page_is_logged_with_ids_only(
    client_for: Any, coordinator: User, programme: Programme, amina: Participant
) -> None:
    response = client_for(coordinator).get(reverse("participants:detail", args=[amina.pk]))

    assert response.status_code == 200
    event = _only("participants.participant.viewed")
    assert (event.programme, event.actor) == (programme, coordinator)
    assert (event.object_type, event.object_id) == ("participants.participant", amina.pk)
    _holds_no_personal_data(event, amina)


def test_the_history_on_a_participants_page_shows_changes_not_views(
    client_for: Any, coordinator: User, amina: Participant
) -> None:
    client: Client = client_for(coordinator)
    client.get(reverse("participants:detail", args=[amina.pk]))

    history = client.get(reverse("participants:detail", args=[amina.pk])).context["history"]

    assert AuditEvent.objects.filter(action="participants.participant.viewed").count() == 2
    assert [e.action for e in history] == []


def test_an_export_of_a_report_table_is_logged(
    client_for: Any, partner_viewer: User, programme: Programme
) -> None:
    response = client_for(partner_viewer).get(reverse("reports:table_export", args=["all", "xlsx"]))

    assert response.status_code == 200
    event = _only("reports.export.downloaded")
    assert (event.programme, event.actor) == (programme, partner_viewer)
    assert event.data["table"] == "all" and event.data["format"] == "xlsx"


def test_a_download_of_the_partner_document_is_logged(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    response = fetch_document(client_for(coordinator), "docx", "?start=2026-01-01&end=2026-06-30")

    assert response.status_code == 200
    event = _only("reports.document.downloaded")
    assert (event.programme, event.actor, event.data["format"]) == (programme, coordinator, "docx")
    assert (event.data["start"], event.data["end"]) == ("2026-01-01", "2026-06-30")


def test_printing_an_attendance_list_is_logged(
    client_for: Any, leader: User, session: Session
) -> None:
    response = client_for(leader).get(reverse("activities:session_print", args=[session.pk]))

    assert response.status_code == 200
    event = _only("activities.attendance_list.printed")
    assert (event.actor, event.object_type, event.object_id) == (
        leader,
        "activities.session",
        session.pk,
    )


def test_downloading_an_attendance_list_as_pdf_is_logged(
    client_for: Any, coordinator: User, session: Session
) -> None:
    response = client_for(coordinator).get(reverse("activities:session_pdf", args=[session.pk]))

    assert response.status_code == 200
    event = _only("activities.attendance_list.downloaded")
    assert (event.actor, event.object_id, event.data["format"]) == (coordinator, session.pk, "pdf")


def test_ticking_and_unticking_attendance_are_logged_once_each(
    client_for: Any, coordinator: User, session: Session, amina: Participant
) -> None:
    client: Client = client_for(coordinator)
    url = reverse("activities:attendance_tick", args=[session.pk])

    client.post(url, {"participant": amina.pk, "present": "1"})
    client.post(url, {"participant": amina.pk, "present": "1"})  # a double submit changes nothing
    client.post(url, {"participant": amina.pk, "present": "0"})

    events = list(AuditEvent.objects.filter(action="activities.attendance.changed").order_by("id"))
    assert [e.data["present"] for e in events] == [True, False]
    assert all(e.actor == coordinator and e.object_id == amina.pk for e in events)
    assert all(e.data["session"] == session.pk for e in events)
    _holds_no_personal_data(events[0], amina)


def test_a_refused_staff_page_is_logged_by_url_name(
    client_for: Any, leader: User, programme: Programme
) -> None:
    response = client_for(leader).get(reverse("participants:list"))

    assert response.status_code == 403
    event = _only("access.denied")
    assert (event.programme, event.actor) == (programme, leader)
    assert event.data == {
        "status": 403,
        "method": "GET",
        "url_name": "participants:list",
        "ids": {},
    }


def test_another_programmes_participant_is_a_logged_404_without_the_query_string(
    client_for: Any, outsider: User, other_programme: Programme, amina: Participant
) -> None:
    url = reverse("participants:detail", args=[amina.pk]) + f"?q={PHONE}&name=Amina"

    response = client_for(outsider).get(url)

    assert response.status_code == 404
    event = _only("access.denied")
    assert (event.programme, event.actor) == (other_programme, outsider)
    assert event.data["url_name"] == "participants:detail"
    assert event.data["ids"] == {"pk": amina.pk}
    _holds_no_personal_data(event, amina)
    assert not AuditEvent.objects.filter(action="participants.participant.viewed").exists()


def test_an_unknown_staff_address_is_logged_by_its_area_only(
    client_for: Any, coordinator: User
) -> None:
    response = client_for(coordinator).get("/participants/no-such-page/Amina/")

    assert response.status_code == 404
    assert _only("access.denied").data == {
        "status": 404,
        "method": "GET",
        "url_name": "",
        "area": "participants",
    }


def test_public_pages_and_visitors_without_a_login_are_not_logged(
    client: Client, client_for: Any, coordinator: User, programme: Programme
) -> None:
    assert client.get(reverse("participants:list")).status_code == 302
    assert client_for(coordinator).get("/no-such-programme/").status_code == 404
    assert client.get(f"/{programme.slug}/anmalan/no-such-group/").status_code == 404

    assert not AuditEvent.objects.exists()


def test_an_allowed_staff_page_is_not_logged_as_denied(client_for: Any, coordinator: User) -> None:
    assert client_for(coordinator).get(reverse("participants:list")).status_code == 200

    assert not AuditEvent.objects.filter(action="access.denied").exists()
