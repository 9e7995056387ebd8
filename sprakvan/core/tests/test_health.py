"""/healthz: 200 when every check passes, 503 naming the one that failed."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from sprakvan.core.health import TICK_KIND, WORKER_KIND, record_pulse
from sprakvan.core.models import JobHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def alive() -> None:
    record_pulse(WORKER_KIND)
    record_pulse(TICK_KIND)


def _get(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


def test_healthz_is_ok_when_everything_is_alive(client: Client, alive: None) -> None:
    status, body = _get(client)
    assert status == 200
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "tick": "ok"},
    }


@pytest.mark.parametrize("kind,check", [(WORKER_KIND, "worker"), (TICK_KIND, "tick")])
def test_healthz_fails_on_a_pulse_older_than_its_limit(
    client: Client, alive: None, kind: str, check: str
) -> None:
    JobHeartbeat.objects.filter(kind=kind).update(
        beat_at=timezone.now() - datetime.timedelta(minutes=41)
    )
    status, body = _get(client)
    assert status == 503
    failed = [name for name, result in body["checks"].items() if result != "ok"]
    assert failed == [check]
    assert "minutes ago" in body["checks"][check]


def test_healthz_fails_on_a_worker_never_seen(client: Client) -> None:
    record_pulse(TICK_KIND)
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["worker"] == "never seen"
    assert body["checks"]["tick"] == "ok"


def test_healthz_fails_on_unapplied_migrations(client: Client, alive: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name = '0005_tickrun'")
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["migrations"] == "1 migrations not applied"
    assert [name for name, result in body["checks"].items() if result != "ok"] == ["migrations"]


def test_healthz_fails_on_an_unreachable_database(
    client: Client, alive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise OperationalError("connection refused")

    # Django's connection, not ours: the only way to lose the database inside a test.
    monkeypatch.setattr(connection, "cursor", refuse)
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["database"] == "unreachable: OperationalError"
    assert body["checks"]["worker"] == "not checked: database unreachable"


def test_tick_records_its_run_for_healthz(alive: None) -> None:
    JobHeartbeat.objects.filter(kind=TICK_KIND).delete()
    call_command("tick", stdout=io.StringIO())
    assert JobHeartbeat.objects.filter(kind=TICK_KIND).exists()
