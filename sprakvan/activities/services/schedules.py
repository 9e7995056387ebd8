"""Activities and their schedules: saving, adding, ending and expanding into sessions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme

from .. import schedule as rules
from ..models import (
    Activity,
    Attendance,
    Schedule,
    Session,
    Venue,
    WalkInCount,
)
from .preparation import mark_scheduled

DEFAULT_WEEKS_AHEAD = 8


@transaction.atomic
def save_activity(
    activity: Activity, *, leaders: Any = None, saved_by: User | None, version: str | None = None
) -> Activity:
    """Create or change an activity; its district defaults to its venue's. A change with the
    `version` its form was loaded with raises `EditConflict` if someone else saved since."""
    created = activity.pk is None
    if not created:
        lock_unchanged(activity, version=version)
    if activity.district_id is None and activity.venue_id:
        activity.district_id = Venue.objects.values_list("district", flat=True).get(
            pk=activity.venue_id
        )
    activity.full_clean()
    activity.save()
    if leaders is not None:
        activity.leaders.set(leaders)
    log_action(
        "activities.activity.created" if created else "activities.activity.changed",
        programme=activity.programme,
        actor=saved_by,
        target=activity,
    )
    return activity


@transaction.atomic
def add_schedule(
    activity: Activity,
    *,
    rule: str,
    start_time: datetime.time,
    end_time: datetime.time,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    skip_holidays: bool = True,
    added_by: User | None,
    today: datetime.date,
    weeks: int = DEFAULT_WEEKS_AHEAD,
    venue: Venue | None = None,
) -> Schedule:
    """A recurring schedule for the activity, expanded into sessions for the coming weeks.
    An activity in preparation becomes running (at `venue`, when one is given)."""
    schedule = Schedule(
        activity=activity,
        rule=rule,
        start_time=start_time,
        end_time=end_time,
        starts_on=starts_on,
        ends_on=ends_on,
        skip_holidays=skip_holidays,
    )
    schedule.full_clean()
    mark_scheduled(activity, today=today, venue=venue, by=added_by)
    schedule.save()
    expand_schedule(
        schedule,
        start=max(starts_on, today),
        end=today + datetime.timedelta(weeks=weeks),
        today=today,
    )
    log_action(
        "activities.schedule.added",
        programme=activity.programme,
        actor=added_by,
        target=activity,
        rule=rule,
    )
    return schedule


@transaction.atomic
def end_schedule(schedule: Schedule, *, last_day: datetime.date, ended_by: User | None) -> int:
    """Stop the schedule after `last_day`; its later sessions without attendance go away."""
    schedule.ends_on = max(last_day, schedule.starts_on)
    schedule.save(update_fields=["ends_on"])
    later = _removable(schedule.sessions.filter(date__gt=schedule.ends_on, is_moved=False))
    removed, _detail = later.delete()
    log_action(
        "activities.schedule.ended",
        programme=schedule.activity.programme,
        actor=ended_by,
        target=schedule.activity,
        last_day=schedule.ends_on.isoformat(),
    )
    return removed


def _removable(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Planned sessions nobody has recorded anything on."""
    return sessions.filter(status=Session.Status.PLANNED).filter(
        ~Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        ~Exists(WalkInCount.objects.filter(session=OuterRef("pk"))),
    )


def expand_schedule(
    schedule: Schedule,
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
) -> int:
    """Make the schedule's sessions in [start, end] match its rule; returns how many were made.

    Idempotent: a session is keyed by its occurrence date, so cancelled and moved sessions
    stay as they are. Planned sessions from `today` on that the rule no longer gives (and that
    have no attendance) are removed.
    """
    activity = schedule.activity
    wanted = {
        occ.date: occ
        for occ in rules.expand(
            schedule.rule,
            starts_on=schedule.starts_on,
            ends_on=schedule.ends_on,
            window_start=start,
            window_end=end,
            skip_holidays=schedule.skip_holidays,
            season_months=activity.season,
        )
    }
    existing = set(
        schedule.sessions.filter(occurrence__gte=start, occurrence__lte=end).values_list(
            "occurrence", flat=True
        )
    )
    new = [
        Session(
            programme_id=activity.programme_id,
            activity=activity,
            schedule=schedule,
            occurrence=day,
            date=day,
            start_time=schedule.start_time,
            end_time=schedule.end_time,
            holiday=occ.holiday,
        )
        for day, occ in sorted(wanted.items())
        if day not in existing
    ]
    Session.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    stale = existing - wanted.keys()
    if stale and today is not None:
        _removable(
            schedule.sessions.filter(occurrence__in=stale, occurrence__gte=today, is_moved=False)
        ).delete()
    new_horizon = max(end, schedule.expanded_until or end)
    if schedule.expanded_until != new_horizon:
        schedule.expanded_until = new_horizon
        schedule.save(update_fields=["expanded_until"])
    return len(new)


def expand_sessions(
    *,
    today: datetime.date,
    weeks: int = DEFAULT_WEEKS_AHEAD,
    programme: Programme | None = None,
    since: datetime.date | None = None,
) -> int:
    """Expand every active activity's schedules up to `weeks` ahead (the daily command)."""
    schedules = Schedule.objects.filter(activity__is_active=True).select_related("activity")
    if programme is not None:
        schedules = schedules.filter(activity__programme=programme)
    end = today + datetime.timedelta(weeks=weeks)
    created = 0
    for schedule in schedules:
        with transaction.atomic():
            created += expand_schedule(schedule, start=since or today, end=end, today=today)
    return created
