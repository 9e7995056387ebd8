"""iCalendar (RFC 5545) feeds: a schedule is one VEVENT with its RRULE; cancelled, skipped and
moved occurrences are EXDATEs; one-off and moved sessions are VEVENTs of their own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q
from icalendar import Calendar, Event, vRecur

from . import schedule as rules
from .models import Activity, Schedule, Session

FEED_DAYS_BACK = 400


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=_tz())


def _place(activity: Activity, session: Session | None = None) -> str:
    venue = (session.venue if session else None) or activity.venue
    if venue is None:
        return str(activity.district or "")
    return ", ".join(part for part in [venue.name, venue.address] if part)


def _describe(activity: Activity) -> str:
    return "\n".join(part for part in [activity.description, activity.type_description] if part)


def _schedule_event(
    schedule: Schedule, activity: Activity, host: str, horizon: datetime.date
) -> Event | None:
    end = schedule.ends_on or horizon
    every = rules.expand(
        schedule.rule,
        starts_on=schedule.starts_on,
        ends_on=end,
        window_start=schedule.starts_on,
        window_end=end,
    )
    if not every:
        return None
    first = every[0].date
    season = activity.season
    sessions = {s.occurrence: s for s in schedule.sessions.all()}
    excluded = []
    for occurrence in every:
        session = sessions.get(occurrence.date)
        if session is not None:
            if session.is_cancelled or session.is_moved:
                excluded.append(occurrence.date)
        elif (occurrence.holiday and schedule.skip_holidays) or (
            season and occurrence.date.month not in season
        ):
            excluded.append(occurrence.date)
    parts = rules.parse_rule(schedule.rule)
    if season and "BYMONTH" not in parts:
        parts["BYMONTH"] = ",".join(str(m) for m in sorted(season))
    recur = vRecur.from_ical(";".join(f"{k}={v}" for k, v in parts.items()))
    if schedule.ends_on:
        recur["UNTIL"] = [_at(schedule.ends_on, datetime.time(23, 59, 59)).astimezone(datetime.UTC)]
    event = Event()
    event.add("uid", f"schedule-{schedule.pk}@{host}")
    event.add("summary", activity.title)
    event.add("dtstart", _at(first, schedule.start_time))
    event.add("dtend", _at(first, schedule.end_time))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("rrule", recur)
    if excluded:
        event.add("exdate", [_at(day, schedule.start_time) for day in excluded])
    event.add("location", _place(activity))
    event.add("description", _describe(activity))
    event.add("categories", [str(activity.get_type_display())])
    return event


def _session_event(session: Session, host: str) -> Event:
    activity = session.activity
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("summary", activity.title)
    event.add("dtstart", _at(session.date, session.start_time))
    event.add("dtend", _at(session.date, session.end_time))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("location", _place(activity, session))
    event.add("description", "\n".join(p for p in [session.note, _describe(activity)] if p))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def build_calendar(
    activities: Iterable[Activity], *, name: str, host: str, today: datetime.date
) -> bytes:
    """The feed for these activities (prefetching is done here)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Språkvän//activities//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    horizon = today + datetime.timedelta(days=365)
    since = today - datetime.timedelta(days=FEED_DAYS_BACK)
    ids = [a.pk for a in activities]
    loaded = (
        Activity.objects.filter(pk__in=ids)
        .select_related("venue", "district")
        .prefetch_related(
            Prefetch(
                "schedules",
                queryset=Schedule.objects.prefetch_related(
                    Prefetch(
                        "sessions",
                        queryset=Session.objects.filter(
                            Q(status=Session.Status.CANCELLED) | Q(is_moved=True)
                        ),
                    )
                ),
            ),
        )
    )
    for activity in loaded:
        for schedule in activity.schedules.all():
            event = _schedule_event(schedule, activity, host, horizon)
            if event is not None:
                calendar.add_component(event)
    # One-off sessions, and moved sessions at their new time.
    singles = (
        Session.objects.filter(activity__in=ids, date__gte=since)
        .filter(schedule__isnull=True)
        .select_related("activity", "activity__venue", "activity__district", "venue")
    )
    moved = (
        Session.objects.filter(activity__in=ids, date__gte=since, is_moved=True)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("activity", "activity__venue", "activity__district", "venue")
    )
    for session in [*singles, *moved]:
        calendar.add_component(_session_event(session, host))
    calendar.add_missing_timezones()
    return calendar.to_ical()
