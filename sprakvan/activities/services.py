"""Every change to activities: schedules and their sessions, cancellations, attendance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import phonenumbers
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Source
from sprakvan.participants.models import Participant
from sprakvan.participants.services import register_participant

from . import schedule as rules
from .models import (
    WALK_IN_FIELDS,
    Activity,
    ActivityType,
    Attendance,
    Schedule,
    Session,
    Venue,
    WalkInCount,
)

DEFAULT_WEEKS_AHEAD = 8
# A regular is someone who came to the activity within this many days before the session.
REGULAR_WINDOW_DAYS = 120


# --- activities and schedules -------------------------------------------------------------


@transaction.atomic
def save_activity(
    activity: Activity, *, leaders: Any = None, saved_by: Any, version: str | None = None
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
    added_by: Any,
    today: datetime.date,
    weeks: int = DEFAULT_WEEKS_AHEAD,
) -> Schedule:
    """A recurring schedule for the activity, expanded into sessions for the coming weeks."""
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
def end_schedule(schedule: Schedule, *, last_day: datetime.date, ended_by: Any) -> int:
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


# --- one session ----------------------------------------------------------------------------


def add_session(
    activity: Activity,
    *,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    venue: Venue | None = None,
    note: str = "",
    added_by: Any,
) -> Session:
    """A one-off session (no schedule)."""
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
    session: Session, *, cancelled_by: Any, note: str = "", version: str | None = None
) -> Session:
    lock_unchanged(session, version=version)
    session.status = Session.Status.CANCELLED
    session.note = note or session.note
    session.save(update_fields=["status", "note"])
    log_action(
        "activities.session.cancelled",
        programme=session.programme,
        actor=cancelled_by,
        target=session,
        date=session.date.isoformat(),
    )
    return session


@transaction.atomic
def restore_session(session: Session, *, restored_by: Any, version: str | None = None) -> Session:
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
    moved_by: Any,
    version: str | None = None,
) -> Session:
    """Move one session; the schedule and its other sessions are untouched."""
    lock_unchanged(session, version=version)
    before = session.date
    session.date = date
    session.start_time = start_time
    session.end_time = end_time
    session.venue = venue
    session.note = note
    session.holiday = rules.swedish_holiday(date)
    session.is_moved = session.schedule_id is not None and (
        date != session.occurrence
        or start_time != session.schedule.start_time  # type: ignore[union-attr]
        or end_time != session.schedule.end_time  # type: ignore[union-attr]
    )
    session.full_clean()
    session.save()
    log_action(
        "activities.session.moved",
        programme=session.programme,
        actor=moved_by,
        target=session,
        moved_from=before.isoformat(),
        moved_to=date.isoformat(),
    )
    return session


# --- attendance ------------------------------------------------------------------------------


def record_attendance(
    session: Session,
    participant: Participant,
    *,
    recorded_by: Any,
    via: str = Attendance.Via.LEADER,
) -> tuple[Attendance, bool]:
    """Tick a participant as present. Ticking twice (a double submit) keeps one row."""
    if participant.programme_id != session.programme_id:
        raise ValueError("The participant belongs to another programme.")
    user = recorded_by if getattr(recorded_by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session, participant=participant, via=via, recorded_by=user
            )
            _log_attendance(session, participant, changed_by=user, present=True, via=via)
            return attendance, True
    except IntegrityError:
        return Attendance.objects.get(session=session, participant=participant), False


@transaction.atomic
def remove_attendance(session: Session, participant: Participant, *, removed_by: Any) -> bool:
    deleted, _detail = Attendance.objects.filter(session=session, participant=participant).delete()
    if deleted:
        _log_attendance(session, participant, changed_by=removed_by, present=False)
    return deleted > 0


def _log_attendance(
    session: Session, participant: Participant, *, changed_by: Any, present: bool, via: str = ""
) -> None:
    """Every tick and untick is logged (ids only), so a misused list can be traced."""
    log_action(
        "activities.attendance.changed",
        programme=session.programme_id,
        actor=changed_by,
        target=participant,
        session=session.pk,
        present=present,
        **({"via": str(via)} if via else {}),
    )


@transaction.atomic
def set_walk_ins(session: Session, *, counts: dict[str, int], recorded_by: Any) -> WalkInCount:
    """The walk-ins of a session by group and gender (replaces the earlier counts)."""
    values = {name: max(int(counts.get(name) or 0), 0) for _g, _s, name in WALK_IN_FIELDS}
    row, _created = WalkInCount.objects.update_or_create(session=session, defaults=values)
    log_action(
        "activities.walk_ins.counted",
        programme=session.programme,
        actor=recorded_by,
        target=session,
        total=row.total,
    )
    return row


@transaction.atomic
def add_new_person(
    session: Session, *, group: str, values: dict[str, Any], recorded_by: Any
) -> Participant:
    """Someone new at the door: a participant the coordinator completes later (needs review),
    present at this session."""
    participant = register_participant(
        programme=session.programme,
        group=group,
        values={**values, "district": values.get("district") or session.activity.district},
        source=Source.STAFF,
        recorded_by=recorded_by,
        registered_on=session.date,
    )
    if not participant.needs_review:
        Participant.objects.filter(pk=participant.pk).update(needs_review=True)
        participant.needs_review = True
    record_attendance(session, participant, recorded_by=recorded_by, via=Attendance.Via.NEW)
    return participant


def regulars_of(session: Session, *, days: int = REGULAR_WINDOW_DAYS) -> QuerySet[Participant]:
    """People who came to this activity in the months before the session, or are ticked now."""
    since = session.date - datetime.timedelta(days=days)
    earlier = Attendance.objects.filter(
        participant=OuterRef("pk"),
        session__activity_id=session.activity_id,
        session__date__gte=since,
        session__date__lte=session.date,
    )
    return (
        Participant.objects.filter(programme_id=session.programme_id)
        .current()
        .filter(Exists(earlier))
        .order_by("first_name", "last_name", "id")
    )


def listed_for(session: Session) -> QuerySet[Participant]:
    """Everyone on the activity's lists: people who came to any of its sessions, this one
    included, at any time. They are the only people a leader may look up or tick."""
    came = Attendance.objects.filter(
        participant=OuterRef("pk"), session__activity_id=session.activity_id
    )
    people = Participant.objects.filter(programme_id=session.programme_id).current()
    return people.filter(Exists(came))


def find_on_list(session: Session, text: str) -> QuerySet[Participant]:
    """People on the activity's lists whose first or last name holds every word of `text`.
    Names only: a phone number or an e-mail address finds nobody here."""
    words = text.split()
    if not words:
        return Participant.objects.none()
    query = Q()
    for word in words:
        query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return listed_for(session).filter(query)


def find_for_checkin(programme: Programme, text: str) -> Participant | None:
    """The one participant a phone number or a full name points to, else None."""
    text = " ".join(text.split())
    if not text:
        return None
    people = Participant.objects.filter(programme=programme).current()
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 6:
        try:
            number = phonenumbers.parse(text, "SE")
        except phonenumbers.NumberParseException:
            return None
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        matches = list(people.filter(phone=e164)[:2])
    else:
        first, _sep, last = text.partition(" ")
        if not last:
            return None
        matches = list(people.filter(first_name__iexact=first, last_name__iexact=last)[:2])
    return matches[0] if len(matches) == 1 else None


# --- pointing waiting people to activities ---------------------------------------------------


@dataclass(frozen=True)
class NearbyActivity:
    activity: Activity
    distance: int  # 0 same district, 1 a neighbouring district, 2 elsewhere
    next_session: Session | None


def nearest_activities(
    participant: Participant, limit: int = 3, *, today: datetime.date | None = None
) -> list[NearbyActivity]:
    """The weekly activities closest to where the participant lives: same district first,
    then neighbouring districts, then the rest; language cafés before other types."""
    from django.utils import timezone

    today = today or timezone.localdate()
    district = participant.district
    neighbour_ids: set[int] = set()
    if district is not None:
        neighbour_ids = set(district.neighbours.values_list("pk", flat=True))
    activities = (
        Activity.objects.filter(programme_id=participant.programme_id)
        .weekly()
        .filter(Q(schedules__ends_on__isnull=True) | Q(schedules__ends_on__gte=today))
        .select_related("venue", "district")
        .annotate(upcoming=Count("sessions", filter=Q(sessions__date__gte=today), distinct=True))
    )

    def distance(activity: Activity) -> int:
        if district is not None and activity.district_id == district.pk:
            return 0
        if activity.district_id in neighbour_ids:
            return 1
        return 2

    ranked = sorted(
        activities,
        key=lambda a: (distance(a), a.type != ActivityType.LANGUAGE_CAFE, -a.upcoming, a.title),
    )[:limit]
    next_sessions: dict[int, Session] = {}
    for session in (
        Session.objects.held()
        .filter(activity__in=[a.pk for a in ranked], date__gte=today)
        .order_by("date", "start_time")
    ):
        next_sessions.setdefault(session.activity_id, session)
    return [NearbyActivity(a, distance(a), next_sessions.get(a.pk)) for a in ranked]
