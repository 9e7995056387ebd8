"""Benchmark of the attendance page's regulars (issue 17): the leader opens it at the door.

`regulars_of` is the page's one query that grows with an activity's history. Timed on a small
activity (one year of weekly sessions, like the demo's) and on one with ten years of weekly
sessions plus a year of future ones, 60 participants coming to about half of them. The answer
must stay as flat as the history grows. Not a test: numbers go in docs/performance.md.

    .venv/bin/python bench/attendance_page.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path(os.environ.get("BENCH_SQLITE", "/tmp/sprakvan-bench-attendance.sqlite3"))
TODAY = datetime.date(2026, 3, 9)


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _activity(weeks_back: int, weeks_ahead: int, people: int, seed: int) -> object:
    """An activity with weekly sessions around TODAY; returns today's session."""
    from sprakvan.activities.models import Attendance, Session
    from sprakvan.activities.tests.factories import ActivityFactory
    from sprakvan.participants.tests.factories import ParticipantFactory

    rng = random.Random(seed)
    activity = ActivityFactory()
    sessions = Session.objects.bulk_create(
        Session(
            activity=activity,
            programme=activity.programme,
            date=TODAY + datetime.timedelta(weeks=w),
            start_time=datetime.time(18),
            end_time=datetime.time(20),
        )
        for w in range(-weeks_back, weeks_ahead + 1)
    )
    participants = [ParticipantFactory(programme=activity.programme) for _ in range(people)]
    Attendance.objects.bulk_create(
        Attendance(session=s, participant=p)
        for s in sessions
        if s.date <= TODAY
        for p in participants
        if rng.random() < 0.5
    )
    return next(s for s in sessions if s.date == TODAY)


def _time(session: object, repeats: int = 50) -> tuple[float, int]:
    from sprakvan.activities import services

    found = 0
    times = []
    for _ in range(repeats):
        start = time.process_time()
        found = len(list(services.regulars_of(session).select_related("district")))
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000, found


def main() -> None:
    _setup()
    cases = {
        "one year (demo-sized)": _activity(52, 0, 60, seed=1),
        "ten years + one ahead": _activity(520, 52, 60, seed=2),
    }
    for name, session in cases.items():
        ms, found = _time(session)
        print(f"{name:<24} regulars_of {ms:7.2f} ms CPU  ({found} regulars)")


if __name__ == "__main__":
    main()
