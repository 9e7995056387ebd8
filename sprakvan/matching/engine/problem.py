"""The active part of a score matrix, and the block-wise scan and edge keys the solvers share."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

BLOCK_ELEMENTS = 1 << 21  # about 8 MB per float32 temporary while scanning the scores
WORKERS = max(1, min(4, len(os.sched_getaffinity(0))))


@dataclass
class SolveReport:
    """What `assignment.solve` did, for benchmarks and tests (pass one in to have it filled).

    `method` is the solver that ran ("auto" resolved), `density` the share of the newcomers ×
    places that are feasible, `solves` the LAPJVsp solves of the pruned method; `gave_up`
    says why its guard stopped it ("solves", "seconds") and `finished_by` which solver then
    found the optimum ("sparse", or "dense" for a crowded pool).
    """

    method: str = ""
    density: float = 0.0
    solves: int = 0
    gave_up: str = ""
    finished_by: str = ""


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
        # scipy when solving, not when the URL map loads (core/tests/test_import_weight.py)
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching

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
