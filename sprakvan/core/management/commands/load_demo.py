"""manage.py load_demo: the Linköping demo programme. Running it again changes nothing."""

import importlib
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sprakvan.accounts import demo as staff_demo
from sprakvan.participants import demo as participants_demo

# Later parts of the demo, in dependency order; each module has `load(programme, *, today)`.
EXTENSIONS = [
    "sprakvan.partners.demo",
    "sprakvan.matching.demo",
    "sprakvan.activities.demo",
    "sprakvan.reports.demo",
]


class Command(BaseCommand):
    help = "Create or complete the Linköping demo programme (slug 'linkoping')."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        with transaction.atomic():
            programme = participants_demo.load(today)
            staff_demo.load(programme)
            for name in EXTENSIONS:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(programme, today=today)
        self.stdout.write(
            f"Demo programme '{programme.name}' ready: "
            f"{programme.participants.count()} participants."
        )
