"""manage.py purge_document_builds: delete the kept partner-dialogue files no request can reach
any longer (reckoned to an earlier day; see reports.builds)."""

from typing import Any

from django.utils import timezone

from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.reports.builds import purge_unreachable


class Command(PeriodicCommand):
    help = "Delete the kept partner-dialogue PDF and Word files of earlier days."

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate(options["now"] or timezone.now())
        deleted = purge_unreachable(day)
        self.stdout.write(f"{deleted} kept document file(s) of earlier days deleted.")
