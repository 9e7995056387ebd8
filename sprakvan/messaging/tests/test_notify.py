"""notify: history never messages, the channel and language chosen, and the receipt."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message, MessageTemplate
from sprakvan.messaging.services import notify, send_receipt
from sprakvan.messaging.tests.people import AFTERNOON, consenting, sending_programme
from sprakvan.participants import hooks
from sprakvan.participants.models import Channel, Participant
from sprakvan.participants.services import register_participant
from sprakvan.participants.tests.test_intake import newcomer_form, register_url

pytestmark = pytest.mark.django_db

REMINDER = {"activity": "Språkcafé", "date": "tisdag 8 december", "time": "17:00", "place": "X"}


def remind(person: Participant, **options: Any) -> Message | None:
    return notify(
        person,
        kind=Kind.REMINDER,
        key=options.pop("key", f"reminder:session:1:participant:{person.pk}"),
        context=options.pop("context", REMINDER),
        now=options.pop("now", AFTERNOON),
        **options,
    )


def test_an_event_more_than_a_day_old_sends_nothing(programme: Programme) -> None:
    person = consenting(programme)

    assert remind(person, event_at=AFTERNOON - datetime.timedelta(days=1, minutes=1)) is None
    assert not Message.objects.exists()


def test_an_event_of_today_is_queued_with_the_callers_key(programme: Programme) -> None:
    person = consenting(programme, first_name="Amal")

    message = remind(person, key="reminder:x", event_at=AFTERNOON - datetime.timedelta(hours=23))

    assert message is not None
    assert (message.key, message.status, message.kind) == (
        "reminder:x",
        Message.Status.QUEUED,
        Kind.REMINDER,
    )
    assert message.body.startswith("Hej Amal! Glöm inte: Språkcafé tisdag 8 december kl. 17:00.")


def test_the_same_key_twice_is_one_message(programme: Programme) -> None:
    person = consenting(programme)

    first, second = remind(person), remind(person)

    assert first == second
    assert Message.objects.count() == 1


def test_sms_is_chosen_when_they_agreed_to_sms_and_have_a_phone(programme: Programme) -> None:
    message = remind(consenting(programme))

    assert message is not None
    assert (message.channel, message.subject, message.html_body) == (Channel.SMS, "", "")


def test_e_mail_is_chosen_when_they_agreed_only_to_e_mail(programme: Programme) -> None:
    message = remind(consenting(programme, sms=False, first_name="Amal"))

    assert message is not None
    assert message.channel == Channel.EMAIL
    assert message.status == Message.Status.QUEUED
    assert message.subject == "Påminnelse: Språkcafé tisdag 8 december"
    assert message.html_body.startswith("<p>Hej Amal!")


def test_e_mail_is_chosen_when_they_agreed_to_sms_but_have_no_phone(
    programme: Programme,
) -> None:
    message = remind(consenting(programme, phone=""))

    assert message is not None
    assert message.channel == Channel.EMAIL


def test_without_consent_the_sms_is_written_cancelled_for_the_coordinator_to_see(
    programme: Programme,
) -> None:
    message = remind(consenting(programme, sms=False, email=False))

    assert message is not None
    assert (message.channel, message.status, message.reason) == (
        Channel.SMS,
        Message.Status.CANCELLED,
        "no_consent",
    )


def test_without_consent_and_without_a_phone_nothing_is_written(programme: Programme) -> None:
    assert remind(consenting(programme, sms=False, email=False, phone="")) is None
    assert not Message.objects.exists()


def test_the_message_is_in_their_language_and_swedish_when_there_is_no_text_in_it(
    programme: Programme,
) -> None:
    arabic = remind(consenting(programme, language="ar"), key="a")
    finnish = remind(consenting(programme, language="fi"), key="b")

    assert arabic is not None and finnish is not None
    assert (arabic.language, finnish.language) == ("ar", "sv")
    assert arabic.body.startswith("مرحبا")
    assert finnish.body.startswith("Hej")


def test_a_programme_template_in_another_language_is_used_for_that_language(
    programme: Programme,
) -> None:
    MessageTemplate.objects.create(
        programme=programme, kind=Kind.REMINDER, language="fi", body="Hei {{ first_name }}!"
    )

    message = remind(consenting(programme, language="fi", first_name="Aino"))

    assert message is not None
    assert (message.language, message.body.splitlines()[0]) == ("fi", "Hei Aino!")


def test_first_name_and_programme_are_given_to_every_template(programme: Programme) -> None:
    message = notify(
        consenting(programme, first_name="Amal"),
        kind=Kind.GROUP,
        key="group:1",
        context={},
        now=AFTERNOON,
    )

    assert message is not None
    assert message.body.splitlines()[0] == f"Hej Amal! Hälsningar från {programme.name}."


def test_self_registration_on_the_public_page_queues_one_receipt_in_its_language(
    client: Client,
    programme: Programme,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client.post(reverse("set_language"), {"language": "ar"})

    with django_capture_on_commit_callbacks(execute=False):
        client.post(register_url(programme), newcomer_form(programme, first_name="Amina"))

    person = Participant.objects.get()
    receipt = Message.objects.get()
    assert (receipt.kind, receipt.key, receipt.participant, receipt.language) == (
        Kind.RECEIPT,
        f"receipt:participant:{person.pk}",
        person,
        "ar",
    )
    assert (receipt.channel, receipt.status) == (Channel.SMS, Message.Status.QUEUED)
    assert receipt.body.startswith("مرحبا Amina!")


def test_a_registration_dated_in_the_past_gets_no_receipt(programme: Programme) -> None:
    register_participant(
        programme=programme,
        group="newcomer",
        values={"first_name": "Old", "phone": "+46701234567"},
        consent_sms=True,
        registered_on=timezone.localdate() - datetime.timedelta(days=400),
    )

    assert Participant.objects.count() == 1
    assert not Message.objects.exists()


def test_the_receipt_is_queued_once_even_if_the_hook_runs_twice(programme: Programme) -> None:
    person = consenting(programme, registered_on=timezone.localdate())

    send_receipt(person)
    send_receipt(person)

    assert Message.objects.filter(kind=Kind.RECEIPT, participant=person).count() == 1


def test_the_receipt_hook_is_registered_once_however_often_the_app_starts() -> None:
    apps.get_app_config("messaging").ready()

    assert hooks.after_registration.count(send_receipt) == 1


def test_every_sms_ends_with_how_to_stop_in_the_persons_language(programme: Programme) -> None:
    amal = consenting(programme, email=False, language="ar")
    sending_programme(programme)
    by_number = notify(amal, kind=Kind.GROUP, key="by-number", context={}, now=AFTERNOON)
    sending_programme(programme, sms_sender="Sprakvan", stop_contact="013-20 00 00")
    by_name = notify(amal, kind=Kind.GROUP, key="by-name", context={}, now=AFTERNOON)

    assert by_number is not None and by_name is not None
    with translation.override("ar"):
        assert by_number.body.endswith("\n" + gettext("Reply STOP for no more SMS."))
        assert by_name.body.endswith(
            "\n" + gettext("No more SMS? Call or text %(phone)s.") % {"phone": "013-20 00 00"}
        )
