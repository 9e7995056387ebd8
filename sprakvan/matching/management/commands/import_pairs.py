"""manage.py import_pairs FILE --programme SLUG: existing pairs from CSV/XLSX, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sprakvan.core.models import Programme
from sprakvan.core.spreadsheets import SpreadsheetError
from sprakvan.matching.importer import import_pairs, read_rows


class Command(BaseCommand):
    help = (
        "Import language-friend pairs (columns newcomer, established, started_on, ended_on, "
        "end_reason). Nothing is written if any row has an error; running it again is safe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--programme", required=True, help="the programme's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = Programme.objects.get(slug=options["programme"])
        except Programme.DoesNotExist as exc:
            raise CommandError(f"No programme with the slug {options['programme']!r}.") from exc
        path = Path(options["file"])
        try:
            rows = read_rows(path.name, path.read_bytes())
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        result = import_pairs(programme, rows)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} error(s).")
        self.stdout.write(
            f"{result.created} pairs created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
