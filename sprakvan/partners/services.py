"""Every change in the partners app: organisations, referrals, events and leads, money."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.db.models import Model

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent, new_link_secret
from sprakvan.participants.choices import Source
from sprakvan.participants.models import Participant
from sprakvan.participants.services import register_participant

from .models import Agreement, BudgetLine, Contribution, Cost, Lead, Referral


def save_values(instance: Model, values: dict[str, Any]) -> list[str]:
    """Set the plain fields in `values` on `instance`; returns the names that changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed.append(name)
    instance.full_clean()
    instance.save()
    return changed


@transaction.atomic
def save_organisation(
    *,
    programme: Programme,
    values: dict[str, Any],
    changed_by: User | None,
    organisation: Organisation | None = None,
) -> Organisation:
    created = organisation is None
    organisation = organisation or Organisation(programme=programme)
    changed = save_values(organisation, values)
    log_action(
        "partners.organisation.created" if created else "partners.organisation.changed",
        programme=programme,
        actor=changed_by,
        target=organisation,
        fields=sorted(changed),
    )
    return organisation


@transaction.atomic
def rotate_link[L: (Organisation, OutreachEvent)](owner: L, *, rotated_by: User | None) -> L:
    """A new secret for an organisation's referral link or a fair's sign-up link: every link
    and QR code printed before stops working."""
    owner.link_secret = new_link_secret()
    owner.save(update_fields=["link_secret"])
    kind = "organisation" if isinstance(owner, Organisation) else "outreach"
    log_action(
        f"partners.{kind}.link_rotated", programme=owner.programme, actor=rotated_by, target=owner
    )
    return owner


@transaction.atomic
def refer_person(
    *,
    organisation: Organisation,
    referrer: User | None,
    group: str,
    values: dict[str, Any],
    consent_given_by: str,
    consent_method: str,
    consent_date: datetime.date,
    consent_email: bool = False,
    consent_sms: bool = False,
) -> Referral:
    """A referrer puts a person forward: the person becomes a participant sourced from the
    organisation (flagged for the coordinator) and the referral records the consent."""
    participant = register_participant(
        programme=organisation.programme,
        group=group,
        values={**values, "source": Source.REFERRAL, "source_organisation": organisation},
        source=Source.REFERRAL,
        consent_email=consent_email,
        consent_sms=consent_sms,
        recorded_by=referrer,
    )
    referral = Referral.objects.create(
        programme=organisation.programme,
        organisation=organisation,
        referrer=referrer,
        participant=participant,
        consent_given_by=consent_given_by,
        consent_method=consent_method,
        consent_date=consent_date,
    )
    log_action(
        "partners.referral.created",
        programme=organisation.programme,
        actor=referrer,
        target=referral,
        organisation=organisation.pk,
        participant=participant.pk,
        consent_method=consent_method,
    )
    return referral


@transaction.atomic
def save_outreach_event(
    *,
    programme: Programme,
    values: dict[str, Any],
    staff_present: Any = None,
    changed_by: User | None,
    event: OutreachEvent | None = None,
) -> OutreachEvent:
    created = event is None
    event = event or OutreachEvent(programme=programme)
    changed = save_values(event, values)
    if staff_present is not None:
        event.staff_present.set(staff_present)
    log_action(
        "partners.outreach_event.created" if created else "partners.outreach_event.changed",
        programme=programme,
        actor=changed_by,
        target=event,
        fields=sorted(changed),
    )
    return event


def _registered_match(lead: Lead) -> Participant | None:
    """The participant a lead became: same phone in the programme, registered on or after the
    event (else earlier: the same person anyway); the earliest such registration wins."""
    if not lead.phone:
        return None
    same_phone = Participant.objects.filter(
        programme_id=lead.event.programme_id, phone=lead.phone
    ).current()
    after = same_phone.filter(registered_on__gte=lead.event.date).order_by("registered_on", "id")
    return after.first() or same_phone.order_by("-registered_on", "-id").first()


