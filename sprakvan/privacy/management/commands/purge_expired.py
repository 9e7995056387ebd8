"""manage.py purge_expired: the daily retention purge (run by tick); prints counts only."""

import datetime
from typing import Any

from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.privacy.purge import purge_expired


class Command(PeriodicCommand):
    help = (
        "Anonymise people without pair, attendance or contact for the programme's retention "
        "period, clear notes older than 12 months, empty or delete uploaded imports after 7 "
        "days, blank leads that never registered after 6 months, and delete expired sign-in "
        "links, reminder codes and sessions. Prints counts only; idempotent; run daily by tick."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        for line in purge_expired(now=now).lines():
            self.stdout.write(line)
