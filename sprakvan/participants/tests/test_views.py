"""The coordinator's participant pages, and who may not see them."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.participants.models import Consent, Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

READ_URLS = ["participants:detail", "participants:edit"]
CHANGE_URLS = [
    "participants:status",
    "participants:reviewed",
    "participants:merge",
    "participants:dismiss",
]
LIST_URLS = [
    "participants:list",
    "participants:waiting",
    "participants:duplicates",
    "participants:create",
    "participants:import",
]


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme,
        first_name="Amina",
        last_name="Hussein",
        phone="+46701234567",
        district=programme.districts.get(name="Skäggetorp"),
        registered_on=datetime.date(2019, 2, 3),
    )


@pytest.fixture
def coordinator_client(coordinator: User, client_for: Any) -> Client:
    return client_for(coordinator)


@pytest.mark.usefixtures("frozen_now")  # the days waited are counted here and in the page
def test_the_list_shows_the_programme_s_participants_with_days_waited(
    coordinator_client: Client, amina: Participant, other_programme: Programme
) -> None:
    ParticipantFactory(programme=other_programme, first_name="Hidden")

    html = coordinator_client.get(reverse("participants:list")).content.decode()

    assert "Amina Hussein" in html
    assert "Hidden" not in html
    days = (timezone.localdate() - amina.registered_on).days
    assert f">{days}<" in html


def test_the_list_filters_by_group_district_language_and_gender(
    coordinator_client: Client, programme: Programme, amina: Participant
) -> None:
    ryd = programme.districts.get(name="Ryd")
    ParticipantFactory(
        programme=programme, first_name="Yonas", gender="man", district=ryd, languages=1 << 5
    )
    ParticipantFactory(programme=programme, first_name="Karin", group="established")
    url = reverse("participants:list")

    def names(**query: str) -> set[str]:
        page = coordinator_client.get(url, query).context["page"]
        return {p.first_name for p in page}

    assert names(group="established") == {"Karin"}
    assert names(district=str(ryd.pk)) == {"Yonas"}
    assert names(gender="man") == {"Yonas"}
    assert names(language="ti") == {"Yonas"}
    assert names(q="hussein") == {"Amina"}
    assert names(q="070-123 45 67") == {"Amina"}


def test_the_list_sorts_longest_waiting_first_and_paginates(
    coordinator_client: Client, programme: Programme
) -> None:
    for day in range(60):
        ParticipantFactory(
            programme=programme,
            registered_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
        )

    first_page = coordinator_client.get(reverse("participants:list")).context["page"]
    second_page = coordinator_client.get(reverse("participants:list"), {"page": 2}).context["page"]

    assert len(first_page) == 50 and len(second_page) == 10
    assert first_page[0].registered_on == datetime.date(2020, 1, 1)
    newest = coordinator_client.get(reverse("participants:list"), {"sort": "-waited"})
    assert newest.context["page"][0].registered_on == datetime.date(2020, 2, 29)


def test_the_list_uses_a_fixed_number_of_queries(
    coordinator_client: Client, programme: Programme, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        ParticipantFactory(programme=programme, district=programme.districts.first())
    with django_assert_max_num_queries(10):
        coordinator_client.get(reverse("participants:list"))


def test_the_list_loads_only_the_columns_it_shows(
    coordinator_client: Client, programme: Programme
) -> None:
    district = programme.districts.first()
    ParticipantFactory(programme=programme, district=district, phone="+46701234567")
    with CaptureQueriesContext(connection) as one_row:
        response = coordinator_client.get(reverse("participants:list"), {"status": "all"})
    for _ in range(20):
        ParticipantFactory(programme=programme, district=district, phone="+46701234567")
    with CaptureQueriesContext(connection) as many_rows:
        many = coordinator_client.get(reverse("participants:list"), {"status": "all"})

    row = many.context["page"][0]
    assert {"phone", "email", "notes", "languages"} <= row.get_deferred_fields()
    assert row.district.name in many.content.decode()
    # The columns it shows are loaded with the rows: no query per row.
    assert len(many_rows.captured_queries) == len(one_row.captured_queries)
    assert response.status_code == many.status_code == 200


def test_the_waiting_list_holds_only_people_who_wait(
    coordinator_client: Client, programme: Programme, amina: Participant
) -> None:
    ParticipantFactory(programme=programme, first_name="Paired", status="matched")

    page = coordinator_client.get(reverse("participants:waiting")).context["page"]

    assert [p.first_name for p in page] == ["Amina"]


def test_the_detail_page_shows_consent_and_history(
    coordinator_client: Client, amina: Participant
) -> None:
    ConsentFactory(participant=amina, purpose="messages", channel="sms")

    html = coordinator_client.get(reverse("participants:detail", args=[amina.pk])).content.decode()

    assert "Amina Hussein" in html and "SMS" in html


def test_editing_saves_the_change_and_logs_it_without_personal_data(
    coordinator_client: Client, amina: Participant, programme: Programme
) -> None:
    form = coordinator_client.get(reverse("participants:edit", args=[amina.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        first_name="Aminah",
        group="newcomer",
        gender="woman",
        registered_on="2019-02-03",
        source="staff",
        capacity="1",
        preferred_language="sv",
        district=str(amina.district_id),
        availability=["3", "4"],
    )

    response = coordinator_client.post(reverse("participants:edit", args=[amina.pk]), data)

    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.first_name == "Aminah"
    assert amina.availability == 0b11000
    event = AuditEvent.objects.get(action="participants.participant.changed")
    assert "Aminah" not in str(event.data) and "first_name" in event.data["fields"]


def test_an_invalid_edit_changes_nothing_and_keeps_what_was_typed(
    coordinator_client: Client, amina: Participant
) -> None:
    response = coordinator_client.post(
        reverse("participants:edit", args=[amina.pk]),
        {
            "first_name": "Changed",
            "group": "newcomer",
            "gender": "woman",
            "birth_year": "3000",
            "registered_on": "2019-02-03",
            "source": "staff",
            "capacity": "1",
        },
    )

    assert response.status_code == 200
    assert 'value="Changed"' in response.content.decode()
    amina.refresh_from_db()
    assert amina.first_name == "Amina"


def test_the_coordinator_registers_someone_with_consent_recorded_by_them(
    coordinator_client: Client, coordinator: User, programme: Programme
) -> None:
    response = coordinator_client.post(
        reverse("participants:create"),
        {
            "first_name": "Walk",
            "group": "established",
            "gender": "man",
            "registered_on": "2026-01-10",
            "source": "staff",
            "capacity": "2",
            "preferred_language": "sv",
        },
    )

    assert response.status_code == 302
    person = Participant.objects.get(first_name="Walk")
    assert person.capacity == 2
    assert Consent.objects.get(participant=person).recorded_by == coordinator


def test_changing_status_is_recorded_in_the_history(
    coordinator_client: Client, amina: Participant
) -> None:
    coordinator_client.post(reverse("participants:status", args=[amina.pk]), {"status": "paused"})

    amina.refresh_from_db()
    assert amina.status == "paused"
    assert AuditEvent.objects.filter(
        action="participants.status.changed", object_id=amina.pk, data__new="paused"
    ).exists()


def test_merging_a_duplicate_keeps_the_first_row_with_the_newer_details(
    coordinator_client: Client, amina: Participant, programme: Programme
) -> None:
    duplicate = ParticipantFactory(
        programme=programme,
        first_name="Amina",
        phone=amina.phone,
        email="new@example.org",
        possible_duplicate_of=amina,
    )
    ConsentFactory(participant=duplicate)

    coordinator_client.post(reverse("participants:merge", args=[duplicate.pk]))

    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    amina.refresh_from_db()
    assert amina.email == "new@example.org"
    assert amina.consents.count() == 1


def test_dismissing_a_duplicate_makes_it_a_participant_of_its_own(
    coordinator_client: Client, amina: Participant, programme: Programme
) -> None:
    other = ParticipantFactory(programme=programme, phone=amina.phone, possible_duplicate_of=amina)

    coordinator_client.post(reverse("participants:dismiss", args=[other.pk]))

    other.refresh_from_db()
    assert other.possible_duplicate_of is None
    assert Participant.objects.filter(programme=programme).current().count() == 2


@pytest.mark.parametrize("name", CHANGE_URLS)
def test_get_on_a_change_is_not_allowed(
    coordinator_client: Client, amina: Participant, name: str
) -> None:
    assert coordinator_client.get(reverse(name, args=[amina.pk])).status_code == 405


@pytest.mark.parametrize("name", READ_URLS + CHANGE_URLS)
def test_a_coordinator_of_another_programme_gets_404_on_every_participant_url(
    outsider: User, client_for: Any, amina: Participant, name: str
) -> None:
    client = client_for(outsider)
    response = (
        client.post(reverse(name, args=[amina.pk]), {"status": "left"})
        if name in CHANGE_URLS
        else client.get(reverse(name, args=[amina.pk]))
    )

    assert response.status_code == 404
    amina.refresh_from_db()
    assert amina.status == "waiting"


@pytest.mark.parametrize("role", ["partner_viewer", "leader", "referrer"])
@pytest.mark.parametrize("name", READ_URLS + CHANGE_URLS + LIST_URLS)
def test_other_roles_get_403_on_every_participant_url(
    request: Any, client_for: Any, amina: Participant, role: str, name: str
) -> None:
    client = client_for(request.getfixturevalue(role))
    url = reverse(name) if name in LIST_URLS else reverse(name, args=[amina.pk])

    response = client.post(url) if name in CHANGE_URLS else client.get(url)

    assert response.status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login(client: Client, amina: Participant) -> None:
    response = client.get(reverse("participants:detail", args=[amina.pk]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert str(amina.pk) not in response["Location"].split("next=")[0]
