"""manage.py queue_reminders: queue the reminders of tomorrow's and today's sessions."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sprakvan.activities.services.reminders import queue_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder to every subscriber of each session that is not cancelled, from 12:00 "
        "the day before until it starts. Idempotent (one message per session and person); "
        "run by tick."
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
        queued = queue_reminders(now=now)
        self.stdout.write(f"reminders: {queued} queued")
