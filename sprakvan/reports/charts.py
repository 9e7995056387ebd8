"""Bar charts of report tables with matplotlib: SVG for the page and the PDF, PNG for Word.

A chart is always shown next to the table it was drawn from, so it only has to be readable,
not complete: the table is the accessible version. What a chart must never do is tell
something the table does not: a count a partner viewer sees suppressed ("<5", "–") is drawn as
a hatched stub with its symbol, never as zero or nothing, and the legend says why.

One typeface for the document and its charts: DOCUMENT_FONT (reports/document_pdf.css), drawn
as outlines in the SVG and the PNG so that the page, the PDF and Word show the same letters
whatever fonts the reader has. Numbers are written the Swedish way (numbers.py).
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from . import chart_values
from .chart_values import cell, month_ticks, stub_height, suppression_notes
from .numbers import number
from .suppression import LIMIT
from .tables import Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Colour-blind-safe (Okabe–Ito) colours, dark enough for contrast against white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00"]
# The document's typeface (Debian fonts-liberation), then the one every test machine has.
DOCUMENT_FONT = "Liberation Sans"
FALLBACK_FONT = "DejaVu Sans"
FONT_SIZE = 8.5  # points: the figure is drawn at the width it is printed, so this is the size
WIDTH = 150 / 25.4  # inches: the width of a chart on the document's page (150 mm)
HATCH = "////"
CACHE_SECONDS = 24 * 3600
# Cached charts are keyed by the drawing code too (this module and chart_values.py): a new
# drawing never serves an old picture.
CODE_DIGEST = hashlib.sha256(
    Path(__file__).read_bytes() + Path(str(chart_values.__file__)).read_bytes()
).hexdigest()[:16]
MAX_BARS = 20


@cache
def pyplot() -> ModuleType:
    """matplotlib's pyplot, set up for drawing files: imported on the first chart, not when the
    URL map loads (matplotlib costs every manage.py process a second otherwise)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "sprakvan"  # stable ids: identical charts, same bytes
    matplotlib.rcParams["svg.fonttype"] = "path"  # letters as outlines: the same font everywhere
    matplotlib.rcParams["hatch.linewidth"] = 0.8
    import matplotlib.pyplot

    return matplotlib.pyplot


@cache
def font_family() -> list[str]:
    """The chart font, registered from the system's font files: matplotlib's own font cache
    may predate the fonts' installation."""
    pyplot()
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts(fontext="ttf"):
        name = path.rsplit("/", 1)[-1]
        if name.startswith(("LiberationSans-", "DejaVuSans.", "DejaVuSans-")):
            font_manager.fontManager.addfont(path)
    known = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in (DOCUMENT_FONT, FALLBACK_FONT) if f in known] or ["sans-serif"]


@dataclass(frozen=True)
class Plan:
    """How a table is drawn: one axes per group of columns (numbers of different size never
    share an axis), across or up."""

    slug: str
    panels: tuple[tuple[int, ...], ...]
    horizontal: bool = False
    months: bool = False


PLANS = [
    Plan("registrations", ((0, 1, 2, 3),)),
    Plan("new-pairs-per-month", ((0, 1),), months=True),
    # Sessions are counted in tens, attendance in thousands: an axes each.
    Plan("sessions-by-district", ((0,), (1,)), horizontal=True),
]
PLANS_BY_SLUG = {plan.slug: plan for plan in PLANS}


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    svg: bytes
    table: Table
    note: str = ""  # why some bars are hatched, when some are

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")

    def image(self, image_format: str) -> bytes:
        """The same chart in another format (PNG for Word)."""
        return draw(self.table, PLANS_BY_SLUG[self.slug], image_format=image_format)


# Cells -------------------------------------------------------------------------------------


def _rows(table: Table) -> int:
    return len(table.labels) - (1 if table.has_total_row else 0)


# Drawing -----------------------------------------------------------------------------------


