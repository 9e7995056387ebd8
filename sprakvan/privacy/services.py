"""Erasure: the person's identifying fields are erased or replaced in every table that holds
them, while the rows the statistics count stay (see docs/privacy.md, "Erasure")."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.activities.models import ReminderCode, ReminderSubscription
from sprakvan.core.audit import log_action
from sprakvan.matching.models import CheckInAnswer
from sprakvan.messaging.models import Message
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.partners.models import Lead, Referral

# What erasure blanks on the participant: everything that identifies or describes the person.
# It keeps the row, and with it group, gender, registered_on, district, status and the dates,
# which the statistics count and which other rows (pairs, attendance, referrals) point to.
PERSONAL_FIELDS: dict[str, Any] = {
    "first_name": "",
    "last_name": "",
    "phone": "",
    "email": "",
    "birth_year": None,
    "notes": "",
    "external_id": "",
    "languages": 0,
    "interests": 0,
    "availability": 0,
    "wish_gender": "",
    "wish_age_min": None,
    "wish_age_max": None,
    "swedish_level": None,
    "preferred_language": "",
}

# The counts per table, in a fixed order (the page, the command and the audit log show them).
type ErasureCounts = dict[str, int]


def _leads(participant: Participant) -> Any:
    """Leads linked to the person, and the programme's unlinked leads with their phone."""
    match = Q(participant=participant)
    if participant.phone:
        match |= Q(
            participant__isnull=True,
            event__programme_id=participant.programme_id,
            phone=participant.phone,
        )
    return Lead.objects.filter(match)


def _messages(participant: Participant) -> Any:
    """Messages to the person, and the programme's messages to their number or address."""
    match = Q(participant=participant)
    addresses = [str(a) for a in (participant.phone, participant.email) if a]
    if addresses:
        match |= Q(programme_id=participant.programme_id, recipient__in=addresses)
    return Message.objects.filter(match)


def _finished_batches(participant: Participant) -> Any:
    """The programme's finished imports: a batch holds a whole file, so their content (no
    longer needed) goes; batches still in preview are left to the coordinator to finish."""
    return ImportBatch.objects.filter(
        programme_id=participant.programme_id,
        state__in=[ImportBatch.State.DONE, ImportBatch.State.FAILED],
    ).exclude(content=b"")


def erasure_preview(participant: Participant) -> ErasureCounts:
    """What `erase_participant` would touch, in counts."""
    return {
        "participant": 0 if participant.erased_at else 1,
        "consents_withdrawn": participant.consents.filter(withdrawn_at__isnull=True).count(),
        "leads": _leads(participant).count(),
        "referrals": Referral.objects.filter(participant=participant).count(),
        "messages": _messages(participant).count(),
        "import_batches": _finished_batches(participant).count(),
        "check_in_comments": CheckInAnswer.objects.filter(participant=participant)
        .exclude(comment="")
        .count(),
        "reminder_subscriptions": ReminderSubscription.objects.filter(
            participant=participant
        ).count(),
        "reminder_codes": ReminderCode.objects.filter(participant=participant).count(),
    }


@transaction.atomic
def erase_participant(
    participant: Participant,
    *,
    requested_by: User | None,
    how: str,
    now: datetime.datetime | None = None,
) -> ErasureCounts:
    """Erase the person's identifying data everywhere; the counted rows stay. Returns counts
    per table. Referrals keep only their link to the (blanked) row: they hold no names."""
    now = now or timezone.now()
    counts = erasure_preview(participant)
    # Before the participant's phone and e-mail are blanked: they find leads and messages.
    _leads(participant).update(first_name="", phone="", interest="")
    _messages(participant).update(recipient="", subject="", body="", html_body="")
    _finished_batches(participant).update(content=b"")
    CheckInAnswer.objects.filter(participant=participant).update(comment="")
    ReminderSubscription.objects.filter(participant=participant).delete()
    ReminderCode.objects.filter(participant=participant).delete()
    # The dated consent rows stay as the proof that consent was given and withdrawn.
    participant.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    for name, value in PERSONAL_FIELDS.items():
        setattr(participant, name, value)
    participant.erased_at = participant.erased_at or now
    participant.save(update_fields=[*PERSONAL_FIELDS, "erased_at", "updated_at"])
    log_action(
        "privacy.participant.erased",
        programme=participant.programme,
        actor=requested_by,
        target=participant,
        how=how,
        counts=counts,
    )
    return counts
