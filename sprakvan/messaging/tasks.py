"""Background work of messaging: sending one message, in the worker, after the queueing commit."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task

from .services.sending import send_message


@task
def send_message_task(message_id: int, at: str | None = None) -> None:
    """Send one message; `at` (ISO) is the injected clock of `tick --now`, if any."""
    send_message(message_id, now=datetime.datetime.fromisoformat(at) if at else None)


def enqueue_send(
    message_id: int,
    *,
    at: datetime.datetime | None = None,
    after: datetime.datetime | None = None,
) -> None:
    """Hand the send to the worker once the current transaction commits. `after` defers it
    when the task backend can; otherwise (and under an injected clock) `release_due`,
    run by tick, picks it up when it is due."""

    def enqueue() -> None:
        runner = send_message_task
        if after is not None:
            if at is not None or not runner.get_backend().supports_defer:
                return
            runner = runner.using(run_after=after)
        runner.enqueue(message_id, at.isoformat() if at else None)

    transaction.on_commit(enqueue)
