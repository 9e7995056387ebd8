"""Erase one participant's personal data for a request that reached the operator; prints
what it erased in counts only (never a name)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant
from sprakvan.privacy.services import erase_participant


class Command(BaseCommand):
    help = "Erase a participant's personal data (the statistics keep counting them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="the programme's slug")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--external-id", help="the participant's id in the imported register")
        who.add_argument("--participant-id", type=int, help="the participant's number")
        parser.add_argument("--how", default="operator", help="how the person asked")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError("No programme with that slug.")
        people = Participant.objects.filter(programme=programme)
        if options["participant_id"] is not None:
            people = people.filter(pk=options["participant_id"])
        else:
            people = people.filter(external_id=options["external_id"])
        if people.count() != 1:
            raise CommandError(f"{people.count()} participants match; nothing was erased.")
        counts = erase_participant(people.get(), requested_by=None, how=options["how"])
        for table, n in counts.items():
            self.stdout.write(f"{table}: {n}")
