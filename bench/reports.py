"""Benchmark of the reports at national scale: generate a database, time the dashboard and the
yearly report for one programme and for the whole platform (not a test; see
docs/performance-reports.md).

    .venv/bin/python bench/reports.py --database sqlite --scale 1
    .venv/bin/python bench/reports.py --database postgres --scale 0.1

Scale 1 is 100 programmes, 50,000 participants, 10,000 pairs and 1,000,000 attendance rows.
The database is created from scratch (SQLite: /tmp/sprakvan-bench-reports.sqlite3; PostgreSQL:
database sprakvan_bench_reports at 127.0.0.1, user postgres). `run()` returns the rows for
bench/run.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/sprakvan-bench-reports.sqlite3")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/sprakvan_bench_reports"
YEAR = 2025
BATCH = 5000


def _setup(database: str) -> None:
    """Point Django at a fresh benchmark database and migrate it."""
    sys.path.insert(0, str(ROOT))
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute("DROP DATABASE IF EXISTS sprakvan_bench_reports")
            conn.execute("CREATE DATABASE sprakvan_bench_reports")
        os.environ["DATABASE_URL"] = POSTGRES_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(scale: float, *, seed: int = 20191031) -> dict[str, int]:
    """Bulk-insert the national data set: every programme alike, dates spread over 2023–2025."""
    from django.db import transaction

    from sprakvan.accounts.models import Membership, User
    from sprakvan.activities.models import Activity, Attendance, Session, WalkInCount
    from sprakvan.core.models import District, Programme
    from sprakvan.matching.models import Pair
    from sprakvan.participants.models import Participant

    rng = random.Random(seed)
    programmes_n = 100
    people = max(int(500 * scale), 20)
    pairs_n = max(int(100 * scale), 4)
    sessions_n = max(int(1000 * scale), 10)
    attendance_per_session = 10  # 100 programmes × 1000 sessions × 10 = 1,000,000 at scale 1
    start = datetime.date(2023, 1, 1)
    span = (datetime.date(YEAR, 12, 31) - start).days
    genders = ["woman", "man", "another", "undisclosed"]
    counts = dict.fromkeys(["participants", "pairs", "sessions", "attendance"], 0)
    with transaction.atomic():
        programmes = Programme.objects.bulk_create(
            Programme(name=f"Språkvänner {i:03d}", slug=f"bench-{i:03d}", city=f"Stad {i}")
            for i in range(programmes_n)
        )
        user = User.objects.create_user("bench@example.org", "bench-password")
        Membership.objects.create(user=user, programme=programmes[0], role="coordinator")
        districts = District.objects.bulk_create(
            District(programme=p, name=f"Stadsdel {j}") for p in programmes for j in range(5)
        )
        by_programme: dict[int, list[District]] = {}
        for d in districts:
            by_programme.setdefault(d.programme_id, []).append(d)
        activities = Activity.objects.bulk_create(
            Activity(
                programme_id=d.programme_id,
                type=rng.choice(["language_cafe", "language_cafe", "sport", "walk_and_talk"]),
                title=f"Aktivitet {d.name}",
                district=d,
            )
            for d in districts
        )
        activities_by_programme: dict[int, list[Activity]] = {}
        for a in activities:
            activities_by_programme.setdefault(a.programme_id, []).append(a)
        for programme in programmes:
            rows = []
            for k in range(people):
                group = "newcomer" if k % 5 < 3 else "established"
                rows.append(
                    Participant(
                        programme=programme,
                        group=group,
                        first_name=f"P{k}",
                        last_name="Bench",
                        gender=rng.choices(genders, [45, 45, 5, 5])[0],
                        district=rng.choice(by_programme[programme.pk]),
                        registered_on=start + datetime.timedelta(days=rng.randrange(span)),
                        status="waiting",
                    )
                )
            participants = Participant.objects.bulk_create(rows, batch_size=BATCH)
            counts["participants"] += len(participants)
            newcomers = [p for p in participants if p.group == "newcomer"]
            established = [p for p in participants if p.group == "established"]
            pair_rows = []
            for k in range(min(pairs_n, len(newcomers))):
                newcomer = newcomers[k]
                started = newcomer.registered_on + datetime.timedelta(days=rng.randrange(10, 200))
                ended = (
                    started + datetime.timedelta(days=rng.randrange(30, 400))
                    if rng.random() < 0.4
                    else None
                )
                pair_rows.append(
                    Pair(
                        programme=programme,
                        newcomer=newcomer,
                        established=established[k % len(established)],
                        state="ended" if ended else "active",
                        started_on=started,
                        ended_on=ended,
                        end_reason=rng.choice(["completed", "moved_away", "no_contact"])
                        if ended
                        else "",
                    )
                )
            counts["pairs"] += len(Pair.objects.bulk_create(pair_rows, batch_size=BATCH))
            session_rows = [
                Session(
                    programme=programme,
                    activity=rng.choice(activities_by_programme[programme.pk]),
                    date=start + datetime.timedelta(days=rng.randrange(span)),
                    start_time=datetime.time(18),
                    end_time=datetime.time(20),
                )
                for _ in range(sessions_n)
            ]
            sessions = Session.objects.bulk_create(session_rows, batch_size=BATCH)
            counts["sessions"] += len(sessions)
            WalkInCount.objects.bulk_create(
                (
                    WalkInCount(
                        session=s,
                        newcomer_woman=rng.randrange(4),
                        newcomer_man=rng.randrange(4),
                        established_woman=rng.randrange(3),
                    )
                    for s in sessions
                ),
                batch_size=BATCH,
            )
            attendance = [
                Attendance(session=s, participant=p)
                for s in sessions
                for p in rng.sample(participants, attendance_per_session)
            ]
            counts["attendance"] += len(
                Attendance.objects.bulk_create(attendance, batch_size=BATCH)
            )
    # Fresh statistics for the query planner, as autovacuum / a nightly ANALYZE would give.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def _timed(action: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    """Median and worst wall time in ms, and the number of queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            action()
            times.append((time.perf_counter() - began) * 1000)
        queries = len(captured)
    return statistics.median(times), max(times), queries


def measure(repeat: int = 5) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.test import Client

    from sprakvan.accounts.models import User
    from sprakvan.core.models import Programme
    from sprakvan.reports.report import build
    from sprakvan.reports.statistics import Period, figures_as_json

    settings.ALLOWED_HOSTS = ["*"]
    programme = Programme.objects.get(slug="bench-000")
    client = Client()
    client.force_login(User.objects.get(email="bench@example.org"))
    today = datetime.date(YEAR, 11, 15)
    year = Period.year(YEAR)
    url = f"/reports/?start={YEAR}-01-01&end={YEAR}-11-15"

    def dashboard() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def yearly(target: Programme | None) -> Callable[[], None]:
        def run() -> None:
            report = build(target, year, today=today)
            figures_as_json(report.current)
            report.tables()

        return run

    def platform_dashboard() -> None:
        # The dashboard's figures and tables for all programmes (there is no platform page).
        from sprakvan.reports.charts import charts_for

        report = build(None, Period(datetime.date(YEAR, 1, 1), today), today=today)
        charts_for({t.slug: t for t in report.tables()})

    cases = [
        ("dashboard page, one programme", dashboard),
        ("dashboard figures and charts, whole platform", platform_dashboard),
        ("yearly report (JSON + tables), one programme", yearly(programme)),
        ("yearly report (JSON + tables), whole platform", yearly(None)),
    ]
    rows = []
    for name, action in cases:
        action()  # warm caches (templates, matplotlib) before timing
        median, worst, queries = _timed(action, repeat)
        rows.append(
            {"case": name, "median_ms": round(median), "max_ms": round(worst), "queries": queries}
        )
    return rows


def run(database: str = "sqlite", scale: float = 1.0, repeat: int = 5) -> dict[str, Any]:
    _setup(database)
    began = time.perf_counter()
    counts = generate(scale)
    generated = time.perf_counter() - began
    return {
        "database": database,
        "scale": scale,
        "counts": counts,
        "generate_s": round(generated, 1),
        "results": measure(repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = run(args.database, args.scale, args.repeat)
    counts = result["counts"]
    print(
        f"{result['database']}, scale {result['scale']}: {counts['participants']} participants, "
        f"{counts['pairs']} pairs, {counts['sessions']} sessions, {counts['attendance']} "
        f"attendance rows (generated in {result['generate_s']} s)"
    )
    print("| case | median ms | max ms | queries |")
    print("| --- | ---: | ---: | ---: |")
    for row in result["results"]:
        print(f"| {row['case']} | {row['median_ms']} | {row['max_ms']} | {row['queries']} |")


if __name__ == "__main__":
    main()
