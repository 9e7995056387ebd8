"""Whom a leader can look up at a session: only people on the activity's lists, by name; the
coordinator searches the whole programme by name or phone."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities.models import Attendance, Session
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def _search(client, session: Session, text: str, **headers) -> str:
    response = client.post(
        reverse("activities:attendance_search", args=[session.pk]), {"q": text}, **headers
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def selam(session: Session) -> Participant:
    """Registered in the programme with a phone and an e-mail; never came to Leo's café."""
    return ParticipantFactory(
        programme=session.programme,
        first_name="Selam",
        last_name="Tesfaye",
        phone="+46709876543",
        email="selam@example.org",
    )


def test_a_leader_searching_a_phone_number_finds_nobody(client_for, leader, session, regulars):
    amina = regulars[0]
    html = _search(client_for(leader), session, "070-123 45 67", HTTP_HX_REQUEST="true")
    assert f'id="p-{amina.pk}"' not in html
    assert "Nobody found." in html


def test_a_leader_searching_an_email_address_finds_nobody(client_for, leader, session, selam):
    Attendance.objects.create(session=session, participant=selam)
    html = _search(client_for(leader), session, "selam@example.org", HTTP_HX_REQUEST="true")
    assert "Selam" not in html and "Nobody found." in html


def test_a_leader_does_not_find_a_participant_who_never_came_to_this_activity(
    client_for, leader, session, selam, other_activity
):
    elsewhere = SessionFactory(activity=other_activity, date=session.date)
    Attendance.objects.create(session=elsewhere, participant=selam)
    html = _search(client_for(leader), session, "Selam", HTTP_HX_REQUEST="true")
    assert "Selam" not in html
    assert f'id="p-{selam.pk}"' not in html


def test_a_leader_finds_someone_on_the_activitys_list_by_name(
    client_for, leader, session, regulars
):
    omar = regulars[1]
    html = _search(client_for(leader), session, "haddad", HTTP_HX_REQUEST="true")
    assert f'id="p-{omar.pk}"' in html
    assert "Omar" in html and "Haddad" not in html


def test_when_a_leader_finds_nobody_the_page_says_how_a_first_timer_checks_in(
    client_for, leader, session, selam
):
    html = _search(client_for(leader), session, "Selam")
    assert 'data-testid="first-time-hint"' in html
    assert "checks in with the QR code" in html


def test_a_leaders_search_field_asks_for_a_name_only(client_for, leader, coordinator, session):
    url = reverse("activities:session_attendance", args=[session.pk])
    seen_by_leader = client_for(leader).get(url).content.decode()
    seen_by_coordinator = client_for(coordinator).get(url).content.decode()
    assert "Find someone who has come before, by name" in seen_by_leader
    assert "Find someone by name or phone" in seen_by_coordinator


def test_the_coordinator_still_finds_anyone_in_the_programme_by_phone(
    client_for, coordinator, session, selam
):
    html = _search(client_for(coordinator), session, "070-987 65 43", HTTP_HX_REQUEST="true")
    assert f'id="p-{selam.pk}"' in html and "Selam Tesfaye" in html
    assert 'data-testid="first-time-hint"' not in _search(
        client_for(coordinator), session, "Nobody-like-this"
    )


def test_a_leaders_tick_for_an_unrelated_participant_is_404_and_writes_nothing(
    client_for, leader, session, selam
):
    response = client_for(leader).post(
        reverse("activities:attendance_tick", args=[session.pk]),
        {"participant": selam.pk, "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    assert "Selam" not in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_leader_can_tick_someone_who_came_long_ago(client_for, leader, session, selam):
    long_ago = SessionFactory(
        activity=session.activity, date=session.date - datetime.timedelta(days=400)
    )
    Attendance.objects.create(session=long_ago, participant=selam)
    response = client_for(leader).post(
        reverse("activities:attendance_tick", args=[session.pk]),
        {"participant": selam.pk, "present": "1"},
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session, participant=selam).exists()


def test_the_coordinator_can_tick_anyone_in_the_programme(client_for, coordinator, session, selam):
    response = client_for(coordinator).post(
        reverse("activities:attendance_tick", args=[session.pk]),
        {"participant": selam.pk, "present": "1"},
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session, participant=selam).exists()
