"""One session: adding a one-off, cancelling, restoring and moving it (a move or cancellation of
a session still ahead is told to the activity's reminder subscribers, see `reminders`)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged

from .. import schedule as rules
from ..models import (
    Activity,
    Session,
    Venue,
)
from .preparation import mark_scheduled
from .reminders import tell_subscribers


@transaction.atomic
def add_session(
    activity: Activity,
    *,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    venue: Venue | None = None,
    note: str = "",
    added_by: User | None,
    today: datetime.date | None = None,
) -> Session:
    """A one-off session (no schedule). An activity in preparation becomes running."""
    session = Session(
        programme_id=activity.programme_id,
        activity=activity,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        note=note,
        holiday=rules.swedish_holiday(date),
    )
    session.full_clean()
    mark_scheduled(activity, today=today or timezone.localdate(), venue=venue, by=added_by)
    session.save()
    log_action(
        "activities.session.added",
        programme=activity.programme,
        actor=added_by,
        target=session,
        date=date.isoformat(),
    )
    return session


@transaction.atomic
def cancel_session(
    session: Session, *, cancelled_by: User | None, note: str = "", version: str | None = None
) -> Session:
    was_cancelled = lock_unchanged(session, version=version).is_cancelled
    session.status = Session.Status.CANCELLED
    session.note = note or session.note
    session.save(update_fields=["status", "note"])
    if not was_cancelled:
        tell_subscribers(session, old_date=session.date, old_time=session.start_time)
    log_action(
        "activities.session.cancelled",
        programme=session.programme,
        actor=cancelled_by,
        target=session,
        date=session.date.isoformat(),
    )
    return session


@transaction.atomic
def restore_session(
    session: Session, *, restored_by: User | None, version: str | None = None
) -> Session:
    lock_unchanged(session, version=version)
    session.status = Session.Status.PLANNED
    session.save(update_fields=["status"])
    log_action(
        "activities.session.restored",
        programme=session.programme,
        actor=restored_by,
        target=session,
    )
    return session


@transaction.atomic
def move_session(
    session: Session,
    *,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    venue: Venue | None = None,
    note: str = "",
    moved_by: User | None,
    version: str | None = None,
) -> Session:
    """Move one session; the schedule and its other sessions are untouched."""
    stored = lock_unchanged(session, version=version)
    before = session.date
    # Compared with the row as stored, so a stale object never hides (or invents) a change.
    session.changes = stored.changes
    session.date = date
    session.start_time = start_time
    session.end_time = end_time
    session.venue = venue
    session.note = note
    session.holiday = rules.swedish_holiday(date)
    schedule = session.schedule
    session.is_moved = schedule is not None and (
        date != session.occurrence
        or start_time != schedule.start_time
        or end_time != schedule.end_time
    )
    session.full_clean()
    session.save()
    # The end time alone is not worth a message; the day, the start or the place is.
    if (stored.date, stored.start_time, stored.place) != (date, start_time, session.place):
        tell_subscribers(session, old_date=stored.date, old_time=stored.start_time)
    log_action(
        "activities.session.moved",
        programme=session.programme,
        actor=moved_by,
        target=session,
        moved_from=before.isoformat(),
        moved_to=date.isoformat(),
    )
    return session
