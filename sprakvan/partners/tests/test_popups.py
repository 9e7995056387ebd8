"""Pop-up cafés at workplaces (issue 14): booked on a session of the host's pop-up activity, the
host's employees counted apart from the programme's participants, listed per host and period."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from sprakvan.accounts.models import User
from sprakvan.activities.models import ActivityType, Session
from sprakvan.activities.services import cancel_session, record_attendance, set_walk_ins
from sprakvan.activities.statistics import annotate_totals
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.organisations.models import Organisation
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners import popups
from sprakvan.partners.models import PopUpCafe
from sprakvan.partners.popups import hosts_between, popups_between, popups_of

ClientFor = Callable[[User], Client]
PAST = datetime.date(2019, 3, 12)
FUTURE = datetime.date(2100, 3, 9)


@pytest.fixture
def sankt_kors(programme: Programme) -> Organisation:
    return OrganisationFactory(
        programme=programme, name="Sankt Kors", kind="municipal_company", contact_name="Eva"
    )


@pytest.fixture
def tekniska_verken(programme: Programme) -> Organisation:
    return OrganisationFactory(
        programme=programme, name="Tekniska Verken", kind="municipal_company"
    )


def book(
    programme: Programme,
    host: Organisation,
    day: datetime.date = PAST,
    *,
    employees: int | None = None,
    by: User | None = None,
) -> PopUpCafe:
    return popups.book_popup(
        programme=programme,
        host=host,
        date=day,
        start_time=datetime.time(11, 30),
        end_time=datetime.time(13),
        values={"contact_name": "Eva Ek", "host_employees": employees, "follow_up": ""},
        booked_by=by,
    )


def test_a_booking_is_a_session_of_the_hosts_popup_activity_reused_next_time(
    programme: Programme, sankt_kors: Organisation, coordinator: User
) -> None:
    first = book(programme, sankt_kors, by=coordinator)
    second = book(programme, sankt_kors, datetime.date(2019, 10, 8), by=coordinator)

    activity = first.session.activity
    assert activity.type == ActivityType.POPUP_CAFE
    assert activity.host_organisation == sankt_kors
    assert activity.programme == programme
    assert second.session.activity == activity
    assert first.session.date == PAST and first.session.schedule is None
    assert first.session.start_time == datetime.time(11, 30)
    assert first.programme == programme and first.contact_name == "Eva Ek"


def test_booking_a_host_of_another_programme_is_refused(
    programme: Programme, other_programme: Programme
) -> None:
    stranger = OrganisationFactory(programme=other_programme, name="Hageby bibliotek")
    with pytest.raises(ValueError, match="another programme"):
        book(programme, stranger)
    assert not PopUpCafe.objects.exists() and not Session.objects.exists()


def test_participants_come_from_attendance_and_the_hosts_employees_are_counted_apart(
    programme: Programme, sankt_kors: Organisation
) -> None:
    popup = book(programme, sankt_kors, employees=14)
    for person in ParticipantFactory.create_batch(3, programme=programme):
        record_attendance(popup.session, person, recorded_by=None)
    set_walk_ins(
        popup.session, counts={"newcomer_man": 4, "established_woman": 2}, recorded_by=None
    )

    [row] = popups_between(programme, datetime.date(2019, 1, 1), datetime.date(2019, 10, 31))

    assert (row.host, row.date, row.host_employees, row.participants) == (
        "Sankt Kors",
        PAST,
        14,
        9,
    )
    # The employees are not the programme's participants: the attendance figures leave them out.
    session = annotate_totals(Session.objects.filter(pk=popup.session_id)).get()
    total = "attendance_total"  # an annotation the model does not declare: read by name
    assert getattr(session, total) == 9


def test_popups_between_keeps_the_period_leaves_out_cancelled_ones_and_goes_by_date(
    programme: Programme, sankt_kors: Organisation, tekniska_verken: Organisation
) -> None:
    book(programme, tekniska_verken, datetime.date(2019, 10, 8))
    book(programme, sankt_kors, datetime.date(2019, 3, 12))
    book(programme, sankt_kors, datetime.date(2019, 11, 12))  # after the period
    book(programme, sankt_kors, datetime.date(2018, 12, 31))  # before it
    cancelled = book(programme, tekniska_verken, datetime.date(2019, 5, 14))
    cancel_session(cancelled.session, cancelled_by=None)

    rows = popups_between(programme, datetime.date(2019, 1, 1), datetime.date(2019, 10, 31))

    assert [(r.date, r.host) for r in rows] == [
        (datetime.date(2019, 3, 12), "Sankt Kors"),
        (datetime.date(2019, 10, 8), "Tekniska Verken"),
    ]
    assert rows[0].host_employees is None  # not counted is not zero
    assert rows[0].participants == 0
    assert hosts_between(programme, datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)) == [
        "Sankt Kors",
        "Tekniska Verken",
    ]
    everything = popups_of(programme, held_only=False, host_id=tekniska_verken.pk)
    assert [(r.date, r.cancelled) for r in everything] == [
        (datetime.date(2019, 5, 14), True),
        (datetime.date(2019, 10, 8), False),
    ]


def test_popups_of_another_programme_are_never_counted(
    programme: Programme, other_programme: Programme, sankt_kors: Organisation
) -> None:
    theirs = OrganisationFactory(programme=other_programme, name="Hageby bibliotek")
    book(other_programme, theirs)
    assert popups_between(programme, datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)) == []


def test_coordinator_books_a_popup_from_the_form(
    client_for: ClientFor, coordinator: User, programme: Programme, sankt_kors: Organisation
) -> None:
    client = client_for(coordinator)
    form = client.get(reverse("partners:popup_create") + f"?host={sankt_kors.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["contact_name"] == "Eva"

    response = client.post(
        reverse("partners:popup_create"),
        {
            "host": sankt_kors.pk,
            "date": "2019-03-12",
            "start_time": "11:30",
            "end_time": "13:00",
            "contact_name": "Eva Ek",
            "host_employees": "12",
            "follow_up": "Come back in October.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("partners:organisation_detail", args=[sankt_kors.pk])
    popup = PopUpCafe.objects.get()
    assert (popup.host, popup.host_employees, popup.follow_up) == (
        sankt_kors,
        12,
        "Come back in October.",
    )
    event = AuditEvent.objects.get(action="partners.popup.booked")
    assert "Eva" not in str(event.data) and "October" not in str(event.data)


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"end_time": "11:00"}, "end_time", "The café must end after it starts."),
        (
            {"date": FUTURE.isoformat()},
            "host_employees",
            "The café has not been held yet: count the employees after it.",
        ),
        ({"host_employees": "-3"}, "host_employees", None),
    ],
)
def test_bad_booking_is_refused_with_a_clear_error_in_the_users_language(
    client_for: ClientFor,
    coordinator: User,
    sankt_kors: Organisation,
    changes: dict[str, str],
    field: str,
    message: str | None,
) -> None:
    data = {
        "host": str(sankt_kors.pk),
        "date": "2019-03-12",
        "start_time": "11:30",
        "end_time": "13:00",
        "contact_name": "Eva Ek",
        "host_employees": "12",
        "follow_up": "",
    } | changes
    client = client_for(coordinator)
    client.cookies["django_language"] = "sv"

    response = client.post(reverse("partners:popup_create"), data, HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    if message is not None:
        with translation.override("sv"):
            assert gettext(message) in form.errors[field]
    assert form.data["contact_name"] == "Eva Ek"  # what was typed stays
    assert not PopUpCafe.objects.exists() and not Session.objects.exists()


def test_changing_the_day_moves_the_session_and_the_count_is_kept(
    client_for: ClientFor, coordinator: User, programme: Programme, sankt_kors: Organisation
) -> None:
    popup = book(programme, sankt_kors)
    response = client_for(coordinator).post(
        reverse("partners:popup_edit", args=[popup.pk]),
        {
            "date": "2019-03-13",
            "start_time": "11:30",
            "end_time": "13:00",
            "contact_name": "Eva Ek",
            "host_employees": "9",
            "follow_up": "Lunch room was too small.",
        },
    )
    assert response.status_code == 302
    popup.refresh_from_db()
    popup.session.refresh_from_db()
    assert popup.session.date == datetime.date(2019, 3, 13)
    assert popup.host == sankt_kors  # the host is not changed by the form
    assert (popup.host_employees, popup.follow_up) == (9, "Lunch room was too small.")
    changed = AuditEvent.objects.get(action="partners.popup.changed")
    assert changed.data["fields"] == ["follow_up", "host_employees"]
    assert AuditEvent.objects.filter(action="activities.session.moved").count() == 1


def test_the_partner_list_and_the_hosts_page_show_its_popups(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    sankt_kors: Organisation,
    tekniska_verken: Organisation,
) -> None:
    book(programme, sankt_kors, employees=11)
    book(programme, sankt_kors, datetime.date(2019, 10, 8))
    client = client_for(coordinator)

    listing = client.get(reverse("partners:organisation_list"))
    counts = {o.name: o.popup_count for o in listing.context["organisations"]}
    assert counts["Sankt Kors"] == 2 and counts["Tekniska Verken"] == 0
    last = {o.name: o.last_popup for o in listing.context["organisations"]}
    assert last["Sankt Kors"] == datetime.date(2019, 10, 8)

    page = client.get(reverse("partners:organisation_detail", args=[sankt_kors.pk]))
    assert [(r.date, r.host_employees) for r in page.context["popups"]] == [
        (datetime.date(2019, 3, 12), 11),
        (datetime.date(2019, 10, 8), None),
    ]
    assert "2019-03-12" in page.content.decode()
    other = client.get(reverse("partners:organisation_detail", args=[tekniska_verken.pk]))
    assert other.context["popups"] == []


def test_popup_list_shows_the_chosen_year_in_a_fixed_number_of_queries(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    sankt_kors: Organisation,
    tekniska_verken: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for month in range(1, 11):
        book(programme, sankt_kors if month % 2 else tekniska_verken, datetime.date(2019, month, 8))
    book(programme, sankt_kors, datetime.date(2020, 3, 10))
    client = client_for(coordinator)
    client.get(reverse("partners:popup_list") + "?year=2019")  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("partners:popup_list") + "?year=2019")
    assert len(response.context["rows"]) == 10
    assert {2019, 2020} <= set(response.context["years"])


def test_an_outsider_gets_404_for_a_popup_of_the_programme(
    client_for: ClientFor, outsider: User, programme: Programme, sankt_kors: Organisation
) -> None:
    popup = book(programme, sankt_kors)
    client = client_for(outsider)
    assert client.get(reverse("partners:popup_edit", args=[popup.pk])).status_code == 404
    assert client.post(reverse("partners:popup_edit", args=[popup.pk]), {}).status_code == 404
    listing = client.get(reverse("partners:popup_list") + "?year=2019")
    assert listing.context["rows"] == []
    host_prefilled = client.get(reverse("partners:popup_create") + f"?host={sankt_kors.pk}")
    assert "host" not in host_prefilled.context["form"].initial


def test_a_leader_may_not_book_popups(
    client_for: ClientFor, leader: User, sankt_kors: Organisation
) -> None:
    assert client_for(leader).get(reverse("partners:popup_create")).status_code == 403
