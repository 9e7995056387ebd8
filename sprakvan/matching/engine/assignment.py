"""Exact assignment for the matching engine: the most pairs, then the highest total score.

Pure numpy/scipy. The input is a score matrix in whole thousandths of a point (float32, -inf
where a pair is infeasible) and each volunteer's free places. Each volunteer becomes as many
columns ("slots") as they have places. A feasible pair costs -(BIG + score) and an infeasible
one 0, so a solver never gains by an infeasible entry. BIG exceeds the top score times the most
pairs a matching can hold, so one more pair always outweighs any difference in total score (an
augmenting path gains BIG and swaps fewer than that many pairs): the optimum has maximum
cardinality and, among those, the maximum total score. Scores are whole and below 2**24, exact
in float32, and every cost, total and dual value is an integer below 2**53, exact in float64,
so the optimum found is exactly optimal; `solve` checks both and refuses input that breaks them.

Methods: "dense" runs linear_sum_assignment on the newcomers × slots matrix; "sparse" runs
LAPJVsp on every feasible pair; "pruned" solves on a small candidate set and proves the result
optimal for the whole pool with a dual (reduced-cost) check, growing the set until it holds.
This module owns the choice of method and the dense and sparse solvers; `problem` holds the
active part of the matrix and the block-wise scan, `pruned` the pruned solver.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from .problem import BLOCK_ELEMENTS as BLOCK_ELEMENTS
from .problem import WORKERS as WORKERS
from .problem import Problem as Problem
from .problem import SolveReport as SolveReport
from .problem import _keys, in_blocks
from .pruned import ADD_MARGIN as ADD_MARGIN
from .pruned import FIRST_MARGIN as FIRST_MARGIN
from .pruned import GREEDY_ROUNDS as GREEDY_ROUNDS
from .pruned import KEEP_MARGIN as KEEP_MARGIN
from .pruned import MAX_PER_ROW as MAX_PER_ROW
from .pruned import MAX_SOLVES as MAX_SOLVES
from .pruned import _greedy_keys as _greedy_keys
from .pruned import _solve_pruned

Method = Literal["auto", "dense", "pruned", "sparse"]

# Scores are float32 holding whole thousandths: exact below 2**24. Every cost, total and dual
# value in the solvers is float64 (an integer, exact below 2**53).
FLOAT32_EXACT = 1 << 24
FLOAT64_EXACT = 1 << 53

# "auto" (choose_method), from bench/matching_solvers.py's grid (figures in docs/matching.md):
# - sparse (LAPJVsp on the feasible pairs) up to SPARSE_DENSITY of the newcomers × places
#   feasible: at 5 % it took 0.4–0.9 of the old choice's time (1.1–1.2 times on two pools of
#   seven); at 13 % 0.9–2.4 times the best method, at 67 % 1.4–10 times;
# - dense up to DENSE_LIMIT entries, and up to DENSE_CROWDED where newcomers outnumber the
#   places by a quarter or more (dense 0.7–0.9 of pruned up to 6,000 × 3,000, 24 M entries;
#   1.4–1.8 times at 12,000 × 7,000, 111 M);
# - pruned beyond: a third to a half of dense at 7,000 × 7,000 and 10,000 × 10,000.
SPARSE_DENSITY = 0.08
DENSE_LIMIT = 4_000_000
DENSE_CROWDED = 30_000_000
# Where the pruned solver's guard stops it, the sparse solver finishes below this density, dense
# above (at 13 % sparse took 0.9–2.4 times the best method, at 67 % 1.4–10 times).
GUARD_SPARSE_DENSITY = 0.3


def choose_method(rows: int, slots: int, edges: int) -> Method:
    """The method "auto" runs for `rows` newcomers and `slots` places with a feasible partner,
    `edges` of the newcomer × place pairs feasible (the sparse solver's graph)."""
    size = rows * slots
    if edges <= SPARSE_DENSITY * size:
        return "sparse"
    if size <= DENSE_LIMIT or (rows * 4 >= slots * 5 and size <= DENSE_CROWDED):
        return "dense"
    return "pruned"


def solve(
    milli: np.ndarray,
    capacity: np.ndarray,
    method: Method = "auto",
    *,
    report: SolveReport | None = None,
) -> list[tuple[int, int]]:
    """Optimal (newcomer row, volunteer column) pairs for the score matrix `milli`.

    Raises ValueError unless every score is -inf (infeasible) or a whole number in
    [0, 2**24), and every total the solvers form stays exact in float64.
    """
    report = report if report is not None else SolveReport()
    n, m = milli.shape
    stats = in_blocks(n, m, lambda start, stop: _Stats(milli[start:stop]))
    if not stats:
        return []
    _check_exact(stats)
    row_degree = np.concatenate([s.row_degree for s in stats])
    col_degree = np.sum([s.col_degree for s in stats], axis=0)
    places = np.minimum(np.asarray(capacity, dtype=np.int64), col_degree)
    rows = np.flatnonzero(row_degree > 0)
    cols = np.flatnonzero(places > 0)
    if not rows.size or not cols.size:
        return []
    row_best = np.concatenate([s.row_best for s in stats])[rows]
    col_best = np.max([s.col_best for s in stats], axis=0)[cols]
    top = max(s.top for s in stats)
    problem = Problem(milli, rows, cols, places[cols], top)
    if not totals_are_exact(rows.size, problem.slots, top):
        raise ValueError(
            f"a pool of {rows.size:,} newcomers and {problem.slots:,} places with scores up "
            f"to {top:,} is too large for exact totals (they must stay below 2**53)"
        )
    edges = int(col_degree[cols] @ places[cols])
    report.density = edges / (rows.size * problem.slots)
    if method == "auto":
        method = choose_method(rows.size, problem.slots, edges)
    report.method = method
    if method == "dense":
        return _solve_dense(problem)
    if method == "sparse":
        return _solve_sparse(problem)
    if method == "pruned":
        found = _solve_pruned(problem, row_best, col_best, report=report)
        if found is not None:
            return found
        # The guard stopped it: the sparse solver, unless the pool is so crowded that the
        # sparse graph costs several times dense (measured: 1.4–10 times at 67 % feasible).
        if edges <= GUARD_SPARSE_DENSITY * rows.size * problem.slots:
            report.finished_by = "sparse"
            return _solve_sparse(problem)
        report.finished_by = "dense"
        return _solve_dense(problem)
    raise ValueError(f"unknown method {method!r}")


def totals_are_exact(rows: int, slots: int, top: int) -> bool:
    """Whether every cost, total and dual value of a pool of `rows` newcomers and `slots`
    places with scores up to `top` stays below 2**53, exact in float64.

    The largest cost is the shifted "no friend" cost, BIG + top + 1 with BIG =
    min(rows, slots) * top + 1 (see Problem); no total or shortest path sums more than one
    cost per node.
    """
    big = min(rows, slots) * top + 1
    return (rows + slots) * (big + 2 * top + 2) < FLOAT64_EXACT


def _check_exact(stats: list[_Stats]) -> None:
    """Refuse scores the solvers could not handle exactly (a ValueError, not an assert:
    `python -O` would strip that)."""
    if any(s.invalid for s in stats):
        raise ValueError("scores must be finite or -inf (infeasible); got NaN or +inf")
    if not all(s.whole for s in stats):
        raise ValueError("scores must be whole numbers (thousandths of a point)")
    if any(s.negative for s in stats):
        raise ValueError("scores must not be negative (-inf marks an infeasible pair)")
    high = max(s.high for s in stats)
    if high >= FLOAT32_EXACT:
        raise ValueError(
            f"scores must be below 2**24 = {FLOAT32_EXACT:,} to be exact in float32; "
            f"got {high:,.0f}"
        )


def _solve_dense(problem: Problem) -> list[tuple[int, int]]:
    """linear_sum_assignment on the full newcomers × slots cost matrix."""
    p = problem
    rows, slots = p.rows.size, p.slots
    transpose = rows > slots  # the shorter side as rows, so scipy does not copy the matrix
    cost = np.empty((slots, rows) if transpose else (rows, slots), dtype=np.float64)

    def fill(start: int, stop: int) -> None:
        block = _costs(np.take(p.block(start, stop), p.slot_col, axis=1), p.big)
        if transpose:
            cost[:, start:stop] = block.T
        else:
            cost[start:stop] = block

    in_blocks(rows, slots, fill)
    from scipy.optimize import linear_sum_assignment  # scipy when solving, not with the URL map

    row_ind, col_ind = linear_sum_assignment(cost)
    paired = cost[row_ind, col_ind] < 0
    row_ind, col_ind = row_ind[paired], col_ind[paired]
    if transpose:
        row_ind, col_ind = col_ind, row_ind
    return p.pairs(row_ind, col_ind)


def _solve_sparse(problem: Problem) -> list[tuple[int, int]]:
    """LAPJVsp on every feasible edge: exact, and quick when hard constraints thin the graph."""
    p = problem
    found = in_blocks(
        p.rows.size,
        p.cols.size,
        lambda start, stop: _keys(np.isfinite(p.block(start, stop)), start, p.cols.size),
    )
    rows, cols = np.divmod(np.concatenate(found), p.cols.size)
    return p.matched_pairs(p.match(*p.slot_graph(rows, cols)))


def _costs(milli: np.ndarray, big: float) -> np.ndarray:
    """-(big + score) for feasible entries and 0 for infeasible ones, as float64."""
    cost = milli.astype(np.float64)
    infeasible = ~np.isfinite(cost)
    cost += big
    np.negative(cost, out=cost)
    cost[infeasible] = 0.0
    return cost


class _Stats:
    """Feasible partners per row and column of a block, each one's best score, the top, and
    what `_check_exact` needs: the highest finite score, whether any is negative or fractional."""

    def __init__(self, block: np.ndarray) -> None:
        feasible = np.isfinite(block)
        self.row_degree = feasible.sum(axis=1)
        self.col_degree = feasible.sum(axis=0)
        self.row_best = block.max(axis=1, initial=-np.inf)
        self.col_best = block.max(axis=0, initial=-np.inf)
        # NaN and +inf are not finite, so not feasible; only -inf may mark an infeasible pair.
        self.invalid = bool(np.isnan(self.row_best).any() or np.isposinf(self.row_best).any())
        self.high = float(self.row_best[np.isfinite(self.row_best)].max(initial=0.0))
        # Cheap on 10**8 entries: -inf is the one negative allowed, and floor(-inf) == -inf.
        infeasible = block.size - int(self.row_degree.sum())
        self.negative = np.count_nonzero(block < 0) > infeasible
        self.whole = bool((np.floor(block) == block).all())
        self.top = round(self.high) if feasible.any() else 0
