"""The SMS provider's hooks: delivery reports update the outbox; STOP withdraws and confirms."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import send_message
from sprakvan.messaging.tests.elks_server import ElksServer
from sprakvan.messaging.tests.people import (
    AFTERNOON,
    PROGRAMME_NUMBER,
    consenting,
    queue_reminder,
    sending_programme,
)
from sprakvan.participants.consents import current_consent, may_message
from sprakvan.participants.models import Channel, ConsentPurpose

pytestmark = pytest.mark.django_db
TOKEN = "hook-secret"
DELIVERED = f"/hooks/sms/{TOKEN}/delivered/"
INCOMING = f"/hooks/sms/{TOKEN}/incoming/"


@pytest.fixture
def sms(settings: Any, elks_server: ElksServer, programme: Programme) -> ElksServer:
    settings.SMS_URL = elks_server.url
    settings.SMS_WEBHOOK_TOKEN = TOKEN
    settings.MESSAGES_QUIET_HOURS = ""
    sending_programme(programme)
    return elks_server


def test_hooks_are_off_without_a_token(settings: Any, client: Client) -> None:
    settings.SMS_WEBHOOK_TOKEN = ""

    assert client.post("/hooks/sms/x/delivered/", {"id": "s1"}).status_code == 404
    assert client.post("/hooks/sms//incoming/").status_code == 404


def test_a_wrong_token_is_a_404_and_a_get_a_405(sms: ElksServer, client: Client) -> None:
    assert client.post("/hooks/sms/guess/delivered/", {"id": "s1"}).status_code == 404
    assert client.post("/hooks/sms/guess/incoming/", {"message": "STOP"}).status_code == 404
    assert client.get(DELIVERED).status_code == 405


def test_a_delivery_report_marks_the_message_delivered(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    message = send_message(queue_reminder(consenting(programme)).pk, now=AFTERNOON)

    response = client.post(
        DELIVERED,
        {"id": message.provider_id, "status": "delivered", "delivered": "2026-12-07T12:00:05"},
    )

    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED
    assert message.delivered_at == datetime.datetime(2026, 12, 7, 12, 0, 5, tzinfo=datetime.UTC)


def test_a_failed_delivery_marks_the_message_failed(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    message = send_message(queue_reminder(consenting(programme)).pk, now=AFTERNOON)

    client.post(DELIVERED, {"id": message.provider_id, "status": "failed"})

    message.refresh_from_db()
    assert (message.status, message.reason) == (Message.Status.FAILED, "not_delivered")


def test_a_report_for_an_unknown_id_changes_nothing(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    message = send_message(queue_reminder(consenting(programme)).pk, now=AFTERNOON)

    response = client.post(DELIVERED, {"id": "s-not-ours", "status": "delivered"})

    assert (response.status_code, response.content) == (200, b"")
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def _stop(client: Client, person_phone: str, *, text: str = "STOP", id: str = "in-1") -> Any:
    return client.post(
        INCOMING,
        {"id": id, "from": person_phone, "to": PROGRAMME_NUMBER, "message": text},
    )


@pytest.mark.parametrize("text", ["STOP", "stopp", " Stopp. ", "stop!"])
def test_stop_withdraws_the_sms_consent_at_once_and_dated(
    sms: ElksServer, programme: Programme, client: Client, text: str
) -> None:
    person = consenting(programme)
    before = timezone.now()

    response = _stop(client, str(person.phone), text=text)

    assert (response.status_code, response.content) == (200, b"")
    assert not may_message(person, channel=Channel.SMS)
    assert may_message(person, channel=Channel.EMAIL)
    withdrawn = person.consents.get(purpose=ConsentPurpose.MESSAGES, channel=Channel.SMS)
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_at >= before
    assert current_consent(person, purpose=ConsentPurpose.MESSAGES, channel=Channel.SMS) is None
    assert AuditEvent.objects.filter(action="participants.consent.withdrawn").exists()


def test_stop_queues_one_confirmation_in_the_persons_language_even_without_consent(
    sms: ElksServer,
    programme: Programme,
    client: Client,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.MESSAGES_QUIET_HOURS = "off"
    person = consenting(programme, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        _stop(client, str(person.phone))
    with django_capture_on_commit_callbacks(execute=True):
        _stop(client, str(person.phone))  # the provider posts the same SMS again

    confirmation = Message.objects.get()
    assert confirmation.kind == Kind.CONSENT_CONFIRMATION
    assert confirmation.key == "stop:in-1"
    assert confirmation.language == "en"
    assert confirmation.status == Message.Status.SENT
    assert "no more SMS" in confirmation.body
    [request] = sms.requests
    assert request["form"]["to"] == str(person.phone)


def test_the_confirmation_is_not_held_by_the_quiet_hours(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    person = consenting(programme)
    _stop(client, str(person.phone))
    confirmation = Message.objects.get()

    night = datetime.datetime(2026, 12, 7, 23, 0, tzinfo=datetime.UTC)
    assert send_message(confirmation.pk, now=night).status == Message.Status.SENT


def test_other_kinds_still_respect_the_withdrawal(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    person = consenting(programme)
    reminder = queue_reminder(person)
    _stop(client, str(person.phone))

    assert send_message(reminder.pk, now=AFTERNOON).status == Message.Status.CANCELLED


def test_an_ordinary_answer_changes_nothing(
    sms: ElksServer, programme: Programme, client: Client
) -> None:
    person = consenting(programme)

    _stop(client, str(person.phone), text="Stop by at the café tomorrow?")

    assert may_message(person, channel=Channel.SMS)
    assert not Message.objects.exists()


def test_stop_to_a_programmes_number_leaves_other_programmes_alone(
    sms: ElksServer, programme: Programme, other_programme: Programme, client: Client
) -> None:
    sending_programme(other_programme, sms_sender="+46766869999")
    ours = consenting(programme)
    theirs = consenting(other_programme, phone=ours.phone)

    _stop(client, str(ours.phone))

    assert not may_message(ours, channel=Channel.SMS)
    assert may_message(theirs, channel=Channel.SMS)


def test_stop_to_an_unknown_number_withdraws_everywhere(
    sms: ElksServer, programme: Programme, other_programme: Programme, client: Client
) -> None:
    ours = consenting(programme)
    theirs = consenting(other_programme, phone=ours.phone)

    client.post(
        INCOMING, {"id": "in-9", "from": str(ours.phone), "to": "+46700000000", "message": "STOP"}
    )

    assert not may_message(ours, channel=Channel.SMS)
    assert not may_message(theirs, channel=Channel.SMS)
    assert Message.objects.count() == 1
