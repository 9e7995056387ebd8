"""The partners app's numbers from the database: funnels, budget vs actual, cost per pair.

Money comes two ways: `year_finances` for one calendar year (the finances page) and
`period_finances` for any period (the partner-dialogue document): the agreements' yearly
contributions per party, the budget prorated by the period's whole months, the costs dated in
the period, and the period's costs per pair started in the period.

Pairs come from the matching app and attendance from the activities app.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from sprakvan.activities.models import Attendance, Session
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import OutreachEvent
from sprakvan.participants.choices import Source
from sprakvan.participants.models import Participant

from .funnel import FunnelCounts, Outcome, funnel
from .models import Agreement, BudgetLine, Contribution, Cost, Lead
from .money import LineFigures, per_unit, prorate_lines, totals, whole_months_by_year

# A pair that ran at least this long counts as an active pair even after it ended.
ACTIVE_PAIR_DAYS = 30


def outcomes(
    participant_ids: set[int], *, today: datetime.date, at: datetime.date | None = None
) -> dict[int, Outcome]:
    """Group, matched (in a pair that started) and in an active pair (one still running today,
    or one that ran at least ACTIVE_PAIR_DAYS) per participant.

    With `at` (a period's last day), as things stood at the end of that day: pairs that
    started later do not count, and a pair still running then is active, however it ended."""
    if not participant_ids:
        return {}
    day = min(at, today) if at is not None else today
    rows = Participant.objects.filter(pk__in=participant_ids, erased_at__isnull=True)
    groups = dict(rows.values_list("pk", "group"))
    started = Pair.objects.filter(started_on__isnull=False).filter(
        Q(newcomer_id__in=participant_ids) | Q(established_id__in=participant_ids)
    )
    if at is not None:
        started = started.filter(started_on__lte=day)
    matched: set[int] = set()
    active: set[int] = set()
    lasting = datetime.timedelta(days=ACTIVE_PAIR_DAYS)
    for newcomer_id, established_id, started_on, ended_on in started.values_list(
        "newcomer_id", "established_id", "started_on", "ended_on"
    ):
        matched |= {newcomer_id, established_id}
        # started_on is never None here (filtered above); the check only narrows the type.
        if ended_on is None or ended_on > day or (started_on and ended_on - started_on >= lasting):
            active |= {newcomer_id, established_id}
    return {
        pk: Outcome(group=group, matched=pk in matched, active=pk in active)
        for pk, group in groups.items()
    }


def event_funnels(
    events: QuerySet[OutreachEvent] | list[OutreachEvent], *, today: datetime.date
) -> dict[Hashable, FunnelCounts]:
    """Funnel per event id: its leads, and who registered through its link or as a lead."""
    event_ids = [e.pk for e in events]
    leads = list(
        Lead.objects.filter(event_id__in=event_ids).values_list("event_id", "participant_id")
    )
    arrivals = list(
        Participant.objects.filter(source_event_id__in=event_ids)
        .current()
        .values_list("source_event_id", "pk")
    )
    ids = {pk for _key, pk in arrivals} | {pk for _key, pk in leads if pk}
    result = funnel(leads=leads, arrivals=arrivals, outcomes=outcomes(ids, today=today))
    for pk in event_ids:
        result.setdefault(pk, FunnelCounts())
    return result


def source_funnels(
    programme: Programme, *, start: datetime.date, end: datetime.date, today: datetime.date
) -> dict[Hashable, FunnelCounts]:
    """Funnel per registration source for people registered in start..end; fairs also count
    the leads captured at events in the period."""
    people = (
        Participant.objects.filter(programme=programme)
        .current()
        .registered_between(start, end)
        .values_list("source", "pk")
    )
    arrivals = list(people)
    leads = [
        (Source.FAIR, pk)
        for pk in Lead.objects.filter(
            event__programme=programme, event__date__gte=start, event__date__lte=end
        ).values_list("participant_id", flat=True)
    ]
    ids = {pk for _key, pk in arrivals} | {pk for _key, pk in leads if pk}
    return funnel(leads=leads, arrivals=arrivals, outcomes=outcomes(ids, today=today, at=end))


def new_pairs(programme: Programme, year: int) -> int:
    """Pairs that started in the year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Pair.objects.filter(programme=programme).started_between(start, end).count()


def active_participants(programme: Programme, year: int) -> int:
    """Distinct participants who were in a pair active at some time in the year or attended
    at least one session in the year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    ids: set[int] = set()
    for a, b in (
        Pair.objects.filter(programme=programme)
        .active_during(start, end)
        .values_list("newcomer_id", "established_id")
    ):
        ids |= {a, b}
    ids |= _attendees(programme, start, end)
    return len(ids)


def _attendees(programme: Programme, start: datetime.date, end: datetime.date) -> set[int]:
    """Participants named on the attendance of a session held in start..end (not cancelled)."""
    sessions = Session.objects.filter(programme=programme).held_between(start, end)
    return set(
        Attendance.objects.filter(session__in=sessions).values_list("participant_id", flat=True)
    )


@dataclass(frozen=True)
class YearFinances:
    year: int
    lines: list[LineFigures]
    total: LineFigures
    contributions: list[Contribution]
    contributions_total: int
    new_pairs: int
    active_participants: int
    cost_per_new_pair: Decimal | None
    cost_per_active_participant: Decimal | None


def year_finances(programme: Programme, year: int) -> YearFinances:
    budget_lines = BudgetLine.objects.filter(programme=programme, year=year).with_actual()
    # `actual` is annotated by with_actual(); the model's type does not know it.
    lines = [
        LineFigures(name=b.name, budget=b.amount, actual=b.actual, pk=b.pk)  # type: ignore[attr-defined]
        for b in budget_lines
    ]
    total = totals(lines)
    contributions = list(
        Contribution.objects.filter(agreement__programme=programme, year=year).select_related(
            "party", "agreement"
        )
    )
    pairs = new_pairs(programme, year)
    active = active_participants(programme, year)
    return YearFinances(
        year=year,
        lines=lines,
        total=total,
        contributions=contributions,
        contributions_total=sum(c.amount for c in contributions),
        new_pairs=pairs,
        active_participants=active,
        cost_per_new_pair=per_unit(total.actual, pairs),
        cost_per_active_participant=per_unit(total.actual, active),
    )


def finance_years(programme: Programme) -> list[int]:
    years = set(
        BudgetLine.objects.filter(programme=programme).values_list("year", flat=True)
    ) | set(
        Contribution.objects.filter(agreement__programme=programme).values_list("year", flat=True)
    )
    return sorted(years)


def contributions_by_year(programme: Programme) -> dict[int, int]:
    rows = (
        Contribution.objects.filter(agreement__programme=programme)
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by("year")
    )
    return {row["year"]: row["total"] for row in rows}


@dataclass(frozen=True)
class PartyContribution:
    """One party's contribution in one year: the total and the parts it is made of (what each
    covers), in the agreement's order."""

    party: str
    year: int
    total: int
    parts: list[Contribution]


