"""The concurrency gate: twenty leaders ticking at once through the attendance services lose no
row, double no row and never meet "database is locked", on file SQLite with the production
options and on PostgreSQL."""

import contextlib
import datetime
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from sprakvan.accounts.models import User
from sprakvan.activities import services
from sprakvan.activities.models import Activity, Attendance, Session, WalkInCount
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

THREADS = 20
ROWS_PER_THREAD = 50
WALK_INS_EVERY = 5  # a leader updates the walk-in count now and then while ticking

# Threads need their own connections, which only a real (committed) database gives them.
pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def _on_file_database(directory: Path) -> Iterator[None]:
    """On SQLite, move the test database (schema and rows) to a file that new connections open
    with the settings' OPTIONS: WAL, IMMEDIATE transactions, the busy timeout. The in-memory
    test database shares one page cache between threads, where the busy timeout never applies.
    On PostgreSQL there is nothing to do: every thread connects to the test database."""
    if connection.vendor != "sqlite":
        yield
        return
    path = directory / "concurrency.sqlite3"
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
    # Each thread's connection is made from this same dict; the main thread's stays open on
    # the in-memory database, which pytest-django flushes afterwards as usual.
    in_memory = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = in_memory


def _in_own_thread(work: Callable[[], Any]) -> Any:
    """Run `work` on a fresh connection, as the worker threads do, and close it."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return result[0]


def _tick_in_thread(
    *,
    sessions: tuple[int, int],
    participants: list[int],
    leader_id: int,
    start: threading.Barrier,
    created: list[bool],
    errors: list[BaseException],
) -> None:
    """One leader ticks fifty people at their own session, and the same fifty at the next
    leader's session, where that leader is ticking them too (double ticks, raced). Now and then
    the leader saves the walk-in count, a transaction that reads before it writes: without
    IMMEDIATE transactions SQLite cannot make it wait and answers "database is locked"."""
    try:
        leader = User.objects.get(pk=leader_id)
        by_id = Session.objects.in_bulk(sessions)
        own, next_one = by_id[sessions[0]], by_id[sessions[1]]
        people = list(Participant.objects.filter(pk__in=participants).order_by("pk"))
        start.wait(timeout=10)
        for ticked, person in enumerate(people, start=1):
            for session in (own, next_one):
                _row, added = services.record_attendance(session, person, recorded_by=leader)
                created.append(added)
            if ticked % WALK_INS_EVERY == 0:
                services.set_walk_ins(own, counts={"newcomer_woman": ticked}, recorded_by=leader)
    except BaseException as exc:  # collected, so the assertion shows every thread's error
        errors.append(exc)
    finally:
        connection.close()


def _stored() -> dict[str, Any]:
    pairs = list(Attendance.objects.values_list("session_id", "participant_id"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
        else:
            journal = connection.vendor
    return {
        "rows": len(pairs),
        "distinct": len(set(pairs)),
        "walk_ins": sorted(WalkInCount.objects.values_list("newcomer_woman", flat=True)),
        "journal": journal,
        "database": str(connection.settings_dict["NAME"]),
    }


def test_twenty_leaders_ticking_at_once_record_exactly_a_thousand_rows(
    activity: Activity, leader: User, today: datetime.date, tmp_path: Path
) -> None:
    sessions = [SessionFactory(activity=activity, date=today).pk for _ in range(THREADS)]
    people = [ParticipantFactory(programme=activity.programme).pk for _ in range(ROWS_PER_THREAD)]
    created: list[bool] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    with _on_file_database(tmp_path):
        threads = [
            threading.Thread(
                target=_tick_in_thread,
                kwargs={
                    "sessions": (sessions[i], sessions[(i + 1) % THREADS]),
                    "participants": people,
                    "leader_id": leader.pk,
                    "start": start,
                    "created": created,
                    "errors": errors,
                },
            )
            for i in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        stored = _in_own_thread(_stored)

    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert len(created) == 2 * THREADS * ROWS_PER_THREAD
    assert created.count(True) == THREADS * ROWS_PER_THREAD
    assert stored["rows"] == stored["distinct"] == THREADS * ROWS_PER_THREAD
    assert stored["walk_ins"] == [ROWS_PER_THREAD] * THREADS
    if connection.vendor == "sqlite":
        assert stored["database"] == str(tmp_path / "concurrency.sqlite3")
        assert stored["journal"] == "wal"
