"""Every change to participants: registration, editing, status, duplicates, consent."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme

from . import hooks
from .consents import give_consent, notice_version
from .models import Channel, Consent, ConsentPurpose, Participant, Source, Status

# The intake fields a registration or an edit may set (never programme, status or erasure).
EDITABLE_FIELDS = {
    "group",
    "external_id",
    "first_name",
    "last_name",
    "phone",
    "email",
    "gender",
    "birth_year",
    "district",
    "languages",
    "swedish_level",
    "interests",
    "availability",
    "wish_gender",
    "wish_age_min",
    "wish_age_max",
    "is_family",
    "accepts_family",
    "capacity",
    "source",
    "source_organisation",
    "source_event",
    "heard_about",
    "registered_on",
    "preferred_language",
    "notes",
}


def find_existing(
    programme: Programme, *, phone: Any = None, email: str = "", exclude: int | None = None
) -> Participant | None:
    """The participant this person already is in the programme, by phone or e-mail."""
    match = Q()
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    if not match:
        return None
    qs = Participant.objects.filter(programme=programme).current().filter(match)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("registered_on", "id").first()


def _intake(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in EDITABLE_FIELDS}


@transaction.atomic
def register_participant(
    *,
    programme: Programme,
    group: str,
    values: dict[str, Any],
    source: str = Source.SELF_REGISTRATION,
    consent_email: bool = False,
    consent_sms: bool = False,
    recorded_by: User | None = None,
    registered_on: datetime.date | None = None,
) -> Participant:
    """A new person in the programme, with their consent. A second sign-up by the same phone
    or e-mail is kept aside as a possible duplicate for the coordinator to merge or dismiss.
    Then every `hooks.after_registration` is called with the participant (inside this
    transaction)."""
    fields = _intake(values)
    fields.update(group=group, source=values.get("source") or source)
    fields.setdefault("registered_on", registered_on or timezone.localdate())
    existing = find_existing(programme, phone=fields.get("phone"), email=fields.get("email", ""))
    participant = Participant.objects.create(
        programme=programme,
        possible_duplicate_of=existing,
        needs_review=existing is not None or source != Source.SELF_REGISTRATION,
        status_changed_on=fields["registered_on"],
        # The notes' retention clock (privacy.purge clears notes 12 months after writing).
        notes_written_on=timezone.localdate() if fields.get("notes") else None,
        **fields,
    )
    record_consent(
        participant,
        purpose=ConsentPurpose.REGISTRATION,
        by_email=consent_email,
        by_sms=consent_sms,
        recorded_by=recorded_by,
    )
    log_action(
        "participants.participant.registered",
        programme=programme,
        actor=recorded_by,
        target=participant,
        group=group,
        source=participant.source,
        possible_duplicate=existing is not None,
    )
    hooks.call_phones_registered(programme, [str(participant.phone)] if participant.phone else [])
    for hook in hooks.after_registration:
        hook(participant)
    return participant


def record_consent(
    participant: Participant,
    *,
    purpose: str,
    by_email: bool = False,
    by_sms: bool = False,
    recorded_by: User | None = None,
    text_version: str | None = None,
) -> list[Consent]:
    """What a form asked at once: the purpose's own row (registration has no channel) and a
    message consent row for each channel ticked, all given at the same moment, to the
    programme's current notice unless `text_version` names another (an import)."""
    now = timezone.now()
    text_version = text_version or notice_version(participant.programme_id)
    rows = []
    if purpose != ConsentPurpose.MESSAGES:
        rows.append(
            give_consent(
                participant,
                purpose=purpose,
                text_version=text_version,
                at=now,
                recorded_by=recorded_by,
            )
        )
    for ticked, channel in ((by_email, Channel.EMAIL), (by_sms, Channel.SMS)):
        if ticked:
            rows.append(
                give_consent(
                    participant,
                    purpose=ConsentPurpose.MESSAGES,
                    channel=channel,
                    text_version=text_version,
                    at=now,
                    recorded_by=recorded_by,
                )
            )
    return rows


