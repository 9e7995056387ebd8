"""The Linköping demo's partners, referrals, fairs with their leads, the IOP and its money.

Deterministic and idempotent: it only adds what is missing. It never creates participants:
referrals and leads attach to the demo people whose source is "referral" or "fair", so the
registration totals of 2019 stay exactly the source document's.

The money: the contributions are the source's (600 000 kr a year from the municipality,
477 600 kr from the Red Cross: overhead, premises, travel). The 2019 budget lines and the
dated costs are invented, the source gives none: monthly salary, rent and travel, quarterly
overhead and a few hall bookings. For Jan–Oct 2019 they give about 878 000 kr of costs against
898 000 kr of budget (10/12 of the year's), some 12 400 kr per new pair (÷ 71).
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from sprakvan.accounts.models import Membership, Role, User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent, offers_mask
from sprakvan.participants.choices import Group, Source
from sprakvan.participants.models import Participant
from sprakvan.partners.models import (
    Agreement,
    AgreementKind,
    BudgetLine,
    ConsentGiver,
    ConsentMethod,
    Contribution,
    Cost,
    Lead,
    Referral,
)

from .data import (
    AGREEMENT_END,
    AGREEMENT_START,
    AGREEMENT_TITLE,
    BUDGET_2019,
    CONTRIBUTIONS,
    FAIRS,
    INTERESTS,
    LEAD_NAMES,
    MUNICIPALITY,
    NOTES,
    ORGANISATIONS,
    RED_CROSS,
    REFERRERS,
    REGISTERS_WITHIN,
    Fair,
)

__all__ = [
    "AGREEMENT_END",
    "AGREEMENT_START",
    "AGREEMENT_TITLE",
    "BUDGET_2019",
    "CONTRIBUTIONS",
    "FAIRS",
    "INTERESTS",
    "LEAD_NAMES",
    "MUNICIPALITY",
    "NOTES",
    "ORGANISATIONS",
    "RED_CROSS",
    "REFERRERS",
    "REGISTERS_WITHIN",
    "Fair",
    "load",
]


@transaction.atomic
def load(programme: Programme, *, today: datetime.date) -> None:
    organisations = _organisations(programme)
    _referrals(programme, organisations)
    _fairs(programme, organisations, today=today)
    _agreement(programme, organisations)
    _budget_2019(programme, today=today)


def _organisations(programme: Programme) -> dict[str, Organisation]:
    result = {}
    for name, kind, offers in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            programme=programme, name=name, defaults={"kind": kind}
        )
        if organisation.offers == 0:
            # Filled once: a coordinator's later edits stay.
            organisation.kind = kind
            organisation.offers = offers_mask(offers)
            organisation.notes = organisation.notes or NOTES.get(name, "")
            organisation.save(update_fields=["kind", "offers", "notes"])
        result[name] = organisation
    return result


def _at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), datetime.UTC)


def _referrals(programme: Programme, organisations: dict[str, Organisation]) -> None:
    """Each 2019 demo participant whose source is a referral gets one of the three referrers."""
    referred = list(
        Participant.objects.filter(
            programme=programme,
            source=Source.REFERRAL,
            registered_on__year=2019,
            referrals__isnull=True,
        ).order_by("external_id")
    )
    referrer_users = {
        m.organisation_id: m.user
        for m in Membership.objects.filter(programme=programme, role=Role.REFERRER).select_related(
            "user"
        )
    }
    names = [name for name, _w in REFERRERS]
    weights = [w for _n, w in REFERRERS]
    for participant in referred:
        rng = random.Random(f"referral-{participant.external_id}")
        organisation = organisations[rng.choices(names, weights)[0]]
        if participant.source_organisation_id is None:
            Participant.objects.filter(pk=participant.pk).update(source_organisation=organisation)
        else:
            organisation = participant.source_organisation  # type: ignore[assignment]
        referral = Referral.objects.create(
            programme=programme,
            organisation=organisation,
            referrer=referrer_users.get(organisation.pk),
            participant=participant,
            consent_given_by=ConsentGiver.PERSON,
            consent_method=rng.choice(
                [ConsentMethod.IN_PERSON] * 3 + [ConsentMethod.PHONE, ConsentMethod.WRITTEN]
            ),
            consent_date=participant.registered_on,
        )
        Referral.objects.filter(pk=referral.pk).update(
            created_at=_at_noon(participant.registered_on)
        )


def _fairs(
    programme: Programme, organisations: dict[str, Organisation], *, today: datetime.date
) -> None:
    districts = {d.name: d for d in programme.districts.all()}
    coordinator = (
        Membership.objects.filter(programme=programme, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("id")
        .first()
    )
    events: list[tuple[Fair, OutreachEvent, bool]] = []
    for fair in FAIRS:
        if fair.date > today:
            continue
        event, created = OutreachEvent.objects.get_or_create(
            programme=programme,
            name=fair.name,
            date=fair.date,
            defaults={
                "kind": fair.kind,
                "place": fair.place,
                "district": districts.get(fair.district or ""),
                "co_organiser": organisations.get(fair.co_organiser or ""),
            },
        )
        if created and coordinator:
            event.staff_present.add(coordinator.user)
        events.append((fair, event, not event.leads.exists()))
    # Who came from the fairs: "fair" participants of 2019 who registered shortly after one.
    came = Participant.objects.filter(
        programme=programme, source=Source.FAIR, registered_on__year=2019
    ).order_by("external_id")
    for participant in came:
        candidates = [
            (fair, event)
            for fair, event, _new in events
            if 0 <= (participant.registered_on - fair.date).days <= REGISTERS_WITHIN
        ]
        if participant.source_event_id is None and candidates:
            rng = random.Random(f"fair-{participant.external_id}")
            established = participant.group == Group.ESTABLISHED
            weights = [
                fair.established_pull if established else 6 - fair.established_pull
                for fair, _e in candidates
            ]
            _fair, event = rng.choices(candidates, weights)[0]
            Participant.objects.filter(pk=participant.pk).update(source_event=event)
            participant.source_event = event
    for fair, event, needs_leads in events:
        if needs_leads:
            _leads(event, fair, coordinator.user if coordinator else None)


def _leads(event: OutreachEvent, fair: Fair, created_by: User | None) -> None:
    """Two in three who registered through the event left their number first; about as many
    again left a number and never registered."""
    rng = random.Random(f"leads-{fair.name}")
    registered = list(event.registered_participants.order_by("external_id"))
    leads = [
        Lead(
            event=event,
            first_name=p.first_name,
            phone=p.phone,
            group=p.group,
            interest=rng.choice(INTERESTS),
            created_by=created_by,
            participant=p,
        )
        for p in registered
        if rng.random() < 0.67
    ]
    for _i in range(len(leads) + rng.randint(4, 12)):
        leads.append(
            Lead(
                event=event,
                first_name=rng.choice(LEAD_NAMES),
                # +4673…: a range the demo participants never use, so these stay unlinked.
                phone=f"+4673{rng.randint(0, 9_999_999):07d}",
                group=Group.ESTABLISHED
                if rng.random() < 0.1 * fair.established_pull
                else Group.NEWCOMER,
                interest=rng.choice(INTERESTS),
                created_by=created_by,
            )
        )
    created = Lead.objects.bulk_create(leads)
    Lead.objects.filter(pk__in=[lead.pk for lead in created]).update(created_at=_at_noon(fair.date))


def _agreement(programme: Programme, organisations: dict[str, Organisation]) -> None:
    agreement, created = Agreement.objects.get_or_create(
        programme=programme,
        title=AGREEMENT_TITLE,
        defaults={
            "kind": AgreementKind.IOP,
            "starts_on": AGREEMENT_START,
            "ends_on": AGREEMENT_END,
            "purpose": (
                "Att tillsammans verka för ett mer inkluderande Linköping genom möten mellan "
                "människor, för att underlätta nyanländas etablering i kommunen."
            ),
        },
    )
    if created:
        agreement.parties.set([organisations[MUNICIPALITY], organisations[RED_CROSS]])
    if agreement.contributions.exists():
        return
    Contribution.objects.bulk_create(
        Contribution(
            agreement=agreement,
            party=organisations[party],
            year=year,
            amount=amount,
            covers=covers,
            form=form,
        )
        for year in agreement.years
        for party, covers, form, amount in CONTRIBUTIONS
    )


def _budget_2019(programme: Programme, *, today: datetime.date) -> None:
    lines = {}
    for name, amount in BUDGET_2019:
        lines[name], _created = BudgetLine.objects.get_or_create(
            programme=programme, year=2019, name=name, defaults={"amount": amount}
        )
    if Cost.objects.filter(budget_line__in=lines.values()).exists():
        return
    salary, overhead, premises, travel = (lines[name] for name, _a in BUDGET_2019)
    rng = random.Random("costs-2019")
    costs = []
    for month in range(1, 13):
        first = datetime.date(2019, month, 25)
        costs.append(
            Cost(budget_line=salary, date=first, amount=50_000, description="Lön projektledare")
        )
        costs.append(
            Cost(
                budget_line=premises,
                date=datetime.date(2019, month, 1),
                amount=20_000,
                description="Hyra Repslagaregatan och språkcaféer",
            )
        )
        costs.append(
            Cost(
                budget_line=travel,
                date=datetime.date(2019, month, 28),
                amount=rng.randrange(2_800, 5_600, 10),
                description="Resor, busskort",
            )
        )
        if month % 3 == 0:
            costs.append(
                Cost(
                    budget_line=overhead,
                    date=datetime.date(2019, month, 30),
                    amount=44_400,
                    description="Overhead, kvartal",
                )
            )
    # Hall bookings for floorball and volleyball came on top of the premises budget.
    for week in (6, 10, 14, 38, 42, 46, 48, 50):
        costs.append(
            Cost(
                budget_line=premises,
                date=datetime.date.fromisocalendar(2019, week, 2),
                amount=1_250,
                description="Hallbokning",
            )
        )
    Cost.objects.bulk_create(cost for cost in costs if cost.date <= today)
