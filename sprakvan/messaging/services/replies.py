"""What the SMS provider tells us: delivery reports and incoming SMS (STOP withdraws consent)."""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils import timezone

from sprakvan.participants.consents import withdraw_consent
from sprakvan.participants.models import Channel, Participant

from ..models import Kind, Message, MessagingSettings
from ..rendering import render_message
from .notify import language_for
from .outbox import queue_message

STOP = re.compile(r"\s*stopp?[\s.!]*", re.IGNORECASE)
REPORTED = [Message.Status.SENDING, Message.Status.SENT, Message.Status.UNKNOWN]


def record_delivery_report(
    *, provider_id: str, status: str, delivered: str = "", now: datetime.datetime | None = None
) -> int:
    """The provider's word on one SMS: delivered, or failed on the way. An id we do not know
    changes nothing. How many messages changed (0 or 1)."""
    now = now or timezone.now()
    if not provider_id:
        return 0
    messages = Message.objects.filter(
        provider_id=provider_id, channel=Channel.SMS, status__in=REPORTED
    )
    if status == "delivered":
        return messages.update(
            status=Message.Status.DELIVERED, reason="", delivered_at=_moment(delivered) or now
        )
    if status == "failed":
        return messages.update(status=Message.Status.FAILED, reason="not_delivered", failed_at=now)
    return 0


def _moment(text: str) -> datetime.datetime | None:
    """46elks writes UTC times without a zone ("2026-05-04T16:39:09.571000")."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def is_stop(text: str) -> bool:
    return STOP.fullmatch(text) is not None


@transaction.atomic
def handle_incoming_sms(
    *, provider_id: str, sender: str, to: str, text: str, now: datetime.datetime | None = None
) -> Message | None:
    """An SMS to one of our numbers. STOP (or STOPP) withdraws, at once and dated, the SMS
    consent of everyone with the sender's phone in the programmes whose SMS sender is the
    number written to (in every programme when none is: the person asked to hear nothing
    more, and a shared number cannot tell us which programme they meant), and queues one
    confirmation. Anything else is left for the coordinator's phone."""
    now = now or timezone.now()
    if not is_stop(text) or not sender:
        return None
    found = Participant.objects.filter(phone=sender, erased_at__isnull=True).select_related(
        "programme"
    )
    programmes = list(
        MessagingSettings.objects.filter(sms_sender=to).values_list("programme_id", flat=True)
    )
    if programmes:
        found = found.filter(programme_id__in=programmes)
    people = list(found.order_by("programme_id", "pk"))
    withdrawn = [p for p in people if withdraw_consent(p, channel=Channel.SMS, at=now)]
    if not people:
        return None
    person = (withdrawn or people)[0]
    language = language_for(person, kind=Kind.CONSENT_CONFIRMATION)
    # The programme's own wording when the coordinator changed it (messaging:template_edit).
    rendered = render_message(
        person.programme,
        kind=Kind.CONSENT_CONFIRMATION,
        language=language,
        context={"programme": person.programme.name},
    )
    return queue_message(
        programme=person.programme,
        participant=person,
        channel=Channel.SMS,
        kind=Kind.CONSENT_CONFIRMATION,
        key=f"stop:{provider_id}" if provider_id else f"stop:{person.pk}:{now.isoformat()}",
        body=rendered.text,
        language=language,
        now=now,
    )


def unsubscribe_email(message: Message, *, now: datetime.datetime | None = None) -> int:
    """The person an e-mail was sent to wants no more e-mail: their e-mail consent is
    withdrawn, dated. How many consent rows that ended (0 when already withdrawn)."""
    if message.participant is None:
        return 0
    return withdraw_consent(message.participant, channel=Channel.EMAIL, at=now or timezone.now())
