"""manage.py queue_check_ins: ask both people of each pair how it goes, at one and six months."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sprakvan.matching.services import queue_check_ins


class Command(BaseCommand):
    help = (
        "Queue the check-in message to both people of every active pair 30 and 182 days after "
        "its start (at most 14 days late). Idempotent; for tick."
    )

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
        asked = queue_check_ins(now=now)
        self.stdout.write(f"check-ins: {asked} people due (each asked once)")
