"""Dense, pruned and sparse side by side on a grid of pool shapes and densities: the figures
behind `assignment.choose_method` ("auto"), and the staircase pool that the pruned guard is for.

    python bench/matching_solvers.py [--large] [--staircase] [--timeout S] [--json FILE]

Pools come from `matching_engine.generate_pool`; `availability` (1.0, 0.3, 0.1) thins
everyone's free weekly slots, which leaves about 67 %, 13 % and 5 % of the pairs feasible.
Every pool and method runs in a fresh process, so "peak MB" (ru_maxrss, the score matrix
included) is its own; a run past --timeout is stopped and shown as such. The default grid takes
about four minutes; --large adds the pools up to 12,000 × 7,000 (about 20 minutes on 2 cores).
Each row also names what the old rule and the new rule ("auto") pick, and the new pick's time
as a share of the old pick's, both measured in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

METHODS = ("dense", "pruned", "sparse")
DENSITIES = (1.0, 0.3, 0.1)
GRID = ((2_000, 1_000), (3_000, 3_000), (4_000, 2_000))
LARGE_GRID = ((6_000, 3_000), (7_000, 7_000), (10_000, 10_000), (12_000, 7_000))
STAIRCASES = (150, 500)  # chains: about 2,100 and 7,000 newcomers


def old_rule(rows: int, slots: int) -> str:
    """`auto` before issue 17: dense up to 4 M entries, or to 150 M where newcomers outnumber
    the places by a quarter; pruned beyond."""
    size = rows * slots
    crowded = rows * 4 >= slots * 5 and size <= 150_000_000
    return "dense" if size <= 4_000_000 or crowded else "pruned"


def staircase(chains: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A pool on which the pruned solver needs many rounds: chains of exchanges, 11–17 long.

    In a chain of L newcomers and L - 1 volunteers (one place each), newcomer i may take
    volunteer i (10 points; the first newcomer only 1) or volunteer i - 1 (9.4 points; the last
    newcomer's only partner, worth more than the whole chain loses). The optimum leaves the
    first newcomer out and moves everyone one step, but the greedy start and the near-best
    pairs hold only the diagonal, and each dual check uncovers one more step: about L - 2
    solves. The chains sit side by side, so the pool takes as many solves as its longest.
    """
    rng = np.random.default_rng(seed)
    lengths = rng.integers(11, 18, chains)
    milli = np.full((int(lengths.sum()), int(lengths.sum()) - chains), -np.inf, dtype=np.float32)
    row = col = 0
    for length in lengths.tolist():
        steps = np.arange(length - 1)
        milli[row + steps, col + steps] = 10_000
        milli[row, col] = 1_000
        milli[row + 1 + steps, col + steps] = 9_400
        milli[row + length - 1, col + length - 2] = 9_400 + 600 * (length - 1) + 1_000
        row, col = row + length, col + length - 1
    return milli, np.ones(milli.shape[1], dtype=np.int64)


def run_one(kind: str, size: tuple[int, int], availability: float, method: str) -> dict:
    """One pool and method, in this (fresh) process."""
    from sprakvan.matching.engine import Weights, score_matrix
    from sprakvan.matching.engine.assignment import SolveReport, solve

    if kind == "staircase":
        milli, capacity = staircase(size[0])
    else:
        from matching_engine import generate_pool

        market = generate_pool(*size, seed=0, availability=availability)
        result = score_matrix(
            market.newcomers,
            market.volunteers,
            weights=Weights(),
            neighbours=market.neighbours,
            forbidden=market.forbidden,
            today=market.today,
        )
        milli, capacity = result.milli, market.volunteers.capacity
    if method == "unguarded":  # the pruned solver before its guard: 20 solves, then dense
        from sprakvan.matching.engine import assignment

        guarded = assignment._solve_pruned
        assignment._solve_pruned = lambda *args, **kw: guarded(*args, **kw, max_solves=20)
        assignment._solve_sparse = assignment._solve_dense
        method = "pruned"
    # The solvers import scipy when they first run: import it before the clock starts.
    import scipy.optimize
    import scipy.sparse.csgraph  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = SolveReport()
    started, started_cpu = time.perf_counter(), time.process_time()
    pairs = solve(milli, capacity, method, report=report)  # type: ignore[arg-type]
    solved, solved_cpu = time.perf_counter(), time.process_time()
    total = float(sum(float(milli[i, j]) for i, j in pairs))
    return {
        "solve_s": solved - started,
        "cpu_s": solved_cpu - started_cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "before_mb": before,
        "pairs": len(pairs),
        "total": total,
        "density": report.density,
        "slots": int(np.asarray(capacity).sum()),
        "method": report.method,
        "solves": report.solves,
        "gave_up": report.gave_up,
        **_shape(milli, capacity),
    }


