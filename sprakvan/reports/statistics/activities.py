"""Sessions and attendance, referrals and outreach events, summed over a period."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .periods import Period

# Sessions and attendance ----------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRow:
    """Sessions held (and who came) on one day in one district, of one activity type."""

    on: datetime.date
    district: str
    activity_type: str
    sessions: int
    named_newcomers: int = 0
    named_established: int = 0
    walk_in_newcomers: int = 0
    walk_in_established: int = 0

    @property
    def named(self) -> int:
        return self.named_newcomers + self.named_established

    @property
    def walk_in(self) -> int:
        return self.walk_in_newcomers + self.walk_in_established

    @property
    def attendance(self) -> int:
        return self.named + self.walk_in


@dataclass
class SessionFigures:
    sessions: int = 0
    attendance: int = 0
    named_newcomers: int = 0
    named_established: int = 0
    walk_in_newcomers: int = 0
    walk_in_established: int = 0
    by_district: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def named(self) -> int:
        return self.named_newcomers + self.named_established

    @property
    def walk_in(self) -> int:
        return self.walk_in_newcomers + self.walk_in_established

    @property
    def newcomers(self) -> int:
        return self.named_newcomers + self.walk_in_newcomers

    @property
    def established(self) -> int:
        return self.named_established + self.walk_in_established

    @property
    def average_per_session(self) -> float | None:
        return round(self.attendance / self.sessions, 1) if self.sessions else None


def session_figures(rows: Iterable[SessionRow], period: Period) -> SessionFigures:
    """Totals for the period; by_district/by_type map a name to (sessions, attendance)."""
    figures = SessionFigures()
    districts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    types: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if not period.contains(row.on):
            continue
        figures.sessions += row.sessions
        figures.attendance += row.attendance
        figures.named_newcomers += row.named_newcomers
        figures.named_established += row.named_established
        figures.walk_in_newcomers += row.walk_in_newcomers
        figures.walk_in_established += row.walk_in_established
        for table, key in ((districts, row.district), (types, row.activity_type)):
            table[key][0] += row.sessions
            table[key][1] += row.attendance
    figures.by_district = {k: (v[0], v[1]) for k, v in sorted(districts.items())}
    figures.by_type = {k: (v[0], v[1]) for k, v in sorted(types.items())}
    return figures


def sessions_per_month(
    rows: Iterable[SessionRow], period: Period, district: str
) -> dict[tuple[int, int], int]:
    """{(year, month): sessions} in the district for every month the period touches (0 if none)."""
    result = dict.fromkeys(period.months(), 0)
    for row in rows:
        if row.district == district and period.contains(row.on):
            result[(row.on.year, row.on.month)] += row.sessions
    return result


# Referrals and outreach -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    """Referrals made on a day, by organisation and outcome. `at` is the day the outcome
    stood on (a period's last day); None for an outcome that holds for any period."""

    on: datetime.date
    organisation: str
    outcome: str
    count: int
    at: datetime.date | None = None


def as_of(row_at: datetime.date | None, period: Period) -> bool:
    """Whether a row's outcome is the one to use for the period (taken on its last day)."""
    return row_at is None or row_at == period.end


def referrals_by_organisation(
    rows: Iterable[ReferralRow], period: Period
) -> dict[str, dict[str, int]]:
    """{organisation: {outcome: count, "total": count}} for referrals made in the period,
    with what had become of each person by the period's last day."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"total": 0})
    for row in rows:
        if not period.contains(row.on) or not as_of(row.at, period):
            continue
        cell = table[row.organisation]
        cell[row.outcome] = cell.get(row.outcome, 0) + row.count
        cell["total"] += row.count
    return dict(sorted(table.items()))


@dataclass(frozen=True)
class FunnelRow:
    """One outreach event: leads collected, how many registered, how many got a pair."""

    event: str
    date: datetime.date
    leads: int
    registered: int
    paired: int
    # The day `registered` and `paired` stood on (a period's last day); None: any period.
    at: datetime.date | None = None


def funnel_totals(rows: Iterable[FunnelRow]) -> FunnelRow | None:
    rows = list(rows)
    if not rows:
        return None
    return FunnelRow(
        event="",
        date=min(r.date for r in rows),
        leads=sum(r.leads for r in rows),
        registered=sum(r.registered for r in rows),
        paired=sum(r.paired for r in rows),
    )
