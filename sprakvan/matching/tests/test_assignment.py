"""The exact solvers of `assignment` on score matrices with many ties, as the real ones have."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprakvan.matching.engine import assignment
from sprakvan.matching.engine.assignment import Problem, _greedy_keys, _solve_pruned, solve


def tied_scores(seed: int, rows: int, cols: int, levels: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Scores in thousandths from `levels` distinct values, a third infeasible, capacity 1–3."""
    rng = np.random.default_rng(seed)
    milli = (rng.integers(0, levels, size=(rows, cols)) * 500).astype(np.float32)
    milli[rng.random((rows, cols)) < 0.33] = -np.inf
    return milli, rng.integers(1, 4, size=cols)


def objective(milli: np.ndarray, capacity: np.ndarray, pairs: list[tuple[int, int]]) -> tuple:
    used = np.bincount([j for _, j in pairs], minlength=milli.shape[1])
    assert (used <= capacity).all()
    assert len({i for i, _ in pairs}) == len(pairs)
    assert all(np.isfinite(milli[i, j]) for i, j in pairs)
    return len(pairs), sum(float(milli[i, j]) for i, j in pairs)


def problem_of(milli: np.ndarray, capacity: np.ndarray) -> tuple[Problem, np.ndarray, np.ndarray]:
    feasible = np.isfinite(milli)
    rows = np.flatnonzero(feasible.any(axis=1))
    places = np.minimum(capacity, feasible.sum(axis=0))
    cols = np.flatnonzero(places > 0)
    block = milli[np.ix_(rows, cols)]
    top = round(float(block[np.isfinite(block)].max()))
    return (
        Problem(milli, rows, cols, places[cols], top),
        block.max(axis=1),
        block.max(axis=0),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 120),
    cols=st.integers(1, 120),
)
def test_pruned_finds_the_dense_optimum(seed, rows, cols):
    milli, capacity = tied_scores(seed, rows, cols)

    dense = solve(milli, capacity, "dense")
    pruned = solve(milli, capacity, "pruned")

    assert objective(milli, capacity, pruned) == objective(milli, capacity, dense)


@pytest.mark.parametrize("shape", [(150, 60), (120, 120), (60, 150)])
def test_pruned_grows_its_candidates_until_the_whole_pool_certifies_it(
    shape: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows, cols = shape
    milli, capacity = tied_scores(7, rows, cols, levels=1000)
    problem, row_best, col_best = problem_of(milli, capacity)
    solves: list[int] = []
    match = Problem.match

    def counted_match(self: Problem, *graph: np.ndarray) -> np.ndarray:
        solves.append(1)
        return match(self, *graph)

    monkeypatch.setattr(Problem, "match", counted_match)

    # No margins: the first candidates are the greedy pairs and exact best partners only, so
    # the optimum needs pairs that the dual check has to find and add.
    pairs = _solve_pruned(problem, row_best, col_best, first_margin=0, add_margin=0)

    assert pairs is not None
    assert len(solves) >= 2
    dense = solve(milli, capacity, "dense")
    assert objective(milli, capacity, pairs) == objective(milli, capacity, dense)


def test_pruned_gives_up_after_its_rounds_and_auto_falls_back_to_dense(monkeypatch):
    milli, capacity = tied_scores(7, 120, 120, levels=1000)
    problem, row_best, col_best = problem_of(milli, capacity)

    assert _solve_pruned(problem, row_best, col_best, first_margin=0, rounds=1) is None

    monkeypatch.setattr(assignment, "_solve_pruned", lambda *args: None)
    fallback = solve(milli, capacity, "pruned")
    dense = solve(milli, capacity, "dense")
    assert objective(milli, capacity, fallback) == objective(milli, capacity, dense)


def test_the_greedy_start_is_a_feasible_matching_within_capacity():
    milli, capacity = tied_scores(11, 200, 50)
    problem, _, _ = problem_of(milli, capacity)

    rows, cols = np.divmod(_greedy_keys(problem), problem.cols.size)

    assert len(set(rows.tolist())) == rows.size
    assert (np.bincount(cols, minlength=problem.cols.size) <= problem.capacity).all()
    assert np.isfinite(milli[problem.rows[rows], problem.cols[cols]]).all()
    # Every place that some unmatched newcomer could take is taken: the start is maximal.
    free = problem.capacity - np.bincount(cols, minlength=problem.cols.size)
    unmatched = np.setdiff1d(np.arange(problem.rows.size), rows)
    block = milli[np.ix_(problem.rows[unmatched], problem.cols[free > 0])]
    assert not np.isfinite(block).any()


def test_nothing_feasible_gives_no_pairs():
    milli = np.full((3, 4), -np.inf, dtype=np.float32)

    assert solve(milli, np.ones(4, dtype=np.int64), "pruned") == []
    assert solve(np.zeros((0, 4), dtype=np.float32), np.ones(4, dtype=np.int64)) == []
