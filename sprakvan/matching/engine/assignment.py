"""Exact assignment for the matching engine: the most pairs, then the highest total score.

Pure numpy/scipy. The input is a score matrix in whole thousandths of a point (float32, -inf
where a pair is infeasible) and each volunteer's free places. Each volunteer becomes as many
columns ("slots") as they have places. A feasible pair costs -(BIG + score) and an infeasible
one 0, so a solver never gains by an infeasible entry. BIG exceeds the top score times the most
pairs a matching can hold, so one more pair always outweighs any difference in total score (an
augmenting path gains BIG and swaps fewer than that many pairs): the optimum has maximum
cardinality and, among those, the maximum total score. Every cost, total and dual value is an
integer far below 2**53, exact in float64, so the optimum found is exactly optimal.

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
from .problem import _keys, in_blocks
from .pruned import ADD_MARGIN as ADD_MARGIN
from .pruned import FIRST_MARGIN as FIRST_MARGIN
from .pruned import GREEDY_ROUNDS as GREEDY_ROUNDS
from .pruned import KEEP_MARGIN as KEEP_MARGIN
from .pruned import MAX_PER_ROW as MAX_PER_ROW
from .pruned import _greedy_keys as _greedy_keys
from .pruned import _solve_pruned

Method = Literal["auto", "dense", "pruned", "sparse"]

# "auto" solves densely up to DENSE_LIMIT newcomers × slots, and also up to DENSE_MEMORY (a
# float64 matrix of 1.2 GB) where newcomers outnumber the places by a quarter or more; beyond,
# "pruned". Measured with bench/matching_engine.py --method: at 10,000 × 10,000 pruned takes
# a third of dense; where newcomers are 1.5 times the places (the usual programme) dense is
# as fast or faster, and below a few million entries dense always wins.
DENSE_LIMIT = 4_000_000
DENSE_MEMORY = 150_000_000


def solve(
    milli: np.ndarray, capacity: np.ndarray, method: Method = "auto"
) -> list[tuple[int, int]]:
    """Optimal (newcomer row, volunteer column) pairs for the score matrix `milli`."""
    n, m = milli.shape
    stats = in_blocks(n, m, lambda start, stop: _Stats(milli[start:stop]))
    if not stats:
        return []
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
    if method == "auto":
        size = rows.size * problem.slots
        crowded = rows.size * 4 >= problem.slots * 5 and size <= DENSE_MEMORY
        method = "dense" if size <= DENSE_LIMIT or crowded else "pruned"
    if method == "dense":
        return _solve_dense(problem)
    if method == "sparse":
        return _solve_sparse(problem)
    if method == "pruned":
        found = _solve_pruned(problem, row_best, col_best)
        return found if found is not None else _solve_dense(problem)
    raise ValueError(f"unknown method {method!r}")


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
    """Feasible partners per row and column of a block, each one's best score, the top."""

    def __init__(self, block: np.ndarray) -> None:
        feasible = np.isfinite(block)
        self.row_degree = feasible.sum(axis=1)
        self.col_degree = feasible.sum(axis=0)
        self.row_best = block.max(axis=1, initial=-np.inf)
        self.col_best = block.max(axis=0, initial=-np.inf)
        self.top = round(float(self.row_best.max(initial=0.0))) if feasible.any() else 0
