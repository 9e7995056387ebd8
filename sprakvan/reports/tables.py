"""The report's tables: one shape for the page, the exports and the document, with suppression."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .suppression import suppress

Value = int | float | Decimal | datetime.date | str | None


def as_int(value: Value) -> int:
    """A count cell as an integer (empty cells count 0)."""
    return int(value) if isinstance(value, int | float | Decimal) else 0


@dataclass
class Table:
    """Rows of a label and values. `row_totals`/`column_totals` add sums of counts (the
    values must then be integers); `counts` says whether the values are counts of people or
    events, which partner viewers see suppressed (other columns are dropped for them)."""

    slug: str
    title: str
    label_header: str
    headers: list[str]
    labels: list[str]
    values: list[list[Value]]
    row_totals: bool = False
    column_totals: bool = False
    count_columns: list[bool] = field(default_factory=list)
    total_label: str = "Total"
    caption: str = ""
    has_total_row: bool = False
    row_keys: list[str] = field(default_factory=list)
    count_rows: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.count_columns:
            self.count_columns = [True] * len(self.headers)

    @property
    def is_empty(self) -> bool:
        return not self.labels

    def totals_row(self) -> list[Value]:
        return [
            sum(as_int(row[j]) for row in self.values) if self.count_columns[j] else None
            for j in range(len(self.headers))
        ]

    def full(self) -> tuple[list[str], list[list[Value]]]:
        """Headers and rows (label first) with totals, as plain values: for exports."""
        headers = [self.label_header, *self.headers]
        rows: list[list[Value]] = []
        for label, values in zip(self.labels, self.values, strict=True):
            row: list[Value] = [label, *values]
            if self.row_totals:
                row.append(sum(as_int(v) for v in values))
            rows.append(row)
        if self.row_totals:
            headers.append(self.total_label)
        if self.column_totals and self.labels:
            total: list[Value] = [self.total_label, *self.totals_row()]
            if self.row_totals:
                total.append(sum(as_int(v) for row in self.values for v in row))
            rows.append(total)
        return headers, rows

    def for_viewer(self) -> Table:
        """Counts only, with small cells suppressed: what a partner viewer sees and exports."""
        keep = [j for j, is_count in enumerate(self.count_columns) if is_count]
        kept_rows = [
            i for i in range(len(self.labels)) if not self.count_rows or self.count_rows[i]
        ]
        values = [[as_int(self.values[i][j]) for j in keep] for i in kept_rows]
        headers = [self.headers[j] for j in keep]
        labels = [self.labels[i] for i in kept_rows]
        row_keys = [self.row_keys[i] for i in kept_rows] if self.row_keys else []
        if not values or not keep:
            return Table(self.slug, self.title, self.label_header, headers, [], [])
        hidden = suppress(values, row_totals=self.row_totals, column_totals=self.column_totals)
        rows: list[list[Value]] = [list(r) for r in hidden.cells]
        if self.row_totals and hidden.row_totals is not None:
            headers = [*headers, self.total_label]
            rows = [[*r, t] for r, t in zip(rows, hidden.row_totals, strict=True)]
        if self.column_totals and hidden.column_totals is not None:
            total_row: list[Value] = list(hidden.column_totals)
            if self.row_totals:
                total_row.append(hidden.grand_total)
            rows.append(total_row)
            labels.append(self.total_label)
        return Table(
            slug=self.slug,
            title=self.title,
            label_header=self.label_header,
            headers=headers,
            labels=labels,
            values=rows,
            count_columns=[True] * len(headers),
            total_label=self.total_label,
            caption=self.caption,
            has_total_row=self.column_totals,
            row_keys=row_keys,
        )
