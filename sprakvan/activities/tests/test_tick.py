"""The periodic command: every run queues what is due; the daily jobs run once a Swedish day."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from sprakvan.activities.models import Activity, Session
from sprakvan.activities.services import subscribe
from sprakvan.activities.tests.factories import ScheduleFactory, SessionFactory
from sprakvan.core.models import Programme, TickRun
from sprakvan.messaging.models import Message
from sprakvan.messaging.tests.people import consenting

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_tick_expands_schedules_and_a_second_tick_adds_nothing(capsys: Any) -> None:
    ScheduleFactory(starts_on=timezone.localdate() - datetime.timedelta(days=3))

    call_command("tick")
    first = Session.objects.count()
    call_command("tick")

    assert first > 0
    assert Session.objects.count() == first
    assert "expand_sessions" in capsys.readouterr().out


def test_the_daily_jobs_run_once_a_day_under_now(capsys: Any) -> None:
    schedule = ScheduleFactory(starts_on=datetime.date(2026, 11, 1))

    call_command("tick", "--now", "2026-12-07T00:15")
    planned = set(schedule.sessions.values_list("date", flat=True))
    schedule.sessions.all().delete()
    call_command("tick", "--now", "2026-12-07T23:45")
    assert not schedule.sessions.exists()  # not expanded again that day

    call_command("tick", "--now", "2026-12-08T00:00")

    # Each expansion acted as if it were the given day (the schedule meets Mondays, Thursdays).
    assert min(planned) == datetime.date(2026, 12, 7)
    again = set(schedule.sessions.values_list("date", flat=True))
    assert min(again) == datetime.date(2026, 12, 10)
    assert again >= planned - {datetime.date(2026, 12, 7)}
    assert sorted(TickRun.objects.values_list("job", "day")) == [
        ("expand_sessions", datetime.date(2026, 12, 7)),
        ("expand_sessions", datetime.date(2026, 12, 8)),
        ("fail_stale_jobs", datetime.date(2026, 12, 7)),
        ("fail_stale_jobs", datetime.date(2026, 12, 8)),
        ("purge_document_builds", datetime.date(2026, 12, 7)),
        ("purge_document_builds", datetime.date(2026, 12, 8)),
        ("purge_expired", datetime.date(2026, 12, 7)),
        ("purge_expired", datetime.date(2026, 12, 8)),
        ("queue_waiting_news", datetime.date(2026, 12, 7)),
        ("queue_waiting_news", datetime.date(2026, 12, 8)),
    ]
    assert "tick: expand_sessions ran already on 2026-12-07" in capsys.readouterr().out


def test_tick_queues_the_days_reminders_and_a_second_tick_nothing_new(
    programme: Programme, activity: Activity
) -> None:
    session = SessionFactory(
        activity=activity, date=datetime.date(2026, 12, 8), start_time=datetime.time(18)
    )
    amal = consenting(programme, first_name="Amal", language="ar", phone="+46701234567")
    subscribe(amal, activity, by=None)

    call_command("tick", "--now", "2026-12-07T11:45")
    assert not Message.objects.exists()
    call_command("tick", "--now", "2026-12-07T12:00")
    call_command("tick", "--now", "2026-12-07T12:15")

    assert list(Message.objects.values_list("key", flat=True)) == [
        f"reminder:session:{session.pk}:0:participant:{amal.pk}"
    ]
