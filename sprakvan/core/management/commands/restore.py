"""manage.py restore FILE: a backup into the empty database that DATABASE_URL names."""

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sprakvan.core.backup import BackupError, describe, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the database DATABASE_URL names, "
        "which must be new and empty and of the same engine. Asks to confirm when run in a "
        "terminal. See docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        database = connection.settings_dict
        connection.close()  # the restore writes through its own connection
        try:
            engine, _encrypted = describe(source)
            if sys.stdin.isatty():
                answer = input(
                    f"Restore this {engine} backup into {database['NAME']}? [y/N] "
                ).strip()
                if answer.lower() not in ("y", "yes", "j", "ja"):
                    raise CommandError("Nothing restored.")
            restore(source, database, key=settings.BACKUP_KEY)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restore: {source} into {database['NAME']} done")
