"""Waiting-list news: every 60 days of waiting, a word that the person is still on the list,
with the activities nearest to them this week, so nobody waits in silence.

The n-th message (key `waiting_news:participant:<id>:<n>`) is due when the person has waited
n × 60 days; it is queued only within 7 days of that mark, so a late run (or the demo's
years of history) sends no burst of old news. Nobody away (`paused_until` after today) gets
news. Run daily by `tick`.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone, translation

from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import notify
from sprakvan.messaging.services.notify import language_for
from sprakvan.participants.models import Participant

from .nearby import nearest_activities

NEWS_EVERY_DAYS = 60
# A mark missed by more than this is left alone (like the check-ins' 14 days).
LATE_DAYS = 7
NEAREST = 3


def news_number(days_waited: int) -> int | None:
    """Which news is due after this many days of waiting, or None: n when the n-th mark
    (n × 60 days) lies within the last 7 days."""
    n = days_waited // NEWS_EVERY_DAYS
    if n < 1 or days_waited - n * NEWS_EVERY_DAYS >= LATE_DAYS:
        return None
    return n


def activities_line(participant: Participant, language: str, *, today: datetime.date) -> str:
    """The nearest activities with a session in the coming week, as one line in the
    language: "Språkcafé Skäggetorp måndag 17:00, …"."""
    week_end = today + datetime.timedelta(days=7)
    words = []
    with translation.override(language):
        for nearby in nearest_activities(participant, limit=NEAREST, today=today):
            session = nearby.next_session
            if session is None or session.date >= week_end:
                continue
            day = formats.date_format(session.date, "l")
            words.append(f"{nearby.activity.title} {day} {session.start_time:%H:%M}")
    return ", ".join(words)


def queue_waiting_news(*, now: datetime.datetime | None = None) -> int:
    """Queue the news that is due for every waiting participant; how many were queued now.
    Running it again queues nothing more."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = (
        Participant.objects.waiting()
        .available(today)
        .filter(
            programme__archived_at__isnull=True,
            registered_on__lte=today - datetime.timedelta(days=NEWS_EVERY_DAYS),
        )
        .select_related("programme", "district")
    )
    due: dict[str, Participant] = {}
    for person in waiting:
        n = news_number(person.days_waited(today))
        if n is not None:
            due[f"waiting_news:participant:{person.pk}:{n}"] = person
    done = set(Message.objects.filter(key__in=list(due)).values_list("key", flat=True))
    queued = 0
    for key, person in due.items():
        if key in done:
            continue
        language = language_for(person, kind=Kind.WAITING_NEWS)
        message = notify(
            person,
            kind=Kind.WAITING_NEWS,
            key=key,
            context={"activities": activities_line(person, language, today=today)},
            event_at=now,
            now=now,
        )
        queued += message is not None
    return queued
