"""When a message may go out: the quiet hours (Swedish time) and the daily SMS budget."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum

from sprakvan.participants.models import Channel

from ..models import Message, MessagingSettings

SWEDEN = ZoneInfo("Europe/Stockholm")
# Rows that reached the provider (or may have) today count against the budget.
SPENT = [
    Message.Status.SENDING,
    Message.Status.SENT,
    Message.Status.DELIVERED,
    Message.Status.UNKNOWN,
]


def sending_window(
    programme_settings: MessagingSettings,
) -> tuple[datetime.time, datetime.time] | None:
    """The hours messages may go out, from (inclusive) and until (exclusive); None: any time.
    The deployment's MESSAGES_QUIET_HOURS ("08-20" or "off") overrides the programme's."""
    override = settings.MESSAGES_QUIET_HOURS.strip().lower()
    if override == "off":
        return None
    if override:
        found = re.fullmatch(r"(\d{1,2})-(\d{1,2})", override)
        if not found or int(found[1]) > 23 or int(found[2]) > 24:
            raise ImproperlyConfigured(
                f"MESSAGES_QUIET_HOURS must be like '08-20' (hours) or 'off', not {override!r}."
            )
        start, end = int(found[1]), int(found[2])
        return datetime.time(start), datetime.time(0) if end == 24 else datetime.time(end)
    if programme_settings.quiet_start == programme_settings.quiet_end:
        return None
    return programme_settings.quiet_start, programme_settings.quiet_end


def next_window_start(
    window: tuple[datetime.time, datetime.time] | None, now: datetime.datetime
) -> datetime.datetime | None:
    """None when `now` is inside the window; otherwise the next moment the window opens."""
    if window is None:
        return None
    start, end = window
    local = now.astimezone(SWEDEN)
    moment = local.time()
    # A window may run past midnight (22:00–06:00).
    inside = start <= moment < end if start < end else (moment >= start or moment < end)
    if inside:
        return None
    day = local.date() if moment < start else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, start, tzinfo=SWEDEN)


def next_day_start(
    window: tuple[datetime.time, datetime.time] | None, now: datetime.datetime
) -> datetime.datetime:
    """Tomorrow when the window opens (at midnight without quiet hours), Swedish time."""
    tomorrow = now.astimezone(SWEDEN).date() + datetime.timedelta(days=1)
    start = window[0] if window else datetime.time(0)
    return datetime.datetime.combine(tomorrow, start, tzinfo=SWEDEN)


def sms_parts_spent_today(programme_id: int, now: datetime.datetime) -> int:
    """SMS parts of the programme that went (or may have gone) to the provider today."""
    today = now.astimezone(SWEDEN).date()
    midnight = datetime.datetime.combine(today, datetime.time(0), SWEDEN)
    next_midnight = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(0), SWEDEN
    )
    spent = Message.objects.filter(
        programme_id=programme_id,
        channel=Channel.SMS,
        status__in=SPENT,
        sending_at__gte=midnight,
        sending_at__lt=next_midnight,
    ).aggregate(parts=Sum("parts"))["parts"]
    return spent or 0
