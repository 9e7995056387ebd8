"""Bar charts of report tables with matplotlib: SVG for the page and the PDF, PNG for Word.

A chart is always shown next to the table it was drawn from, so it only has to be readable,
not complete: the table is the accessible version.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.translation import gettext as _

from .tables import Table

# Colour-blind-safe (Okabe–Ito) colours, dark enough for contrast against white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00"]
matplotlib.rcParams["svg.hashsalt"] = "sprakvan"  # stable ids: identical charts, identical bytes
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, faster, selectable
CACHE_SECONDS = 24 * 3600
MAX_BARS = 20


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    svg: bytes
    table: Table

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def _number(value: object) -> float:
    """A cell as a bar length; suppressed cells ("<5", "–") are not drawn."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value.isdigit():
        return float(value)
    return 0.0


def _numbers(table: Table, columns: list[int], rows: int) -> list[list[float]]:
    return [[_number(table.values[i][j]) for i in range(rows)] for j in columns]


def bar_chart(
    table: Table, columns: list[int], *, image_format: str = "svg", horizontal: bool = False
) -> bytes:
    """Grouped bars: one group per table row, one bar per chosen column."""
    rows = len(table.labels) - (1 if table.has_total_row else 0)
    series = _numbers(table, columns, rows)
    labels = table.labels[:rows]
    if len(labels) > MAX_BARS:
        # A whole platform has hundreds of districts: draw the largest, the table has them all.
        order = sorted(range(len(labels)), key=lambda i: -series[0][i])[:MAX_BARS]
        labels = [labels[i] for i in order]
        series = [[values[i] for i in order] for values in series]
    height = max(2.6, 0.35 * len(labels) * max(len(columns), 1) + 1.2) if horizontal else 3.2
    fig, ax = plt.subplots(figsize=(7.0, height), dpi=150)
    width = 0.8 / max(len(columns), 1)
    positions = list(range(len(labels)))
    for k, (column, values) in enumerate(zip(columns, series, strict=True)):
        offsets = [p - 0.4 + width * (k + 0.5) for p in positions]
        colour = COLOURS[k % len(COLOURS)]
        if horizontal:
            ax.barh(offsets, values, height=width, label=table.headers[column], color=colour)
        else:
            ax.bar(offsets, values, width=width, label=table.headers[column], color=colour)
    if horizontal:
        ax.set_xlim(left=0)
        longest = max((len(str(label)) for label in labels), default=0)
        fig.subplots_adjust(
            left=min(0.12 + 0.012 * longest, 0.45), right=0.97, top=0.95, bottom=0.12
        )
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.grid(axis="x", color="#dddddd")
    else:
        ax.set_xticks(
            positions,
            labels,
            rotation=30 if len(labels) > 6 else 0,
            ha="right" if len(labels) > 6 else "center",
        )
        ax.grid(axis="y", color="#dddddd")
        ax.set_ylim(bottom=0)
        fig.subplots_adjust(left=0.1, right=0.97, top=0.95, bottom=0.3 if len(labels) > 6 else 0.12)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(columns) > 1:
        ax.legend(frameon=False)
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format=image_format, metadata={"Date": None} if image_format == "svg" else None
    )
    plt.close(fig)
    return buffer.getvalue()


def cached_bar_chart(
    table: Table, columns: list[int], *, image_format: str = "svg", horizontal: bool = False
) -> bytes:
    """`bar_chart`, kept in the cache under a digest of what it shows: the same figures give
    the same picture, so the dashboard draws only when the data changed."""
    from django.core.cache import cache

    rows = len(table.labels) - (1 if table.has_total_row else 0)
    key_source = repr(
        (table.headers, table.labels[:rows], table.values[:rows], columns, image_format, horizontal)
    )
    key = "reports-chart-" + hashlib.sha256(key_source.encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = bar_chart(table, columns, image_format=image_format, horizontal=horizontal)
        cache.set(key, data, CACHE_SECONDS)
    return data


def charts_for(tables: dict[str, Table], *, image_format: str = "svg") -> list[Chart]:
    """The report's charts, each with the table it shows."""
    plan = [
        ("registrations", [0, 1, 2, 3], False),
        ("new-pairs-per-month", [0, 1], False),
        ("sessions-by-district", [0, 1], True),
    ]
    result = []
    for slug, columns, horizontal in plan:
        table = tables.get(slug)
        if table is None or table.is_empty:
            continue
        rows = len(table.labels) - (1 if table.has_total_row else 0)
        if not any(any(series) for series in _numbers(table, columns, rows)):
            continue  # nothing to draw (no data, or every cell suppressed): the table says so
        data = cached_bar_chart(table, columns, image_format=image_format, horizontal=horizontal)
        names = ", ".join(table.headers[c] for c in columns)
        description = _("Bar chart: %(title)s (%(names)s). The table below has the numbers.") % {
            "title": table.title,
            "names": names,
        }
        if rows > MAX_BARS:
            description += " " + _("The chart shows the %(n)d largest.") % {"n": MAX_BARS}
        result.append(
            Chart(
                slug=slug,
                title=table.title,
                description=description,
                svg=data,
                table=table,
            )
        )
    return result
