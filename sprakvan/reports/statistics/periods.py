"""Periods: date ranges, whole calendar months, and the period to compare with."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

# The comparison rule, the same everywhere (dashboard, document, exports, `manage.py report`):
# the same months a year earlier by default, the immediately preceding period as an option.
COMPARE_YEAR_EARLIER = "year_earlier"
COMPARE_PREVIOUS = "previous"
COMPARISONS = (COMPARE_YEAR_EARLIER, COMPARE_PREVIOUS)


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

    def compared_with(self, rule: str = COMPARE_YEAR_EARLIER) -> Period:
        """The period to compare with under `rule` (COMPARE_YEAR_EARLIER or COMPARE_PREVIOUS)."""
        if rule == COMPARE_PREVIOUS:
            return self.previous()
        if rule == COMPARE_YEAR_EARLIER:
            return self.year_earlier()
        raise ValueError(f"unknown comparison {rule!r}")

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
