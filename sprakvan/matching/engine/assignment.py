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
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

Method = Literal["auto", "dense", "pruned", "sparse"]

BLOCK_ELEMENTS = 1 << 21  # about 8 MB per float32 temporary while scanning the scores
WORKERS = max(1, min(4, len(os.sched_getaffinity(0))))
# "auto" solves densely up to DENSE_LIMIT newcomers × slots, and also up to DENSE_MEMORY (a
# float64 matrix of 1.2 GB) where newcomers outnumber the places by a quarter or more; beyond,
# "pruned". Measured with bench/matching_engine.py --method: at 10,000 × 10,000 pruned takes
# a third of dense; where newcomers are 1.5 times the places (the usual programme) dense is
# as fast or faster, and below a few million entries dense always wins.
DENSE_LIMIT = 4_000_000
DENSE_MEMORY = 150_000_000
# Candidate margins of the pruned method, in thousandths of a point of reduced cost (half a
# point, a fifth, a whole point): tuned on the generated pools of bench/matching_engine.py.
FIRST_MARGIN = 500
ADD_MARGIN = 200
KEEP_MARGIN = 1000
MAX_PER_ROW = 256  # candidates added per newcomer in a round, at most
GREEDY_ROUNDS = 16  # proposal rounds of the greedy start; whoever is left has near-best pairs


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


