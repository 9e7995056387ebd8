"""The base of every command `tick` runs: each takes `--now`, so it can act as if it were another
moment (to catch up after an outage, and in tests)."""

import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone


def moment(text: str) -> datetime.datetime:
    """An ISO moment; one without a zone is Swedish time."""
    value = datetime.datetime.fromisoformat(text)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class PeriodicCommand(BaseCommand):
    """`options["now"]` is the moment given with `--now` (aware), or None for the real clock."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            type=moment,
            help="Act as if it were this moment (ISO, Swedish time if no zone is given).",
        )
