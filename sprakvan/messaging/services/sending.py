"""Sending one message: the checks at send time, the claim (SENDING, committed before the
provider is called), the provider's answer and what it means for a retry."""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sprakvan.participants.models import Channel

from ..models import Message
from ..segments import sms_parts
from ..sms import SmsNotSent, SmsRejected, SmsUnknown, get_sms_backend
from .email import build_email, open_mail_connection
from .notify import ask_for_renewal
from .outbox import UNCONDITIONAL, reason_not_to_send, settings_for
from .timing import next_day_start, next_window_start, sending_window, sms_parts_spent_today

MAX_ATTEMPTS = 3
# After a send that surely did not reach the provider: wait, then try again.
BACKOFF = [datetime.timedelta(minutes=1), datetime.timedelta(minutes=5)]
SENDABLE = [Message.Status.QUEUED, Message.Status.HELD]


@dataclass
class Outcome:
    status: str
    reason: str = ""
    fields: dict[str, Any] = field(default_factory=dict)


def send_message(message_id: int, *, now: datetime.datetime | None = None) -> Message:
    """What the worker runs for one message. Only a QUEUED or HELD message that is due goes
    on; everything that may stop it is checked again now; then the row is marked SENDING and
    committed before the provider is called, so a worker killed from there on leaves it
    SENDING, and it is never sent again by itself (see `mark_stale_sending`)."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked: two workers handed the same message (a release and a retry) send it once.
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("programme", "participant")
            .get(pk=message_id)
        )
        if message.status not in SENDABLE or (message.send_after and message.send_after > now):
            return message
        if _held_or_stopped(message, now):
            message.save()
            if message.status == Message.Status.HELD:
                from ..tasks import enqueue_send

                enqueue_send(message.pk, after=message.send_after)
            return message
        message.status = Message.Status.SENDING
        message.attempts += 1
        message.sending_at = now
        message.reason = ""
        if message.channel == Channel.SMS:
            message.parts = sms_parts(message.body).parts
        message.save()

    outcome = _deliver(message, now)
    with transaction.atomic():
        # Still ours: only a SENDING row (or one a stale check made UNKNOWN meanwhile).
        Message.objects.filter(
            pk=message.pk, status__in=[Message.Status.SENDING, Message.Status.UNKNOWN]
        ).update(status=outcome.status, reason=outcome.reason, **outcome.fields)
        if outcome.status == Message.Status.QUEUED:
            from ..tasks import enqueue_send

            enqueue_send(message.pk, after=outcome.fields["send_after"])
    message.refresh_from_db()
    return message


def _held_or_stopped(message: Message, now: datetime.datetime) -> bool:
    """Set the message CANCELLED, FAILED or HELD (and True) when it may not go out now."""
    if message.kind not in UNCONDITIONAL:
        reason = reason_not_to_send(message.participant, channel=message.channel, kind=message.kind)
        if reason:
            message.status, message.reason = Message.Status.CANCELLED, reason
            if reason == "consent_outdated" and message.participant is not None:
                ask_for_renewal(message.participant, channel=message.channel, now=now)
            return True
    programme_settings = settings_for(message.programme)
    if message.channel == Channel.SMS and not programme_settings.sms_sender:
        message.status, message.reason, message.failed_at = Message.Status.FAILED, "no_sender", now
        return True
    if message.kind in UNCONDITIONAL:
        return False  # a STOP answer or a code goes at once, whatever the hour or the budget
    window = sending_window(programme_settings)
    opens = next_window_start(window, now)
    if opens is not None:
        message.status, message.reason = Message.Status.HELD, "quiet_hours"
        message.send_after = opens
        return True
    if message.channel == Channel.SMS:
        spent = sms_parts_spent_today(message.programme_id, now)
        if spent + sms_parts(message.body).parts > programme_settings.daily_sms_budget:
            message.status, message.reason = Message.Status.HELD, "budget"
            message.send_after = next_day_start(window, now)
            return True
    return False


def _deliver(message: Message, now: datetime.datetime) -> Outcome:
    if message.channel == Channel.SMS:
        return _deliver_sms(message, now)
    return _deliver_email(message, now)


def _retry_or_fail(message: Message, now: datetime.datetime) -> Outcome:
    if message.attempts >= MAX_ATTEMPTS:
        return Outcome(Message.Status.FAILED, "not_sent", {"failed_at": now})
    wait = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
    return Outcome(Message.Status.QUEUED, "not_sent", {"send_after": now + wait})


def _deliver_sms(message: Message, now: datetime.datetime) -> Outcome:
    sender = settings_for(message.programme).sms_sender
    try:
        result = get_sms_backend().send(
            sender=sender, to=message.recipient, text=message.body, delivery_url=delivery_url()
        )
    except SmsNotSent:
        return _retry_or_fail(message, now)
    except SmsRejected:
        return Outcome(Message.Status.FAILED, "rejected", {"failed_at": now})
    except SmsUnknown:
        return Outcome(Message.Status.UNKNOWN, "provider_unclear")
    return Outcome(
        Message.Status.SENT,
        fields={
            "provider_id": result.provider_id,
            "parts": result.parts,
            "cost": result.cost,
            "sent_at": now,
        },
    )


def _deliver_email(message: Message, now: datetime.datetime) -> Outcome:
    email = build_email(message, sender_name=settings_for(message.programme).sender_name)
    try:
        connection = open_mail_connection()
    except (OSError, smtplib.SMTPException):
        # No connection, so nothing went out: safe to try again.
        return _retry_or_fail(message, now)
    try:
        connection.send_messages([email])
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused):
        return Outcome(Message.Status.FAILED, "rejected", {"failed_at": now})
    except smtplib.SMTPResponseException as error:
        # The server answered the message itself: 5xx refused it for good, 4xx not yet.
        if 500 <= error.smtp_code < 600:
            return Outcome(Message.Status.FAILED, "rejected", {"failed_at": now})
        if 400 <= error.smtp_code < 500:
            return _retry_or_fail(message, now)
        return Outcome(Message.Status.UNKNOWN, "provider_unclear")
    except (OSError, smtplib.SMTPException):
        # The server may have taken the message before the error.
        return Outcome(Message.Status.UNKNOWN, "provider_unclear")
    finally:
        connection.close()
    return Outcome(Message.Status.SENT, fields={"sent_at": now})


def delivery_url() -> str | None:
    """Where the provider reports delivery; None while the hooks are off."""
    if not settings.SMS_WEBHOOK_TOKEN:
        return None
    path = reverse("messaging_public:sms_delivered", kwargs={"token": settings.SMS_WEBHOOK_TOKEN})
    return settings.SITE_URL.rstrip("/") + path
