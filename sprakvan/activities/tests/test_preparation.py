"""Activities in preparation: saved with a district, possible places, a start month and
partners before any schedule; listed apart; scheduled later without typing anything again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.activities import services
from sprakvan.activities.models import Activity, ActivityState, Venue
from sprakvan.core.audit import history_of
from sprakvan.organisations.models import Organisation

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

SEPT_2019 = datetime.date(2019, 9, 2)


@pytest.fixture
def places(programme) -> list[Venue]:
    """The two places talked about in Ryd, each offered by its partner."""
    ryd = programme.districts.get(name="Ryd")
    arena = Organisation.objects.create(programme=programme, name="Arena Ryds Herrgård")
    library = Organisation.objects.create(programme=programme, name="Ryds bibliotek")
    return [
        Venue.objects.create(
            programme=programme, name="Ryds Herrgård", district=ryd, provider=arena
        ),
        Venue.objects.create(
            programme=programme, name="Ryds bibliotek", district=ryd, provider=library
        ),
    ]


@pytest.fixture
def prepared(programme, coordinator, places) -> Activity:
    """A café in Ryd, in preparation since September 2019, meant to start in January 2020."""
    activity = Activity(
        programme=programme,
        type="language_cafe",
        title="Språkcafé i Ryd",
        start_month=datetime.date(2020, 1, 1),
    )
    return services.save_preparation(
        activity, possible_venues=places, saved_by=coordinator, today=SEPT_2019
    )


def _schedule(activity, *, today, venue=None):
    return services.add_schedule(
        activity,
        rule="FREQ=WEEKLY;BYDAY=TU",
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        starts_on=today,
        added_by=None,
        today=today,
        venue=venue,
    )


def test_a_coordinator_creates_an_activity_in_preparation(
    client_for, coordinator, programme, places, today
):
    ryd = programme.districts.get(name="Ryd")
    response = client_for(coordinator).post(
        reverse("activities:activity_prepare"),
        {
            "type": "language_cafe",
            "title": "Språkcafé i Ryd",
            "district": ryd.pk,
            "possible_venues": [v.pk for v in places],
            "start_month": "2020-01",
            "language_level": "easy",
        },
    )
    activity = Activity.objects.get(title="Språkcafé i Ryd")
    assert response.status_code == 302
    assert activity.state == ActivityState.PREPARING and activity.preparing_since == today
    assert activity.start_month == datetime.date(2020, 1, 1) and activity.district == ryd
    assert set(activity.possible_venues.all()) == set(places)
    assert not activity.schedules.exists() and not activity.sessions.exists()
    assert [e.action for e in history_of(activity)] == ["activities.activity.created"]


def test_a_bad_start_month_is_refused_and_the_form_keeps_what_was_typed(
    client_for, coordinator, programme
):
    ryd = programme.districts.get(name="Ryd")
    data = {"type": "sport", "title": "Innebandy Ryd", "district": ryd.pk, "language_level": "easy"}
    response = client_for(coordinator).post(
        reverse("activities:activity_prepare"), {**data, "start_month": "2020-13"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Innebandy Ryd").exists()
    assert gettext("Enter a month as year and month, for example 2020-01.") in html
    assert 'value="Innebandy Ryd"' in html


def test_an_activity_in_preparation_needs_a_district(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("activities:activity_prepare"),
        {"type": "sport", "title": "Innebandy", "language_level": "easy"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["district"]
    assert not Activity.objects.filter(title="Innebandy").exists()


def test_a_leader_may_not_prepare_activities(client_for, leader):
    assert client_for(leader).get(reverse("activities:activity_prepare")).status_code == 403


def test_the_rows_for_the_document_name_places_start_month_and_partners(prepared, programme):
    (row,) = services.in_preparation(programme, on=datetime.date(2019, 10, 31))
    assert (row.name, row.type, row.district) == ("Språkcafé i Ryd", "language_cafe", "Ryd")
    assert row.places == ("Ryds Herrgård", "Ryds bibliotek")
    assert row.partners == ("Arena Ryds Herrgård", "Ryds bibliotek")
    assert row.start_month == datetime.date(2020, 1, 1)
    assert row.partner == "Arena Ryds Herrgård, Ryds bibliotek"
    # Not yet in preparation before it was written down.
    assert services.in_preparation(programme, on=datetime.date(2019, 8, 31)) == []


def test_the_activities_page_lists_it_apart(client_for, coordinator, prepared, activity):
    with translation.override("sv"):
        response = client_for(coordinator).get(reverse("activities:activity_list"))
        heading = gettext("In preparation")
    assert list(response.context["preparing"]) == [prepared]
    assert prepared not in list(response.context["activities"])
    assert activity in list(response.context["activities"])
    html = response.content.decode()
    assert f'id="preparing-heading">{heading}</h2>' in html
    assert html.index("Språkcafé i Ryd") < html.index("Språkcafé Skäggetorp")


def test_its_page_shows_the_add_a_schedule_step(client_for, coordinator, prepared):
    response = client_for(coordinator).get(
        reverse("activities:activity_detail", args=[prepared.pk])
    )
    html = response.content.decode()
    assert gettext("Next step: add a schedule") in html
    assert reverse("activities:schedule_create", args=[prepared.pk]) in html
    assert "Arena Ryds Herrgård" in html


def test_adding_a_schedule_makes_it_running_at_the_place_chosen(prepared, places, programme):
    later = datetime.date(2020, 1, 7)
    _schedule(prepared, today=later, venue=places[0])
    prepared.refresh_from_db()
    assert prepared.state == ActivityState.RUNNING and prepared.scheduled_on == later
    assert prepared.venue == places[0] and prepared.sessions.exists()
    # Nothing typed again: title, district, places and partners are the ones prepared.
    assert prepared.district.name == "Ryd" and prepared.possible_venues.count() == 2
    assert "activities.activity.scheduled" in [e.action for e in history_of(prepared)]
    # It was in preparation until then, and is not afterwards.
    assert [r.name for r in services.in_preparation(programme, on=later - datetime.timedelta(1))]
    assert services.in_preparation(programme, on=later) == []


def test_the_schedule_page_asks_for_the_place_and_schedules_it(
    client_for, coordinator, prepared, places, today
):
    client = client_for(coordinator)
    url = reverse("activities:schedule_create", args=[prepared.pk])
    assert "venue" in client.get(url).context["form"].fields
    response = client.post(
        url,
        {
            "weekdays": ["1"],
            "every_weeks": "1",
            "start_time": "17:00",
            "end_time": "19:00",
            "starts_on": today.isoformat(),
            "skip_holidays": "on",
            "venue": places[1].pk,
        },
    )
    prepared.refresh_from_db()
    assert response.status_code == 302
    assert not prepared.is_preparing and prepared.venue == places[1]
    assert prepared.schedules.count() == 1


def test_a_single_session_also_makes_it_running(prepared, coordinator):
    day = datetime.date(2020, 1, 14)
    services.add_session(
        prepared,
        date=day,
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        added_by=coordinator,
        today=datetime.date(2020, 1, 2),
    )
    prepared.refresh_from_db()
    assert prepared.scheduled_on == datetime.date(2020, 1, 2)
    # Two possible places and none chosen: the place stays open.
    assert prepared.venue is None


def test_a_running_activity_is_not_marked_again(activity, today):
    _schedule(activity, today=today)
    activity.refresh_from_db()
    assert activity.scheduled_on is None and activity.state == ActivityState.RUNNING


def test_it_is_not_in_the_public_calendar_before_it_has_sessions(
    client, programme, prepared, places, today
):
    calendar = reverse("activities_public:calendar", args=[programme.slug])
    assert "Språkcafé i Ryd" not in client.get(calendar).content.decode()
    args = [programme.slug, prepared.pk]
    assert client.get(reverse("activities_public:activity_feed", args=args)).status_code == 404
    assert client.get(reverse("activities_public:reminder_request", args=args)).status_code == 404
    _schedule(prepared, today=today, venue=places[0])
    assert "Språkcafé i Ryd" in client.get(calendar).content.decode()
    assert client.get(reverse("activities_public:activity_feed", args=args)).status_code == 200


def test_editing_it_keeps_it_in_preparation(client_for, coordinator, prepared, places):
    client = client_for(coordinator)
    url = reverse("activities:activity_edit", args=[prepared.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "type": "language_cafe",
            "title": "Språkcafé på Ryds Herrgård",
            "district": prepared.district_id,
            "possible_venues": [places[0].pk],
            "start_month": "2020-02",
            "language_level": "easy",
            "version": form.initial["version"],
        },
    )
    prepared.refresh_from_db()
    assert response.status_code == 302
    assert prepared.is_preparing and prepared.preparing_since == SEPT_2019
    assert prepared.title == "Språkcafé på Ryds Herrgård"
    assert prepared.start_month == datetime.date(2020, 2, 1)
    assert list(prepared.possible_venues.all()) == [places[0]]


def test_another_programmes_activity_in_preparation_is_404(
    client_for, outsider, other_programme, prepared
):
    client = client_for(outsider)
    for name in ("activity_detail", "activity_edit", "schedule_create"):
        assert client.get(reverse(f"activities:{name}", args=[prepared.pk])).status_code == 404
    assert services.in_preparation(other_programme, on=datetime.date(2019, 10, 31)) == []
    ActivityFactory(programme=other_programme, preparing_since=SEPT_2019, title="Hageby")
    assert [r.name for r in services.in_preparation(other_programme, on=SEPT_2019)] == ["Hageby"]


def test_districts_in_preparation_on_a_day(prepared, programme):
    ryd = programme.districts.get(name="Ryd")
    assert services.districts_in_preparation(programme, on=datetime.date(2019, 10, 31)) == {ryd.pk}
    assert services.districts_in_preparation(programme, on=datetime.date(2019, 8, 1)) == set()
