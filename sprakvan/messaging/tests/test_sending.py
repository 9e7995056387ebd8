"""At most once: what the provider's answers mean, retries that stop, a worker killed mid-send."""

from __future__ import annotations

import datetime
import socket
from collections.abc import Callable
from typing import Any

import pytest

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Message
from sprakvan.messaging.services import mark_stale_sending, send_message
from sprakvan.messaging.tests.elks_server import ElksServer
from sprakvan.messaging.tests.people import (
    AFTERNOON,
    consenting,
    queue_reminder,
    sending_programme,
)

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def sms(settings: Any, elks_server: ElksServer, programme: Programme) -> ElksServer:
    settings.SMS_URL = elks_server.url
    settings.MESSAGES_QUIET_HOURS = ""
    sending_programme(programme)
    return elks_server


@pytest.fixture
def message(sms: ElksServer, programme: Programme) -> Message:
    return queue_reminder(consenting(programme))


def test_a_busy_provider_is_tried_three_times_with_backoff_then_the_message_fails(
    sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    sms.fail_next("429", n=5)

    first = send_message(message.pk, now=AFTERNOON)
    assert (first.status, first.attempts) == (Message.Status.QUEUED, 1)
    assert first.send_after == AFTERNOON + MINUTE
    # Not yet due: nothing happens.
    assert (
        send_message(message.pk, now=AFTERNOON + 30 * datetime.timedelta(seconds=1)).attempts == 1
    )
    assert release(AFTERNOON + 30 * datetime.timedelta(seconds=1)) == 0

    assert release(AFTERNOON + MINUTE) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 2)
    assert message.send_after == AFTERNOON + 6 * MINUTE

    assert release(AFTERNOON + 6 * MINUTE) == 1
    message.refresh_from_db()
    assert (message.status, message.reason, message.attempts) == (
        Message.Status.FAILED,
        "not_sent",
        3,
    )
    assert release(AFTERNOON + 60 * MINUTE) == 0
    assert [r["answer"] for r in sms.requests] == [429, 429, 429]


def test_a_retry_after_a_busy_provider_sends_once(
    sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    sms.fail_next("429")

    send_message(message.pk, now=AFTERNOON)
    release(AFTERNOON + MINUTE)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    assert [r["answer"] for r in sms.requests] == [429, 200]


def test_a_provider_that_cannot_be_reached_is_retried(settings: Any, programme: Programme) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.SMS_URL = f"elks+http://u:p@127.0.0.1:{port}"
    sending_programme(programme)
    message = queue_reminder(consenting(programme))

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason, sent.attempts) == (Message.Status.QUEUED, "not_sent", 1)


def test_a_refusal_fails_at_once_and_is_never_retried(
    settings: Any, sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    settings.SMS_URL = sms.url.replace("elks-secret", "wrong")

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason, sent.attempts) == (Message.Status.FAILED, "rejected", 1)
    assert release(AFTERNOON + 60 * MINUTE) == 0
    assert len(sms.requests) == 1


def test_a_server_error_may_have_sent_it_so_it_becomes_unknown_and_is_not_retried(
    sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    sms.fail_next("500")

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.UNKNOWN, "provider_unclear")
    assert release(AFTERNOON + 60 * MINUTE) == 0
    assert send_message(message.pk, now=AFTERNOON + 60 * MINUTE).status == Message.Status.UNKNOWN
    assert len(sms.requests) == 1


def test_a_worker_killed_between_sending_and_the_answer_never_sends_it_again(
    sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    # What a worker leaves behind when it dies after the claim was committed.
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, attempts=1, sending_at=AFTERNOON
    )

    assert release(AFTERNOON + MINUTE) == 0
    assert send_message(message.pk, now=AFTERNOON + MINUTE).status == Message.Status.SENDING
    assert mark_stale_sending(now=AFTERNOON + 9 * MINUTE) == 0
    assert mark_stale_sending(now=AFTERNOON + 11 * MINUTE) == 1

    message.refresh_from_db()
    assert (message.status, message.reason) == (Message.Status.UNKNOWN, "stale")
    assert release(AFTERNOON + 60 * MINUTE) == 0
    assert send_message(message.pk, now=AFTERNOON + 60 * MINUTE).status == Message.Status.UNKNOWN
    assert sms.requests == []


def test_a_sent_message_is_not_sent_again(
    sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    send_message(message.pk, now=AFTERNOON)

    again = send_message(message.pk, now=AFTERNOON + MINUTE)

    assert again.status == Message.Status.SENT
    assert release(AFTERNOON + MINUTE) == 0
    assert len(sms.requests) == 1


def test_the_provider_is_asked_to_report_delivery_when_the_hooks_are_on(
    settings: Any, sms: ElksServer, message: Message
) -> None:
    settings.SMS_WEBHOOK_TOKEN = "hook-secret"
    settings.SITE_URL = "https://sprakvan.example.org"

    send_message(message.pk, now=AFTERNOON)

    [request] = sms.requests
    assert request["form"]["whendelivered"] == (
        "https://sprakvan.example.org/hooks/sms/hook-secret/delivered/"
    )


def test_without_hooks_no_delivery_report_is_asked_for(sms: ElksServer, message: Message) -> None:
    send_message(message.pk, now=AFTERNOON)

    assert "whendelivered" not in sms.requests[0]["form"]


def test_a_read_timeout_may_have_sent_it_so_it_becomes_unknown(
    settings: Any, sms: ElksServer, message: Message, release: Callable[..., int]
) -> None:
    settings.SMS_URL = sms.url + "?read_timeout=0.3"
    sms.fail_next("hang")

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.UNKNOWN, "provider_unclear")
    assert release(AFTERNOON + 60 * MINUTE) == 0
    assert len(sms.requests) == 1
