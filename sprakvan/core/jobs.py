"""Background jobs that cannot die unseen: a heartbeat while they run, stale ones failed, retry.

A job is a row with a `state` and an `error` (an ImportBatch, a ProposalRun, …) whose work a
task does. Its app registers the kind once (`register(JobKind(...))`), then:

- `submit(kind, pk)` records the job as queued and hands it to the task backend after commit
  (or runs it at once with `inline=True`);
- the task does its work inside `with running(kind, pk) as claimed:`: only one worker claims
  a job, and while it works a thread writes the job's `JobHeartbeat` every HEARTBEAT_SECONDS;
  a task that raises leaves its job failed, never active;
- `fail_stale(kind)` marks failed a job whose worker stopped beating for STALE_AFTER, or that
  no worker took up within QUEUED_LIMIT. `manage.py tick` runs it for every kind, and the
  job's page runs it for that job when its owner opens it;
- `retry(kind, pk)` puts a failed job back in the queue.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, IntegrityError, connections, models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .audit import log_action
from .models import JobHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
# Long enough for a beat to wait out a busy SQLite writer (the job's own transaction) a few times.
STALE_AFTER = datetime.timedelta(minutes=5)
QUEUED_LIMIT = datetime.timedelta(minutes=30)
WORKER = f"{socket.gethostname()}:{os.getpid()}"[:100]


@dataclass(frozen=True)
class JobKind:
    """One kind of job: its model (with `state`, `error`, `programme` and `created_at`), the
    task that runs it with the job's id, its active states and the fields a failure and a
    retry set."""

    name: str  # dotted, like an audit action: "participants.import"
    model: type[models.Model]
    task: Any  # a django.tasks Task taking the job's id
    active: tuple[str, ...]
    failed: Mapping[str, Any]
    retried: Mapping[str, Any]


KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    KINDS[kind.name] = kind
    return kind


def submit(kind: JobKind, pk: int, *, inline: bool = False) -> None:
    """Queue the job (whose row is already in an active state); `inline` runs it now."""
    now = timezone.now()
    JobHeartbeat.objects.update_or_create(
        kind=kind.name,
        object_id=pk,
        defaults={"queued_at": now, "started_at": None, "beat_at": now, "worker": ""},
    )
    if inline:
        kind.task.call(pk)
    else:
        transaction.on_commit(lambda: kind.task.enqueue(pk))


@contextmanager
def running(kind: JobKind, pk: int) -> Iterator[bool]:
    """Claim the job and beat while the block runs. Yields False (and the block must do
    nothing) when the job is no longer active or another worker has it already."""
    if not _claim(kind, pk):
        yield False
        return
    stop = threading.Event()
    beater = threading.Thread(
        target=_beat, args=(kind.name, pk, stop), name=f"heartbeat {kind.name} {pk}", daemon=True
    )
    beater.start()
    try:
        yield True
    except BaseException:
        _fail(
            kind,
            [pk],
            _("The job stopped with an error. Try again, or tell the platform's administrator."),
            reason="error",
        )
        raise
    finally:
        stop.set()
        beater.join()
        JobHeartbeat.objects.filter(kind=kind.name, object_id=pk).delete()


def _claim(kind: JobKind, pk: int) -> bool:
    if not kind.model._default_manager.filter(pk=pk, state__in=kind.active).exists():
        return False
    now = timezone.now()
    beats = JobHeartbeat.objects.filter(kind=kind.name, object_id=pk)
    if beats.filter(started_at__isnull=True).update(started_at=now, beat_at=now, worker=WORKER):
        return True
    if beats.exists():
        return False  # started by another worker; if that one died, `fail_stale` will tell
    try:
        with transaction.atomic():
            JobHeartbeat.objects.create(
                kind=kind.name,
                object_id=pk,
                queued_at=now,
                started_at=now,
                beat_at=now,
                worker=WORKER,
            )
    except IntegrityError:
        return False
    return True


def _beat(name: str, pk: int, stop: threading.Event) -> None:
    """The heartbeat thread: its own database connection, closed when the job ends."""
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                JobHeartbeat.objects.filter(kind=name, object_id=pk).update(beat_at=timezone.now())
            except DatabaseError:
                # SQLite lets one writer at a time; the next beat will try again.
                logger.warning("The heartbeat of job %s %s was not written.", name, pk)
    finally:
        connections.close_all()


def record_error(kind: JobKind, pk: int) -> None:
    """Mark the job failed with the end of the traceback being handled, for the platform admin,
    and when it ended (for job models with `finished_at`). Call it in an `except` block and
    raise again: `running` then leaves the failed job alone."""
    kind.model._default_manager.filter(pk=pk).update(
        **kind.failed, error=traceback.format_exc(limit=3)[-2000:], finished_at=timezone.now()
    )


def fail_stale(
    kind: JobKind, *, pks: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> int:
    """Mark failed the active jobs (of `pks`, or all) whose worker is gone; how many."""
    now = now or timezone.now()
    jobs = kind.model._default_manager.filter(state__in=kind.active)
    if pks is not None:
        jobs = jobs.filter(pk__in=list(pks))
    created = dict(jobs.values_list("pk", "created_at"))
    if not created:
        return 0
    beats = {
        b.object_id: b
        for b in JobHeartbeat.objects.filter(kind=kind.name, object_id__in=list(created))
    }
    silent, never_started = [], []
    for pk, created_at in created.items():
        beat = beats.get(pk)
        if beat is not None and beat.started_at is not None:
            if beat.beat_at < now - STALE_AFTER:
                silent.append(pk)
        elif (beat.queued_at if beat else created_at) < now - QUEUED_LIMIT:
            never_started.append(pk)
    _fail(
        kind,
        silent,
        _("The background worker stopped while working on this. Try again."),
        reason="stale",
    )
    _fail(
        kind,
        never_started,
        _(
            "No background worker took this up in time. Try again; if it fails again, tell "
            "the platform's administrator."
        ),
        reason="not_started",
    )
    return len(silent) + len(never_started)


def fail_all_stale(*, now: datetime.datetime | None = None) -> int:
    """`fail_stale` for every registered kind (each app registers its kinds in `tasks.py`)."""
    autodiscover_modules("tasks")
    return sum(fail_stale(kind, now=now) for kind in KINDS.values())


def _fail(kind: JobKind, pks: list[int], message: str, *, reason: str) -> None:
    if not pks:
        return
    active = kind.model._default_manager.filter(state__in=kind.active)
    for job in active.filter(pk__in=pks):
        # Only if still active: the job may have finished since it was read.
        if active.filter(pk=job.pk).update(**kind.failed, error=message):
            log_action(
                f"{kind.name}.failed",
                # Every job model has a programme (see JobKind); its type knows only Model.
                programme=job.programme_id,  # type: ignore[attr-defined]
                target=job,
                reason=reason,
            )
    JobHeartbeat.objects.filter(kind=kind.name, object_id__in=pks).delete()


def retry(kind: JobKind, pk: int, *, requested_by: AbstractBaseUser | None) -> bool:
    """Queue a failed job again; False when it is not failed (any more)."""
    failed = kind.model._default_manager.filter(pk=pk, state=kind.failed["state"])
    with transaction.atomic():
        job = failed.select_for_update().first()
        if job is None:
            return False
        failed.update(**kind.retried)
        log_action(
            f"{kind.name}.retried",
            programme=job.programme_id,  # type: ignore[attr-defined]  # as in _fail
            actor=requested_by,
            target=job,
        )
        submit(kind, pk)
    return True
