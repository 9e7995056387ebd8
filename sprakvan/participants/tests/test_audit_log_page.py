"""The audit log page: the coordinator reads their programme's log, the platform admin every
programme's; filters, pages, a fixed number of queries, and no foreign rows."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.audit import log_action
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db: None) -> User:
    return UserFactory(email="ada@example.org", first_name="Ada", is_superuser=True, is_staff=True)


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(programme=programme, first_name="Amina")


@pytest.fixture
def events(
    programme: Programme,
    other_programme: Programme,
    coordinator: User,
    leader: User,
    outsider: User,
    amina: Participant,
) -> dict[str, AuditEvent]:
    """Alice viewed Amina, Leo was refused a page, Olle changed something in his programme."""
    return {
        "viewed": log_action(
            "participants.participant.viewed", programme=programme, actor=coordinator, target=amina
        ),
        "denied": log_action(
            "access.denied", programme=programme, actor=leader, status=403, url_name="x"
        ),
        "foreign": log_action("matching.pair.confirmed", programme=other_programme, actor=outsider),
    }


def _rows(client: Client, url: str, **query: Any) -> list[AuditEvent]:
    response = client.get(url, query)
    assert response.status_code == 200
    return list(response.context["page"])


def test_the_coordinator_reads_only_their_programmes_log(
    client_for: Any, coordinator: User, events: dict[str, AuditEvent]
) -> None:
    rows = _rows(client_for(coordinator), reverse("accounts:audit_log"))

    assert rows == [events["denied"], events["viewed"]]


def test_an_outsider_sees_no_row_of_another_programme(
    client_for: Any, outsider: User, events: dict[str, AuditEvent]
) -> None:
    response = client_for(outsider).get(reverse("accounts:audit_log"))

    assert list(response.context["page"]) == [events["foreign"]]
    assert "participants.participant.viewed" not in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "partner_viewer", "referrer", "admin_user"])
def test_other_roles_cannot_read_the_programmes_log(
    client_for: Any, persona: str, request: pytest.FixtureRequest, events: dict[str, AuditEvent]
) -> None:
    user = request.getfixturevalue(persona)

    assert client_for(user).get(reverse("accounts:audit_log")).status_code == 403


@pytest.mark.parametrize("persona", ["coordinator", "leader", "outsider"])
def test_only_the_platform_admin_reads_the_whole_log(
    client_for: Any, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)

    assert client_for(user).get(reverse("accounts:platform_audit_log")).status_code == 403


def test_the_platform_admin_reads_every_programme_and_filters_by_one(
    client_for: Any,
    admin_user: User,
    other_programme: Programme,
    events: dict[str, AuditEvent],
) -> None:
    client: Client = client_for(admin_user)
    url = reverse("accounts:platform_audit_log")

    assert set(_rows(client, url)) == set(events.values())
    assert _rows(client, url, programme=other_programme.pk) == [events["foreign"]]


def test_the_log_filters_by_action_prefix(
    client_for: Any, coordinator: User, events: dict[str, AuditEvent]
) -> None:
    rows = _rows(client_for(coordinator), reverse("accounts:audit_log"), action="access.")

    assert rows == [events["denied"]]


def test_the_log_filters_by_actor(
    client_for: Any, coordinator: User, leader: User, events: dict[str, AuditEvent]
) -> None:
    rows = _rows(client_for(coordinator), reverse("accounts:audit_log"), actor=leader.pk)

    assert rows == [events["denied"]]


def test_the_coordinator_cannot_pick_an_actor_of_another_programme(
    client_for: Any, coordinator: User, outsider: User, events: dict[str, AuditEvent]
) -> None:
    response = client_for(coordinator).get(reverse("accounts:audit_log"), {"actor": outsider.pk})

    assert "actor" in response.context["form"].errors
    assert list(response.context["page"]) == []


def test_the_log_filters_by_object_type_and_id(
    client_for: Any, coordinator: User, amina: Participant, events: dict[str, AuditEvent]
) -> None:
    client: Client = client_for(coordinator)
    url = reverse("accounts:audit_log")

    assert _rows(client, url, object_type="participants.participant", object_id=amina.pk) == [
        events["viewed"]
    ]
    assert _rows(client, url, object_id=amina.pk + 1000) == []


@pytest.mark.usefixtures("frozen_now")  # the events, the filter and "today" on one day
def test_the_log_filters_by_date_range(
    client_for: Any, coordinator: User, programme: Programme, events: dict[str, AuditEvent]
) -> None:
    today = timezone.localdate()
    client: Client = client_for(coordinator)
    url = reverse("accounts:audit_log")
    yesterday = (today - datetime.timedelta(days=1)).isoformat()

    assert len(_rows(client, url, start=today.isoformat(), end=today.isoformat())) == 2
    assert _rows(client, url, end=yesterday) == []
    assert _rows(client, url, start=(today + datetime.timedelta(days=1)).isoformat()) == []


def test_an_invalid_filter_shows_its_error_and_no_rows(
    client_for: Any, coordinator: User, events: dict[str, AuditEvent]
) -> None:
    response = client_for(coordinator).get(reverse("accounts:audit_log"), {"start": "yesterday"})

    assert "start" in response.context["form"].errors
    assert list(response.context["page"]) == []


def test_the_log_is_paged_and_keeps_its_filters_across_pages(
    client_for: Any, coordinator: User, programme: Programme
) -> None:
    for number in range(60):
        log_action("activities.session.added", programme=programme, actor=coordinator, n=number)
    client: Client = client_for(coordinator)

    first = client.get(reverse("accounts:audit_log"), {"action": "activities."})
    second = client.get(reverse("accounts:audit_log"), {"action": "activities.", "page": "2"})

    assert len(first.context["page"]) == 50 and len(second.context["page"]) == 10
    assert "action=activities.&amp;page=2" in first.content.decode()


def test_the_log_page_uses_a_fixed_number_of_queries(
    client_for: Any,
    coordinator: User,
    leader: User,
    programme: Programme,
    django_assert_max_num_queries: Any,
) -> None:
    client: Client = client_for(coordinator)
    for number in range(40):
        person = ParticipantFactory(programme=programme)
        log_action(
            "participants.participant.viewed",
            programme=programme,
            actor=leader if number % 2 else coordinator,
            target=person,
        )
    client.get(reverse("accounts:audit_log"))

    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:audit_log"))

    assert len(response.context["page"]) == 40


def test_the_coordinators_menu_links_to_the_log_and_the_leaders_does_not(
    client_for: Any, coordinator: User, leader: User
) -> None:
    coordinator_menu = {n for n, _u, _l in client_for(coordinator).get("/").context["staff_menu"]}
    leader_menu = {n for n, _u, _l in client_for(leader).get("/").context["staff_menu"]}

    assert "accounts:audit_log" in coordinator_menu
    assert "accounts:audit_log" not in leader_menu
