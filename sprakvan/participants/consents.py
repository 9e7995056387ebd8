"""Consent per purpose and channel: what is current, giving, withdrawing, and who may be messaged.

A consent is a dated row (purpose, channel, text version); withdrawing dates the row and keeps
it. The registration consent has no channel; message consent is one row per channel, so SMS and
e-mail are given and withdrawn separately.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action

from .models import Consent, ConsentPurpose, Participant, PrivacyNotice, Status

# The platform's standard notice, before a programme publishes its own version.
STANDARD_NOTICE_VERSION = "2026-01"


def current_consent(participant: Participant, *, purpose: str, channel: str = "") -> Consent | None:
    """The newest row of that purpose and channel that is not withdrawn."""
    return (
        Consent.objects.filter(
            participant=participant, purpose=purpose, channel=channel, withdrawn_at__isnull=True
        )
        .order_by("-given_at", "-id")
        .first()
    )


def may_message(participant: Participant, *, channel: str) -> bool:
    """The one question messaging asks before sending: a current message consent for this
    channel, not paused by a newer notice, from someone who has neither left nor been erased."""
    if participant.erased_at is not None or participant.status == Status.LEFT:
        return False
    consent = current_consent(participant, purpose=ConsentPurpose.MESSAGES, channel=channel)
    return consent is not None and consent.outdated_at is None


def consent_outdated(participant: Participant, *, purpose: str, channel: str = "") -> bool:
    """True when the person's current consent for this purpose (and channel) was given to an
    older notice that changed the purpose: paused until they agree to the new text."""
    consent = current_consent(participant, purpose=purpose, channel=channel)
    return consent is not None and consent.outdated_at is not None


def current_notice(programme_id: int) -> PrivacyNotice | None:
    return PrivacyNotice.objects.filter(programme_id=programme_id).first()


def notice_version(programme_id: int) -> str:
    """The version a consent given now agrees to: the programme's newest notice, else the
    platform's standard notice."""
    notice = current_notice(programme_id)
    return notice.version if notice else STANDARD_NOTICE_VERSION


def give_consent(
    participant: Participant,
    *,
    purpose: str,
    channel: str = "",
    text_version: str,
    at: datetime.datetime,
    recorded_by: User | None = None,
) -> Consent:
    return Consent.objects.create(
        participant=participant,
        purpose=purpose,
        channel=channel,
        text_version=text_version,
        given_at=at,
        # An anonymous visitor (self-registration) is recorded as no one: they gave it themselves.
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )


@transaction.atomic
def withdraw_consent(
    participant: Participant,
    *,
    channel: str,
    at: datetime.datetime,
    recorded_by: User | None = None,
    purpose: str = ConsentPurpose.MESSAGES,
) -> int:
    """Date every current row of that purpose and channel as withdrawn; returns how many."""
    count = Consent.objects.filter(
        participant=participant, purpose=purpose, channel=channel, withdrawn_at__isnull=True
    ).update(withdrawn_at=at)
    if count:
        log_action(
            "participants.consent.withdrawn",
            programme=participant.programme_id,
            actor=recorded_by,
            target=participant,
            purpose=purpose,
            channel=channel,
            rows=count,
        )
    return count
