"""The pruned solver: LAPJVsp on a candidate set of pairs, proven optimal by a dual check."""

from __future__ import annotations

import time

import numpy as np

from .problem import Problem, SolveReport, _keys, _union, in_blocks

# Candidate margins of the pruned method, in thousandths of a point of reduced cost (half a
# point, a fifth, a whole point): tuned on the generated pools of bench/matching_engine.py.
FIRST_MARGIN = 500
ADD_MARGIN = 200
KEEP_MARGIN = 1000
MAX_PER_ROW = 256  # candidates added per newcomer in a round, at most
GREEDY_ROUNDS = 16  # proposal rounds of the greedy start; whoever is left has near-best pairs
# The guard: the generated pools settle in 4–5 solves (bench/matching_solvers.py); a staircase
# pool, where each round uncovers only the next step of a long chain of exchanges, took 15
# solves and 2.7 times dense (12 times sparse) at 6,600 newcomers. After MAX_SOLVES solves (or max_seconds, if
# the caller gives a time) the pruned method gives up and the caller solves it another way.
MAX_SOLVES = 8


def _solve_pruned(
    problem: Problem,
    row_best: np.ndarray,
    col_best: np.ndarray,
    *,
    first_margin: float = FIRST_MARGIN,
    add_margin: float = ADD_MARGIN,
    keep_margin: float = KEEP_MARGIN,
    max_solves: int = MAX_SOLVES,
    max_seconds: float | None = None,
    report: SolveReport | None = None,
) -> list[tuple[int, int]] | None:
    """LAPJVsp on a candidate set of pairs, proven optimal for the whole pool.

    The first candidates are the pairs of a quick greedy matching (so the set can hold as many
    pairs as the pool) and each person's near-best partners. After each solve, node potentials
    (shortest distances in the residual graph) certify the matching optimal for the
    candidates; if no pair of the whole pool has a negative reduced cost under them, no
    improving cycle exists in the whole pool either, so the matching is optimal for it.
    Otherwise the pairs within `add_margin` of zero reduced cost join the candidates, those
    beyond `keep_margin` leave (the matched pairs always stay; in the second half of the
    solves none leave), and the solve repeats. Returns None (the guard) if that has not
    settled after `max_solves` solves, or once `max_seconds` have passed.
    """
    p = problem
    width = p.cols.size
    edges = _union(
        _greedy_keys(p), _near_best_keys(p, row_best, col_best, first_margin, MAX_PER_ROW)
    )
    report = report if report is not None else SolveReport()
    started = time.monotonic()
    for done in range(max_solves):
        if max_seconds is not None and done and time.monotonic() - started > max_seconds:
            report.gave_up = "seconds"
            return None
        report.solves = done + 1
        rows, cols = np.divmod(edges, width)
        graph = p.slot_graph(rows, cols)
        assigned = p.match(*graph)
        potential = _potentials(p, *graph, assigned)
        if potential is None:
            report.gave_up = "potentials"
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
        if done * 2 < max_solves:  # later rounds only add, so the set cannot cycle
            kept = limit[rows] - slot_potential[cols] - p.scores(rows, cols) < keep_margin
            edges = edges[kept]
        edges = _union(edges, near, p.matched_keys(assigned))
    report.gave_up = "solves"
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