class Problem:
    """The active part of a score matrix: newcomers and volunteers with a feasible partner.

    Local indices: rows 0..R-1, volunteers 0..V-1, slots 0..S-1 (volunteer c owns slots
    first_slot[c] .. first_slot[c] + capacity[c] - 1), and in the sparse formulations also one
    private "no friend" column S + r per row.
    """

    def __init__(
        self, milli: np.ndarray, rows: np.ndarray, cols: np.ndarray, capacity: np.ndarray, top: int
    ) -> None:
        self.milli, self.rows, self.cols, self.capacity, self.top = (
            milli,
            rows,
            cols,
            capacity,
            top,
        )
        self.all_rows = rows.size == milli.shape[0]
        self.all_cols = cols.size == milli.shape[1]
        self.slot_col = np.repeat(np.arange(cols.size), capacity)
        self.slots = int(self.slot_col.size)
        self.first_slot = np.concatenate(([0], np.cumsum(capacity)[:-1])).astype(np.intp)
        self.big = float(min(rows.size, self.slots) * top + 1)
        # Each row takes exactly one column in the sparse formulations, so adding `shift` to
        # all its costs keeps the optimum and makes every weight positive, as LAPJVsp needs.
        self.shift = self.big + top + 1

    def block(self, start: int, stop: int) -> np.ndarray:
        block = self.milli[start:stop] if self.all_rows else self.milli[self.rows[start:stop]]
        return block if self.all_cols else np.take(block, self.cols, axis=1)

    def rows_block(self, rows: np.ndarray) -> np.ndarray:
        block = self.milli[self.rows[rows]]
        return block if self.all_cols else np.take(block, self.cols, axis=1)

    def scores(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.milli[self.rows[rows], self.cols[cols]].astype(np.float64)

    def pairs(self, rows: np.ndarray, slots: np.ndarray) -> list[tuple[int, int]]:
        volunteers = self.cols[self.slot_col[slots]]
        return list(zip(self.rows[rows].tolist(), volunteers.tolist(), strict=True))

    def slot_graph(
        self, rows: np.ndarray, cols: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Shifted costs of the given row × volunteer edges over every slot, plus "no friend"."""
        cost = self.top + 1 - self.scores(rows, cols)  # shift - (big + score), at least 1
        repeat = self.capacity[cols]
        offset = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        own = np.arange(self.rows.size)
        return (
            np.concatenate([np.repeat(rows, repeat), own]),
            np.concatenate([np.repeat(self.first_slot[cols], repeat) + offset, self.slots + own]),
            np.concatenate([np.repeat(cost, repeat), np.full(own.size, self.shift)]),
        )

    def match(self, rows: np.ndarray, cols: np.ndarray, costs: np.ndarray) -> np.ndarray:
        """Column assigned to each row by LAPJVsp on the given slot graph."""
        size = self.rows.size
        graph = csr_array((costs, (rows, cols)), shape=(size, self.slots + size))
        row_ind, col_ind = min_weight_full_bipartite_matching(graph)
        assigned = np.empty(size, dtype=np.intp)
        assigned[row_ind] = col_ind
        return assigned

    def matched_pairs(self, assigned: np.ndarray) -> list[tuple[int, int]]:
        paired = np.flatnonzero(assigned < self.slots)
        return self.pairs(paired, assigned[paired])

    def matched_keys(self, assigned: np.ndarray) -> np.ndarray:
        paired = np.flatnonzero(assigned < self.slots)
        return paired * self.cols.size + self.slot_col[assigned[paired]]


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


def _solve_pruned(
    problem: Problem,
    row_best: np.ndarray,
    col_best: np.ndarray,
    *,
    first_margin: float = FIRST_MARGIN,
    add_margin: float = ADD_MARGIN,
    keep_margin: float = KEEP_MARGIN,
    rounds: int = 20,
) -> list[tuple[int, int]] | None:
    """LAPJVsp on a candidate set of pairs, proven optimal for the whole pool.

    The first candidates are the pairs of a quick greedy matching (so the set can hold as many
    pairs as the pool) and each person's near-best partners. After each solve, node potentials
    (shortest distances in the residual graph) certify the matching optimal for the
    candidates; if no pair of the whole pool has a negative reduced cost under them, no
    improving cycle exists in the whole pool either, so the matching is optimal for it.
    Otherwise the pairs within `add_margin` of zero reduced cost join the candidates, those
    beyond `keep_margin` leave (the matched pairs always stay; in the second half of the
    rounds none leave), and the solve repeats. Returns None if that does not settle within
    `rounds`.
    """
    p = problem
    width = p.cols.size
    edges = _union(
        _greedy_keys(p), _near_best_keys(p, row_best, col_best, first_margin, MAX_PER_ROW)
    )
    for done in range(rounds):
        rows, cols = np.divmod(edges, width)
        graph = p.slot_graph(rows, cols)
        assigned = p.match(*graph)
        potential = _potentials(p, *graph, assigned)
        if potential is None:
            return None
        slot_potential = np.maximum.reduceat(
            potential[p.rows.size : p.rows.size + p.slots], p.first_slot
        )
        limit = p.top + 1 + potential[: p.rows.size]
        near = _reduced_below(p, limit, slot_potential, add_margin, MAX_PER_ROW)
        near_rows, near_cols = np.divmod(near, width)
        reduced = limit[near_rows] - slot_potential[near_cols] - p.scores(near_rows, near_cols)
        if not (reduced < 0).any():
            return p.matched_pairs(assigned)
        if done * 2 < rounds:  # later rounds only add, so the set cannot cycle
            kept = limit[rows] - slot_potential[cols] - p.scores(rows, cols) < keep_margin
            edges = edges[kept]
        edges = _union(edges, near, p.matched_keys(assigned))
    return None


def _greedy_keys(problem: Problem) -> np.ndarray:
    """Keys row * V + volunteer of a greedy matching: rows propose to their best volunteer
    with a free place, each volunteer keeps the best proposals, the rest propose again."""
    p = problem
    width = p.cols.size
    free = p.capacity.astype(np.int64)
    left = np.arange(p.rows.size)
    found: list[np.ndarray] = []
    for _ in range(GREEDY_ROUNDS):
        closed = np.where(free > 0, 0.0, -np.inf).astype(np.float32)

        def best(start: int, stop: int, left: np.ndarray = left, closed: np.ndarray = closed):
            if left.size == p.rows.size:
                block = p.block(start, stop) + closed
            else:
                block = p.rows_block(left[start:stop]) + closed
            choice = block.argmax(axis=1)
            return choice, block[np.arange(choice.size), choice]

        chosen = in_blocks(left.size, width, best)
        choice = np.concatenate([c for c, _ in chosen])
        value = np.concatenate([v for _, v in chosen])
        proposing = np.isfinite(value)
        left, choice, value = left[proposing], choice[proposing], value[proposing]
        order = np.lexsort((left, -value, choice))
        by_volunteer = choice[order]
        rank = np.arange(order.size) - np.searchsorted(by_volunteer, by_volunteer)
        accepted = order[rank < free[by_volunteer]]
        found.append(left[accepted] * width + choice[accepted])
        np.subtract.at(free, choice[accepted], 1)
        left = np.delete(left, accepted)
        if not left.size:
            break
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _near_best_keys(
    problem: Problem, row_best: np.ndarray, col_best: np.ndarray, margin: float, most: int
) -> np.ndarray:
    """Keys of the pairs within `margin` of the newcomer's or the volunteer's best score,
    at most `most` per newcomer (the best ones where there are more)."""
    p = problem
    width = p.cols.size

    def near(start: int, stop: int) -> np.ndarray:
        block = p.block(start, stop)
        mask = (block >= (row_best[start:stop, None] - margin)) | (block >= col_best - margin)
        mask &= np.isfinite(block)
        return _best_keys(mask, -block, start, most)

    return np.concatenate(in_blocks(p.rows.size, width, near))


def _reduced_below(
    problem: Problem, limit: np.ndarray, slot_potential: np.ndarray, margin: float, most: int
) -> np.ndarray:
    """Keys of the feasible pairs whose reduced cost is below `margin`, at most `most` per
    newcomer (those with the lowest reduced cost where there are more).

    The pair (row i, a slot of volunteer c) costs top + 1 - score, so its reduced cost
    top + 1 - score + d[i] - d[slot] is smallest for the slot with the largest potential.
    """
    p = problem

    def below(start: int, stop: int) -> np.ndarray:
        reduced = limit[start:stop, None] - slot_potential[None, :] - p.block(start, stop)
        return _best_keys(reduced < margin, reduced, start, most)  # infeasible: +inf

    return np.concatenate(in_blocks(p.rows.size, p.cols.size, below))


def _potentials(
    problem: Problem,
    rows: np.ndarray,
    cols: np.ndarray,
    costs: np.ndarray,
    assigned: np.ndarray,
    *,
    max_rounds: int = 20_000,
) -> np.ndarray | None:
    """Shortest distances from the sink t in the residual graph of the assignment.

    Nodes: rows, columns (slots and "no friend"), and t. An unused edge runs row → column at
    its cost, a used one column → row at minus its cost; a free column → t and t → a taken
    column at 0. Distances from t are the natural duals (free columns at t's level, 0); a
    free column that no edge reaches gets 0 too. Bellman-Ford, vectorised over all arcs,
    stops once nothing improves; None if it has not by max_rounds.
    """
    size, columns = problem.rows.size, problem.slots + problem.rows.size
    sink = size + columns
    used = assigned[rows] == cols
    taken = np.zeros(columns, dtype=bool)
    taken[assigned] = True
    column_nodes = size + np.arange(columns)
    source = np.concatenate(
        [np.where(used, size + cols, rows), np.where(taken, sink, column_nodes)]
    )
    target = np.concatenate(
        [np.where(used, rows, size + cols), np.where(taken, column_nodes, sink)]
    )
    weight = np.concatenate([np.where(used, -costs, costs), np.zeros(columns)])
    order = np.argsort(target, kind="stable")
    source, target, weight = source[order], target[order], weight[order]
    nodes, starts = np.unique(target, return_index=True)
    distance = np.full(sink + 1, np.inf)
    distance[sink] = 0.0
    for _ in range(max_rounds):
        best = np.minimum.reduceat(distance[source] + weight, starts)
        better = best < distance[nodes]
        if not better.any():
            free = size + np.flatnonzero(~taken)
            distance[free] = 0.0  # as low as a free column may go: its arc to t needs d >= 0
            return distance
        distance[nodes[better]] = best[better]
    return None


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


def _best_keys(mask: np.ndarray, rank: np.ndarray, start: int, most: int) -> np.ndarray:
    """Keys of the true entries of a block, at most `most` per row: those of lowest `rank`."""
    width = mask.shape[1]
    crowded = np.flatnonzero(mask.sum(axis=1) > most)
    if crowded.size:
        lowest = np.argpartition(rank[crowded], most - 1, axis=1)[:, :most]
        kept = np.take_along_axis(mask[crowded], lowest, axis=1)
        mask[crowded] = False
        mask[crowded[:, None], lowest] = kept
    return _keys(mask, start, width)


def _keys(mask: np.ndarray, start: int, width: int) -> np.ndarray:
    """Keys row * width + column of the true entries of a block of rows starting at `start`."""
    local, cols = np.nonzero(mask)
    return (local + start).astype(np.int64) * width + cols


def _union(*keys: np.ndarray) -> np.ndarray:
    """Sorted distinct keys (numpy's hash-based union1d was seconds slower at a million keys)."""
    merged = np.sort(np.concatenate(keys))
    if not merged.size:
        return merged
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))]


def in_blocks[T](n_rows: int, n_cols: int, work: Callable[[int, int], T]) -> list[T]:
    """Run work(start, stop) over blocks of rows, on a few threads (numpy releases the GIL)."""
    step = max(1, BLOCK_ELEMENTS // max(n_cols, 1))
    bounds = [(start, min(start + step, n_rows)) for start in range(0, n_rows, step)]
    if WORKERS == 1 or len(bounds) < 2:
        return [work(start, stop) for start, stop in bounds]
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda bound: work(*bound), bounds))
