"""Small-cell suppression for partner viewers (pure): 1–4 shows as "<5", and no hidden cell can
be computed back from the totals that are shown.

A table is a grid of counts; its margins (row totals, column totals, the grand total) are cells
too. Every row with its total and every column with its total is an equation a reader can use.
Primary suppression hides counts 1–4 ("<5"). Secondary suppression hides more cells ("–") until
a linear-programming check shows that each primary cell can take at least two values given
everything shown, including what the symbols tell: "<5" means 1–4, "–" means 5 or more.
When a small cell stays pinned and no count of 5 or more is left to hide (four categories of one
person each under a total of 4), the totals of its lines are withheld ("×", any value): the
last resort, which tells a reader nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "–"
WITHHELD = "×"
LIMIT = 5


def is_small(value: int) -> bool:
    return 0 < value < LIMIT


def show(value: int) -> str:
    """One count on its own (a key figure): "<5" when 1–4."""
    return SMALL if is_small(value) else str(value)


@dataclass
class SuppressedTable:
    """Display strings for the cells and, when asked for, the margins."""

    cells: list[list[str]]
    row_totals: list[str] | None
    column_totals: list[str] | None
    grand_total: str | None


Cell = tuple[int, int]


def _grid(
    values: list[list[int]], row_totals: bool, column_totals: bool
) -> tuple[list[list[int]], list[list[Cell]]]:
    """The full grid with margins, and the equations as lists of cells whose last is the sum."""
    rows = len(values)
    columns = len(values[0]) if rows else 0
    grid = [list(r) for r in values]
    if row_totals:
        for r in grid:
            r.append(sum(r[:columns]))
    if column_totals:
        width = columns + (1 if row_totals else 0)
        grid.append([sum(grid[i][j] for i in range(rows)) for j in range(width)])
    equations: list[list[Cell]] = []
    if row_totals:
        last_row = rows + (1 if column_totals else 0)
        for i in range(last_row):
            equations.append([(i, j) for j in range(columns)] + [(i, columns)])
    if column_totals:
        last_column = columns + (1 if row_totals else 0)
        for j in range(last_column):
            equations.append([(i, j) for i in range(rows)] + [(rows, j)])
    return grid, equations


def interval(
    grid: list[list[int]],
    equations: list[list[Cell]],
    small: set[Cell],
    hidden: set[Cell],
    target: Cell,
    withheld: frozenset[Cell] = frozenset(),
) -> tuple[float, float]:
    """The smallest and largest value the target can take given what is shown."""
    # numpy and scipy on the first check, not when the URL map loads (see test_import_weight).
    import numpy as np
    from scipy.optimize import linprog

    unknown = sorted(small | hidden | withheld)
    index = {cell: k for k, cell in enumerate(unknown)}
    a_eq, b_eq = [], []
    for equation in equations:
        *parts, total = equation
        row = np.zeros(len(unknown))
        rhs = 0.0
        for cell, sign in [(c, 1.0) for c in parts] + [(total, -1.0)]:
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * grid[cell[0]][cell[1]]
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
    bounds = [
        (0, None) if cell in withheld else (1, LIMIT - 1) if cell in small else (LIMIT, None)
        for cell in unknown
    ]
    objective = np.zeros(len(unknown))
    objective[index[target]] = 1.0
    a = np.array(a_eq) if a_eq else None
    b = np.array(b_eq) if b_eq else None
    low = linprog(objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
    high = linprog(-objective, A_eq=a, b_eq=b, bounds=bounds, method="highs")
    if not (low.success and high.success):
        # Unbounded above: the cell cannot be pinned down.
        return (low.fun if low.success else 1.0, float("inf"))
    return (low.fun, -high.fun)


def _pinned(
    grid: list[list[int]],
    equations: list[list[Cell]],
    small: set[Cell],
    hidden: set[Cell],
    withheld: frozenset[Cell] = frozenset(),
) -> Cell | None:
    for cell in sorted(small - withheld):
        low, high = interval(grid, equations, small - withheld, hidden, cell, withheld)
        if high - low < 0.5:
            return cell
    return None


def _candidate(grid: list[list[int]], line: list[Cell], concealed: set[Cell]) -> Cell | None:
    """The smallest shown non-zero cell of an equation: the cheapest one to hide as well."""
    shown = [c for c in line if c not in concealed and grid[c[0]][c[1]] >= LIMIT]
    return min(shown, key=lambda c: (grid[c[0]][c[1]], c)) if shown else None


def _withhold_totals(
    grid: list[list[int]], equations: list[list[Cell]], small: set[Cell], hidden: set[Cell]
) -> frozenset[Cell]:
    """The totals to withhold so that no small cell stays pinned (usually none)."""
    withheld: frozenset[Cell] = frozenset()
    while (cell := _pinned(grid, equations, small, hidden, withheld)) is not None:
        totals = {line[-1] for line in equations if cell in line} - withheld
        if not totals:
            break  # cannot happen: a cell with every total withheld is free
        withheld |= totals
    return withheld


def suppress(
    values: list[list[int]], *, row_totals: bool = True, column_totals: bool = True
) -> SuppressedTable:
    grid, equations = _grid(values, row_totals, column_totals)
    small = {(i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if is_small(value)}
    hidden: set[Cell] = set()
    while True:
        concealed = small | hidden
        # A line with exactly one concealed cell gives it away: conceal one more in that line.
        for line in equations:
            if sum(c in concealed for c in line) == 1:
                extra = _candidate(grid, line, concealed)
                if extra is not None:
                    hidden.add(extra)
                    break
        else:
            cell = _pinned(grid, equations, small, hidden) if small else None
            if cell is None:
                break
            lines = [line for line in equations if cell in line]
            extra = next(
                (c for line in lines if (c := _candidate(grid, line, small | hidden))), None
            )
            if extra is None:
                # Nothing left to hide in its lines: hide every shown count of size in the table.
                rest = {
                    (i, j)
                    for i, row in enumerate(grid)
                    for j, value in enumerate(row)
                    if value >= LIMIT and (i, j) not in hidden
                }
                if not rest:
                    break  # the last resort below
                hidden |= rest
            else:
                hidden.add(extra)

    withheld = _withhold_totals(grid, equations, small, hidden)

    def text(i: int, j: int) -> str:
        if (i, j) in withheld:
            return WITHHELD
        if (i, j) in small:
            return SMALL
        if (i, j) in hidden:
            return HIDDEN
        return str(grid[i][j])

    rows = len(values)
    columns = len(values[0]) if rows else 0
    cells = [[text(i, j) for j in range(columns)] for i in range(rows)]
    return SuppressedTable(
        cells=cells,
        row_totals=[text(i, columns) for i in range(rows)] if row_totals else None,
        column_totals=[text(rows, j) for j in range(columns)] if column_totals else None,
        grand_total=text(rows, columns) if row_totals and column_totals else None,
    )
