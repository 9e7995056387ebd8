"""Budget arithmetic in whole kronor (int and Decimal, never float) and the "1 250 kr" format."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\xa0"


def kr(amount: int | Decimal | None) -> str:
    """Swedish money: thousands split by non-breaking spaces, whole kronor: "1 250 kr"."""
    if amount is None:
        return "–"
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    whole = int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    sign = "−" if whole < 0 else ""
    digits = f"{abs(whole):,}".replace(",", NBSP)
    return f"{sign}{digits}{NBSP}kr"


@dataclass(frozen=True)
class LineFigures:
    name: str
    budget: int
    actual: int
    pk: int | None = None  # the budget line's, for links; None for a total

    @property
    def remaining(self) -> int:
        return self.budget - self.actual

    @property
    def used_percent(self) -> int | None:
        if not self.budget:
            return None
        return int((Decimal(self.actual) * 100 / self.budget).quantize(Decimal("1"), ROUND_HALF_UP))

    @property
    def over_budget(self) -> bool:
        return self.actual > self.budget


def totals(lines: Iterable[LineFigures]) -> LineFigures:
    lines = list(lines)
    return LineFigures(
        name="",
        budget=sum(line.budget for line in lines),
        actual=sum(line.actual for line in lines),
    )


def per_unit(amount: int, count: int | None) -> Decimal | None:
    """`amount` shared over `count` (pairs, participants) in whole kronor; None without a count."""
    if not count:
        return None
    return (Decimal(amount) / Decimal(count)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def split_exactly(total: int, weights: list[int]) -> list[int]:
    """Split `total` kronor by `weights` into whole kronor that add up to exactly `total`
    (largest remainders get the leftover kronor)."""
    weight_sum = sum(weights)
    shares = [total * w // weight_sum for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % weight_sum), i))
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def whole_months_by_year(start: datetime.date, end: datetime.date) -> dict[int, int]:
    """The calendar months lying wholly inside start..end (both included), counted per year:
    2019-01-01 – 2019-10-31 gives {2019: 10}; 2019-01-15 – 2019-03-31 gives {2019: 2} (half of
    January is not a whole month). Years with none are left out."""
    result: dict[int, int] = {}
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = datetime.date(year, month, 1)
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        if start <= first and following - datetime.timedelta(days=1) <= end:
            result[year] = result.get(year, 0) + 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def prorate(amount: int, months: int) -> int:
    """A yearly amount for `months` whole months of the year, in whole kronor (half up)."""
    if not 0 <= months <= 12:
        raise ValueError("a year has 0 to 12 whole months")
    return int((Decimal(amount) * months / 12).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def prorate_lines(amounts: list[int], months: int) -> list[int]:
    """Each yearly budget line for `months` months, in whole kronor that add up to exactly the
    prorated total (so the lines and their total never disagree by a krona)."""
    if not sum(amounts):
        return [0 for _amount in amounts]
    return split_exactly(prorate(sum(amounts), months), amounts)
