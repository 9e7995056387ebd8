"""Benchmark of the outbox: queue 10,000 session reminders and send them all through the local
46elks server with the real worker (not a test; see docs/performance.md, "Messaging").

    .venv/bin/python bench/messaging_bench.py --database sqlite
    .venv/bin/python bench/messaging_bench.py --database postgres --messages 2000

One programme, 10,000 participants (sv, en and ar in turn) with a current SMS consent and a
distinct mobile number, subscribed to 20 activities whose sessions are tomorrow at 18:00.

1. Queueing: `activities.services.reminders.queue_reminders(now=today 13:00)`, the code tick
   runs: `notify` renders each text in the person's language and `queue_message` writes the
   row and, on commit, the worker's task row; one transaction per message, as in production.
2. Sending: `manage.py db_worker --batch --queue-name '*'` in its own process (the real worker,
   one process, sends one at a time), SMS_URL pointing at `running_elks_server()`.
3. Checks: exactly N outbox rows, each SENT after one attempt with its own provider id; the
   fake server got exactly N requests, all answered 200, one to each participant's number.
4. Baseline: N bare `httpx` POSTs of the same form to a second fake server in this process,
   with the client settings of the 46elks backend (no keep-alive), so the send rate can be
   read as a share of what the HTTP round trip alone allows.

The database is created from scratch (SQLite: /tmp/sprakvan-bench-messaging.sqlite3;
PostgreSQL: database sprakvan_bench_messaging at 127.0.0.1, user postgres). `run()` returns
the figures as a dict.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/sprakvan-bench-messaging.sqlite3")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/sprakvan_bench_messaging"
SENDER = "+46766861004"
ACTIVITIES = 20
BATCH = 2000


def _setup(database: str) -> str:
    """Point Django at a fresh benchmark database, migrate it; the DATABASE_URL."""
    sys.path.insert(0, str(ROOT))
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute("DROP DATABASE IF EXISTS sprakvan_bench_messaging")
            conn.execute("CREATE DATABASE sprakvan_bench_messaging")
        url = POSTGRES_URL
    os.environ["DATABASE_URL"] = url
    # The worker sends on the real clock: no quiet hours, whatever the time of the run.
    os.environ["MESSAGES_QUIET_HOURS"] = "off"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    # One log line per request would be 10,000 lines (and time spent writing them).
    logging.getLogger("httpx").setLevel(logging.WARNING)

    call_command("migrate", verbosity=0)
    return url


def generate(messages: int, *, today: datetime.date) -> None:
    """One programme, `messages` consenting participants subscribed to activities held tomorrow."""
    from django.db import transaction

    from sprakvan.activities.models import Activity, ReminderSubscription, Session, Venue
    from sprakvan.core.models import Programme
    from sprakvan.messaging.services import settings_for
    from sprakvan.participants.models import Channel, Consent, ConsentPurpose, Participant

    given = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    tomorrow = today + datetime.timedelta(days=1)
    with transaction.atomic():
        programme = Programme.objects.create(name="Språkvänner Bench", slug="bench", city="Bench")
        found = settings_for(programme)
        found.sms_sender = SENDER
        found.daily_sms_budget = 10 * messages  # the budget is not what is measured here
        found.save()
        venue = Venue.objects.create(
            programme=programme, name="Stadsbiblioteket", address="Drottninggatan 2"
        )
        activities = Activity.objects.bulk_create(
            Activity(programme=programme, type="language_cafe", title=f"Språkcafé {i}", venue=venue)
            for i in range(ACTIVITIES)
        )
        Session.objects.bulk_create(
            Session(
                programme=programme,
                activity=activity,
                date=tomorrow,
                start_time=datetime.time(18),
                end_time=datetime.time(20),
            )
            for activity in activities
        )
        languages = ["sv", "en", "ar"]
        people = Participant.objects.bulk_create(
            (
                Participant(
                    programme=programme,
                    group="newcomer" if i % 2 else "established",
                    first_name=f"Deltagare{i}",
                    last_name="Bench",
                    phone=f"+4670{i:07d}",
                    registered_on=datetime.date(2026, 1, 1),
                    status="waiting",
                    preferred_language=languages[i % 3],
                )
                for i in range(messages)
            ),
            batch_size=BATCH,
        )
        Consent.objects.bulk_create(
            (
                Consent(
                    participant=person,
                    purpose=ConsentPurpose.MESSAGES,
                    channel=Channel.SMS,
                    text_version="2026-01",
                    given_at=given,
                )
                for person in people
            ),
            batch_size=BATCH,
        )
        ReminderSubscription.objects.bulk_create(
            (
                ReminderSubscription(
                    participant=person, activity=activities[i % ACTIVITIES], created_at=given
                )
                for i, person in enumerate(people)
            ),
            batch_size=BATCH,
        )


def _queue(messages: int, *, now: datetime.datetime) -> dict[str, Any]:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from sprakvan.activities.services.reminders import queue_reminders
    from sprakvan.messaging.models import Message

    queries = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    # A counter, not CaptureQueriesContext: that one keeps only the last 9,000 queries.
    with connection.execute_wrapper(count):
        began = time.perf_counter()
        queued = queue_reminders(now=now)
        seconds = time.perf_counter() - began
    rows = Message.objects.count()
    tasks = DBTaskResult.objects.count()
    assert queued == messages, f"queued {queued}, expected {messages}"
    assert rows == messages, f"{rows} outbox rows, expected {messages}"
    assert Message.objects.filter(status=Message.Status.QUEUED).count() == messages
    assert tasks == messages, f"{tasks} task rows, expected {messages}"
    return {
        "queue_s": seconds,
        "queue_per_s": messages / seconds,
        "queries_per_message": queries / messages,
    }


def _send(messages: int, *, database_url: str, sms_url: str) -> dict[str, Any]:
    """The real worker in its own process, until nothing is left to do."""
    env = os.environ | {"DATABASE_URL": database_url, "SMS_URL": sms_url}
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--no-reload",
    ]
    began = time.perf_counter()
    worker = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if worker.returncode:
        sys.exit(f"the worker failed ({worker.returncode}):\n{worker.stderr[-3000:]}")
    return {"send_s": seconds, "send_per_s": messages / seconds}


def _check(messages: int, requests: list[dict[str, Any]]) -> dict[str, Any]:
    from django.db.models import Count, Max, Min, Sum

    from sprakvan.messaging.models import Message

    by_status = dict(
        Message.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    assert by_status == {Message.Status.SENT: messages}, by_status
    assert not Message.objects.exclude(attempts=1).exists(), "a message was tried twice"
    provider_ids = set(Message.objects.values_list("provider_id", flat=True))
    assert len(provider_ids) == messages, "provider ids are not one per message"
    assert len(requests) == messages, f"the server got {len(requests)} requests"
    assert all(request["answer"] == 200 for request in requests)
    assert {request["id"] for request in requests} == provider_ids
    recipients = sorted(request["form"]["to"] for request in requests)
    assert recipients == sorted(Message.objects.values_list("recipient", flat=True))
    assert len(set(recipients)) == messages, "a number got two messages"
    totals = Message.objects.aggregate(
        parts=Sum("parts"), first=Min("sent_at"), last=Max("sent_at")
    )
    span = (totals["last"] - totals["first"]).total_seconds()
    return {"parts": totals["parts"], "sent_span_s": span, "sent_span_per_s": messages / span}


def _bare_posts(messages: int) -> dict[str, Any]:
    """The HTTP round trip alone: the same form, the same client settings, a fresh server."""
    import httpx

    from sprakvan.messaging.tests.elks_server import running_elks_server

    with running_elks_server() as server:
        client = httpx.Client(
            auth=(server.username, server.password),
            timeout=httpx.Timeout(15.0, connect=5.0),
            limits=httpx.Limits(max_keepalive_connections=0),
            follow_redirects=False,
        )
        endpoint = f"http://127.0.0.1:{server.port}/a1/sms"
        text = "Hej Deltagare1! Påminnelse: Språkcafé 1 i morgon kl. 18:00, Stadsbiblioteket."
        began = time.perf_counter()
        for i in range(messages):
            response = client.post(
                endpoint, data={"from": SENDER, "to": f"+4670{i:07d}", "message": text}
            )
            response.raise_for_status()
        seconds = time.perf_counter() - began
        client.close()
        assert len(server.sent) == messages
    return {"bare_s": seconds, "bare_per_s": messages / seconds}


def run(database: str, messages: int = 10_000) -> dict[str, Any]:
    database_url = _setup(database)
    from django.utils import timezone

    from sprakvan.messaging.tests.elks_server import running_elks_server

    today = timezone.localdate()
    # Inside the reminder window of tomorrow's sessions (from 12:00 the day before).
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(13)))
    began = time.perf_counter()
    generate(messages, today=today)
    figures: dict[str, Any] = {"database": database, "messages": messages}
    figures["generate_s"] = time.perf_counter() - began
    figures |= _queue(messages, now=now)
    with running_elks_server() as server:
        figures |= _send(messages, database_url=database_url, sms_url=server.url)
        requests = server.requests
    figures |= _check(messages, requests)
    figures |= _bare_posts(messages)
    figures["send_vs_bare"] = figures["send_per_s"] / figures["bare_per_s"]
    figures["span_vs_bare"] = figures["sent_span_per_s"] / figures["bare_per_s"]
    return figures


def _print(figures: dict[str, Any]) -> None:
    print(
        f"messaging bench, {figures['database']}, {figures['messages']:,} reminders "
        f"({figures['parts']:,} SMS parts); data generated in {figures['generate_s']:.1f} s\n"
        f"  queue (queue_reminders)     {figures['queue_s']:7.1f} s  "
        f"{figures['queue_per_s']:7.0f} msg/s  {figures['queries_per_message']:.1f} queries/msg\n"
        f"  send (db_worker process)    {figures['send_s']:7.1f} s  "
        f"{figures['send_per_s']:7.0f} msg/s  (first to last sent_at: "
        f"{figures['sent_span_s']:.1f} s, {figures['sent_span_per_s']:.0f} msg/s)\n"
        f"  bare httpx POST, same server{figures['bare_s']:7.1f} s  "
        f"{figures['bare_per_s']:7.0f} msg/s\n"
        f"  send / bare POST rate       {figures['send_vs_bare']:.2f} "
        f"(first to last sent_at: {figures['span_vs_bare']:.2f})\n"
        "  checks: every row SENT once, one request per row, one per number: ok"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=10_000)
    arguments = parser.parse_args()
    _print(run(arguments.database, arguments.messages))
