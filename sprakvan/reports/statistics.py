"""Pure statistics over plain rows (no Django): periods, registrations, pairs, waits, sessions.

The rows come from `queries.py`, already aggregated by the database; everything here is
arithmetic that can be tested without one. Definitions: docs/statistics.md.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GROUPS = ("newcomer", "established")
GENDERS = ("woman", "man", "another", "undisclosed")
CURRENT = "current"
PREVIOUS = "previous"


@dataclass(frozen=True, order=True)
class Period:
    """A date range, both ends included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The equal period just before: as many whole calendar months when the period is whole
        months (2019-01-01 – 2019-10-31 gives 2018-03-01 – 2018-12-31), else as many days."""
        months = whole_months(self)
        if months:
            start = add_months(self.start, -months)
            return Period(start, self.start - datetime.timedelta(days=1))
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def year_earlier(self) -> Period:
        """The same dates one year earlier (29 February becomes 28 February)."""
        return Period(add_months(self.start, -12), add_months(self.end, -12))

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def split(self, at: datetime.date) -> tuple[Period, Period]:
        """Two adjacent periods: start..at-1 and at..end."""
        if not self.start < at <= self.end:
            raise ValueError("the split day must lie after the start and within the period")
        return Period(self.start, at - datetime.timedelta(days=1)), Period(at, self.end)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches."""
        result = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(period: Period) -> int:
    """How many calendar months the period covers exactly, or 0 if it is not whole months."""
    last_day = calendar.monthrange(period.end.year, period.end.month)[1]
    if period.start.day != 1 or period.end.day != last_day:
        return 0
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


# Registrations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationRow:
    """How many people of a group and gender registered on one day."""

    on: datetime.date
    group: str
    gender: str
    count: int


def registrations(rows: Iterable[RegistrationRow], period: Period) -> dict[str, dict[str, int]]:
    """{group: {total, woman, man, another, undisclosed}} for people registered in the period."""
    table = {group: dict.fromkeys(("total", *GENDERS), 0) for group in GROUPS}
    for row in rows:
        if period.contains(row.on) and row.group in table:
            gender = row.gender if row.gender in GENDERS else "undisclosed"
            table[row.group][gender] += row.count
            table[row.group]["total"] += row.count
    return table


# Pairs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairRow:
    """Pairs that share a start, an end, an end reason and the newcomer's registration day."""

    started_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    newcomer_registered_on: datetime.date | None
    count: int = 1


@dataclass
class PairFigures:
    new: int = 0
    active: int = 0
    ended: int = 0
    ended_by_reason: dict[str, int] = field(default_factory=dict)
    median_wait_days: float | None = None
    longest_wait_days: int | None = None


def is_new(row: PairRow, period: Period) -> bool:
    return row.started_on is not None and period.contains(row.started_on)


def is_active(row: PairRow, period: Period) -> bool:
    """Started by the end of the period and not ended before its start."""
    if row.started_on is None or row.started_on > period.end:
        return False
    return row.ended_on is None or row.ended_on >= period.start


def is_ended(row: PairRow, period: Period) -> bool:
    return row.started_on is not None and row.ended_on is not None and period.contains(row.ended_on)


def pair_figures(rows: Iterable[PairRow], period: Period) -> PairFigures:
    figures = PairFigures()
    reasons: Counter[str] = Counter()
    waits: Counter[int] = Counter()
    for row in rows:
        if is_new(row, period):
            figures.new += row.count
            if row.newcomer_registered_on is not None and row.started_on is not None:
                waits[max((row.started_on - row.newcomer_registered_on).days, 0)] += row.count
        if is_active(row, period):
            figures.active += row.count
        if is_ended(row, period):
            figures.ended += row.count
            reasons[row.end_reason or "other"] += row.count
    figures.ended_by_reason = dict(sorted(reasons.items()))
    figures.median_wait_days = median_of_histogram(waits)
    figures.longest_wait_days = max(waits) if waits else None
    return figures


