"""/healthz: whether this installation can serve and do its background work, for a probe.

A load balancer or monitor asks it over plain HTTP without a login, so it says only which
check failed and why in general words, never a row's content. The worker and `tick` leave
their pulse as `JobHeartbeat` rows of their own kinds (object_id 0), in the database so the
web process sees what the worker and cron wrote.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import JobHeartbeat

WORKER_KIND = "core.worker"  # written by the worker's heartbeat task, enqueued by every tick
TICK_KIND = "core.tick"  # written by every `manage.py tick`


def record_pulse(kind: str, *, now: datetime.datetime | None = None, worker: str = "") -> None:
    """Note that the worker (or tick) was alive at `now`."""
    now = now or timezone.now()
    JobHeartbeat.objects.update_or_create(
        kind=kind,
        object_id=0,
        defaults={"queued_at": now, "started_at": now, "beat_at": now, "worker": worker[:100]},
    )


def _database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def _migrations() -> str | None:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return f"{len(plan)} migrations not applied" if plan else None


def _pulse(kind: str, limit: datetime.timedelta, now: datetime.datetime) -> str | None:
    beat = JobHeartbeat.objects.filter(kind=kind, object_id=0).values_list("beat_at", flat=True)
    last = beat.first()
    if last is None:
        return "never seen"
    age = now - last
    if age > limit:
        return f"last seen {int(age.total_seconds() // 60)} minutes ago (limit {limit})"
    return None


def run_checks(*, now: datetime.datetime | None = None) -> dict[str, str]:
    """Each check's name → "ok" or why it failed; the later checks need the database."""
    now = now or timezone.now()
    results: dict[str, str] = {}
    try:
        _database()
    except DatabaseError as error:
        results["database"] = f"unreachable: {type(error).__name__}"
        for name in ("migrations", "worker", "tick"):
            results[name] = "not checked: database unreachable"
        return results
    results["database"] = "ok"
    checks = {
        "migrations": _migrations,
        "worker": lambda: _pulse(WORKER_KIND, settings.HEALTH_WORKER_MAX_AGE, now),
        "tick": lambda: _pulse(TICK_KIND, settings.HEALTH_TICK_MAX_AGE, now),
    }
    for name, check in checks.items():
        try:
            results[name] = check() or "ok"
        except DatabaseError as error:
            results[name] = f"failed: {type(error).__name__}"
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with every check ok, else 503 naming the failed checks."""
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )
