"""manage.py tick: the periodic work, run every 15 minutes from cron; every job is idempotent.

Each job keeps its own cadence. The jobs in EVERY_RUN queue what is due at that moment
(reminders, check-ins) and release held messages; the jobs in DAILY run on the first tick of
each Swedish day, recorded in `TickRun`, so later ticks that day leave them alone. With
`--now` every job acts as if it were that moment (to catch up after an outage, and in tests).
The jobs are commands called by name, so core imports nothing from the apps above it.
"""

import datetime
import logging
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sprakvan.core.health import TICK_KIND, record_pulse
from sprakvan.core.management.periodic import PeriodicCommand
from sprakvan.core.models import TickRun
from sprakvan.core.tasks import worker_heartbeat

logger = logging.getLogger(__name__)

# Each entry is a command that takes --now; add new periodic work to one of the lists.
DAILY = [
    "expand_sessions",
    "fail_stale_jobs",
    "queue_waiting_news",
    "purge_expired",  # retention: anonymise, clear and delete what is past its period
    "purge_document_builds",  # kept report files no request reaches any more
]
EVERY_RUN = [
    "queue_reminders",
    "queue_check_ins",
    "release_messages",  # last: hands the worker what was held until now
]


class Command(PeriodicCommand):
    help = (
        "Run the periodic jobs: every run, queue the reminders and check-ins that are due and "
        "release held messages; once a day, expand schedules into sessions, fail stale "
        "background jobs, purge expired personal data and the kept report files of earlier "
        "days. Run it every 15 minutes from cron; "
        "running it twice does nothing more."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime.datetime = options["now"] or timezone.now()
        day = timezone.localdate(now)
        failed = []
        for name in [*DAILY, *EVERY_RUN]:
            daily = name in DAILY
            if daily and not _claim(name, day=day, now=now):
                self.stdout.write(f"tick: {name} ran already on {day:%Y-%m-%d}")
                continue
            self.stdout.write(f"tick: {name}")
            try:
                call_command(name, "--now", now.isoformat(), stdout=self.stdout)
            except Exception:
                # One job's failure does not keep the others from running; a daily job that
                # failed is tried again by the next tick.
                logger.exception("tick: %s failed", name)
                failed.append(name)
                if daily:
                    TickRun.objects.filter(job=name, day=day).delete()
        # /healthz reads both: tick ran, and a worker (even an idle one) takes tasks.
        record_pulse(TICK_KIND)
        transaction.on_commit(worker_heartbeat.enqueue)
        if failed:
            raise CommandError(f"tick: failed: {', '.join(failed)}")


def _claim(job: str, *, day: datetime.date, now: datetime.datetime) -> bool:
    """Record that the daily job runs on `day`; False when it has run (or is running) already."""
    try:
        with transaction.atomic():
            TickRun.objects.create(job=job, day=day, ran_at=now)
    except IntegrityError:
        return False
    return True