def median_of_histogram(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many}."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(histogram.items())

    def nth(n: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if seen > n:
                return value
        raise AssertionError("unreachable")

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


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
    on: datetime.date
    organisation: str
    outcome: str
    count: int


def referrals_by_organisation(
    rows: Iterable[ReferralRow], period: Period
) -> dict[str, dict[str, int]]:
    """{organisation: {outcome: count, "total": count}} for referrals made in the period."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"total": 0})
    for row in rows:
        if not period.contains(row.on):
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


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def change(current: float | None, previous: float | None) -> float | None:
    """current − previous, or None when either is unknown."""
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


# The whole report ------------------------------------------------------------------------------


@dataclass
class Rows:
    """Everything the statistics need for one window."""

    window: Period
    today: datetime.date
    registrations: list[RegistrationRow]
    waiting_now: dict[str, int]
    pairs: list[PairRow]
    sessions: list[SessionRow]
    referrals: list[ReferralRow]
    funnel: list[FunnelRow]
    waiting_at: dict[datetime.date, dict[str, int]] = field(default_factory=dict)
    # When sessions are summed per piece of the window: the days that start a piece.
    session_cuts: set[datetime.date] | None = None

    def check_period(self, period: Period) -> None:
        """Sessions summed per piece answer only periods made of whole pieces."""
        if self.session_cuts is None:
            return
        edges = {*self.session_cuts, self.window.start, self.window.end + datetime.timedelta(1)}
        if period.start not in edges or period.end + datetime.timedelta(1) not in edges:
            raise ValueError(f"the rows were not loaded for {period}")


@dataclass
class Figures:
    """Every figure for one period; `waiting_at_end` is None when the rows were not loaded
    for the period's last day."""

    period: Period
    registrations: dict[str, dict[str, int]]
    pairs: PairFigures
    waiting_at_end: dict[str, int] | None
    sessions: SessionFigures
    referrals: dict[str, dict[str, int]]
    funnel: list[FunnelRow]


def figures(rows: Rows, period: Period) -> Figures:
    if not (rows.window.start <= period.start and period.end <= rows.window.end):
        raise ValueError("the period must lie inside the rows' window")
    rows.check_period(period)
    return Figures(
        period=period,
        registrations=registrations(rows.registrations, period),
        pairs=pair_figures(rows.pairs, period),
        waiting_at_end=rows.waiting_at.get(period.end),
        # Sessions after `today` are only planned: they are not counted as held.
        sessions=session_figures([r for r in rows.sessions if r.on <= rows.today], period),
        referrals=referrals_by_organisation(rows.referrals, period),
        funnel=[r for r in rows.funnel if period.contains(r.date)],
    )


def figures_as_json(f: Figures) -> dict[str, Any]:
    """The JSON shape documented in docs/statistics.md."""
    s = f.sessions
    return {
        "period": {"from": f.period.start.isoformat(), "to": f.period.end.isoformat()},
        "registrations": {group: dict(f.registrations[group]) for group in GROUPS},
        "pairs": {
            "new": f.pairs.new,
            "active": f.pairs.active,
            "ended": f.pairs.ended,
            "ended_by_reason": dict(f.pairs.ended_by_reason),
            "median_wait_days": f.pairs.median_wait_days,
            "longest_wait_days": f.pairs.longest_wait_days,
        },
        "waiting_at_end": f.waiting_at_end,
        "sessions": {
            "held": s.sessions,
            "attendance": s.attendance,
            "average_per_session": s.average_per_session,
            "named": s.named,
            "walk_in": s.walk_in,
            "newcomers": s.newcomers,
            "established": s.established,
            "by_district": [
                {"district": k, "sessions": v[0], "attendance": v[1]}
                for k, v in s.by_district.items()
            ],
            "by_activity_type": [
                {"activity_type": k, "sessions": v[0], "attendance": v[1]}
                for k, v in s.by_type.items()
            ],
        },
        "referrals": [{"organisation": name, **counts} for name, counts in f.referrals.items()],
        "outreach": [
            {
                "event": r.event,
                "date": r.date.isoformat(),
                "leads": r.leads,
                "registered": r.registered,
                "paired": r.paired,
            }
            for r in f.funnel
        ],
    }


def new_pairs_per_month(rows: Iterable[PairRow], period: Period) -> dict[tuple[int, int], int]:
    """{(year, month): pairs started} for every month the period touches."""
    result = dict.fromkeys(period.months(), 0)
    for row in rows:
        if is_new(row, period) and row.started_on is not None:
            result[(row.started_on.year, row.started_on.month)] += row.count
    return result
