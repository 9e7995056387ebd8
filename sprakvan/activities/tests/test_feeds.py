"""The iCalendar feeds parse, recur, and drop a cancelled session."""

import datetime

import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar

from sprakvan.activities import services

from .factories import ScheduleFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _occurrences(event, until: datetime.datetime) -> list[datetime.datetime]:
    """What a calendar client shows: the RRULE from DTSTART, minus the EXDATEs."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    excluded = set()
    exdates = event.get("exdate")
    for group in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
        excluded |= {item.dt for item in group.dts}
    return [d for d in rule.between(start, until, inc=True) if d not in excluded]


def _feed(client, activity):
    response = client.get(
        reverse("activities_public:activity_feed", args=[activity.programme.slug, activity.pk])
    )
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_a_cancelled_session_disappears_from_the_recurring_event(client, activity, today):
    monday = today - datetime.timedelta(days=today.weekday())
    schedule = ScheduleFactory(
        activity=activity, rule="FREQ=WEEKLY;BYDAY=MO", starts_on=monday, skip_holidays=False
    )
    services.expand_schedule(schedule, start=monday, end=monday + datetime.timedelta(weeks=4))
    cancelled = schedule.sessions.order_by("date")[1]
    until = datetime.datetime.combine(
        monday + datetime.timedelta(weeks=4), datetime.time(23), tzinfo=datetime.UTC
    )

    before = _occurrences(_feed(client, activity).walk("VEVENT")[0], until)
    services.cancel_session(cancelled, cancelled_by=None)
    after_event = _feed(client, activity).walk("VEVENT")[0]
    after = _occurrences(after_event, until)

    assert cancelled.date in [d.date() for d in before]
    assert cancelled.date not in [d.date() for d in after]
    assert len(after) == len(before) - 1
    assert str(after_event["summary"]) == activity.title
    assert after_event.decoded("dtstart").time() == datetime.time(18)


def test_a_moved_session_is_its_own_event_and_is_excluded_from_the_rule(client, activity, today):
    monday = today - datetime.timedelta(days=today.weekday())
    schedule = ScheduleFactory(
        activity=activity, rule="FREQ=WEEKLY;BYDAY=MO", starts_on=monday, skip_holidays=False
    )
    services.expand_schedule(schedule, start=monday, end=monday + datetime.timedelta(weeks=3))
    moved = schedule.sessions.order_by("date")[1]
    services.move_session(
        moved,
        date=moved.date + datetime.timedelta(days=2),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        moved_by=None,
    )
    events = _feed(client, activity).walk("VEVENT")
    until = datetime.datetime.combine(
        monday + datetime.timedelta(weeks=3), datetime.time(23), tzinfo=datetime.UTC
    )
    assert moved.occurrence not in [d.date() for d in _occurrences(events[0], until)]
    single = [e for e in events if "rrule" not in e]
    assert [e.decoded("dtstart").date() for e in single] == [moved.date]


def test_the_programme_feed_holds_every_active_activity_with_a_timezone(
    client, activity, other_activity, today
):
    ScheduleFactory(activity=activity, starts_on=today)
    SessionFactory(activity=other_activity, date=today)
    response = client.get(
        reverse("activities_public:calendar_feed", args=[activity.programme.slug])
    )
    calendar = Calendar.from_ical(response.content)
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == sorted(
        [activity.title, other_activity.title]
    )
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Stockholm"


def test_skipped_holidays_are_excluded_from_the_rule(client, activity):
    schedule = ScheduleFactory(
        activity=activity,
        rule="FREQ=WEEKLY;BYDAY=MO",
        starts_on=datetime.date(2026, 3, 30),
        ends_on=datetime.date(2026, 4, 20),
        skip_holidays=True,
    )
    assert schedule.ends_on is not None
    services.expand_schedule(schedule, start=schedule.starts_on, end=schedule.ends_on)
    event = _feed(client, activity).walk("VEVENT")[0]
    until = datetime.datetime(2026, 4, 30, tzinfo=datetime.UTC)
    assert [d.date() for d in _occurrences(event, until)] == [
        datetime.date(2026, 3, 30),
        datetime.date(2026, 4, 13),
        datetime.date(2026, 4, 20),
    ]


def test_a_cancelled_one_off_session_is_marked_cancelled(client, activity, today):
    single = SessionFactory(activity=activity, date=today)
    services.cancel_session(single, cancelled_by=None)
    event = _feed(client, activity).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"


def test_another_programmes_activity_feed_is_404(client, activity, other_programme):
    url = reverse("activities_public:activity_feed", args=[other_programme.slug, activity.pk])
    assert client.get(url).status_code == 404


def test_a_stopped_activitys_feed_is_404(client, activity):
    activity.is_active = False
    activity.save(update_fields=["is_active"])
    url = reverse("activities_public:activity_feed", args=[activity.programme.slug, activity.pk])
    assert client.get(url).status_code == 404
