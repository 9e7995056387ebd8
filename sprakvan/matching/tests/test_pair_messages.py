"""What a pair hears: the introduction when it starts, the check-ins at one and six months."""

import datetime
import io
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.matching.services import queue_check_ins, record_call, send_introductions
from sprakvan.matching.services.check_ins import read_check_in_token
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Kind, Message
from sprakvan.participants.consents import give_consent
from sprakvan.participants.models import Channel, ConsentPurpose, Participant

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
STOCKHOLM = timezone.get_default_timezone()
START = datetime.date(2026, 3, 2)


def _agrees_to_sms(*people: Participant) -> None:
    for person in people:
        give_consent(
            person,
            purpose=ConsentPurpose.MESSAGES,
            channel=Channel.SMS,
            text_version="2026-01",
            at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
        )


def _at(day: datetime.date, hour: int = 13) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def _messages(kind: str) -> list[Message]:
    return list(Message.objects.filter(kind=kind).order_by("key"))


def test_a_pair_started_today_introduces_each_person_to_their_friend_once(
    proposed_pair: Pair, coordinator: Any
) -> None:
    newcomer, volunteer = proposed_pair.newcomer, proposed_pair.established
    newcomer.preferred_language = "ar"
    newcomer.save()
    _agrees_to_sms(newcomer, volunteer)
    today = timezone.localdate()
    for side in ("newcomer", "established"):
        record_call(
            proposed_pair, side=side, outcome="agrees", called_on=today, recorded_by=coordinator
        )
    proposed_pair.refresh_from_db()
    assert len(_messages(Kind.INTRODUCTION)) == 2
    send_introductions(proposed_pair)  # asked again: the keys are used

    sent = {m.participant_id: m for m in _messages(Kind.INTRODUCTION)}
    assert set(sent) == {newcomer.pk, volunteer.pk}
    to_nadia, to_erik = sent[newcomer.pk], sent[volunteer.pk]
    assert to_nadia.key == f"introduction:pair:{proposed_pair.pk}:participant:{newcomer.pk}"
    assert (to_nadia.language, to_nadia.channel) == ("ar", Channel.SMS)
    assert to_nadia.recipient == newcomer.phone.as_e164
    assert "Erik" in to_nadia.body and "Nadia" in to_erik.body
    # The friend's first name only: never their phone number or last name.
    for message, friend in [(to_nadia, volunteer), (to_erik, newcomer)]:
        digits = str(friend.phone.national_number)
        assert digits not in message.body and friend.last_name not in message.body
    assert to_erik.status == Message.Status.QUEUED


def test_a_pair_that_started_in_the_past_sends_no_introduction(
    proposed_pair: Pair, coordinator: Any
) -> None:
    _agrees_to_sms(proposed_pair.newcomer, proposed_pair.established)
    long_ago = timezone.localdate() - datetime.timedelta(days=3)
    for side in ("newcomer", "established"):
        record_call(
            proposed_pair, side=side, outcome="agrees", called_on=long_ago, recorded_by=coordinator
        )
    proposed_pair.refresh_from_db()
    assert proposed_pair.state == Pair.State.ACTIVE
    assert _messages(Kind.INTRODUCTION) == []


@pytest.fixture
def pair(programme: Programme) -> Pair:
    pair = PairFactory(programme=programme, started_on=START)
    _agrees_to_sms(pair.newcomer, pair.established)
    return pair


def test_check_ins_wait_for_thirty_days(pair: Pair) -> None:
    assert queue_check_ins(now=_at(START + datetime.timedelta(days=29))) == 0
    assert _messages(Kind.CHECK_IN) == []


def test_the_one_month_check_in_goes_to_both_once_with_their_own_link(pair: Pair) -> None:
    due = _at(START + datetime.timedelta(days=30))
    queue_check_ins(now=due)
    queue_check_ins(now=due + datetime.timedelta(hours=1))
    call_command("queue_check_ins", "--now", (START + datetime.timedelta(days=31)).isoformat())

    messages = _messages(Kind.CHECK_IN)
    assert [m.key for m in messages] == [
        f"check_in:1:pair:{pair.pk}:participant:{pair.newcomer_id}",
        f"check_in:1:pair:{pair.pk}:participant:{pair.established_id}",
    ]
    to_newcomer = messages[0]
    assert pair.established.first_name in to_newcomer.body
    link = next(word for word in to_newcomer.body.split() if "/svar/" in word)
    match = resolve(urlparse(link).path)
    assert match.url_name == "check_in"
    assert match.kwargs["programme_slug"] == pair.programme.slug
    read = read_check_in_token(match.kwargs["token"])
    assert read is not None
    assert (read.pair_id, read.participant_id, read.months, read.expired) == (
        pair.pk,
        pair.newcomer_id,
        1,
        False,
    )


def test_the_six_month_check_in_comes_after_182_days(pair: Pair) -> None:
    queue_check_ins(now=_at(START + datetime.timedelta(days=181)))
    assert _messages(Kind.CHECK_IN) == []
    queue_check_ins(now=_at(START + datetime.timedelta(days=182)))
    queue_check_ins(now=_at(START + datetime.timedelta(days=190)))
    assert sorted(m.key.split(":pair:")[0] for m in _messages(Kind.CHECK_IN)) == [
        "check_in:6",
        "check_in:6",
    ]


def test_a_check_in_missed_by_more_than_two_weeks_is_not_sent_late(pair: Pair) -> None:
    queue_check_ins(now=_at(START + datetime.timedelta(days=30 + 15)))
    assert _messages(Kind.CHECK_IN) == []
    queue_check_ins(now=_at(START + datetime.timedelta(days=30 + 14)))
    assert len(_messages(Kind.CHECK_IN)) == 2


@pytest.mark.parametrize("state", [Pair.State.PAUSED, Pair.State.PROPOSED])
def test_only_active_pairs_are_asked(programme: Programme, state: str) -> None:
    PairFactory(programme=programme, started_on=START, state=state)
    queue_check_ins(now=_at(START + datetime.timedelta(days=30)))
    assert _messages(Kind.CHECK_IN) == []


def test_tick_asks_for_check_ins_and_a_second_tick_asks_nothing_more(pair: Pair) -> None:
    moment = _at(START + datetime.timedelta(days=30), hour=9).isoformat()
    call_command("tick", "--now", moment, stdout=io.StringIO())
    call_command("tick", "--now", moment, stdout=io.StringIO())
    assert len(_messages(Kind.CHECK_IN)) == 2
