"""manage.py release_messages: hand due messages to the worker, give up on stale sends."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sprakvan.messaging.services import mark_stale_sending, release_due


class Command(BaseCommand):
    help = (
        "Hand every queued or held message that is due to the worker, and mark messages left "
        "'sending' too long as unknown (never resent). Idempotent; for tick."
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
        stale = mark_stale_sending(now=now)
        released = release_due(now=now)
        self.stdout.write(f"messages: {released} released, {stale} stale sends now unknown")
