"""The exact solvers of `assignment` on score matrices with many ties, as the real ones have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprakvan.matching.engine import assignment
from sprakvan.matching.engine.assignment import (
    MAX_SOLVES,
    Problem,
    SolveReport,
    _greedy_keys,
    _solve_pruned,
    solve,
)


def staircase(lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Chains of exchanges that the pruned solver uncovers one step per round (about L - 2
    solves for a chain of L), as bench/matching_solvers.staircase builds them: newcomer i may
    take volunteer i (10 points, the first only 1) or i - 1 (9.4; the last newcomer's only
    partner, worth more than the whole chain loses), one place each."""
    rows = sum(lengths)
    milli = np.full((rows, rows - len(lengths)), -np.inf, dtype=np.float32)
    row = col = 0
    for length in lengths:
        steps = np.arange(length - 1)
        milli[row + steps, col + steps] = 10_000
        milli[row, col] = 1_000
        milli[row + 1 + steps, col + steps] = 9_400
        milli[row + length - 1, col + length - 2] = 9_400 + 600 * (length - 1) + 1_000
        row, col = row + length, col + length - 1
    return milli, np.ones(milli.shape[1], dtype=np.int64)


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


def test_pruned_gives_up_after_a_low_bound_of_solves_passed_in():
    milli, capacity = tied_scores(7, 120, 120, levels=1000)
    problem, row_best, col_best = problem_of(milli, capacity)
    report = SolveReport()

    assert (
        _solve_pruned(problem, row_best, col_best, first_margin=0, max_solves=1, report=report)
        is None
    )
    assert (report.solves, report.gave_up) == (1, "solves")


def test_pruned_gives_up_once_its_time_is_over():
    milli, capacity = staircase([14])
    problem, row_best, col_best = problem_of(milli, capacity)
    report = SolveReport()

    # One solve always runs; with no time left the guard stops before the second.
    assert _solve_pruned(problem, row_best, col_best, max_seconds=0.0, report=report) is None
    assert (report.solves, report.gave_up) == (1, "seconds")


def test_a_staircase_makes_pruned_give_up_and_the_result_is_still_the_dense_optimum():
    milli, capacity = staircase([14, 16, 12])
    report = SolveReport()

    guarded = solve(milli, capacity, "pruned", report=report)

    assert (report.gave_up, report.finished_by) == ("solves", "sparse")
    assert report.solves == MAX_SOLVES
    dense = solve(milli, capacity, "dense")
    assert objective(milli, capacity, guarded) == objective(milli, capacity, dense)
    # The optimum leaves each chain's first newcomer out and moves everyone else one step.
    assert len(guarded) == milli.shape[1]
    assert {0, 14, 30}.isdisjoint(i for i, _ in guarded)


def test_a_short_staircase_settles_within_the_guard():
    milli, capacity = staircase([5, 6])
    report = SolveReport()

    pairs = solve(milli, capacity, "pruned", report=report)

    assert report.gave_up == ""
    assert 2 <= report.solves < MAX_SOLVES
    assert objective(milli, capacity, pairs) == objective(
        milli, capacity, solve(milli, capacity, "dense")
    )


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


@pytest.mark.parametrize(
    ("score", "complaint"),
    [
        (float(2**24), "below 2\\*\\*24"),
        (2.0**24 + 2, "below 2\\*\\*24"),
        (1500.5, "whole numbers"),
        (-1000.0, "must not be negative"),
        (np.nan, "NaN or \\+inf"),
        (np.inf, "NaN or \\+inf"),
    ],
)
@pytest.mark.parametrize("method", ["auto", "dense", "pruned", "sparse"])
def test_solve_refuses_scores_that_are_not_exact_in_float32(score, complaint, method):
    milli, capacity = tied_scores(3, 30, 20)
    milli[17, 11] = score

    with pytest.raises(ValueError, match=complaint):
        solve(milli, capacity, method)


def test_solve_accepts_the_largest_score_exact_in_float32():
    milli = np.array([[2**24 - 1, 0], [0, -np.inf]], dtype=np.float32)

    assert sorted(solve(milli, np.ones(2, dtype=np.int64))) == [(0, 1), (1, 0)]


def test_totals_must_stay_exact_in_float64():
    # 10,000 newcomers and places at scores up to 2**24 - 1 are fine; 100,000 are not.
    assert assignment.totals_are_exact(10_000, 10_000, 2**24 - 1)
    assert not assignment.totals_are_exact(100_000, 100_000, 2**24 - 1)
    # At the 4,000 points scoring allows at most, a 30,000 × 30,000 pool stays exact.
    assert assignment.totals_are_exact(30_000, 30_000, 4_000_000)


