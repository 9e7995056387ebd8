"""How a report table's cells and row labels become a chart's bars, stubs and ticks: a count or
a suppression symbol, the hatched stub's height, the legend's notes, month labels as ticks.
Drawing them is charts.py's."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from .suppression import HIDDEN, LIMIT, SMALL, WITHHELD

SYMBOLS = (SMALL, HIDDEN, WITHHELD)


def cell(value: object) -> tuple[float | None, str | None]:
    """A cell as (bar length, None), or (None, symbol) for a suppressed count."""
    if isinstance(value, bool):
        return float(value), None
    if isinstance(value, int | float | Decimal):
        return float(value), None
    if isinstance(value, str):
        text = value.strip()
        if text in SYMBOLS:
            return None, text
        if text.isdigit():
            return float(text), None
    return 0.0, None


def suppression_notes(symbols: set[str]) -> list[str]:
    """What the hatched bars mean, one line per symbol drawn: for the legend and the text
    alternative."""
    notes = []
    if SMALL in symbols:
        notes.append(_("<5: fewer than 5, hidden to protect privacy"))
    if HIDDEN in symbols or WITHHELD in symbols:
        notes.append(_("–: hidden so that a number under 5 cannot be worked out"))
    return notes


def stub_height(symbol: str, top: float) -> float:
    """A suppressed bar's fixed height: what its symbol allows ("<5": up to 4; "–": 5 or
    more), but never less than 5 % of the axis, so it is always seen."""
    allowed = LIMIT - 1 if symbol == SMALL else LIMIT
    return max(float(allowed), 0.05 * top)


# Month labels ------------------------------------------------------------------------------

MONTH = re.compile(r"(\d{4})-(\d{2})")


def _years(years: list[int]) -> str:
    return str(years[0]) if min(years) == max(years) else f"{min(years)}–{max(years)}"


def month_ticks(labels: list[str]) -> tuple[list[str], str] | None:
    """Rows labelled "2019-01 / 2018-01" as ticks "jan", "feb", … and the years once, for the
    axis title ("Month, 2019 / 2018"). Rows whose compared months differ (the preceding
    period) show both months; a period across a new year shows the year at each January.
    None when the labels are not months."""
    parsed = [[(int(y), int(m)) for y, m in MONTH.findall(label)] for label in labels]
    if not parsed or not all(1 <= len(p) <= 2 for p in parsed):
        return None
    if not all(1 <= m <= 12 for p in parsed for _y, m in p):
        return None
    now_years = [p[0][0] for p in parsed]
    was_years = [p[1][0] for p in parsed if len(p) > 1]
    spans = min(now_years) != max(now_years)
    ticks = []
    for k, months in enumerate(parsed):
        year, month = months[0]
        tick = str(MONTHS_3[month])
        if spans and (k == 0 or month == 1):
            tick += f" {year}"
        if len(months) > 1 and months[1][1] != month:
            tick += "\n" + str(MONTHS_3[months[1][1]])
        ticks.append(tick)
    years = _years(now_years) + (f" / {_years(was_years)}" if was_years else "")
    return ticks, _("Month, %(years)s") % {"years": years}
