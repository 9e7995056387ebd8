"""manage.py load_demo: the Linköping demo programme. Running it again changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import activities as activities_demo
from sprakvan.demo import matching as matching_demo
from sprakvan.demo import messaging as messaging_demo
from sprakvan.demo import participants as participants_demo
from sprakvan.demo import partners as partners_demo
from sprakvan.demo import privacy as privacy_demo
from sprakvan.demo import reports as reports_demo
from sprakvan.demo.partners import popups as popups_demo


class Command(BaseCommand):
    help = "Create or complete the Linköping demo programme (slug 'linkoping')."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        with transaction.atomic():
            programme = participants_demo.load(today)
            staff_demo.load(programme)
            # The later parts in dependency order; each has `load(programme, *, today)`.
            messaging_demo.load(programme, today=today)
            partners_demo.load(programme, today=today)
            matching_demo.load(programme, today=today)
            activities_demo.load(programme, today=today)
            # Pop-up cafés: bookings on the activities demo's sessions (issue 14).
            popups_demo.load(programme, today=today)
            reports_demo.load(programme, today=today)
            privacy_demo.load(programme, today=today)
        self.stdout.write(
            f"Demo programme '{programme.name}' ready: "
            f"{programme.participants.count()} participants."
        )