@transaction.atomic
def update_participant(
    participant: Participant,
    *,
    values: dict[str, Any],
    changed_by: User | None,
    version: str | None = None,
) -> list[str]:
    """Write the changed intake fields; returns the names of the fields that changed. With the
    `version` an edit form was loaded with, raises `EditConflict` if someone else changed an
    intake field since (the row stays locked from the check to the write)."""
    lock_unchanged(participant, version=version, fields=EDITABLE_FIELDS)
    changed = []
    for field, value in _intake(values).items():
        if getattr(participant, field) != value:
            setattr(participant, field, value)
            changed.append(field)
    if changed:
        participant.full_clean()
        written = ["notes_written_on"] if "notes" in changed else []
        if written:
            participant.notes_written_on = timezone.localdate() if participant.notes else None
        # Only the changed fields: a status set meanwhile (not an intake field) is kept.
        participant.save(update_fields=[*changed, *written, "updated_at"])
        log_action(
            "participants.participant.changed",
            programme=participant.programme,
            actor=changed_by,
            target=participant,
            fields=sorted(changed),
        )
    return changed


@transaction.atomic
def change_status(
    participant: Participant,
    *,
    status: str,
    changed_by: User | None,
    on: datetime.date | None = None,
) -> None:
    if participant.status == status:
        return
    old = participant.status
    participant.status = status
    participant.status_changed_on = on or timezone.localdate()
    participant.save(update_fields=["status", "status_changed_on", "updated_at"])
    log_action(
        "participants.status.changed",
        programme=participant.programme,
        actor=changed_by,
        target=participant,
        old=old,
        new=status,
    )


@transaction.atomic
def merge_duplicate(duplicate: Participant, *, merged_by: User | None) -> Participant:
    """Fold a second registration into the first: newer contact and intake answers win,
    consents, referrals, leads and attendance move over, the second row goes away."""
    original = duplicate.possible_duplicate_of
    if original is None:
        raise ValueError("only a flagged possible duplicate can be merged")
    keep = {"group", "registered_on", "source", "source_organisation", "external_id", "notes"}
    for field in EDITABLE_FIELDS - keep:
        value = getattr(duplicate, field)
        if value not in (None, "", 0):
            setattr(original, field, value)
    if duplicate.notes:
        original.notes = "\n".join(filter(None, [original.notes, duplicate.notes]))
        # The merged notes are as old as their newest part.
        dates = [original.notes_written_on, duplicate.notes_written_on]
        original.notes_written_on = max((d for d in dates if d), default=None)
    original.save()
    duplicate.consents.update(participant=original)
    # A referral or a fair lead follows the person, not the registration row.
    duplicate.referrals.update(participant=original)
    duplicate.leads.update(participant=original)
    # So does what they came to: a session both rows came to keeps the first row's tick.
    # (Through the reverse relation: activities stands above participants.)
    duplicate.attendances.filter(session__in=original.attendances.values("session")).delete()
    duplicate.attendances.update(participant=original)
    log_action(
        "participants.duplicate.merged",
        programme=original.programme,
        actor=merged_by,
        target=original,
        merged_id=duplicate.pk,
    )
    duplicate.delete()
    return original


def dismiss_duplicate(duplicate: Participant, *, dismissed_by: User | None) -> None:
    """Not the same person after all: the registration becomes a participant of its own."""
    duplicate.possible_duplicate_of = None
    duplicate.save(update_fields=["possible_duplicate_of", "updated_at"])
    log_action(
        "participants.duplicate.dismissed",
        programme=duplicate.programme,
        actor=dismissed_by,
        target=duplicate,
    )


def mark_reviewed(participant: Participant, *, reviewed_by: User | None) -> None:
    participant.needs_review = False
    participant.save(update_fields=["needs_review", "updated_at"])
    log_action(
        "participants.participant.reviewed",
        programme=participant.programme,
        actor=reviewed_by,
        target=participant,
    )


__all__ = ["Status"]
