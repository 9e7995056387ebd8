"""Messages go out through the real database task worker, after the queueing commit."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Message
from sprakvan.messaging.tests.elks_server import ElksServer
from sprakvan.messaging.tests.people import consenting, queue_reminder, sending_programme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sms(settings: Any, elks_server: ElksServer, programme: Programme) -> ElksServer:
    settings.SMS_URL = elks_server.url
    settings.MESSAGES_QUIET_HOURS = "off"  # the worker sends on the real clock
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sending_programme(programme)
    return elks_server


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_queued_message_waits_for_the_commit_and_the_worker_sends_it_once(
    sms: ElksServer, programme: Programme
) -> None:
    person = consenting(programme)
    with transaction.atomic():
        message = queue_reminder(person)
        queue_reminder(person)  # the same key again, in the same transaction
    assert sms.requests == []

    _work()
    _work()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(sms.requests) == 1


def test_release_messages_hands_what_is_due_to_the_worker(
    sms: ElksServer, programme: Programme
) -> None:
    message = queue_reminder(consenting(programme))  # enqueued at once: outside a transaction
    _work()
    sent_before = len(sms.requests)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.QUEUED,
        send_after=datetime.datetime(2026, 12, 7, 12, tzinfo=datetime.UTC),
        key="second",
    )
    out = io.StringIO()

    call_command("release_messages", "--now", "2026-12-07T11:00", stdout=out)
    _work()
    assert len(sms.requests) == sent_before
    call_command("release_messages", "--now", "2026-12-07T13:30", stdout=out)
    _work()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(sms.requests) == sent_before + 1
    assert "1 released" in out.getvalue()
