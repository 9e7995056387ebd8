"""Budget arithmetic in whole kronor (int and Decimal, never float) and the "1 250 kr" format."""

from __future__ import annotations

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
