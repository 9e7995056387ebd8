"""What a partner viewer sees: every table suppressed, and the same figure hidden everywhere.

Tables share figures (the newcomers registered are a key figure and a row total; sessions held
are a total in two tables). Each table is suppressed on its own, then a figure hidden in one
place is hidden in every place it appears, so no table gives away what another hides.
"""

from __future__ import annotations

from .suppression import HIDDEN, SMALL, WITHHELD
from .tables import Table, Value

# Figures that appear in several tables: (table slug, row, column); row/column -1 = totals.
# A key-figure row is given by its key.
LINKS: list[list[tuple[str, str | int, int]]] = [
    [("key-figures", "newcomers", 0), ("registrations", 0, -1)],
    [("key-figures", "established", 0), ("registrations", 1, -1)],
    [("key-figures", "new_pairs", 0), ("new-pairs-per-month", -1, 0)],
    [("key-figures", "new_pairs", 1), ("new-pairs-per-month", -1, 1)],
    [("key-figures", "ended_pairs", 0), ("ended-pairs", -1, 0)],
    [
        ("key-figures", "sessions", 0),
        ("sessions-by-district", -1, 0),
        ("sessions-by-type", -1, 0),
    ],
    [
        ("key-figures", "attendance", 0),
        ("sessions-by-district", -1, 1),
        ("sessions-by-type", -1, 1),
        ("attendance", -1, -1),
    ],
]


def _position(table: Table, row: str | int, column: int) -> tuple[int, int] | None:
    if isinstance(row, str):
        if row not in table.row_keys:
            return None
        i = table.row_keys.index(row)
    else:
        i = row if row >= 0 else len(table.values) - 1
    if not 0 <= i < len(table.values):
        return None
    width = len(table.values[i])
    j = column if column >= 0 else width - 1
    return (i, j) if 0 <= j < width else None


def viewer_tables(tables: list[Table]) -> list[Table]:
    result = [t.for_viewer() if t.slug != "goals" else _goals_for_viewer(t) for t in tables]
    by_slug = {t.slug: t for t in result}
    for link in LINKS:
        places = []
        for slug, row, column in link:
            table = by_slug.get(slug)
            position = _position(table, row, column) if table else None
            if table is not None and position is not None:
                places.append((table, position))
        shown: list[Value] = [t.values[i][j] for t, (i, j) in places]
        symbol = next((s for s in (WITHHELD, HIDDEN, SMALL) if s in shown), None)
        if symbol is not None:
            for table, (i, j) in places:
                table.values[i][j] = symbol
    return result


def _goals_for_viewer(table: Table) -> Table:
    """Goals keep status and progress; their current figure and target are small-cell checked."""
    from .suppression import show

    values: list[list[Value]] = []
    for row in table.values:
        status, progress, current, target = row
        now = show(int(current)) if isinstance(current, int | float) else current
        goal = show(int(target)) if isinstance(target, int | float) else target
        # The percentage would give a hidden count away from the other figure.
        if SMALL in (now, goal):
            progress = HIDDEN
        values.append([status, progress, now, goal])
    return Table(
        slug=table.slug,
        title=table.title,
        label_header=table.label_header,
        headers=table.headers,
        labels=table.labels,
        values=values,
        count_columns=table.count_columns,
    )
