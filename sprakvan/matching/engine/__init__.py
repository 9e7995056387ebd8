"""Matching engine: scores newcomer–established pairs and proposes the optimal set of pairs.

Pure numpy/scipy, no Django (tests/test_engine_purity.py checks it): the caller builds one `Pool`
per side from the database, and renders each proposal's `Reason`s (codes with parameters) in the
reader's language (`sprakvan.matching.explain`). This module is the engine's whole interface;
behind it, `market` holds the data types (its terms without numpy, `Weights` and `Reason`, are in
`sprakvan.matching.terms`), `scoring` the score components and reason codes, and
`assignment` the exact solvers.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import numpy as np

from sprakvan.matching.terms import (
    COMPONENTS,
    GENDERS,
    MILLI,
    PARTS_OF_DAY,
    SLOTS,
    Reason,
    Weights,
)

from . import assignment
from .assignment import Method, in_blocks
from .market import Person, Pool, Proposal
from .scoring import Context

__all__ = [
    "COMPONENTS",
    "GENDERS",
    "MILLI",
    "PARTS_OF_DAY",
    "SLOTS",
    "Method",
    "Person",
    "Pool",
    "Proposal",
    "Reason",
    "ScoreResult",
    "Weights",
    "assign",
    "assign_greedy",
    "candidates_for",
    "greedy",
    "propose",
    "score_matrix",
]


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Scores of every newcomer (row) × volunteer (column), with explanations per pair.

    `milli` holds the scores in whole thousandths of a point as float32, -inf where the pair
    is infeasible (a hard wish, family, no shared slot, or forbidden).
    """

    newcomers: Pool
    volunteers: Pool
    milli: np.ndarray
    _context: Context = field(repr=False)

    @property
    def scores(self) -> np.ndarray:
        """The scores in points, float32, -inf where infeasible (a new array)."""
        return self.milli / np.float32(MILLI)

    @property
    def feasible(self) -> np.ndarray:
        return np.isfinite(self.milli)

    def score(self, i: int, j: int) -> float:
        return float(self.milli[i, j]) / MILLI

    def components(self, i: int, j: int) -> dict[str, float]:
        """Points per named component (see COMPONENTS) for newcomer row i, volunteer column j."""
        return self._context.components(i, j)

    def reasons(self, i: int, j: int) -> list[Reason]:
        return self._context.reasons(i, j)

    def proposal(self, i: int, j: int) -> Proposal:
        if not np.isfinite(self.milli[i, j]):
            raise ValueError("an infeasible pair is never proposed")
        return self._context.proposal(i, j, float(self.milli[i, j]))


