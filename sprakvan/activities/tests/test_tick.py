"""The periodic command runs its jobs and can run twice."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from sprakvan.activities.models import Session
from sprakvan.activities.tests.factories import ScheduleFactory

pytestmark = pytest.mark.django_db


def test_tick_expands_schedules_and_a_second_tick_adds_nothing(capsys: Any) -> None:
    ScheduleFactory(starts_on=timezone.localdate() - datetime.timedelta(days=3))

    call_command("tick")
    first = Session.objects.count()
    call_command("tick")

    assert first > 0
    assert Session.objects.count() == first
    assert "expand_sessions" in capsys.readouterr().out