def _panel(
    ax: Axes,
    table: Table,
    columns: tuple[int, ...],
    labels: list[str],
    rows: list[int],
    horizontal: bool,
    colour_offset: int,
) -> set[str]:
    """Grouped bars of `columns` on one axes; returns the suppression symbols drawn."""
    cells = [[cell(table.values[i][j]) for i in rows] for j in columns]
    shown = [v for series in cells for v, _s in series if v is not None]
    top = max([*shown, float(LIMIT)])
    width = 0.8 / len(columns)
    symbols: set[str] = set()
    for k, (column, series) in enumerate(zip(columns, cells, strict=True)):
        colour = COLOURS[(colour_offset + k) % len(COLOURS)]
        offsets = [p - 0.4 + width * (k + 0.5) for p in range(len(rows))]
        lengths = [v if v is not None else 0.0 for v, _s in series]
        if horizontal:
            ax.barh(offsets, lengths, height=width, color=colour, label=table.headers[column])
        else:
            ax.bar(offsets, lengths, width=width, color=colour, label=table.headers[column])
        for offset, (_v, symbol) in zip(offsets, series, strict=True):
            if symbol is None:
                continue
            symbols.add(symbol)
            size = stub_height(symbol, top)
            style: dict[str, Any] = {
                "color": "white",
                "edgecolor": colour,
                "hatch": HATCH,
                "linewidth": 0.8,
            }
            if horizontal:
                ax.barh([offset], [size], height=width, **style)
                ax.text(size, offset, f" {symbol}", va="center", ha="left", fontweight="bold")
            else:
                ax.bar([offset], [size], width=width, **style)
                ax.text(offset, size, symbol, va="bottom", ha="center", fontweight="bold")
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    counts = MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True, min_n_ticks=4)
    swedish = FuncFormatter(lambda value, _position: number(value))
    positions = list(range(len(rows)))
    value_axis, label_axis = (ax.xaxis, ax.yaxis) if horizontal else (ax.yaxis, ax.xaxis)
    value_axis.set_major_locator(counts)
    value_axis.set_major_formatter(swedish)
    if horizontal:
        ax.set_xlim(0, top * 1.12)  # room for a symbol after the longest bar
        ax.set_yticks(positions, labels)
        if not ax.yaxis_inverted():  # panels share the axis: invert it once
            ax.invert_yaxis()
    else:
        ax.set_ylim(0, top * 1.1)
        ax.set_xticks(positions, labels)
    ax.grid(axis="x" if horizontal else "y", color="#dddddd", linewidth=0.6)
    label_axis.set_tick_params(length=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return symbols


def draw(table: Table, plan: Plan, *, image_format: str = "svg") -> bytes:
    """The chart of `table` as `plan` says: SVG or PNG bytes."""
    count = _rows(table)
    rows = list(range(count))
    first = plan.panels[0][0]
    if count > MAX_BARS:
        # A whole platform has hundreds of districts: draw the largest, the table has them all.
        rows = sorted(rows, key=lambda i: -(cell(table.values[i][first])[0] or 0.0))[:MAX_BARS]
    labels = [str(table.labels[i]) for i in rows]
    axis_title = ""
    if plan.months and (ticks := month_ticks(labels)) is not None:
        labels, axis_title = ticks
    family = font_family()
    bars = len(rows) * (len(plan.panels[0]) if len(plan.panels) == 1 else 1)
    if plan.horizontal:
        height = min(max(1.9, 0.2 * bars + 0.9), 6.5)
    else:
        height = 1.7 if len(labels) <= 12 else 2.3
    hidden = {
        symbol
        for i in rows
        for columns in plan.panels
        for j in columns
        if (symbol := cell(table.values[i][j])[1]) is not None
    }
    height += 0.2 * len(suppression_notes(hidden))  # the legend's lines, not the bars' room
    plt = pyplot()
    from matplotlib.patches import Patch

    with plt.rc_context({"font.family": family, "font.size": FONT_SIZE}):
        fig, axes = plt.subplots(
            1,
            len(plan.panels),
            figsize=(WIDTH, height),
            dpi=200,
            sharey=plan.horizontal,
            layout="constrained",
            squeeze=False,
        )
        symbols: set[str] = set()
        for n, (ax, columns) in enumerate(zip(axes[0], plan.panels, strict=True)):
            symbols |= _panel(ax, table, columns, labels, rows, plan.horizontal, n)
            if len(plan.panels) > 1:
                ax.set_title(table.headers[columns[0]], loc="left", fontweight="bold")
            if axis_title:
                ax.set_xlabel(axis_title)
            if n:
                ax.tick_params(axis="y", labelleft=False)
        if len(plan.panels) == 1 and len(plan.panels[0]) > 1:
            fig.legend(
                handles=[
                    Patch(color=COLOURS[k % len(COLOURS)], label=table.headers[c])
                    for k, c in enumerate(plan.panels[0])
                ],
                loc="outside upper center",
                ncols=len(plan.panels[0]),
                frameon=False,
                handlelength=1.4,
            )
        if symbols:
            # Why some bars are hatched, below the chart: one line per symbol.
            fig.legend(
                handles=[
                    Patch(facecolor="white", edgecolor="#444444", hatch=HATCH, label=note)
                    for note in suppression_notes(symbols)
                ],
                loc="outside lower left",
                frameon=False,
                handlelength=1.4,
            )
        buffer = io.BytesIO()
        fig.savefig(
            buffer, format=image_format, metadata={"Date": None} if image_format == "svg" else None
        )
        plt.close(fig)
    return buffer.getvalue()


def cached_draw(table: Table, plan: Plan, *, image_format: str = "svg") -> bytes:
    """`draw`, kept in the cache under a digest of what it shows: the same figures give
    the same picture, so the dashboard draws only when the data changed."""
    from django.core.cache import cache as django_cache
    from django.utils.translation import get_language

    rows = _rows(table)
    key_source = repr(
        (
            table.headers,
            table.labels[:rows],
            table.values[:rows],
            plan,
            image_format,
            get_language(),  # the legend and month names are in the reader's language
            CODE_DIGEST,
        )
    )
    key = "reports-chart-" + hashlib.sha256(key_source.encode()).hexdigest()
    data = django_cache.get(key)
    if data is None:
        data = draw(table, plan, image_format=image_format)
        django_cache.set(key, data, CACHE_SECONDS)
    return data


def _drawable(table: Table, plan: Plan) -> bool:
    """Something to draw: a count above zero, or a suppressed one (which is above zero)."""
    for i in range(_rows(table)):
        for columns in plan.panels:
            for j in columns:
                value, symbol = cell(table.values[i][j])
                if symbol is not None or value:
                    return True
    return False


def charts_for(tables: dict[str, Table], *, image_format: str = "svg") -> list[Chart]:
    """The report's charts, each with the table it shows."""
    result = []
    for plan in PLANS:
        table = tables.get(plan.slug)
        if table is None or table.is_empty or not _drawable(table, plan):
            continue  # nothing to draw: the table says so
        symbols = {
            s
            for i in range(_rows(table))
            for columns in plan.panels
            for j in columns
            if (s := cell(table.values[i][j])[1]) is not None
        }
        note = "; ".join(suppression_notes(symbols))
        names = ", ".join(table.headers[c] for columns in plan.panels for c in columns)
        description = _("Bar chart: %(title)s (%(names)s). The table below has the numbers.") % {
            "title": table.title,
            "names": names,
        }
        if note:
            description += " " + _("Hatched bars: %(note)s.") % {"note": note}
        if _rows(table) > MAX_BARS:
            description += " " + _("The chart shows the %(n)d largest.") % {"n": MAX_BARS}
        result.append(
            Chart(
                slug=plan.slug,
                title=table.title,
                description=description,
                svg=cached_draw(table, plan, image_format=image_format),
                table=table,
                note=note,
            )
        )
    return result
