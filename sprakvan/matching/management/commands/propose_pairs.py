"""manage.py propose_pairs --programme SLUG [--json]: print the proposals, save nothing."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sprakvan.core.models import Programme
from sprakvan.matching import explain
from sprakvan.matching.pools import district_names
from sprakvan.matching.services import propose_pairs
from sprakvan.participants.models import Participant


class Command(BaseCommand):
    help = "Print the optimal language-friend pairs for a programme's waiting pool (not saved)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="the programme's slug")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = Programme.objects.get(slug=options["programme"])
        except Programme.DoesNotExist as exc:
            raise CommandError(f"No programme with the slug {options['programme']!r}.") from exc
        proposals = propose_pairs(programme, today=timezone.localdate())
        ids = {p.newcomer_id for p in proposals} | {p.established_id for p in proposals}
        people = {
            p.pk: p
            for p in Participant.objects.filter(pk__in=ids).only("id", "external_id", "first_name")
        }
        districts = district_names(programme)

        def key(pk: int) -> str | int:
            return people[pk].external_id or pk

        rows: list[dict[str, Any]] = [
            {
                "newcomer": key(p.newcomer_id),
                "established": key(p.established_id),
                "score": p.score,
                "reasons": explain.phrases(p.reasons, districts=districts),
            }
            for p in proposals
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['newcomer']} + {row['established']}  {row['score']:.1f}  "
                + explain.SEPARATOR.join(row["reasons"])
            )
        self.stdout.write(f"{len(rows)} pairs proposed.")