def party_contributions(contributions: Iterable[Contribution]) -> list[PartyContribution]:
    """Contributions grouped per year and party, in the order given (the model's: year, party,
    covers). The party is read through `contribution.party`: select it with the rows."""
    groups: dict[tuple[int, int], list[Contribution]] = {}
    for contribution in contributions:
        groups.setdefault((contribution.year, contribution.party_id), []).append(contribution)
    return [
        PartyContribution(
            party=parts[0].party.name,
            year=year,
            total=sum(part.amount for part in parts),
            parts=parts,
        )
        for (year, _party), parts in groups.items()
    ]


@dataclass(frozen=True)
class AgreementYear:
    """What the parties put into one agreement in one year of the period."""

    agreement: Agreement
    year: int
    parties: list[PartyContribution]

    @property
    def total(self) -> int:
        return sum(party.total for party in self.parties)


@dataclass(frozen=True)
class PeriodFinances:
    start: datetime.date
    end: datetime.date
    # Whole calendar months of the period, per year: what the yearly budget is prorated by.
    months: dict[int, int]
    agreements: list[AgreementYear]
    lines: list[LineFigures]  # budget for the period's months, costs dated in the period
    total: LineFigures
    new_pairs: int
    cost_per_new_pair: Decimal | None

    @property
    def budget_months(self) -> int:
        return sum(self.months.values())

    @property
    def whole_years(self) -> bool:
        """The period is whole calendar years, so the budget is not prorated."""
        return bool(self.months) and all(m == 12 for m in self.months.values())


def period_finances(
    programme: Programme, *, start: datetime.date, end: datetime.date
) -> PeriodFinances:
    """The money of start..end: each year's budget times (its whole months in the period) / 12,
    the costs dated in the period (whatever year's line they were booked on), the yearly
    contributions of the agreements running in the period, and the period's costs divided by
    the pairs that started in it (as the reports count new pairs)."""
    months = whole_months_by_year(start, end)
    years = range(start.year, end.year + 1)
    by_year: dict[int, list[BudgetLine]] = {}
    for line in BudgetLine.objects.filter(programme=programme, year__in=years):
        by_year.setdefault(line.year, []).append(line)
    budget: dict[str, int] = {}
    for year, year_lines in by_year.items():
        shares = prorate_lines([line.amount for line in year_lines], months.get(year, 0))
        for line, share in zip(year_lines, shares, strict=True):
            budget[line.name] = budget.get(line.name, 0) + share
    actual: dict[str, int] = dict(
        Cost.objects.filter(budget_line__programme=programme, date__gte=start, date__lte=end)
        .order_by()
        .values("budget_line__name")
        .annotate(total=Sum("amount"))
        .values_list("budget_line__name", "total")
    )
    names = list(budget) + sorted(name for name in actual if name not in budget)
    lines = [
        LineFigures(name=name, budget=budget.get(name, 0), actual=actual.get(name, 0))
        for name in names
    ]
    total = totals(lines)
    pairs = Pair.objects.filter(programme=programme).started_between(start, end).count()
    return PeriodFinances(
        start=start,
        end=end,
        months=months,
        agreements=_agreement_years(programme, start=start, end=end),
        lines=lines,
        total=total,
        new_pairs=pairs,
        cost_per_new_pair=per_unit(total.actual, pairs),
    )


def _agreement_years(
    programme: Programme, *, start: datetime.date, end: datetime.date
) -> list[AgreementYear]:
    """Per agreement running in the period (oldest first) and per year of the period: the
    parties' yearly contributions; years without any are left out."""
    agreements = {
        a.pk: a
        for a in Agreement.objects.filter(
            programme=programme, starts_on__lte=end, ends_on__gte=start
        ).order_by("starts_on", "pk")
    }
    contributions = Contribution.objects.filter(
        agreement_id__in=agreements, year__gte=start.year, year__lte=end.year
    ).select_related("party")
    per_agreement: dict[int, list[Contribution]] = {pk: [] for pk in agreements}
    for contribution in contributions:
        per_agreement[contribution.agreement_id].append(contribution)
    result = []
    for pk, rows in per_agreement.items():
        parties = party_contributions(rows)
        for year in sorted({party.year for party in parties}):
            result.append(
                AgreementYear(
                    agreement=agreements[pk],
                    year=year,
                    parties=[party for party in parties if party.year == year],
                )
            )
    return result
