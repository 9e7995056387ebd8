"""Pure schedule arithmetic: RFC 5545 RRULE expansion, Swedish public holidays, ISO weeks.

No Django here: the services turn these occurrences into Session rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Parts of a rule we set ourselves from the schedule's own fields.
RESERVED_PARTS = {"DTSTART", "UNTIL", "COUNT", "BYHOUR", "BYMINUTE", "BYSECOND"}


class RuleError(ValueError):
    """The text is not a recurrence rule we can store."""


@dataclass(frozen=True)
class Occurrence:
    """One date the rule produces, and the public holiday on it, if any."""

    date: datetime.date
    holiday: str = ""


def weekly_rule(weekdays: list[int], *, interval: int = 1, months: list[int] | None = None) -> str:
    """`FREQ=WEEKLY;BYDAY=MO,TH` from weekday numbers (Monday = 0)."""
    if not weekdays:
        raise RuleError("A weekly rule needs at least one weekday.")
    parts = ["FREQ=WEEKLY"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in sorted(set(weekdays))))
    if months:
        parts.append("BYMONTH=" + ",".join(str(m) for m in sorted(set(months))))
    return ";".join(parts)


def parse_rule(rule: str) -> dict[str, str]:
    """The rule's parts (`{"FREQ": "WEEKLY", "BYDAY": "MO,TH"}`), checked by dateutil."""
    text = rule.strip().removeprefix("RRULE:")
    if not text:
        raise RuleError("The rule is empty.")
    parts: dict[str, str] = {}
    for item in text.split(";"):
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise RuleError(f"Not a rule part: {item!r}")
        parts[key.strip().upper()] = value.strip().upper()
    if "FREQ" not in parts:
        raise RuleError("The rule needs FREQ.")
    reserved = RESERVED_PARTS & parts.keys()
    if reserved:
        raise RuleError(f"Set {', '.join(sorted(reserved))} in the schedule's own fields.")
    try:
        # Schedules are dates, never moments: rules run on floating (RFC 5545) times, as in _rrule.
        probe_start = datetime.datetime(2020, 1, 1)  # noqa: DTZ001 - floating RRULE time, see above
        rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=probe_start)
    except (ValueError, TypeError) as exc:
        raise RuleError(str(exc)) from exc
    return parts


def rule_weekdays(rule: str) -> list[int]:
    """The weekdays (Monday = 0) a weekly rule names; empty when it names none."""
    byday = parse_rule(rule).get("BYDAY", "")
    # Weekly BYDAY entries are plain codes; an ordinal (1MO) only makes sense monthly.
    return sorted({WEEKDAY_CODES.index(code[-2:]) for code in byday.split(",") if code})


def _rrule(rule: str, starts_on: datetime.date, ends_on: datetime.date | None) -> rrule:
    parts = parse_rule(rule)
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    dtstart = datetime.datetime.combine(starts_on, datetime.time())
    result = rrulestr(text, dtstart=dtstart)
    if ends_on is not None:
        result = result.replace(until=datetime.datetime.combine(ends_on, datetime.time()))
    return result


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[datetime.date, str]:
    import holidays  # half a second to import: on the first date asked, not with the URL map

    return dict(holidays.country_holidays("SE", years=year).items())


def swedish_holiday(day: datetime.date) -> str:
    """The name of the Swedish public holiday on `day` (Sundays are not counted), or ""."""
    return _holidays_of(day.year).get(day, "")


def expand(
    rule: str,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    window_start: datetime.date,
    window_end: datetime.date,
    skip_holidays: bool = False,
    season_months: frozenset[int] | None = None,
) -> list[Occurrence]:
    """The dates the rule produces inside both [starts_on, ends_on] and the window.

    Public holidays are flagged, or left out when `skip_holidays`; dates outside the season
    months (when given) are left out.
    """
    first = max(starts_on, window_start)
    last = window_end if ends_on is None else min(ends_on, window_end)
    if first > last:
        return []
    dates = _rrule(rule, starts_on, ends_on).between(
        datetime.datetime.combine(first, datetime.time()),
        datetime.datetime.combine(last, datetime.time()),
        inc=True,
    )
    result = []
    for moment in dates:
        day = moment.date()
        if season_months and day.month not in season_months:
            continue
        holiday = swedish_holiday(day)
        if holiday and skip_holidays:
            continue
        result.append(Occurrence(day, holiday))
    return result


def iso_week(day: datetime.date) -> tuple[int, int]:
    """(ISO year, ISO week number): Swedish weeks start on Monday."""
    year, week, _weekday = day.isocalendar()
    return year, week


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def season_months(first: int | None, last: int | None) -> frozenset[int] | None:
    """The months from `first` to `last`, wrapping over New Year (11–2 is Nov–Feb)."""
    if not first or not last:
        return None
    if first <= last:
        return frozenset(range(first, last + 1))
    return frozenset(list(range(first, 13)) + list(range(1, last + 1)))
