"""Benchmark of the matching engine on generated pools with a realistic structure.

Run from the project root:
`python bench/matching_engine.py [--large] [--method auto,dense,pruned,sparse]`.
Each size and method runs in a fresh process so that its peak resident memory is its own.
With several methods, each size ends with every method's solve time as a share of the first
one's, measured in the same run on the same pool (e.g. `--method dense,auto`: ours against
the bare scipy solver). "cpu s" is the process CPU time of scoring and solving (all threads);
on a shared machine it is steadier than the wall-clock columns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sprakvan.matching.engine import (
    PARTS_OF_DAY,
    Pool,
    Weights,
    assign,
    assign_greedy,
    score_matrix,
)

LANGUAGES = (
    "English",
    "Arabic",
    "Dari",
    "Tigrinya",
    "Somali",
    "Persian",
    "Ukrainian",
    "Kurdish",
    "French",
    "Spanish",
    "German",
    "Russian",
)
# First languages of newcomers, roughly as in a Swedish programme around 2019–2023.
NEWCOMER_LANGUAGES = {
    "Arabic": 0.30,
    "Dari": 0.14,
    "Tigrinya": 0.12,
    "Somali": 0.12,
    "Ukrainian": 0.10,
    "Persian": 0.08,
    "Kurdish": 0.06,
    "French": 0.04,
    "Spanish": 0.02,
    "Russian": 0.02,
}
INTERESTS = 20
SIZES = ((200, 90), (2_000, 1_000))
LARGE = (10_000, 10_000)


@dataclass(frozen=True)
class Market:
    newcomers: Pool
    volunteers: Pool
    neighbours: np.ndarray
    forbidden: frozenset[tuple[int, int]]
    today: dt.date


def generate_pool(
    n_newcomers: int,
    n_volunteers: int,
    *,
    n_districts: int = 12,
    seed: int = 0,
    availability: float = 1.0,
) -> Market:
    """Newcomers and volunteers with uneven districts, skewed interests and languages.

    `availability` scales everyone's chance of being free in each weekly slot: 1.0 gives the
    usual pool (about two thirds of the pairs feasible), 0.1 a sparse one (about 4 %).
    """
    rng = np.random.default_rng(seed)
    today = dt.date(2025, 6, 1)
    # Newcomers cluster in a few districts (Skäggetorp, Ryd, Berga), volunteers elsewhere.
    sizes = 1.0 / np.arange(1, n_districts + 1) ** 0.9
    newcomer_share = sizes / sizes.sum()
    volunteer_share = np.roll(sizes, n_districts // 3)
    volunteer_share = volunteer_share / volunteer_share.sum()
    neighbours = np.zeros((n_districts, n_districts), dtype=bool)
    for d in range(n_districts):
        neighbours[d, (d + 1) % n_districts] = True
        neighbours[d, (d + 5) % n_districts] = True
    neighbours |= neighbours.T
    np.fill_diagonal(neighbours, False)

    newcomers = _people(
        rng,
        n_newcomers,
        first_id=1,
        district_share=newcomer_share,
        daytime=0.25,
        woman=0.5,
        wish_woman=0.15,
        birth_years=(1990, 9),
        waited_days=70,
        today=today,
        availability=availability,
    )
    volunteers = _people(
        rng,
        n_volunteers,
        first_id=1_000_001,
        district_share=volunteer_share,
        daytime=0.10,
        woman=0.7,
        wish_woman=0.03,
        birth_years=(1970, 16),
        waited_days=30,
        today=today,
        availability=availability,
    )
    newcomers["languages"] = _newcomer_languages(rng, n_newcomers)
    newcomers["swedish_level"] = rng.choice(
        np.arange(1, 6), n_newcomers, p=[0.3, 0.3, 0.2, 0.15, 0.05]
    )
    newcomers["is_family"] = rng.random(n_newcomers) < 0.04
    volunteers["languages"] = _volunteer_languages(rng, n_volunteers)
    volunteers["accepts_family"] = rng.random(n_volunteers) < 0.4
    volunteers["capacity"] = rng.choice([1, 2, 3], n_volunteers, p=[0.75, 0.18, 0.07])

    forbidden = frozenset(
        (int(a), int(b))
        for a, b in zip(
            rng.choice(newcomers["ids"], n_newcomers // 50),
            rng.choice(volunteers["ids"], n_newcomers // 50),
            strict=True,
        )
    )
    return Market(
        newcomers=Pool.from_arrays(**newcomers),
        volunteers=Pool.from_arrays(**volunteers),
        neighbours=neighbours,
        forbidden=forbidden,
        today=today,
    )


def _people(
    rng: np.random.Generator,
    count: int,
    *,
    first_id: int,
    district_share: np.ndarray,
    daytime: float,
    woman: float,
    wish_woman: float,
    birth_years: tuple[int, int],
    waited_days: float,
    today: dt.date,
    availability: float = 1.0,
) -> dict[str, np.ndarray]:
    # Evenings and weekends are when most people are free; weekday daytime much less so.
    slot_chance = np.full((7, PARTS_OF_DAY), daytime)
    slot_chance[:5, 2] = 0.35
    slot_chance[5:, :] = 0.30
    free = rng.random((count, 7 * PARTS_OF_DAY)) < slot_chance.reshape(-1) * availability
    nobody_free = ~free.any(axis=1)
    if availability >= 1.0:  # a weekday evening, as in the usual pools
        fallback = rng.integers(0, 5, nobody_free.sum()) * PARTS_OF_DAY + 2
    else:  # busy people: any one slot, so that sparse pools are truly sparse
        fallback = rng.integers(0, 7 * PARTS_OF_DAY, nobody_free.sum())
    free[nobody_free, fallback] = True
    bits = np.left_shift(np.uint32(1), np.arange(7 * PARTS_OF_DAY, dtype=np.uint32))

    popularity = 1.0 / np.arange(1, INTERESTS + 1)  # Zipf: football, cooking, walks, ...
    popularity /= popularity.sum()
    interests = np.zeros(count, dtype=np.uint64)
    how_many = rng.integers(1, 6, count)
    for person in range(count):
        chosen = rng.choice(INTERESTS, how_many[person], replace=False, p=popularity)
        interests[person] = np.bitwise_or.reduce(
            np.left_shift(np.uint64(1), chosen.astype(np.uint64))
        )

    gender = rng.choice(4, count, p=[woman, 0.96 - woman, 0.01, 0.03])
    wish = np.where(rng.random(count) < wish_woman, 0, -1)
    mean_year, spread = birth_years
    birth = np.clip(rng.normal(mean_year, spread, count).round(), 1940, today.year - 18)
    wish_min = np.where(rng.random(count) < 0.04, rng.integers(20, 40, count), 0)
    wish_max = np.where(wish_min > 0, wish_min + rng.integers(10, 30, count), 0)
    waited = rng.exponential(waited_days, count).astype(np.int64)
    return {
        "ids": np.arange(first_id, first_id + count, dtype=np.int64),
        "district": rng.choice(district_share.size, count, p=district_share),
        "availability": (free * bits).sum(axis=1).astype(np.uint32),
        "interests": interests,
        "birth_year": birth.astype(np.int32),
        "gender": gender,
        "wish_gender": wish,
        "wish_age_min": wish_min,
        "wish_age_max": wish_max,
        "registered_on": today.toordinal() - waited,
    }


def _newcomer_languages(rng: np.random.Generator, count: int) -> np.ndarray:
    names = list(NEWCOMER_LANGUAGES)
    share = np.array(list(NEWCOMER_LANGUAGES.values()))
    first = np.array([LANGUAGES.index(name) for name in names])[
        rng.choice(len(names), count, p=share / share.sum())
    ]
    masks = np.left_shift(np.uint64(1), first.astype(np.uint64))
    english = rng.random(count) < 0.4
    return masks | np.where(english, np.uint64(1), np.uint64(0))


def _volunteer_languages(rng: np.random.Generator, count: int) -> np.ndarray:
    masks = np.where(rng.random(count) < 0.85, np.uint64(1), np.uint64(0))
    for name, share in (("German", 0.15), ("French", 0.1), ("Spanish", 0.1), ("Arabic", 0.05)):
        has = rng.random(count) < share
        masks |= np.where(has, np.uint64(1) << np.uint64(LANGUAGES.index(name)), np.uint64(0))
    return masks


def run_one(n_newcomers: int, n_volunteers: int, method: str, seed: int = 0) -> dict[str, float]:
    """Time one size; meant to run in its own process."""
    market = generate_pool(n_newcomers, n_volunteers, n_districts=12, seed=seed)
    # The solvers import scipy when they first run: import it before the clock starts.
    import scipy.optimize
    import scipy.sparse.csgraph  # noqa: F401

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, started_cpu = time.perf_counter(), time.process_time()
    result = score_matrix(
        market.newcomers,
        market.volunteers,
        weights=Weights(),
        neighbours=market.neighbours,
        forbidden=market.forbidden,
        today=market.today,
    )
    scored = time.perf_counter()
    ours = assign(result, method=method)  # type: ignore[arg-type]
    solved, solved_cpu = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline_pairs = assign_greedy(result)
    greedy_done = time.perf_counter()
    ours_total = sum(p.score for p in ours)
    greedy_total = sum(p.score for p in baseline_pairs)
    return {
        "newcomers": n_newcomers,
        "volunteers": n_volunteers,
        "slots": int(market.volunteers.capacity.sum()),
        "feasible": float(result.feasible.mean()),
        "score_s": scored - started,
        "solve_s": solved - scored,
        "cpu_s": solved_cpu - started_cpu,
        "greedy_s": greedy_done - solved,
        "peak_mb": peak,
        "baseline_mb": baseline,
        "pairs": len(ours),
        "greedy_pairs": len(baseline_pairs),
        "greedy_share": greedy_total / ours_total if ours_total else 1.0,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also run 10,000 × 10,000")
    parser.add_argument("--method", default="auto", help="one or more of auto,dense,pruned,sparse")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args(argv)
    methods = options.method.split(",")
    unknown = set(methods) - {"auto", "dense", "pruned", "sparse"}
    if unknown:
        parser.error(f"unknown method {', '.join(sorted(unknown))}")
    sizes = [*SIZES, LARGE] if options.large else list(SIZES)
    header = (
        f"{'size':>15} {'method':>6} {'slots':>6} {'feasible':>8} {'scores s':>9} {'solve s':>8} "
        f"{'total s':>8} {'cpu s':>7} {'peak MB':>8} {'pairs':>6} {'greedy pairs':>12} "
        f"{'greedy/ours':>11} {'greedy s':>8}"
    )
    print(header)
    print("-" * len(header))
    spawn = get_context("spawn")
    for n_newcomers, n_volunteers in sizes:
        size = f"{n_newcomers:,} × {n_volunteers:,}"
        solves = []
        for method in methods:
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as worker:
                row = worker.submit(
                    run_one, n_newcomers, n_volunteers, method, options.seed
                ).result()
            solves.append(row["solve_s"])
            print(
                f"{size:>15} {method:>6} {row['slots']:>6,} {row['feasible']:>8.0%} "
                f"{row['score_s']:>9.3f} {row['solve_s']:>8.3f} "
                f"{row['score_s'] + row['solve_s']:>8.3f} {row['cpu_s']:>7.2f} "
                f"{row['peak_mb']:>8,.0f} {row['pairs']:>6,} {row['greedy_pairs']:>12,} "
                f"{row['greedy_share']:>11.2%} {row['greedy_s']:>8.2f}",
                flush=True,
            )
        if len(methods) > 1:
            shares = ", ".join(
                f"{method} {solve / solves[0]:.2f}"
                for method, solve in zip(methods[1:], solves[1:], strict=True)
            )
            print(f"{size:>15} solve time as a share of {methods[0]}: {shares}", flush=True)


if __name__ == "__main__":
    main()
