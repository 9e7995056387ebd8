"""The outbox: one message per key, nothing to people who did not agree, quiet hours, budget."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import send_message, settings_for
from sprakvan.messaging.tests.elks_server import ElksServer
from sprakvan.messaging.tests.people import (
    AFTERNOON,
    PROGRAMME_NUMBER,
    SWEDEN,
    consenting,
    queue_reminder,
    sending_programme,
)
from sprakvan.participants.consents import withdraw_consent
from sprakvan.participants.models import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def sms(settings: Any, elks_server: ElksServer, programme: Programme) -> ElksServer:
    settings.SMS_URL = elks_server.url
    settings.MESSAGES_QUIET_HOURS = ""
    sending_programme(programme)
    return elks_server


def test_asking_twice_for_the_same_key_queues_one_message_and_one_send(
    sms: ElksServer, programme: Programme, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    person = consenting(programme)
    with django_capture_on_commit_callbacks() as callbacks:
        first = queue_reminder(person)
        second = queue_reminder(person, body="Another text")

    assert second.pk == first.pk
    assert Message.objects.count() == 1
    assert first.status == Message.Status.QUEUED
    assert first.recipient == str(person.phone)
    assert len(callbacks) == 1


def test_the_queued_message_is_sent_by_the_worker_after_commit(
    sms: ElksServer,
    programme: Programme,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.MESSAGES_QUIET_HOURS = "off"  # the worker runs on the real clock
    person = consenting(programme)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_reminder(person)

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    [request] = sms.requests
    assert request["auth"] == ("elks-user", "elks-secret")
    assert request["form"]["from"] == PROGRAMME_NUMBER
    assert request["form"]["to"] == str(person.phone)
    assert request["form"]["message"] == message.body
    assert message.provider_id == request["id"]
    assert message.parts == 1
    assert message.cost == 3500


def test_a_person_without_consent_gets_a_cancelled_row_that_keeps_the_key(
    sms: ElksServer, programme: Programme
) -> None:
    person = consenting(programme, sms=False)

    message = queue_reminder(person)

    assert (message.status, message.reason) == (Message.Status.CANCELLED, "no_consent")
    assert queue_reminder(person).pk == message.pk
    assert send_message(message.pk, now=AFTERNOON).status == Message.Status.CANCELLED
    assert sms.requests == []


def test_someone_who_has_left_gets_nothing(sms: ElksServer, programme: Programme) -> None:
    person = consenting(programme, status="left")

    message = queue_reminder(person)

    assert message.status == Message.Status.CANCELLED
    assert message.reason in {"left", "no_consent"}


def test_a_kind_the_programme_switched_off_is_not_sent(
    sms: ElksServer, programme: Programme
) -> None:
    sending_programme(programme, kinds_enabled=[Kind.RECEIPT])
    person = consenting(programme)

    message = queue_reminder(person)

    assert (message.status, message.reason) == (Message.Status.CANCELLED, "kind_off")


def test_an_e_mail_to_someone_without_an_address_is_cancelled(
    sms: ElksServer, programme: Programme
) -> None:
    person = consenting(programme, email_address="")

    message = queue_reminder(person, channel=Channel.EMAIL)

    assert (message.status, message.reason) == (Message.Status.CANCELLED, "no_address")


def test_consent_is_checked_again_when_the_message_is_sent(
    sms: ElksServer, programme: Programme
) -> None:
    person = consenting(programme)
    message = queue_reminder(person)
    withdraw_consent(person, channel=Channel.SMS, at=AFTERNOON)

    sent = send_message(message.pk, now=AFTERNOON + datetime.timedelta(minutes=1))

    assert (sent.status, sent.reason) == (Message.Status.CANCELLED, "no_consent")
    assert sms.requests == []


def test_an_sms_without_a_sender_fails_visibly(sms: ElksServer, programme: Programme) -> None:
    sending_programme(programme, sms_sender="")
    message = queue_reminder(consenting(programme))

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.FAILED, "no_sender")
    assert sms.requests == []


def test_a_message_in_the_quiet_hours_is_held_until_the_morning_then_released(
    sms: ElksServer, programme: Programme, release: Callable[..., int]
) -> None:
    evening = datetime.datetime(2026, 12, 7, 21, 30, tzinfo=SWEDEN)
    message = queue_reminder(consenting(programme), now=evening)

    held = send_message(message.pk, now=evening)

    morning = datetime.datetime(2026, 12, 8, 8, 0, tzinfo=SWEDEN)
    assert (held.status, held.reason) == (Message.Status.HELD, "quiet_hours")
    assert held.send_after == morning
    assert release(datetime.datetime(2026, 12, 8, 7, 59, tzinfo=SWEDEN)) == 0
    assert sms.requests == []

    assert release(morning) == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_at == morning
    assert len(sms.requests) == 1


def test_a_message_before_the_morning_is_held_until_the_same_morning(
    sms: ElksServer, programme: Programme
) -> None:
    night = datetime.datetime(2026, 12, 8, 5, 0, tzinfo=SWEDEN)
    message = queue_reminder(consenting(programme), now=night)

    held = send_message(message.pk, now=night)

    assert held.send_after == datetime.datetime(2026, 12, 8, 8, 0, tzinfo=SWEDEN)


def test_the_deployment_overrides_the_quiet_hours(
    sms: ElksServer, programme: Programme, settings: Any
) -> None:
    evening = datetime.datetime(2026, 12, 7, 21, 30, tzinfo=SWEDEN)
    person = consenting(programme)
    settings.MESSAGES_QUIET_HOURS = "off"
    assert send_message(queue_reminder(person, key="a").pk, now=evening).status == "sent"

    settings.MESSAGES_QUIET_HOURS = "09-17"
    early = datetime.datetime(2026, 12, 8, 8, 30, tzinfo=SWEDEN)
    held = send_message(queue_reminder(person, key="b").pk, now=early)
    assert held.status == Message.Status.HELD
    assert held.send_after == datetime.datetime(2026, 12, 8, 9, 0, tzinfo=SWEDEN)


def test_the_programmes_own_quiet_hours_apply(sms: ElksServer, programme: Programme) -> None:
    sending_programme(programme, quiet_start=datetime.time(10), quiet_end=datetime.time(12))
    message = queue_reminder(consenting(programme))

    held = send_message(message.pk, now=AFTERNOON)

    assert held.send_after == datetime.datetime(2026, 12, 8, 10, 0, tzinfo=SWEDEN)


def test_sms_past_the_daily_budget_wait_for_tomorrow(
    sms: ElksServer, programme: Programme, release: Callable[..., int]
) -> None:
    sending_programme(programme, daily_sms_budget=3)
    person = consenting(programme)
    one_part = queue_reminder(person, key="one")
    two_parts = queue_reminder(person, key="two", body="x" * 200)  # 200 GSM-7 characters: 2 parts
    over = queue_reminder(person, key="three")

    assert send_message(one_part.pk, now=AFTERNOON).status == Message.Status.SENT
    assert send_message(two_parts.pk, now=AFTERNOON).status == Message.Status.SENT
    held = send_message(over.pk, now=AFTERNOON)

    assert (held.status, held.reason) == (Message.Status.HELD, "budget")
    assert held.send_after == datetime.datetime(2026, 12, 8, 8, 0, tzinfo=SWEDEN)
    assert len(sms.requests) == 2
    assert release(held.send_after) == 1
    over.refresh_from_db()
    assert over.status == Message.Status.SENT


def test_the_budget_counts_only_the_programmes_own_sms(
    sms: ElksServer, programme: Programme, other_programme: Programme
) -> None:
    sending_programme(programme, daily_sms_budget=1)
    sending_programme(other_programme)
    theirs = queue_reminder(consenting(other_programme), key="theirs")
    ours = queue_reminder(consenting(programme), key="ours")

    assert send_message(theirs.pk, now=AFTERNOON).status == Message.Status.SENT
    assert send_message(ours.pk, now=AFTERNOON).status == Message.Status.SENT


def test_settings_are_made_on_demand_with_the_defaults(programme: Programme) -> None:
    found = settings_for(programme)

    assert (found.quiet_start, found.quiet_end) == (datetime.time(8), datetime.time(20))
    assert found.daily_sms_budget == 500
    assert Kind.REMINDER in found.kinds_enabled
    assert found.sender_name == programme.name
    assert settings_for(programme).pk == found.pk
