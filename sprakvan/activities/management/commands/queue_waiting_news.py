"""manage.py queue_waiting_news: the news every 60 days to people still waiting."""

import datetime
from typing import Any

from sprakvan.activities.services.waiting_news import queue_waiting_news
from sprakvan.core.management.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = (
        "Queue the waiting-list news to every waiting participant who reached 60, 120, … days "
        "of waiting in the last 7 days, with the activities nearest to them this week. "
        "Idempotent (one message per person and mark); run daily by tick."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        queued = queue_waiting_news(now=now)
        self.stdout.write(f"waiting news: {queued} queued")
