"""manage.py fail_stale_jobs: mark failed every background job whose worker stopped (see core.jobs)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sprakvan.core.jobs import fail_all_stale


class Command(BaseCommand):
    help = "Mark failed the imports, matching runs, … whose worker stopped beating."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            type=datetime.datetime.fromisoformat,
            help="Act as if it were this moment (ISO, Swedish time if no zone is given).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime | None = options["now"]
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        failed = fail_all_stale(now=now)
        self.stdout.write(f"{failed} stale job(s) marked failed.")
