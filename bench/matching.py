"""Benchmark of issue 3: matching from the database, per programme, at four scales.

    python bench/matching.py [--only programme,city,large,national] [--database URL]

Pools come from the generator `bench/matching_engine.generate_pool` (districts, skewed
interests and languages, weekly availability, a share of "a woman only" wishes), written once
as Participant rows into a benchmark database (default: SQLite at /tmp/sprakvan-bench.sqlite3;
PostgreSQL with --database postgres://…). Each scale then runs in a fresh process, so its peak
memory is its own, and reports: load from the database, build the scores, solve, peak memory,
and the greedy "best pair first" total as a share of ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
DEFAULT_DATABASE = "sqlite:////tmp/sprakvan-bench.sqlite3"

# (newcomers, volunteers) per programme. The national run: 100,000 × 45,000 over 200
# programmes of uneven size (Zipf-like: a few big cities, many small towns).
NATIONAL = (100_000, 45_000, 200)
SCALES = {
    "programme": [(200, 90)],
    "city": [(2_000, 1_000)],
    "large": [(10_000, 10_000)],
}
# The generator's language bits, as our language codes.
GENERATOR_LANGUAGES = ["en", "ar", "fa", "ti", "so", "fa", "uk", "ku", "fr", "es", "de", "ru"]


def national_sizes() -> list[tuple[int, int]]:
    newcomers, volunteers, count = NATIONAL
    weight = 1.0 / np.arange(1, count + 1) ** 0.8

    def spread(total: int) -> list[int]:
        share = np.floor(weight / weight.sum() * total).astype(int) + 1
        share[0] += total - share.sum()
        return share.tolist()

    return list(zip(spread(newcomers), spread(volunteers), strict=True))


def scale_sizes(name: str) -> list[tuple[int, int]]:
    return national_sizes() if name == "national" else SCALES[name]


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _remap_languages(masks: np.ndarray) -> np.ndarray:
    from sprakvan.participants.models import LANGUAGE_CODES

    out = np.zeros(masks.size, dtype=np.int64)
    for bit, code in enumerate(GENERATOR_LANGUAGES):
        has = (masks >> np.uint64(bit)) & np.uint64(1)
        out |= has.astype(np.int64) << LANGUAGE_CODES.index(code)
    return out | (1 << LANGUAGE_CODES.index("sv"))


def build_programme(slug: str, n_newcomers: int, n_volunteers: int, seed: int) -> None:
    """One generated programme as database rows (skipped when it is already there)."""
    from django.db import transaction
    from matching_engine import generate_pool

    from sprakvan.core.models import District, Programme
    from sprakvan.matching.models import Rejection
    from sprakvan.participants.models import Participant

    expected = n_newcomers + n_volunteers
    existing = Programme.objects.filter(slug=slug).first()
    if existing and Participant.objects.filter(programme=existing).count() == expected:
        return
    market = generate_pool(n_newcomers, n_volunteers, n_districts=12, seed=seed)
    genders = ("woman", "man", "another", "undisclosed")
    with transaction.atomic():
        if existing:
            Rejection.objects.filter(programme=existing).delete()
            Participant.objects.filter(programme=existing).delete()
            existing.delete()
        programme = Programme.objects.create(slug=slug, name=slug, city="Bench")
        districts = District.objects.bulk_create(
            [District(programme=programme, name=f"District {i + 1}") for i in range(12)]
        )
        through = District.neighbours.through
        through.objects.bulk_create(
            [
                through(from_district_id=districts[a].pk, to_district_id=districts[b].pk)
                for a, b in zip(*np.nonzero(market.neighbours), strict=True)
            ]
        )
        created: dict[int, int] = {}
        for group, pool in (("newcomer", market.newcomers), ("established", market.volunteers)):
            languages = _remap_languages(pool.languages)
            rows = []
            for k in range(len(pool)):
                registered = dt.date.fromordinal(int(pool.registered_on[k]))
                wish = int(pool.wish_gender[k])
                rows.append(
                    Participant(
                        programme=programme,
                        external_id=f"{group[0]}{int(pool.ids[k])}",
                        group=group,
                        first_name="Bench",
                        gender=genders[int(pool.gender[k])],
                        birth_year=int(pool.birth_year[k]) or None,
                        district=districts[int(pool.district[k])],
                        languages=int(languages[k]),
                        swedish_level=int(pool.swedish_level[k]) or None,
                        interests=int(pool.interests[k]) & 0xFFFF,
                        availability=int(pool.availability[k]),
                        wish_gender=genders[wish] if wish >= 0 else "",
                        wish_age_min=int(pool.wish_age_min[k]) or None,
                        wish_age_max=int(pool.wish_age_max[k]) or None,
                        is_family=bool(pool.is_family[k]),
                        accepts_family=bool(pool.accepts_family[k]),
                        capacity=max(1, int(pool.capacity[k])),
                        source="import",
                        registered_on=registered,
                        status_changed_on=registered,
                    )
                )
            for person, generated in zip(
                Participant.objects.bulk_create(rows, batch_size=2000),
                pool.ids.tolist(),
                strict=True,
            ):
                created[generated] = person.pk
        Rejection.objects.bulk_create(
            [
                Rejection(
                    programme=programme,
                    newcomer_id=created[a],
                    established_id=created[b],
                    rejected_on=market.today,
                )
                for a, b in market.forbidden
            ],
            ignore_conflicts=True,
        )


def prepare(scales: list[str]) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for name in scales:
        started = time.perf_counter()
        for index, (n, v) in enumerate(scale_sizes(name)):
            build_programme(f"bench-{name}-{index:03d}", n, v, seed=index)
        print(f"# {name}: database ready in {time.perf_counter() - started:.1f} s", flush=True)


def measure(name: str) -> dict[str, float]:
    """Run in a fresh process: match every programme of the scale, timing each step."""
    from sprakvan.core.models import Programme
    from sprakvan.matching import engine
    from sprakvan.matching.pools import load_market

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    today = dt.date(2025, 6, 1)
    totals = dict.fromkeys(("load_s", "score_s", "solve_s", "explain_s"), 0.0)
    ours = greedy = 0.0
    pairs = greedy_pairs = people = 0
    # Ours maximises the number of pairs, then the total score: greedy may never beat that.
    greedy_better = 0
    peak = baseline
    programmes = list(Programme.objects.filter(slug__startswith=f"bench-{name}-").order_by("slug"))
    for programme in programmes:
        t0 = time.perf_counter()
        market = load_market(programme, today=today)
        t1 = time.perf_counter()
        scores = market.scores()
        t2 = time.perf_counter()
        proposals = engine.assign(scores)
        t3 = time.perf_counter()
        [market.stable(p) for p in proposals]
        t4 = time.perf_counter()
        # Peak memory of matching itself, before the baseline runs.
        peak = max(peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        baseline_pairs = engine.assign_greedy(scores)
        totals["load_s"] += t1 - t0
        totals["score_s"] += t2 - t1
        totals["solve_s"] += t3 - t2
        totals["explain_s"] += t4 - t3
        ours_score = sum(p.score for p in proposals)
        greedy_score = sum(p.score for p in baseline_pairs)
        if (len(baseline_pairs), greedy_score) > (len(proposals), ours_score + 1e-6):
            greedy_better += 1
        ours += ours_score
        greedy += greedy_score
        pairs += len(proposals)
        greedy_pairs += len(baseline_pairs)
        people += len(market.newcomers) + len(market.volunteers)
        del scores
    return {
        **totals,
        "programmes": len(programmes),
        "people": people,
        "pairs": pairs,
        "greedy_pairs": greedy_pairs,
        "greedy_share": greedy / ours if ours else 1.0,
        "greedy_better": greedy_better,
        "peak_mb": peak,
        "baseline_mb": baseline,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="programme,city,large,national")
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one scale, JSON out
    options = parser.parse_args(argv)
    setup_django(options.database)
    if options.measure:
        print(json.dumps(measure(options.measure)))
        return
    scales = [s for s in options.only.split(",") if s]
    prepare(scales)
    print(f"# machine: {machine()}; database: {options.database.split(':')[0]}")
    header = (
        f"{'scale':>9} {'programmes':>10} {'people':>8} {'load s':>7} {'scores s':>8} "
        f"{'solve s':>8} {'explain s':>9} {'total s':>8} {'peak MB':>8} {'pairs':>7} "
        f"{'greedy pairs':>12} {'greedy/ours':>11}"
    )
    print(header)
    print("-" * len(header))
    for name in scales:
        result = subprocess.run(
            [sys.executable, __file__, "--database", options.database, "--measure", name],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        total = row["load_s"] + row["score_s"] + row["solve_s"] + row["explain_s"]
        print(
            f"{name:>9} {row['programmes']:>10,} {row['people']:>8,} {row['load_s']:>7.2f} "
            f"{row['score_s']:>8.2f} {row['solve_s']:>8.2f} {row['explain_s']:>9.2f} "
            f"{total:>8.2f} {row['peak_mb']:>8,.0f} {row['pairs']:>7,} "
            f"{row['greedy_pairs']:>12,} {row['greedy_share']:>11.2%}",
            flush=True,
        )
        if row["greedy_better"]:
            raise SystemExit(f"{name}: greedy beat the optimum, which must never happen")


if __name__ == "__main__":
    main()
