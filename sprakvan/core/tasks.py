"""Background work of core: the worker's own heartbeat, so /healthz sees an idle worker alive."""

from __future__ import annotations

from django.tasks import task

from .health import WORKER_KIND, record_pulse
from .jobs import WORKER


@task
def worker_heartbeat() -> None:
    """Record that a worker took a task just now (`tick` enqueues this every run)."""
    record_pulse(WORKER_KIND, worker=WORKER)
