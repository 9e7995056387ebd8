"""Attendance: ticking people, walk-ins, new people at the door, and finding people on the lists."""

from __future__ import annotations

import datetime
from typing import Any

import phonenumbers
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Source
from sprakvan.participants.models import Participant
from sprakvan.participants.services import register_participant

from ..models import (
    WALK_IN_FIELDS,
    Attendance,
    Session,
    WalkInCount,
)

# A regular is someone who came to the activity within this many days before the session.
REGULAR_WINDOW_DAYS = 120


def record_attendance(
    session: Session,
    participant: Participant,
    *,
    recorded_by: User | None,
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
def remove_attendance(
    session: Session, participant: Participant, *, removed_by: User | None
) -> bool:
    deleted, _detail = Attendance.objects.filter(session=session, participant=participant).delete()
    if deleted:
        _log_attendance(session, participant, changed_by=removed_by, present=False)
    return deleted > 0


def _log_attendance(
    session: Session,
    participant: Participant,
    *,
    changed_by: User | None,
    present: bool,
    via: str = "",
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
def set_walk_ins(
    session: Session, *, counts: dict[str, int], recorded_by: User | None
) -> WalkInCount:
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
    session: Session, *, group: str, values: dict[str, Any], recorded_by: User | None
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
    """People who came to this activity in the months before the session, or are ticked now.

    One query, flat as the activity's history grows: the window's sessions come from the
    (activity, date) index, their attendance from the (session, participant) one; sessions
    before the window or after this one are never read (bench/attendance_page.py)."""
    since = session.date - datetime.timedelta(days=days)
    window = Session.objects.filter(
        activity_id=session.activity_id, date__gte=since, date__lte=session.date
    ).values("pk")
    came = Attendance.objects.filter(session__in=window).values("participant_id")
    return (
        Participant.objects.filter(programme_id=session.programme_id, pk__in=came)
        .current()
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
