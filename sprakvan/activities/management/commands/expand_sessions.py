"""manage.py expand_sessions: plan the sessions of every weekly schedule for the coming weeks."""

import datetime
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from sprakvan.activities.services import DEFAULT_WEEKS_AHEAD, expand_sessions
from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.core.models import Programme


class Command(PeriodicCommand):
    help = "Create the sessions of recurring schedules up to N weeks ahead. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--weeks", type=int, default=DEFAULT_WEEKS_AHEAD)
        parser.add_argument("--programme", help="only this programme (slug)")
        parser.add_argument(
            "--since", type=datetime.date.fromisoformat, help="also fill in from this date (Y-m-d)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = None
        if options["programme"]:
            programme = Programme.objects.get(slug=options["programme"])
        now: datetime.datetime = options["now"] or timezone.now()
        created = expand_sessions(
            today=timezone.localdate(now),
            weeks=options["weeks"],
            programme=programme,
            since=options["since"],
        )
        self.stdout.write(f"{created} new sessions.")
