"""manage.py backup --output FILE: the database to one file, encrypted with BACKUP_KEY."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sprakvan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's online backup or pg_dump) to FILE, encrypted when "
        "BACKUP_KEY is set. See docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="The backup file.")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        try:
            backup(connection.settings_dict, output, key=settings.BACKUP_KEY)
        except BackupError as error:
            raise CommandError(str(error)) from error
        kind = "encrypted" if settings.BACKUP_KEY else "NOT encrypted (BACKUP_KEY is empty)"
        self.stdout.write(f"backup: {output} ({output.stat().st_size} bytes, {kind})")
