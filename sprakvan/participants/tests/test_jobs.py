"""Background jobs: one worker claims a job, it beats while it runs, a silent one is failed."""

import datetime
import threading
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from sprakvan.core import jobs
from sprakvan.core.models import AuditEvent, JobHeartbeat, Programme
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tasks import IMPORT

pytestmark = pytest.mark.django_db
GOOD = b"external_id,group,first_name,registered_on\nW1,newcomer,Wafa,2019-05-05\n"


def _running_batch(programme: Programme, *, content: bytes = GOOD) -> ImportBatch:
    return ImportBatch.objects.create(
        programme=programme, filename="w.csv", content=content, state="running", total=1
    )


def _beat(batch: ImportBatch, *, started: datetime.timedelta | None, beat: datetime.timedelta):
    now = timezone.now()
    return JobHeartbeat.objects.create(
        kind=IMPORT.name,
        object_id=batch.pk,
        queued_at=now - beat,
        started_at=now - started if started is not None else None,
        beat_at=now - beat,
    )


def test_a_started_job_silent_past_its_limit_is_failed_and_a_beating_one_is_not(
    programme: Programme,
) -> None:
    dead, alive = _running_batch(programme), _running_batch(programme)
    _beat(dead, started=datetime.timedelta(hours=1), beat=jobs.STALE_AFTER * 2)
    _beat(alive, started=datetime.timedelta(hours=1), beat=datetime.timedelta(seconds=5))

    assert jobs.fail_stale(IMPORT) == 1

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.state, alive.state) == ("failed", "running")
    assert "worker stopped" in dead.error
    assert AuditEvent.objects.filter(action="participants.import.failed", object_id=dead.pk)
    assert not JobHeartbeat.objects.filter(object_id=dead.pk).exists()


def test_a_job_no_worker_takes_up_in_time_is_failed_but_a_newly_queued_one_waits(
    programme: Programme,
) -> None:
    forgotten, queued = _running_batch(programme), _running_batch(programme)
    _beat(forgotten, started=None, beat=jobs.QUEUED_LIMIT * 2)
    _beat(queued, started=None, beat=datetime.timedelta(minutes=1))

    jobs.fail_stale(IMPORT)

    assert list(ImportBatch.objects.order_by("pk").values_list("state", flat=True)) == [
        "failed",
        "running",
    ]


def test_tick_fails_stale_jobs(programme: Programme, capsys: Any) -> None:
    dead = _running_batch(programme)
    _beat(dead, started=datetime.timedelta(hours=1), beat=datetime.timedelta(hours=1))

    call_command("tick")

    dead.refresh_from_db()
    assert dead.state == "failed"
    assert "1 stale job(s) marked failed" in capsys.readouterr().out


def test_only_one_worker_claims_a_job(programme: Programme) -> None:
    batch = _running_batch(programme)

    with jobs.running(IMPORT, batch.pk) as first, jobs.running(IMPORT, batch.pk) as second:
        claimed = (first, second)

    assert claimed == (True, False)
    assert not JobHeartbeat.objects.exists()


def test_a_job_that_is_no_longer_active_is_not_run(programme: Programme) -> None:
    batch = _running_batch(programme)
    ImportBatch.objects.filter(pk=batch.pk).update(state="failed")

    with jobs.running(IMPORT, batch.pk) as claimed:
        assert not claimed


def test_a_task_that_raises_leaves_its_job_failed_not_running(programme: Programme) -> None:
    batch = _running_batch(programme)

    with pytest.raises(RuntimeError), jobs.running(IMPORT, batch.pk):
        raise RuntimeError("the disk is full")

    batch.refresh_from_db()
    assert batch.state == "failed"
    assert "stopped with an error" in batch.error


def test_retry_queues_a_failed_job_and_runs_it_to_done(
    programme: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    batch = _running_batch(programme)
    ImportBatch.objects.filter(pk=batch.pk).update(state="failed", error="stale")

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry(IMPORT, batch.pk, requested_by=None)

    batch.refresh_from_db()
    assert (batch.state, batch.error, batch.created) == ("done", "", 1)
    assert Participant.objects.get().first_name == "Wafa"
    assert not jobs.retry(IMPORT, batch.pk, requested_by=None)


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_job_runs(
    programme: Programme, monkeypatch: Any
) -> None:
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    batch = _running_batch(programme)

    with jobs.running(IMPORT, batch.pk):
        started = JobHeartbeat.objects.get().beat_at
        time.sleep(0.4)
        beaten = JobHeartbeat.objects.get().beat_at
        beaters = [t for t in threading.enumerate() if t.name.startswith("heartbeat")]

    assert beaten > started
    assert len(beaters) == 1
    assert not beaters[0].is_alive()
