"""manage.py queue_reminders: queue the reminders of tomorrow's and today's sessions."""

import datetime
from typing import Any

from sprakvan.activities.services.reminders import queue_reminders
from sprakvan.core.management.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = (
        "Queue a reminder to every subscriber of each session that is not cancelled, from 12:00 "
        "the day before until it starts. Idempotent (one message per session and person); "
        "run by tick."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        queued = queue_reminders(now=now)
        self.stdout.write(f"reminders: {queued} queued")
