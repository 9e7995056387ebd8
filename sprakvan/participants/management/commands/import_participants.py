"""manage.py import_participants FILE --programme SLUG [--dry-run]: all rows or none."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sprakvan.core.models import Programme
from sprakvan.core.spreadsheets import SpreadsheetError
from sprakvan.participants.importer import check_rows, import_rows, read_rows


class Command(BaseCommand):
    help = "Import participants from a CSV or XLSX file (see docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", required=True, help="the programme's slug")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"No programme with the slug '{options['programme']}'.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            checked = check_rows(programme, read_rows(path.name, path.read_bytes()))
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        if not checked.ok:
            for error in checked.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(checked.errors)} problem(s): nothing was imported.")
        total = len(checked.rows)
        if options["dry_run"]:
            self.stdout.write(f"{total} rows are fine. Dry run: nothing was saved.")
            return

        def progress(done: int) -> None:
            self.stdout.write(f"  {done}/{total} rows ({100 * done // total} %)")

        result = import_rows(programme, checked.rows, progress=progress)
        self.stdout.write(
            f"Imported {total} rows: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
