"""The partners app's numbers from the database: funnels, budget vs actual, cost per pair.

Pairs come from the matching app and attendance from the activities app.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
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
from .models import BudgetLine, Contribution, Lead
from .money import LineFigures, per_unit, totals

# A pair that ran at least this long counts as an active pair even after it ended.
ACTIVE_PAIR_DAYS = 30


def outcomes(participant_ids: set[int], *, today: datetime.date) -> dict[int, Outcome]:
    """Group, matched (in a pair that started) and in an active pair (one still running today,
    or one that ran at least ACTIVE_PAIR_DAYS) per participant."""
    if not participant_ids:
        return {}
    rows = Participant.objects.filter(pk__in=participant_ids, erased_at__isnull=True)
    groups = dict(rows.values_list("pk", "group"))
    started = Pair.objects.filter(started_on__isnull=False).filter(
        Q(newcomer_id__in=participant_ids) | Q(established_id__in=participant_ids)
    )
    matched: set[int] = set()
    active: set[int] = set()
    lasting = datetime.timedelta(days=ACTIVE_PAIR_DAYS)
    for newcomer_id, established_id, started_on, ended_on in started.values_list(
        "newcomer_id", "established_id", "started_on", "ended_on"
    ):
        matched |= {newcomer_id, established_id}
        # started_on is never None here (filtered above); the check only narrows the type.
        if (
            ended_on is None
            or ended_on > today
            or (started_on and ended_on - started_on >= lasting)
        ):
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
    return funnel(leads=leads, arrivals=arrivals, outcomes=outcomes(ids, today=today))


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