@transaction.atomic
def capture_lead(
    *,
    event: OutreachEvent,
    first_name: str,
    phone: Any,
    group: str,
    interest: str = "",
    created_by: User | None,
) -> Lead:
    lead = Lead(
        event=event,
        first_name=first_name,
        phone=phone or "",
        group=group,
        interest=interest,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    lead.participant = _registered_match(lead)
    lead.save()
    log_action(
        "partners.lead.captured",
        programme=event.programme,
        actor=created_by,
        target=lead,
        event=event.pk,
        linked=lead.participant_id is not None,
    )
    return lead


@transaction.atomic
def link_registered_leads(programme: Programme, phones: list[str]) -> None:
    """A lead met at a fair becomes linked as soon as the person registers or is imported
    (a hook of participants, see `PartnersConfig.ready`)."""
    if phones:
        link_leads(programme=programme, phones=phones)


def link_leads(
    *, programme: Programme, linked_by: User | None = None, phones: Collection[str] | None = None
) -> int:
    """Link every unlinked lead of the programme whose phone matches a registration (only
    the leads with one of `phones`, if given)."""
    linked = 0
    leads = (
        Lead.objects.filter(event__programme=programme, participant__isnull=True)
        .exclude(phone="")
        .select_related("event")
    )
    if phones is not None:
        leads = leads.filter(phone__in=phones)
    for lead in leads:
        participant = _registered_match(lead)
        if participant is not None:
            lead.participant = participant
            lead.save(update_fields=["participant"])
            linked += 1
    if linked:
        log_action("partners.lead.linked", programme=programme, actor=linked_by, count=linked)
    return linked


@transaction.atomic
def delete_lead(lead: Lead, *, deleted_by: User | None) -> None:
    programme = lead.event.programme
    log_action(
        "partners.lead.deleted",
        programme=programme,
        actor=deleted_by,
        target=lead,
        event=lead.event_id,
    )
    lead.delete()


@transaction.atomic
def save_agreement(
    *,
    programme: Programme,
    values: dict[str, Any],
    parties: Any,
    changed_by: User | None,
    agreement: Agreement | None = None,
) -> Agreement:
    created = agreement is None
    agreement = agreement or Agreement(programme=programme)
    document = values.pop("document", None)
    changed = save_values(agreement, values)
    if document is not None:
        agreement.document = document
        agreement.save(update_fields=["document"])
        changed.append("document")
    agreement.parties.set(parties)
    log_action(
        "partners.agreement.created" if created else "partners.agreement.changed",
        programme=programme,
        actor=changed_by,
        target=agreement,
        fields=sorted(changed),
    )
    return agreement


def save_contribution(
    *,
    agreement: Agreement,
    values: dict[str, Any],
    saved_by: User | None,
    contribution: Contribution | None = None,
    version: str | None = None,
) -> Contribution:
    """Add a contribution to the agreement, or change `contribution` (see `_save_money`)."""
    row = contribution or Contribution(agreement=agreement)
    return _save_money(
        row, values, programme=agreement.programme, saved_by=saved_by, version=version
    )


def delete_contribution(contribution: Contribution, *, deleted_by: User | None) -> None:
    _delete_money(contribution, programme=contribution.agreement.programme, deleted_by=deleted_by)


def save_budget_line(
    *,
    programme: Programme,
    values: dict[str, Any],
    saved_by: User | None,
    line: BudgetLine | None = None,
    version: str | None = None,
) -> BudgetLine:
    """Add a budget line to the programme, or change `line` (see `_save_money`)."""
    row = line or BudgetLine(programme=programme)
    return _save_money(row, values, programme=programme, saved_by=saved_by, version=version)


def delete_budget_line(line: BudgetLine, *, deleted_by: User | None) -> None:
    """Remove a budget line that has no costs (its costs are removed one by one first)."""
    if line.costs.exists():
        raise ValueError("a budget line with costs is not removed")
    _delete_money(line, programme=line.programme, deleted_by=deleted_by)


@transaction.atomic
def _save_money[M: (Contribution, BudgetLine)](
    row: M,
    values: dict[str, Any],
    *,
    programme: Programme,
    saved_by: User | None,
    version: str | None = None,
) -> M:
    """Save a contribution or budget line; the audit log has its year, amount and fields.
    A change with the `version` its form was loaded with raises `EditConflict` if someone
    else saved the row since (it stays locked from the check to the write)."""
    added = row.pk is None
    if not added:
        lock_unchanged(row, version=version)
    changed = save_values(row, values)
    log_action(
        f"partners.{_money_kind(row)}.{'added' if added else 'changed'}",
        programme=programme,
        actor=saved_by,
        target=row,
        year=row.year,
        amount=row.amount,
        fields=changed,
    )
    return row


def _delete_money(
    row: Contribution | BudgetLine | Cost, *, programme: Programme, deleted_by: User | None
) -> None:
    log_action(
        f"partners.{_money_kind(row)}.deleted",
        programme=programme,
        actor=deleted_by,
        target=row,
        amount=row.amount,
    )
    row.delete()


def _money_kind(row: Model) -> str:
    return {Contribution: "contribution", BudgetLine: "budget_line", Cost: "cost"}[type(row)]


def record_cost(
    *, budget_line: BudgetLine, values: dict[str, Any], recorded_by: User | None
) -> Cost:
    cost = Cost(budget_line=budget_line)
    save_values(cost, values)
    log_action(
        "partners.cost.recorded",
        programme=budget_line.programme,
        actor=recorded_by,
        target=cost,
        amount=cost.amount,
    )
    return cost


def delete_cost(cost: Cost, *, deleted_by: User | None) -> None:
    _delete_money(cost, programme=cost.budget_line.programme, deleted_by=deleted_by)
