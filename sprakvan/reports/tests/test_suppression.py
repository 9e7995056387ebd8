"""Small-cell suppression: 1–4 shows as <5 and no hidden cell can be computed back."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from sprakvan.reports.suppression import HIDDEN, SMALL, WITHHELD, show, suppress


def test_a_single_count_from_one_to_four_shows_as_less_than_five() -> None:
    assert [show(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_a_table_without_small_cells_is_shown_as_it_is() -> None:
    table = suppress([[89, 110], [65, 24]])
    assert table.cells == [["89", "110"], ["65", "24"]]
    assert table.row_totals == ["199", "89"]
    assert table.column_totals == ["154", "134"]
    assert table.grand_total == "288"


def test_a_small_cell_takes_a_second_cell_in_its_row_and_column_with_it() -> None:
    table = suppress([[3, 10], [12, 20]])
    assert table.cells[0][0] == SMALL
    # Row 0 total 13 and column 0 total 15 are shown: 10 and 12 must not be.
    assert table.cells[0][1] == HIDDEN
    assert table.cells[1][0] == HIDDEN


def test_four_people_in_four_categories_withhold_the_total_that_would_pin_them() -> None:
    # Four "<5" under a total "<5" can only be 1 each: the total is withheld instead.
    table = suppress([[1], [1], [1], [1]], row_totals=False, column_totals=True)

    assert table.cells == [[SMALL]] * 4
    assert table.column_totals == [WITHHELD]


def _grid_and_lines(
    values: list[list[int]], rows: bool, columns: bool
) -> tuple[list[list[int]], list[list[tuple[int, int]]]]:
    r, c = len(values), len(values[0])
    grid = [list(row) + ([sum(row)] if rows else []) for row in values]
    if columns:
        width = c + (1 if rows else 0)
        grid.append([sum(grid[i][j] for i in range(r)) for j in range(width)])
    lines = []
    if rows:
        lines += [[(i, j) for j in range(c + 1)] for i in range(r + (1 if columns else 0))]
    if columns:
        lines += [[(i, j) for i in range(r + 1)] for j in range(c + (1 if rows else 0))]
    return grid, lines


def _shown(table, rows: bool, columns: bool) -> list[list[str]]:
    shown = [
        list(row) + ([t] if rows else [])
        for row, t in zip(table.cells, table.row_totals or [None] * len(table.cells), strict=True)
    ]
    if columns:
        shown.append(list(table.column_totals) + ([table.grand_total] if rows else []))
    return shown


def _range(grid, lines, shown, target) -> tuple[float, float]:
    """What a reader can work out about `target` from the shown cells and the sums (an
    independent linear program: <5 means 1..4, – means 5 or more, × any count)."""
    unknown = [
        (i, j)
        for i, row in enumerate(shown)
        for j, text in enumerate(row)
        if text in (SMALL, HIDDEN, WITHHELD)
    ]
    index = {cell: k for k, cell in enumerate(unknown)}
    a, b = [], []
    for line in lines:
        *parts, total = line
        row = np.zeros(len(unknown))
        rhs = 0.0
        for cell, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * int(shown[cell[0]][cell[1]])
        if row.any():
            a.append(row)
            b.append(rhs)
    bounds = [
        (0, None) if shown[i][j] == WITHHELD else (1, 4) if shown[i][j] == SMALL else (5, None)
        for i, j in unknown
    ]
    c = np.zeros(len(unknown))
    c[index[target]] = 1
    kwargs = {"A_eq": np.array(a), "b_eq": np.array(b)} if a else {}
    low = linprog(c, bounds=bounds, method="highs", **kwargs)
    high = linprog(-c, bounds=bounds, method="highs", **kwargs)
    assert low.success, "what is shown must be consistent with some table"
    return low.fun, (-high.fun if high.success else float("inf"))


tables = st.integers(1, 4).flatmap(
    lambda r: st.integers(1, 4).flatmap(
        lambda c: st.lists(
            st.lists(st.one_of(st.integers(0, 4), st.integers(5, 40)), min_size=c, max_size=c),
            min_size=r,
            max_size=r,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_suppression_never_reveals_a_small_cell(
    values: list[list[int]], rows: bool, columns: bool
) -> None:
    table = suppress(values, row_totals=rows, column_totals=columns)
    grid, lines = _grid_and_lines(values, rows, columns)
    shown = _shown(table, rows, columns)
    totals = {line[-1] for line in lines}
    for i, row in enumerate(shown):
        for j, text in enumerate(row):
            value = grid[i][j]
            if text == WITHHELD:
                assert (i, j) in totals, "only totals are ever withheld"
            elif 1 <= value <= 4:
                assert text == SMALL
            elif text != HIDDEN:
                assert text == str(value), "a shown count is the true count"
            else:
                assert value >= 5, "only counts of 5 or more are hidden to protect others"
    for i, row in enumerate(shown):
        for j, text in enumerate(row):
            if text == SMALL:
                low, high = _range(grid, lines, shown, (i, j))
                assert high - low >= 1, f"cell {(i, j)} of {grid} is pinned to {low}"