def _shape(milli: np.ndarray, capacity: np.ndarray) -> dict[str, int]:
    """Newcomers and places with a feasible partner, and the feasible pairs between them."""
    feasible = np.isfinite(milli)
    degree = feasible.sum(axis=0)
    places = np.minimum(capacity, degree)
    return {
        "rows": int(feasible.any(axis=1).sum()),
        "places": int(places.sum()),
        "edges": int(degree @ places),
    }


def measure(kind: str, size: tuple[int, int], availability: float, method: str, timeout: float):
    command = [
        sys.executable,
        __file__,
        "--one",
        json.dumps([kind, list(size), availability, method]),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also the pools up to 12,000 × 7,000")
    parser.add_argument("--staircase", action="store_true", help="only the staircase pools")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--json", help="also write every row to this file (JSON lines)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one run, JSON out
    options = parser.parse_args(argv)
    from sprakvan.matching.engine.assignment import choose_method

    if options.one:
        kind, size, availability, method = json.loads(options.one)
        print(json.dumps(run_one(kind, tuple(size), availability, method)))
        return
    cells: list[tuple[str, tuple[int, int], float]] = []
    if not options.staircase:
        grid = [*GRID, *LARGE_GRID] if options.large else list(GRID)
        cells += [("pool", size, a) for size in grid for a in DENSITIES]
    cells += [("staircase", (chains, 0), 0.0) for chains in STAIRCASES]
    print(f"# {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    header = (
        f"{'pool':>24} {'density':>7} {'method':>9} {'solve s':>8} {'cpu s':>7} "
        f"{'peak MB':>8} {'pairs':>6} {'solves':>6} {'old':>9} {'auto':>6} {'auto/old':>8}"
    )
    print(header)
    print("-" * len(header))
    out = open(options.json, "a") if options.json else None  # noqa: SIM115
    for kind, size, availability in cells:
        if kind == "staircase":
            name = f"staircase {size[0]} chains"
        else:
            name = f"{size[0]:,} × {size[1]:,} a={availability}"
        methods = [*METHODS, "unguarded"] if kind == "staircase" else METHODS
        rows = {m: measure(kind, size, availability, m, options.timeout) for m in methods}
        done = {method: row for method, row in rows.items() if row}
        if not done:
            print(f"{name:>24} every method timed out", flush=True)
            continue
        any_row = next(iter(done.values()))
        results = {(row["pairs"], round(row["total"])) for row in done.values()}
        if len(results) > 1:
            raise SystemExit(f"{name}: the methods disagree on the optimum: {results}")
        shape = any_row["rows"], any_row["places"], any_row["edges"]
        new, old = choose_method(*shape), old_rule(*shape[:2])
        if kind == "staircase":  # before the guard, "pruned" was the unguarded solver
            old = "unguarded"
        ratio = (
            f"{done[new]['solve_s'] / done[old]['solve_s']:.2f}"
            if new in done and old in done
            else "-"
        )
        for method in methods:
            row = rows[method]
            if row is None:
                print(f"{name:>24} {'':>7} {method:>9} {'> ' + str(int(options.timeout)):>8}")
                continue
            print(
                f"{name:>24} {row['density']:>7.1%} {method:>9} {row['solve_s']:>8.2f} "
                f"{row['cpu_s']:>7.2f} {row['peak_mb']:>8,.0f} {row['pairs']:>6,} "
                f"{row['solves'] or '':>6} {old:>9} {new:>6} {ratio:>8}",
                flush=True,
            )
        if out:
            out.write(json.dumps({"pool": name, "runs": rows, "old": old, "auto": new}) + "\n")
            out.flush()
    print(f"# load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