def test_the_score_check_is_no_assert_that_python_dash_o_strips():
    program = (
        "import numpy as np\n"
        "from sprakvan.matching.engine.assignment import solve\n"
        "try:\n"
        "    solve(np.array([[0.5]], dtype=np.float32), np.ones(1, dtype=np.int64))\n"
        "except ValueError as error:\n"
        "    print('refused:', error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-O", "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )

    assert done.stdout.startswith("refused: scores must be whole numbers")


def thin_scores(seed: int, rows: int, cols: int, share: float) -> tuple[np.ndarray, np.ndarray]:
    """Tied scores with only about `share` of the pairs feasible, one place each."""
    milli, _ = tied_scores(seed, rows, cols)
    milli[np.random.default_rng(seed).random((rows, cols)) >= share] = -np.inf
    return milli, np.ones(cols, dtype=np.int64)


@pytest.mark.parametrize(
    ("rows", "slots", "density", "method"),
    [
        (200, 110, 0.65, "dense"),  # a programme
        (2_000, 1_300, 0.67, "dense"),  # a city: under DENSE_LIMIT
        (6_000, 4_000, 0.67, "dense"),  # newcomers 1.5 times the places, 24 M entries
        (12_000, 9_200, 0.67, "pruned"),  # the same crowding at 110 M entries (issue 17)
        (3_000, 4_000, 0.67, "pruned"),  # as many places as newcomers, past DENSE_LIMIT
        (10_000, 13_000, 0.13, "pruned"),
        (12_000, 9_200, 0.05, "sparse"),
        (7_000, 9_200, 0.05, "sparse"),
        (2_000, 1_300, 0.05, "sparse"),
    ],
)
def test_choose_method_follows_the_measured_rule(rows, slots, density, method):
    assert assignment.choose_method(rows, slots, round(density * rows * slots)) == method


def test_choose_method_takes_sparse_up_to_its_density_and_not_beyond():
    size = 2_000 * 1_300
    at = round(assignment.SPARSE_DENSITY * size)

    assert assignment.choose_method(2_000, 1_300, at) == "sparse"
    assert assignment.choose_method(2_000, 1_300, at + 1) == "dense"


def test_auto_solves_a_thin_pool_with_the_sparse_solver():
    milli, capacity = thin_scores(5, 80, 60, share=0.04)
    report = SolveReport()

    pairs = solve(milli, capacity, report=report)

    assert report.method == "sparse"
    assert report.density < assignment.SPARSE_DENSITY
    assert objective(milli, capacity, pairs) == objective(
        milli, capacity, solve(milli, capacity, "dense")
    )


@pytest.mark.parametrize(
    ("shape", "method"),
    [((60, 40), "dense"), ((100, 40), "dense"), ((120, 60), "pruned"), ((60, 100), "pruned")],
)
def test_auto_picks_dense_or_pruned_by_size_and_crowding(shape, method, monkeypatch):
    # The rule's sizes scaled down 10,000-fold, so that small pools fall on both sides of it.
    monkeypatch.setattr(assignment, "DENSE_LIMIT", 2_500)
    monkeypatch.setattr(assignment, "DENSE_CROWDED", 5_000)
    rows, cols = shape
    milli, _ = tied_scores(9, rows, cols)
    capacity = np.ones(cols, dtype=np.int64)
    report = SolveReport()

    pairs = solve(milli, capacity, report=report)

    assert report.method == method
    assert objective(milli, capacity, pairs) == objective(
        milli, capacity, solve(milli, capacity, "dense")
    )


def test_a_crowded_pool_whose_pruned_solve_gives_up_is_finished_by_dense(monkeypatch):
    milli, capacity = tied_scores(7, 120, 120, levels=1000)
    guarded = assignment._solve_pruned
    # The guard at one solve, which this pool (two thirds feasible) does not settle in.
    monkeypatch.setattr(
        assignment, "_solve_pruned", lambda *args, **kw: guarded(*args, **kw, max_solves=1)
    )
    report = SolveReport()

    pairs = solve(milli, capacity, "pruned", report=report)

    assert (report.gave_up, report.finished_by) == ("solves", "dense")
    dense = solve(milli, capacity, "dense")
    assert objective(milli, capacity, pairs) == objective(milli, capacity, dense)
