"""Waiting-list news: every 60 days of waiting exactly once, never for an old mark, with the
nearest activities this week in the person's language."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import formats, timezone, translation

from sprakvan.activities import services
from sprakvan.activities.models import Session
from sprakvan.activities.services.waiting_news import news_number, queue_waiting_news
from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.tests.people import AFTERNOON, consenting, sending_programme
from sprakvan.participants.models import Participant, Status

from .factories import ActivityFactory, ScheduleFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate(AFTERNOON)


@pytest.fixture
def cafe(programme: Programme):
    sending_programme(programme)
    ryd = programme.districts.get(name="Ryd")
    activity = ActivityFactory(programme=programme, title="Café Ryd", district=ryd)
    schedule = ScheduleFactory(activity=activity, starts_on=TODAY)
    services.expand_schedule(schedule, start=TODAY, end=TODAY + datetime.timedelta(weeks=2))
    return activity


def waiting(programme: Programme, days: int, **fields) -> Participant:
    return consenting(
        programme,
        email=False,
        status=fields.pop("status", Status.WAITING),
        registered_on=TODAY - datetime.timedelta(days=days),
        district=programme.districts.get(name="Ryd"),
        **fields,
    )


def news() -> list[str]:
    return sorted(Message.objects.filter(kind=Kind.WAITING_NEWS).values_list("key", flat=True))


def test_the_news_is_due_only_within_a_week_of_each_60_day_mark() -> None:
    assert [news_number(days) for days in [0, 59, 60, 66, 67, 119, 120, 126, 127, 180]] == [
        None,
        None,
        1,
        1,
        None,
        None,
        2,
        2,
        None,
        3,
    ]


def test_at_day_60_one_message_with_the_nearest_cafe_in_their_language(
    programme: Programme, cafe
) -> None:
    amal = waiting(programme, 60, first_name="Amal", language="ar")

    assert queue_waiting_news(now=AFTERNOON) == 1
    assert queue_waiting_news(now=AFTERNOON) == 0

    (message,) = Message.objects.filter(kind=Kind.WAITING_NEWS)
    assert (message.key, message.language) == (f"waiting_news:participant:{amal.pk}:1", "ar")
    session = Session.objects.filter(activity=cafe).order_by("date").first()
    assert session is not None
    with translation.override("ar"):
        day = formats.date_format(session.date, "l")
    assert f"Café Ryd {day} {session.start_time:%H:%M}" in message.body
    assert message.body.startswith("مرحبا Amal!")


def test_nobody_at_day_59_and_nobody_whose_mark_is_older_than_a_week(
    programme: Programme, cafe
) -> None:
    for days in [59, 67, 100, 400]:
        waiting(programme, days)

    assert queue_waiting_news(now=AFTERNOON) == 0
    assert news() == []


def test_day_60_and_day_120_each_once_over_the_days_in_between(programme: Programme, cafe) -> None:
    amal = waiting(programme, 0)

    for day in range(0, 131):
        queue_waiting_news(now=AFTERNOON + datetime.timedelta(days=day))

    assert news() == [
        f"waiting_news:participant:{amal.pk}:1",
        f"waiting_news:participant:{amal.pk}:2",
    ]


def test_only_people_still_waiting_get_news(programme: Programme, cafe) -> None:
    waiting(programme, 60, status=Status.MATCHED)
    waiting(programme, 60, status=Status.LEFT)

    assert queue_waiting_news(now=AFTERNOON) == 0


def test_the_news_without_activities_this_week_says_none(programme: Programme) -> None:
    sending_programme(programme)
    waiting(programme, 120, first_name="Sara")

    queue_waiting_news(now=AFTERNOON)

    (message,) = Message.objects.filter(kind=Kind.WAITING_NEWS)
    assert "Kom gärna till" not in message.body
    assert message.body.startswith("Hej Sara!")


def test_tick_queues_the_news_once_a_day(programme: Programme, cafe) -> None:
    waiting(programme, 60)

    call_command("tick", "--now", AFTERNOON.isoformat())
    call_command("queue_waiting_news", "--now", AFTERNOON.isoformat())

    assert len(news()) == 1
