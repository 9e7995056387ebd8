"""Reminders before sessions and the notice of a moved or cancelled session (issue 12).

Amal (Arabic) and Sven (Swedish) asked to be reminded of the Skäggetorp café; its session is on
Tuesday 8 December 2026 at 18:00, so reminders may go from Monday 12:00.
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, ReminderSubscription, Session
from sprakvan.activities.services import (
    cancel_session,
    move_session,
    queue_reminders,
    subscribe,
    unsubscribe,
)
from sprakvan.activities.tests.factories import SessionFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.tests.people import SWEDEN, consenting
from sprakvan.participants.models import Participant

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TUESDAY = datetime.date(2026, 12, 8)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in December 2026, Swedish time."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=SWEDEN)


@pytest.fixture
def amal(programme: Programme) -> Participant:
    return consenting(programme, first_name="Amal", language="ar", phone="+46701234567")


@pytest.fixture
def sven(programme: Programme) -> Participant:
    return consenting(programme, first_name="Sven", language="sv", phone="+46707654321", sms=False)


@pytest.fixture
def tuesday(activity: Activity) -> Session:
    return SessionFactory(activity=activity, date=TUESDAY, start_time=datetime.time(18))


@pytest.fixture
def subscribed(activity: Activity, amal: Participant, sven: Participant) -> list[Participant]:
    for person in (amal, sven):
        subscribe(person, activity, by=None, now=at(1, 10))
    return [amal, sven]


def reminders() -> list[Message]:
    return list(Message.objects.filter(kind=Kind.REMINDER).order_by("key"))


def test_no_reminder_before_noon_the_day_before(tuesday: Session, subscribed: list) -> None:
    assert queue_reminders(now=at(7, 11, 59)) == 0
    assert reminders() == []


def test_reminders_are_queued_from_noon_the_day_before_in_each_language(
    tuesday: Session, subscribed: list[Participant]
) -> None:
    amal, sven = subscribed

    assert queue_reminders(now=at(7, 12)) == 2

    by_person = {m.participant: m for m in reminders()}
    assert by_person[amal].key == f"reminder:session:{tuesday.pk}:0:participant:{amal.pk}"
    assert (by_person[amal].language, by_person[amal].channel) == ("ar", "sms")
    assert "الثلاثاء" in by_person[amal].body  # Tuesday, in Arabic
    assert "18:00" in by_person[amal].body
    assert "Skäggetorps bibliotek, Storgatan 1" in by_person[amal].body
    # Sven agreed to e-mail only: his reminder is an e-mail, in Swedish.
    assert (by_person[sven].language, by_person[sven].channel) == ("sv", "email")
    assert "tisdag 8 december" in by_person[sven].body
    assert by_person[sven].status == Message.Status.QUEUED


def test_a_later_tick_still_queues_the_reminder_until_the_session_starts(
    tuesday: Session, subscribed: list
) -> None:
    assert queue_reminders(now=at(8, 17, 59)) == 2


def test_no_reminder_once_the_session_has_started(tuesday: Session, subscribed: list) -> None:
    assert queue_reminders(now=at(8, 18)) == 0
    assert reminders() == []


def test_no_reminder_for_a_cancelled_session(tuesday: Session, subscribed: list) -> None:
    Session.objects.filter(pk=tuesday.pk).update(status=Session.Status.CANCELLED)

    assert queue_reminders(now=at(7, 13)) == 0
    assert reminders() == []


def test_queueing_twice_queues_nothing_more(tuesday: Session, subscribed: list) -> None:
    queue_reminders(now=at(7, 12))
    first = [(m.pk, m.key) for m in reminders()]

    assert queue_reminders(now=at(7, 12, 15)) == 0
    assert queue_reminders(now=at(8, 9)) == 0
    assert [(m.pk, m.key) for m in reminders()] == first


def test_a_withdrawn_subscription_gets_nothing(
    activity: Activity, tuesday: Session, subscribed: list[Participant]
) -> None:
    amal, sven = subscribed
    unsubscribe(amal, activity, by=None, now=at(5, 9))

    queue_reminders(now=at(7, 12))

    assert [m.participant for m in reminders()] == [sven]


def test_only_the_activitys_subscribers_are_reminded(
    programme: Programme, other_activity: Activity, tuesday: Session, amal: Participant
) -> None:
    subscribe(amal, other_activity, by=None)

    assert queue_reminders(now=at(7, 12)) == 0


def test_subscribing_twice_keeps_one_current_row_and_withdrawing_dates_it(
    activity: Activity, amal: Participant, leader: User
) -> None:
    first = subscribe(amal, activity, by=leader, now=at(1, 10))
    again = subscribe(amal, activity, by=leader, now=at(2, 10))
    assert again.pk == first.pk

    assert unsubscribe(amal, activity, by=leader, now=at(3, 10)) == 1
    assert unsubscribe(amal, activity, by=leader, now=at(4, 10)) == 0
    later = subscribe(amal, activity, by=None, now=at(5, 10))

    rows = list(ReminderSubscription.objects.filter(participant=amal).order_by("id"))
    assert [(r.created_at, r.withdrawn_at) for r in rows] == [
        (at(1, 10), at(3, 10)),
        (at(5, 10), None),
    ]
    assert later.created_by is None
    assert rows[0].created_by == leader
    actions = list(
        AuditEvent.objects.filter(action__startswith="activities.reminder.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "activities.reminder.subscribed",
        "activities.reminder.withdrawn",
        "activities.reminder.subscribed",
    ]


def test_a_participant_of_another_programme_cannot_subscribe(
    activity: Activity, other_programme: Programme
) -> None:
    stranger = consenting(other_programme)
    with pytest.raises(ValueError):
        subscribe(stranger, activity, by=None)


# Moving and cancelling happen now (the services use the real clock): a session ahead.


@pytest.fixture
def ahead(activity: Activity) -> Session:
    return SessionFactory(
        activity=activity,
        date=timezone.localdate() + datetime.timedelta(days=10),
        start_time=datetime.time(18),
    )


def notices() -> list[Message]:
    return list(Message.objects.filter(kind=Kind.SESSION_CHANGED).order_by("id"))


def move(session: Session, *, days: int = 0, hour: int = 18) -> Session:
    return move_session(
        session,
        date=session.date + datetime.timedelta(days=days),
        start_time=datetime.time(hour),
        end_time=datetime.time(hour + 2),
        venue=session.venue,
        moved_by=None,
    )


def test_a_move_sends_one_notice_and_the_same_move_again_none(
    ahead: Session, subscribed: list[Participant]
) -> None:
    amal, sven = subscribed
    old_day = ahead.date
    move(ahead, days=1)

    sent = notices()
    assert {m.participant for m in sent} == {amal, sven}
    assert {m.key for m in sent} == {
        f"session_changed:{ahead.pk}:1:participant:{amal.pk}",
        f"session_changed:{ahead.pk}:1:participant:{sven.pk}",
    }
    swedish = next(m for m in sent if m.participant == sven)
    assert "har flyttats" in swedish.body
    assert f"{old_day.day} " in swedish.body and f"{old_day.day + 1} " in swedish.body

    move(Session.objects.get(pk=ahead.pk))  # the same date and time again
    move(ahead)  # and from a stale copy
    assert len(notices()) == 2


def test_a_second_move_sends_again(ahead: Session, subscribed: list) -> None:
    move(ahead, days=1)
    move(Session.objects.get(pk=ahead.pk), hour=17)

    assert len(notices()) == 4
    assert Session.objects.get(pk=ahead.pk).changes == 2


def test_a_move_withdraws_the_waiting_reminder_and_the_next_tick_tells_the_new_time(
    ahead: Session, subscribed: list[Participant]
) -> None:
    day_before = datetime.datetime.combine(
        ahead.date - datetime.timedelta(days=1), datetime.time(12, 30), tzinfo=SWEDEN
    )
    assert queue_reminders(now=day_before) == 2
    move(ahead, hour=17)

    assert queue_reminders(now=day_before + datetime.timedelta(minutes=15)) == 2
    reminders = Message.objects.filter(kind=Kind.REMINDER)
    waiting = reminders.exclude(status=Message.Status.CANCELLED)
    assert {m.reason for m in reminders.filter(status=Message.Status.CANCELLED)} == {"outdated"}
    assert waiting.count() == 2 and all("17:00" in m.body for m in waiting)


def test_a_new_end_time_alone_sends_nothing(ahead: Session, subscribed: list) -> None:
    move_session(
        ahead,
        date=ahead.date,
        start_time=ahead.start_time,
        end_time=datetime.time(21),
        venue=ahead.venue,
        moved_by=None,
    )
    assert notices() == []


def test_a_cancellation_sends_one_notice(ahead: Session, subscribed: list[Participant]) -> None:
    cancel_session(ahead, cancelled_by=None)
    cancel_session(Session.objects.get(pk=ahead.pk), cancelled_by=None)

    sent = notices()
    assert len(sent) == 2
    swedish = next(m for m in sent if m.participant == subscribed[1])
    assert "inställt" in swedish.body


def test_a_withdrawn_subscriber_hears_nothing_of_a_change(
    activity: Activity, ahead: Session, subscribed: list[Participant]
) -> None:
    amal, sven = subscribed
    unsubscribe(amal, activity, by=None)

    cancel_session(ahead, cancelled_by=None)

    assert [m.participant for m in notices()] == [sven]


def test_a_session_in_the_past_sends_nothing_when_moved_or_cancelled(
    activity: Activity, subscribed: list
) -> None:
    past = SessionFactory(
        activity=activity, date=timezone.localdate() - datetime.timedelta(days=30)
    )

    move(past, days=1)
    cancel_session(Session.objects.get(pk=past.pk), cancelled_by=None)

    assert notices() == []


def test_the_command_takes_now_and_queues_once(
    tuesday: Session, subscribed: list, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("queue_reminders", "--now", "2026-12-07T12:00")
    call_command("queue_reminders", "--now", "2026-12-07T12:15")

    assert len(reminders()) == 2
    assert capsys.readouterr().out.splitlines() == ["reminders: 2 queued", "reminders: 0 queued"]
