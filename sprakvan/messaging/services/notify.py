"""Telling one participant about something: the channel, the language, the text, the outbox.

What apps above messaging call when their domain says a message is due. The caller chooses
the key (one message per key, ever) and passes the moment of the event: history (the demo,
an import, a catch-up long after) never causes a message.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sprakvan.core.models import Programme
from sprakvan.participants.consents import current_consent, may_message
from sprakvan.participants.models import Channel, ConsentPurpose, Participant

from ..defaults import TEMPLATE_LANGUAGES
from ..models import Kind, Message, MessageTemplate, MessagingSettings
from ..rendering import render_message
from ..segments import sms_parts
from ..sms import is_two_way
from .email import own_page_url
from .outbox import queue_message, settings_for

# An event older than this is history: nobody is told about it any more.
TOO_OLD = datetime.timedelta(days=1)


def notify(
    participant: Participant,
    *,
    kind: str,
    key: str,
    context: dict[str, object],
    event_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    channel: str | None = None,
) -> Message | None:
    """Queue the message of this kind to this person (once per key), or None when the event
    is history or the person has neither a phone nor an e-mail they agreed to be written to.
    `context` holds ready strings; `first_name` and `programme` are added. The channel is
    chosen by `channel_for` unless given."""
    now = now or timezone.now()
    if event_at is not None and event_at < now - TOO_OLD:
        return None
    channel = channel or channel_for(participant)
    if channel is None:
        return None
    programme = participant.programme
    language = language_for(participant, kind=kind)
    values: dict[str, object] = {
        "first_name": participant.first_name,
        "programme": programme.name,
    } | context
    rendered = render_message(programme, kind=kind, language=language, context=values)
    body = rendered.text
    if channel == Channel.SMS:
        body = sms_body(body, programme=programme, language=language)
    return queue_message(
        programme=programme,
        participant=participant,
        channel=channel,
        kind=kind,
        key=key,
        subject=rendered.subject if channel == Channel.EMAIL else "",
        body=body,
        html_body=rendered.html if channel == Channel.EMAIL else "",
        language=language,
        now=now,
    )


def ask_for_renewal(
    participant: Participant, *, channel: str, now: datetime.datetime | None = None
) -> Message | None:
    """When a message was paused because the person's consent on this channel was given to an
    older notice: the one message that may still go, asking them to agree to the new one on
    their page. Once per paused consent row (its key), so a second paused message does not ask
    twice; None when the consent is not paused."""
    consent = current_consent(participant, purpose=ConsentPurpose.MESSAGES, channel=channel)
    if consent is None or consent.outdated_at is None:
        return None
    return notify(
        participant,
        kind=Kind.CONSENT_RENEWAL,
        key=f"consent_renewal:{consent.pk}",
        context={"link": own_page_url(participant.programme)},
        now=now,
        channel=channel,
    )


def channel_for(participant: Participant) -> str | None:
    """SMS when they agreed to SMS and have a phone; else e-mail when they agreed to e-mail
    and have an address; else SMS to a phone anyway, so the outbox shows the message as not
    sent for want of consent (the coordinator sees it); else None."""
    if participant.phone and may_message(participant, channel=Channel.SMS):
        return Channel.SMS
    if participant.email and may_message(participant, channel=Channel.EMAIL):
        return Channel.EMAIL
    if participant.phone:
        return Channel.SMS
    return None


def language_for(participant: Participant, *, kind: str = "") -> str:
    """Their language when there is a text in it (a default, or the programme's own template
    of this kind); Swedish otherwise."""
    language = participant.preferred_language or "sv"
    if language in TEMPLATE_LANGUAGES:
        return language
    own = MessageTemplate.objects.filter(programme=participant.programme_id, language=language)
    if kind and own.filter(kind=kind).exists():
        return language
    return "sv"


def send_receipt(participant: Participant) -> None:
    """The receipt after a registration (a hook of `register_participant`). Only today's
    registrations get one: an import or the demo with an older `registered_on` is history."""
    now = timezone.now()
    today = timezone.localdate(now)
    if participant.registered_on >= today:
        event_at = now
    else:
        start = datetime.datetime.combine(participant.registered_on, datetime.time.min)
        event_at = timezone.make_aware(start)
    notify(
        participant,
        kind=Kind.RECEIPT,
        key=f"receipt:participant:{participant.pk}",
        context={},
        event_at=event_at,
        now=now,
    )


def sms_body(text: str, *, programme: Programme, language: str) -> str:
    """The text, the link to the person's own page when it adds no SMS part, and how to
    stop (which always counts)."""
    stop = how_to_stop(settings_for(programme), language)
    plain = f"{text}\n{stop}"
    with translation.override(language):
        line = _("My page: %(url)s") % {"url": own_page_url(programme)}
    linked = f"{text}\n{line}\n{stop}"
    return linked if sms_parts(linked).parts == sms_parts(plain).parts else plain


def how_to_stop(settings: MessagingSettings, language: str) -> str:
    """The last line of every SMS: answer STOP to a number; a sender name cannot be answered,
    so the SMS names the phone to call or text instead (docs/messaging.md)."""
    with translation.override(language):
        if not settings.sms_sender or is_two_way(settings.sms_sender):
            return _("Reply STOP for no more SMS.")
        return _("No more SMS? Call or text %(phone)s.") % {"phone": settings.stop_contact}
