"""manage.py fail_stale_jobs: mark failed every background job whose worker stopped (see core.jobs)."""

import datetime
from typing import Any

from sprakvan.core.jobs import fail_all_stale
from sprakvan.core.management.periodic import PeriodicCommand


class Command(PeriodicCommand):
    help = "Mark failed the imports, matching runs, … whose worker stopped beating."

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        failed = fail_all_stale(now=now)
        self.stdout.write(f"{failed} stale job(s) marked failed.")
