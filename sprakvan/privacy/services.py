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
from sprakvan.participants.models import Consent, ImportBatch, Participant
from sprakvan.partners.models import Lead, Referral

from .models import SignInToken

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


def _people(participant: Participant) -> list[Participant]:
    """The person and their second sign-ups still waiting to be merged or dismissed (rows of
    their own, with the same name, phone or e-mail, counted nowhere)."""
    duplicates = Participant.objects.filter(possible_duplicate_of=participant, erased_at=None)
    return [participant, *duplicates]


def _leads(people: list[Participant]) -> Any:
    """Leads linked to the person, and the programme's unlinked leads with their phone."""
    match = Q(participant__in=people)
    phones = [p.phone for p in people if p.phone]
    if phones:
        match |= Q(
            participant__isnull=True,
            event__programme_id=people[0].programme_id,
            phone__in=phones,
        )
    return Lead.objects.filter(match)


def _messages(people: list[Participant]) -> Any:
    """Messages to the person, and the programme's messages to their number or address."""
    match = Q(participant__in=people)
    addresses = sorted({str(a) for p in people for a in (p.phone, p.email) if a})
    if addresses:
        match |= Q(programme_id=people[0].programme_id, recipient__in=addresses)
    return Message.objects.filter(match)


def _finished_batches(participant: Participant) -> Any:
    """The programme's finished imports: a batch holds a whole file, so their content (no
    longer needed) goes, and so does an error, which may quote a row; batches still in
    preview are left to the coordinator to finish."""
    return ImportBatch.objects.filter(
        programme_id=participant.programme_id,
        state__in=[ImportBatch.State.DONE, ImportBatch.State.FAILED],
    ).filter(~Q(content=b"") | ~Q(error=""))


def erasure_preview(participant: Participant) -> ErasureCounts:
    """What `erase_participant` would touch, in counts ("participant" counts the person and
    their second sign-ups waiting to be merged)."""
    people = _people(participant)
    return {
        "participant": sum(p.erased_at is None for p in people),
        "consents_withdrawn": Consent.objects.filter(
            participant__in=people, withdrawn_at__isnull=True
        ).count(),
        "leads": _leads(people).count(),
        "referrals": Referral.objects.filter(participant__in=people).count(),
        "messages": _messages(people).count(),
        "import_batches": _finished_batches(participant).count(),
        "check_in_comments": CheckInAnswer.objects.filter(participant__in=people)
        .exclude(comment="")
        .count(),
        "reminder_subscriptions": ReminderSubscription.objects.filter(
            participant__in=people
        ).count(),
        "reminder_codes": ReminderCode.objects.filter(participant__in=people).count(),
        "sign_in_tokens": SignInToken.objects.filter(participant__in=people).count(),
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
    # The person's waiting second sign-ups are the same person: they go too.
    people = _people(participant)
    # Before the participant's phone and e-mail are blanked: they find leads and messages.
    _leads(people).update(first_name="", phone="", interest="")
    _messages(people).update(recipient="", subject="", body="", html_body="")
    _finished_batches(participant).update(content=b"", error="")
    CheckInAnswer.objects.filter(participant__in=people).update(comment="")
    ReminderSubscription.objects.filter(participant__in=people).delete()
    ReminderCode.objects.filter(participant__in=people).delete()
    # Every sign-in link and code of the person stops working.
    SignInToken.objects.filter(participant__in=people).delete()
    # The dated consent rows stay as the proof that consent was given and withdrawn.
    Consent.objects.filter(participant__in=people, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    for person in people:
        for name, value in PERSONAL_FIELDS.items():
            setattr(person, name, value)
        person.erased_at = person.erased_at or now
        person.save(update_fields=[*PERSONAL_FIELDS, "erased_at", "updated_at"])
    log_action(
        "privacy.participant.erased",
        programme=participant.programme,
        actor=requested_by,
        target=participant,
        how=how,
        counts=counts,
    )
    return counts
