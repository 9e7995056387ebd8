"""Reminders: who asked to hear before an activity's sessions, the reminder the day before,
and the one notice when a session is moved, cancelled or held again after all.

Every message goes through `messaging.services.notify`, keyed so it is queued at most once:

- `reminder:session:<session>:<change number>:participant:<participant>`: from 12:00 (Swedish
  time) the day before until the session starts, by `queue_reminders`, run by every `tick`; a
  change of the session withdraws the reminder still waiting, and the next tick queues one
  that tells the new day, time or place;
- `session_changed:<session>:<change number>:participant:<participant>`: when a session still
  ahead is moved (its day, start time or place) or cancelled. `Session.changes` counts these
  changes, so a second move sends again, and saving the same move again sends nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import formats, timezone, translation

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import notify, withdraw_queued
from sprakvan.messaging.services.notify import language_for
from sprakvan.participants.models import Participant, Status

from ..models import Activity, Attendance, ReminderSubscription, Session
from .attendance import REGULAR_WINDOW_DAYS

REMINDER_HOUR = datetime.time(12)


@transaction.atomic
def subscribe(
    participant: Participant,
    activity: Activity,
    *,
    by: User | None,
    now: datetime.datetime | None = None,
) -> ReminderSubscription:
    """The participant's current subscription to the activity: the one they had, or a new
    dated row."""
    if participant.programme_id != activity.programme_id:
        raise ValueError("The participant belongs to another programme.")
    # Lock the person's row so two clicks at once make one subscription, not an error.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    current = ReminderSubscription.objects.current().filter(
        participant=participant, activity=activity
    )
    found = current.first()
    if found is not None:
        return found
    subscription = ReminderSubscription.objects.create(
        participant=participant,
        activity=activity,
        created_at=now or timezone.now(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(
        "activities.reminder.subscribed",
        programme=activity.programme_id,
        actor=by,
        target=participant,
        activity=activity.pk,
    )
    return subscription


@transaction.atomic
def unsubscribe(
    participant: Participant,
    activity: Activity,
    *,
    by: User | None,
    now: datetime.datetime | None = None,
) -> int:
    """Date the participant's current subscription to the activity as withdrawn; how many
    rows (0 when there was none)."""
    count = (
        ReminderSubscription.objects.current()
        .filter(participant=participant, activity=activity)
        .update(withdrawn_at=now or timezone.now())
    )
    if count:
        log_action(
            "activities.reminder.withdrawn",
            programme=activity.programme_id,
            actor=by,
            target=participant,
            activity=activity.pk,
        )
    return count


def subscribers_of(activity: Activity) -> QuerySet[Participant]:
    """The people currently subscribed who can still hear from the programme."""
    subscribed = ReminderSubscription.objects.current().filter(
        activity=activity, participant=OuterRef("pk")
    )
    return (
        Participant.objects.filter(programme_id=activity.programme_id, erased_at__isnull=True)
        .exclude(status=Status.LEFT)
        .filter(Exists(subscribed))
        .order_by("first_name", "last_name", "id")
    )


def activity_regulars(activity: Activity, *, today: datetime.date) -> QuerySet[Participant]:
    """People who came to the activity in the months up to today."""
    came = Attendance.objects.filter(
        participant=OuterRef("pk"),
        session__activity_id=activity.pk,
        session__date__gte=today - datetime.timedelta(days=REGULAR_WINDOW_DAYS),
        session__date__lte=today,
    )
    return (
        Participant.objects.filter(programme_id=activity.programme_id)
        .current()
        .filter(Exists(came))
        .order_by("first_name", "last_name", "id")
    )


def activity_listed(activity: Activity) -> QuerySet[Participant]:
    """Everyone who ever came to the activity: the people its leaders may look up."""
    came = Attendance.objects.filter(participant=OuterRef("pk"), session__activity_id=activity.pk)
    return (
        Participant.objects.filter(programme_id=activity.programme_id)
        .current()
        .filter(Exists(came))
    )


def find_listed(activity: Activity, text: str) -> QuerySet[Participant]:
    """People on the activity's lists whose first or last name holds every word of `text`."""
    query = Q()
    for word in text.split():
        query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return activity_listed(activity).filter(query) if text.split() else Participant.objects.none()


def reminder_from(session: Session) -> datetime.datetime:
    """The first moment the session's reminder may be queued: 12:00 the day before."""
    day_before = session.date - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_before, REMINDER_HOUR))


def session_words(session: Session, language: str) -> dict[str, object]:
    """What a message says about the session, as text in the message's language."""
    venue = session.place
    with translation.override(language):
        date = formats.date_format(session.date, "l j E")
    return {
        "activity": session.activity.title,
        "date": date,
        "time": session.start_time.strftime("%H:%M"),
        "place": ", ".join(part for part in [venue.name, venue.address] if part) if venue else "",
    }


def queue_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminder of every session that is due (see the module's docstring) for each
    current subscriber; how many were queued now. Running it again queues nothing more."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    subscribed = ReminderSubscription.objects.current().filter(activity=OuterRef("activity"))
    sessions = (
        Session.objects.held()
        .filter(
            date__gte=today,
            date__lte=today + datetime.timedelta(days=1),
            programme__archived_at__isnull=True,
        )
        .filter(Exists(subscribed))
        .select_related("activity", "activity__venue", "venue")
    )
    queued = 0
    for session in sessions:
        if reminder_from(session) <= now < session.start_moment:
            queued += _remind(session, now=now)
    return queued


def reminder_key_prefix(session: Session) -> str:
    return f"reminder:session:{session.pk}:"


@transaction.atomic
def _remind(session: Session, *, now: datetime.datetime) -> int:
    people = {
        f"{reminder_key_prefix(session)}{session.changes}:participant:{person.pk}": person
        for person in subscribers_of(session.activity)
    }
    # Most runs find every reminder queued already: skip those before rendering anything.
    done = set(Message.objects.filter(key__in=list(people)).values_list("key", flat=True))
    for key, person in people.items():
        if key not in done:
            words = session_words(session, language_for(person, kind=Kind.REMINDER))
            notify(person, kind=Kind.REMINDER, key=key, context=words, event_at=now, now=now)
    return len(people.keys() - done)


def tell_subscribers(
    session: Session,
    *,
    old_date: datetime.date,
    old_time: datetime.time,
    now: datetime.datetime | None = None,
) -> int:
    """Count one change of the session and, if it still lies ahead, tell every current
    subscriber once; how many were told. Call inside the transaction of the change."""
    now = now or timezone.now()
    Session.objects.filter(pk=session.pk).update(changes=F("changes") + 1)
    session.refresh_from_db(fields=["changes"])
    # A reminder still waiting tells the old day, time or place: it goes; the next tick queues
    # one with the new (its key carries the change count).
    withdraw_queued(key_prefix=reminder_key_prefix(session))
    if session.start_moment <= now:
        return 0
    old = datetime.datetime.combine(old_date, old_time)
    count = 0
    for person in subscribers_of(session.activity):
        language = language_for(person, kind=Kind.SESSION_CHANGED)
        with translation.override(language):
            old_words = {
                "old_date": formats.date_format(old.date(), "l j E"),
                "old_time": old.strftime("%H:%M"),
            }
        notify(
            person,
            kind=Kind.SESSION_CHANGED,
            key=f"session_changed:{session.pk}:{session.changes}:participant:{person.pk}",
            context={
                **session_words(session, language),
                **old_words,
                "cancelled": session.is_cancelled,
            },
            event_at=now,
            now=now,
        )
        count += 1
    return count
