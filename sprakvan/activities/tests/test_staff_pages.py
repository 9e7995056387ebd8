"""The coordinator's pages for activities, schedules, single sessions and venues."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities.models import Activity, Schedule, Session, Venue
from sprakvan.core.audit import history_of

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_an_activity_whose_district_comes_from_its_venue(
    client_for, coordinator, leader, programme
):
    district = programme.districts.get(name="Ryd")
    venue = Venue.objects.create(programme=programme, name="Ryds bibliotek", district=district)
    response = client_for(coordinator).post(
        reverse("activities:activity_create"),
        {
            "type": "language_cafe",
            "title": "Språkcafé Ryd",
            "venue": venue.pk,
            "leaders": [leader.pk],
            "language_level": "easy",
            "is_active": "on",
        },
    )
    activity = Activity.objects.get(title="Språkcafé Ryd")
    assert response.status_code == 302
    assert activity.district == district and list(activity.leaders.all()) == [leader]
    assert [e.action for e in history_of(activity)] == ["activities.activity.created"]


def test_a_leader_may_not_create_activities(client_for, leader):
    assert client_for(leader).get(reverse("activities:activity_create")).status_code == 403


def test_another_programmes_venue_cannot_be_chosen(client_for, coordinator, other_programme):
    theirs = Venue.objects.create(programme=other_programme, name="Hageby")
    response = client_for(coordinator).post(
        reverse("activities:activity_create"),
        {"type": "sport", "title": "Innebandy", "venue": theirs.pk, "language_level": "easy"},
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Innebandy").exists()


def test_a_weekly_schedule_from_weekdays_plans_sessions(client_for, coordinator, activity, today):
    response = client_for(coordinator).post(
        reverse("activities:schedule_create", args=[activity.pk]),
        {
            "weekdays": ["0", "3"],
            "every_weeks": "1",
            "start_time": "18:00",
            "end_time": "20:00",
            "starts_on": today.isoformat(),
            "skip_holidays": "on",
        },
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get(activity=activity)
    assert schedule.rule == "FREQ=WEEKLY;BYDAY=MO,TH"
    dates = list(activity.sessions.values_list("date", flat=True))
    assert dates and {d.weekday() for d in dates} <= {0, 3}


def test_a_schedule_that_ends_before_it_starts_is_refused(client_for, coordinator, activity):
    response = client_for(coordinator).post(
        reverse("activities:schedule_create", args=[activity.pk]),
        {
            "weekdays": ["0"],
            "every_weeks": "1",
            "start_time": "18:00",
            "end_time": "17:00",
            "starts_on": "2026-03-01",
            "ends_on": "2026-02-01",
        },
    )
    assert response.status_code == 200
    assert not Schedule.objects.exists()


def test_a_one_off_session_has_no_schedule(client_for, coordinator, activity, today):
    client_for(coordinator).post(
        reverse("activities:session_create", args=[activity.pk]),
        {"date": today.isoformat(), "start_time": "11:30", "end_time": "13:00", "note": "Pop-up"},
    )
    session = Session.objects.get(activity=activity)
    assert session.schedule is None and session.note == "Pop-up"


def test_ending_a_schedule_is_post_only(client_for, coordinator, activity, today):
    from .factories import ScheduleFactory

    schedule = ScheduleFactory(activity=activity, starts_on=today - datetime.timedelta(days=30))
    client = client_for(coordinator)
    url = reverse("activities:schedule_end", args=[schedule.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    schedule.refresh_from_db()
    assert schedule.ends_on == today


def test_venues_are_listed_and_created_per_programme(
    client_for, coordinator, programme, other_programme
):
    Venue.objects.create(programme=other_programme, name="Hageby bibliotek")
    client = client_for(coordinator)
    client.post(
        reverse("activities:venue_create"), {"name": "Berga mötesplats", "accessibility": "Ramp"}
    )
    html = client.get(reverse("activities:venue_list")).content.decode()
    assert "Berga mötesplats" in html and "Hageby bibliotek" not in html
    assert Venue.objects.get(name="Berga mötesplats").programme == programme
