"""manage.py queue_check_ins: ask both people of each pair how it goes, at one and six months."""

import datetime
from typing import Any

from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.matching.services import queue_check_ins


class Command(PeriodicCommand):
    help = (
        "Queue the check-in message to both people of every active pair 30 and 182 days after "
        "its start (at most 14 days late). Idempotent; for tick."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        asked = queue_check_ins(now=now)
        self.stdout.write(f"check-ins: {asked} people due (each asked once)")