def score_matrix(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
) -> ScoreResult:
    """Score all pairs, broadcasting over blocks of newcomers to bound temporary memory.

    `neighbours` is a boolean district × district matrix or a collection of district index
    pairs; `forbidden` holds (newcomer_id, established_id) pairs never to propose.
    """
    context = Context(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    n, m = len(newcomers), len(volunteers)
    milli = np.empty((n, m), dtype=np.float32)
    cols = np.arange(m)

    def fill(start: int, stop: int) -> None:
        milli[start:stop] = context.block(np.arange(start, stop), cols)

    in_blocks(n, m, fill)
    return ScoreResult(newcomers, volunteers, milli, context)


def propose(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
    method: Method = "auto",
) -> list[Proposal]:
    """The set of pairs that gives the most people a friend and, among those, scores highest."""
    result = score_matrix(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    return assign(result, method=method)


def greedy(
    newcomers: Pool,
    volunteers: Pool,
    *,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
) -> list[Proposal]:
    """The "best pair first" baseline, for comparison only."""
    result = score_matrix(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    return assign_greedy(result)


def candidates_for(
    newcomers: Pool,
    volunteers: Pool,
    *,
    newcomer_id: int | None = None,
    established_id: int | None = None,
    weights: Weights = Weights(),
    neighbours: np.ndarray | Iterable[tuple[int, int]] | None = None,
    forbidden: Collection[tuple[int, int]] = frozenset(),
    today: dt.date,
    exclude: Collection[int] = frozenset(),
    limit: int = 5,
) -> list[Proposal]:
    """The best feasible partners of one person, best first, leaving out the ids in `exclude`.

    Only that person's row (or column) is scored, so this is cheap for the swap dialogue.
    """
    if (newcomer_id is None) == (established_id is None):
        raise ValueError("give exactly one of newcomer_id and established_id")
    context = Context(
        newcomers,
        volunteers,
        weights=weights,
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )
    if newcomer_id is not None:
        person = _index_of(newcomers, newcomer_id)
        milli = context.block(np.array([person]), np.arange(len(volunteers)))[0]
        others = volunteers.ids
    else:
        # Not None: the check above; mypy cannot carry it through the `==` of two tests.
        person = _index_of(volunteers, established_id)  # type: ignore[arg-type]
        milli = context.block(np.arange(len(newcomers)), np.array([person]))[:, 0]
        others = newcomers.ids
    excluded = np.fromiter(exclude, dtype=np.int64, count=len(exclude))
    order = np.flatnonzero(np.isfinite(milli) & ~np.isin(others, excluded))
    order = order[np.lexsort((others[order], -milli[order]))][:limit]
    if newcomer_id is not None:
        return [context.proposal(person, int(k), float(milli[k])) for k in order]
    return [context.proposal(int(k), person, float(milli[k])) for k in order]


def assign(result: ScoreResult, *, method: Method = "auto") -> list[Proposal]:
    """Exact optimum over `result`: the most pairs first, then the highest total score.

    The methods and why the optimum is exact are described in `assignment`; "auto" picks the
    one measured fastest for the pool's size, crowding and density (`choose_method`).
    """
    pairs = assignment.solve(result.milli, result.volunteers.capacity, method)
    return [result.proposal(i, j) for i, j in sorted(pairs)]


def assign_greedy(result: ScoreResult) -> list[Proposal]:
    """Repeatedly take the highest-scoring feasible pair whose two sides are still free.

    Ties go to the lower row, then the lower column. Each row keeps a short sorted list of
    its best candidates, widened fourfold whenever it runs out, so the baseline stays cheap.
    """
    milli = result.milli
    n, m = milli.shape
    free = result.volunteers.capacity.astype(np.int64)
    remaining = int(free.sum())
    width = [min(m, 16)] * n
    candidates = [_best_partners(row, width[i]) for i, row in enumerate(milli)]

    def next_free(i: int, k: int) -> int | None:
        while True:
            row = candidates[i]
            while k < len(row) and free[row[k]] == 0:
                k += 1
            if k < len(row):
                return k
            if width[i] >= m:
                return None
            width[i] = min(m, width[i] * 4)
            candidates[i], k = _best_partners(milli[i], width[i]), 0

    heap = []
    for i in range(n):
        k = next_free(i, 0)
        if k is not None:
            j = candidates[i][k]
            heap.append((-float(milli[i, j]), i, j, k))
    heapq.heapify(heap)
    chosen: list[tuple[int, int]] = []
    while heap and remaining:
        _, i, j, k = heapq.heappop(heap)
        if free[j] > 0:
            free[j] -= 1
            remaining -= 1
            chosen.append((i, j))
            continue
        found = next_free(i, k)
        if found is not None:
            j = candidates[i][found]
            heapq.heappush(heap, (-float(milli[i, j]), i, j, found))
    return [result.proposal(i, j) for i, j in sorted(chosen)]


def _best_partners(row: np.ndarray, count: int) -> list[int]:
    """Columns of the `count` highest feasible entries, best first, ties to the lower column."""
    if count < row.size:
        columns = np.argpartition(row, row.size - count)[row.size - count :]
    else:
        columns = np.arange(row.size)
    columns = columns[np.isfinite(row[columns])]
    return columns[np.lexsort((columns, -row[columns]))].tolist()


def _index_of(pool: Pool, person_id: int) -> int:
    found = np.flatnonzero(pool.ids == person_id)
    if not found.size:
        raise KeyError(person_id)
    return int(found[0])
