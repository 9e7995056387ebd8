"""manage.py tick: the periodic work, safe to run as often as cron likes (every run is idempotent)."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each entry is an idempotent command; add new periodic work here.
PERIODIC = [("expand_sessions", ()), ("fail_stale_jobs", ())]


class Command(BaseCommand):
    help = "Run the periodic jobs (expand schedules into sessions, …). Run daily from cron."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, arguments in PERIODIC:
            self.stdout.write(f"tick: {name}")
            call_command(name, *arguments, stdout=self.stdout)
