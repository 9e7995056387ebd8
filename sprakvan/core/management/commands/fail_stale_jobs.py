"""manage.py fail_stale_jobs: mark failed every background job whose worker stopped (see core.jobs)."""

from typing import Any

from django.core.management.base import BaseCommand

from sprakvan.core.jobs import fail_all_stale


class Command(BaseCommand):
    help = "Mark failed the imports, matching runs, … whose worker stopped beating."

    def handle(self, *args: Any, **options: Any) -> None:
        failed = fail_all_stale()
        self.stdout.write(f"{failed} stale job(s) marked failed.")
