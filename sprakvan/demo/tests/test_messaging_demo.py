"""The demo writes years of history and sends nothing for it; a tick the day before a café
queues its reminders, in the people's languages."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sprakvan.activities.models import Session
from sprakvan.activities.services import subscribers_of
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services.notify import channel_for

pytestmark = pytest.mark.django_db


def test_the_history_sends_nothing_and_a_tick_the_day_before_reminds_of_the_cafe() -> None:
    call_command("load_demo")
    assert not Message.objects.exists()

    cafe = (
        Session.objects.filter(date__gt=timezone.localdate(), status=Session.Status.PLANNED)
        .exclude(activity__reminder_subscriptions=None)
        .order_by("date", "start_time")
        .first()
    )
    assert cafe is not None, "the demo's weekly cafés have people who asked for reminders"
    day_before = datetime.datetime.combine(
        cafe.date - datetime.timedelta(days=1),
        datetime.time(13),
        tzinfo=timezone.get_current_timezone(),
    )
    call_command("tick", "--now", day_before.isoformat())

    reminders = Message.objects.filter(
        kind=Kind.REMINDER, key__startswith=f"reminder:session:{cafe.pk}:"
    )
    reachable = [p for p in subscribers_of(cafe.activity) if channel_for(p) is not None]
    assert reachable and reminders.count() == len(reachable)
    assert {"sv", "ar"} <= set(
        Message.objects.filter(kind=Kind.REMINDER).values_list("language", flat=True)
    )
