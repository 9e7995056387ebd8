"""People who agreed to messages, and the programme's sending settings, for the outbox tests."""

from __future__ import annotations

import datetime
from typing import Any

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message, MessagingSettings
from sprakvan.messaging.services import queue_message, settings_for
from sprakvan.participants.consents import give_consent
from sprakvan.participants.models import Channel, ConsentPurpose, Participant
from sprakvan.participants.tests.factories import ParticipantFactory

SWEDEN = datetime.timezone(datetime.timedelta(hours=1))  # Stockholm in winter (CET)
# A Monday in December, at one in the afternoon in Stockholm: inside the default 08–20.
AFTERNOON = datetime.datetime(2026, 12, 7, 13, 0, tzinfo=SWEDEN)
PROGRAMME_NUMBER = "+46766861234"


def sending_programme(programme: Programme, **changes: Any) -> MessagingSettings:
    """The programme sends SMS from its own number (so people can answer STOP)."""
    found = settings_for(programme)
    found.sms_sender = PROGRAMME_NUMBER
    for name, value in changes.items():
        setattr(found, name, value)
    found.save()
    return found


def consenting(
    programme: Programme,
    *,
    sms: bool = True,
    email: bool = True,
    language: str = "sv",
    **fields: Any,
) -> Participant:
    person = ParticipantFactory(
        programme=programme,
        preferred_language=language,
        email=fields.pop("email_address", "amal@example.org"),
        **fields,
    )
    given = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    for channel, wanted in [(Channel.SMS, sms), (Channel.EMAIL, email)]:
        if wanted:
            give_consent(
                person,
                purpose=ConsentPurpose.MESSAGES,
                channel=channel,
                text_version="2026-01",
                at=given,
            )
    return person


def queue_reminder(
    person: Participant,
    *,
    channel: str = Channel.SMS,
    key: str = "reminder:session:1:participant:1",
    body: str = "Hej! Språkcafé i morgon kl. 17 på Skäggetorps bibliotek.",
    now: datetime.datetime = AFTERNOON,
) -> Message:
    return queue_message(
        programme=person.programme,
        participant=person,
        channel=channel,
        kind=Kind.REMINDER,
        key=key,
        subject="Språkcafé i morgon" if channel == Channel.EMAIL else "",
        body=body,
        language=person.preferred_language,
        now=now,
    )
