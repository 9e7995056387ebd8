"""Registrations and pairs: who signed up, who got a friend, and how long they waited."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .periods import Period

GROUPS = ("newcomer", "established")
GENDERS = ("woman", "man", "another", "undisclosed")


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


def new_pairs_per_month(rows: Iterable[PairRow], period: Period) -> dict[tuple[int, int], int]:
    """{(year, month): pairs started} for every month the period touches."""
    result = dict.fromkeys(period.months(), 0)
    for row in rows:
        if is_new(row, period) and row.started_on is not None:
            result[(row.started_on.year, row.started_on.month)] += row.count
    return result
