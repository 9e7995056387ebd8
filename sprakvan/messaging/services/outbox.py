"""The outbox: queueing a message once per key, releasing what is due, giving up on stale sends.

A message's life:

    QUEUED ─▶ SENDING ─▶ SENT ─▶ DELIVERED           (the provider's delivery report)
      │  ▲       │         └───▶ FAILED "not_delivered"
      │  │       ├─▶ QUEUED (surely not sent: retried after 1, 5 min; FAILED after 3 attempts)
      │  │       ├─▶ FAILED "rejected"                (a bad number, no credit: never retried)
      │  │       └─▶ UNKNOWN                          (a 5xx, a timeout, a worker killed
      ▼  │                                             mid-send: never sent again by itself)
    HELD (quiet hours, budget: until send_after)
    CANCELLED (no consent, left or erased, the kind switched off, no address)
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from sprakvan.core.models import Programme
from sprakvan.participants.consents import consent_outdated, may_message
from sprakvan.participants.models import Channel, ConsentPurpose, Participant, Status

from ..models import Kind, Message, MessagingSettings

# Sent at once, whatever the consent, the hour or the budget: the answer to STOP (even though
# consent is now withdrawn: the law expects it), and a code or sign-in link the person just
# asked for.
UNCONDITIONAL = {Kind.CONSENT_CONFIRMATION, Kind.CODE, Kind.SIGN_IN}
STALE_SENDING = datetime.timedelta(minutes=10)


def settings_for(programme: Programme) -> MessagingSettings:
    found, _created = MessagingSettings.objects.get_or_create(programme=programme)
    return found


def address_of(participant: Participant, channel: str) -> str:
    if channel == Channel.SMS:
        return str(participant.phone) if participant.phone else ""
    return participant.email


def queue_message(
    *,
    programme: Programme,
    participant: Participant,
    channel: str,
    kind: str,
    key: str,
    subject: str = "",
    body: str,
    html_body: str = "",
    language: str,
    now: datetime.datetime | None = None,
) -> Message:
    """The message with this key: the one queued before, or a new one. A message that may
    not be sent is still written, CANCELLED with the reason, so the key stays used and the
    coordinator sees why. The send itself happens in the worker, after commit."""
    now = now or timezone.now()
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    recipient = address_of(participant, channel)
    reason = _reason_not_to_queue(programme, participant, channel=channel, kind=kind)
    if not reason and not recipient:
        reason = "no_address"
    try:
        with transaction.atomic():
            message = Message.objects.create(
                programme=programme,
                participant=participant,
                channel=channel,
                kind=kind,
                key=key,
                subject=subject,
                body=body,
                html_body=html_body,
                language=language,
                recipient=recipient,
                status=Message.Status.CANCELLED if reason else Message.Status.QUEUED,
                reason=reason,
                queued_at=now,
            )
    except IntegrityError:
        # Queued at the same moment by someone else: theirs is the message.
        return Message.objects.get(key=key)
    if not reason:
        from ..tasks import enqueue_send

        enqueue_send(message.pk)
    elif reason == "consent_outdated":
        from .notify import ask_for_renewal  # notify builds on this module

        ask_for_renewal(participant, channel=channel, now=now)
    return message


def _reason_not_to_queue(
    programme: Programme, participant: Participant, *, channel: str, kind: str
) -> str:
    if kind in UNCONDITIONAL:
        return ""
    if kind not in settings_for(programme).kinds_enabled:
        return "kind_off"
    return reason_not_to_send(participant, channel=channel, kind=kind)


def reason_not_to_send(participant: Participant | None, *, channel: str, kind: str = "") -> str:
    """Why this person may not get a message on this channel now ("" when they may). A
    consent paused by a newer notice stops every message but the one asking to renew it."""
    if participant is None or participant.erased_at is not None:
        return "erased"
    if participant.status == Status.LEFT:
        return "left"
    if may_message(participant, channel=channel):
        return ""
    if consent_outdated(participant, purpose=ConsentPurpose.MESSAGES, channel=channel):
        return "" if kind == Kind.CONSENT_RENEWAL else "consent_outdated"
    return "no_consent"


def release_due(*, now: datetime.datetime | None = None) -> int:
    """Hand every queued or held message that is due to the worker; how many. A message
    already being sent is not touched (it is never sent twice)."""
    explicit = now is not None
    now = now or timezone.now()
    from ..tasks import enqueue_send

    due = list(
        Message.objects.filter(status__in=[Message.Status.QUEUED, Message.Status.HELD])
        .exclude(send_after__gt=now)
        .values_list("pk", flat=True)
    )
    for pk in due:
        enqueue_send(pk, at=now if explicit else None)
    return len(due)


def mark_stale_sending(
    *, now: datetime.datetime | None = None, older_than: datetime.timedelta = STALE_SENDING
) -> int:
    """Messages left SENDING too long (their worker died, or the provider never answered)
    become UNKNOWN: they may have gone out, so they are never resent by themselves; the
    coordinator decides. How many."""
    now = now or timezone.now()
    return Message.objects.filter(
        status=Message.Status.SENDING, sending_at__lt=now - older_than
    ).update(status=Message.Status.UNKNOWN, reason="stale")


def withdraw_queued(*, key_prefix: str) -> int:
    """Messages not yet handed to a provider whose key starts with `key_prefix` become
    CANCELLED ("outdated"): e.g. the reminder of a session that was moved or cancelled since.
    How many. A message being sent or sent is left as it is."""
    return Message.objects.filter(
        key__startswith=key_prefix, status__in=[Message.Status.QUEUED, Message.Status.HELD]
    ).update(status=Message.Status.CANCELLED, reason="outdated")
