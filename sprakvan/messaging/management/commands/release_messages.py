"""manage.py release_messages: hand due messages to the worker, give up on stale sends."""

import datetime
from typing import Any

from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.messaging.services import mark_stale_sending, release_due


class Command(PeriodicCommand):
    help = (
        "Hand every queued or held message that is due to the worker, and mark messages left "
        "'sending' too long as unknown (never resent). Idempotent; for tick."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        stale = mark_stale_sending(now=now)
        released = release_due(now=now)
        self.stdout.write(f"messages: {released} released, {stale} stale sends now unknown")
