"""The changes a participant makes on their own page: pause, back, leave, messages on or off.

Changes of intake fields (phone, e-mail, language, times, interests) need no service here: the
views call `participants.services.update_participant` with `changed_by=None` (the person)."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q

from sprakvan.core.audit import log_action
from sprakvan.matching.models import Pair
from sprakvan.matching.services import end_pair
from sprakvan.participants.choices import Channel, Status
from sprakvan.participants.consents import (
    current_consent,
    give_consent,
    notice_version,
    withdraw_consent,
)
from sprakvan.participants.models import ConsentPurpose, Participant
from sprakvan.participants.services import change_status

LONGEST_PAUSE = relativedelta(months=12)


def latest_pause_end(today: datetime.date) -> datetime.date:
    return today + LONGEST_PAUSE


@transaction.atomic
def pause_participant(
    participant: Participant, *, until: datetime.date, today: datetime.date
) -> None:
    """ "I am away until …": no proposals and no waiting-list news until then (see
    `ParticipantQuerySet.available`)."""
    if not today < until <= latest_pause_end(today):
        raise ValueError("A pause ends after today and within 12 months.")
    participant.paused_until = until
    participant.save(update_fields=["paused_until", "updated_at"])
    log_action(
        "privacy.own.paused",
        programme=participant.programme_id,
        target=participant,
        days=(until - today).days,
    )


@transaction.atomic
def resume_participant(participant: Participant) -> None:
    """ "I am back": the pause ends now."""
    if participant.paused_until is None:
        return
    participant.paused_until = None
    participant.save(update_fields=["paused_until", "updated_at"])
    log_action("privacy.own.resumed", programme=participant.programme_id, target=participant)


@transaction.atomic
def leave_programme(participant: Participant, *, today: datetime.date) -> int:
    """The person leaves: every open pair of theirs ends the way a coordinator ends it
    (`matching.services.end_pair`, reason "other"; their friend goes back to waiting), and
    their status becomes left from today. Returns how many pairs ended."""
    # Lock the person's row: two taps on "leave" end each pair once.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    participant.refresh_from_db(fields=["status", "status_changed_on"])
    if participant.status == Status.LEFT:
        return 0
    pairs = list(
        Pair.objects.filter(
            Q(newcomer=participant) | Q(established=participant), state__in=Pair.OPEN_STATES
        )
        .select_related("newcomer", "established", "programme")
        .order_by("id")
    )
    for pair in pairs:
        # A pair cannot end before it started (a start date ahead is the coordinator's entry).
        on = max(today, pair.started_on or today)
        if pair.newcomer_id == participant.pk:
            end_pair(
                pair,
                reason=Pair.EndReason.OTHER,
                on=on,
                ended_by=None,
                newcomer_status=Status.LEFT,
            )
        else:
            end_pair(
                pair, reason=Pair.EndReason.OTHER, on=on, ended_by=None, established_leaves=True
            )
    participant.refresh_from_db(fields=["status", "status_changed_on"])
    change_status(participant, status=Status.LEFT, changed_by=None, on=today)
    log_action(
        "privacy.own.left",
        programme=participant.programme_id,
        target=participant,
        pairs_ended=len(pairs),
    )
    return len(pairs)


@transaction.atomic
def switch_channel(
    participant: Participant, *, channel: str, on: bool, now: datetime.datetime
) -> bool:
    """Messages by SMS or e-mail on (a new consent row to the programme's current notice) or
    off (the current rows dated withdrawn, Art. 7(3)). Returns whether anything changed."""
    if channel not in Channel.values:
        raise ValueError("unknown channel")
    if not on:
        return withdraw_consent(participant, channel=channel, at=now) > 0
    consent = current_consent(participant, purpose=ConsentPurpose.MESSAGES, channel=channel)
    if consent is not None and consent.outdated_at is None:
        return False
    give_consent(
        participant,
        purpose=ConsentPurpose.MESSAGES,
        channel=channel,
        text_version=notice_version(participant.programme_id),
        at=now,
    )
    log_action(
        "privacy.own.consent_given",
        programme=participant.programme_id,
        target=participant,
        purpose=ConsentPurpose.MESSAGES.value,
        channel=channel,
    )
    return True
