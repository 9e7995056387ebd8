"""A consent paused by a new privacy notice: messages stop, and the first message that is
stopped queues one message asking the person to agree again on their page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import send_message, settings_for
from sprakvan.messaging.tests.people import AFTERNOON, consenting, queue_reminder, sending_programme
from sprakvan.participants.consents import give_consent, withdraw_consent
from sprakvan.participants.models import Channel, Consent, ConsentPurpose, Participant

pytestmark = pytest.mark.django_db

SITE = "https://sprakvan.example.org"
PAUSED_AT = AFTERNOON - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _site(settings: Any, programme: Programme) -> None:
    settings.SITE_URL = SITE
    sending_programme(programme)


def pause(person: Participant, channel: str = Channel.SMS) -> Consent:
    """What publishing a notice that changes the messages purpose does to this person's row."""
    consent = Consent.objects.get(
        participant=person, purpose=ConsentPurpose.MESSAGES, channel=channel
    )
    consent.outdated_at = PAUSED_AT
    consent.save(update_fields=["outdated_at"])
    return consent


def renewals(person: Participant) -> list[Message]:
    return list(Message.objects.filter(participant=person, kind=Kind.CONSENT_RENEWAL))


def own_page(programme: Programme) -> str:
    return SITE + reverse("privacy_public:own_page", kwargs={"programme_slug": programme.slug})


def test_a_reminder_to_a_paused_person_is_cancelled_and_one_renewal_is_queued(
    programme: Programme,
) -> None:
    person = consenting(programme, first_name="Amal")
    consent = pause(person)

    reminder = queue_reminder(person)

    assert reminder.status == Message.Status.CANCELLED
    assert reminder.reason == "consent_outdated"
    [renewal] = renewals(person)
    assert renewal.status == Message.Status.QUEUED
    assert renewal.channel == Channel.SMS
    assert renewal.key == f"consent_renewal:{consent.pk}"
    assert renewal.recipient == str(person.phone)
    assert own_page(programme) in renewal.body
    assert "Amal" in renewal.body
    with translation.override("sv"):
        assert renewal.body.endswith(gettext("Reply STOP for no more SMS."))


def test_a_second_stopped_message_does_not_ask_again(programme: Programme) -> None:
    person = consenting(programme)
    pause(person)

    first = queue_reminder(person, key="reminder:session:1:participant:1")
    second = queue_reminder(person, key="reminder:session:2:participant:1")

    assert {first.reason, second.reason} == {"consent_outdated"}
    assert len(renewals(person)) == 1


def test_the_renewal_is_written_in_the_persons_language(programme: Programme) -> None:
    person = consenting(programme, language="ar")
    pause(person)

    queue_reminder(person)

    [renewal] = renewals(person)
    assert renewal.language == "ar"
    assert "مرحبا" in renewal.body
    assert own_page(programme) in renewal.body


def test_an_email_renewal_has_a_subject_and_html(programme: Programme) -> None:
    person = consenting(programme, sms=False, language="en")
    pause(person, Channel.EMAIL)

    reminder = queue_reminder(person, channel=Channel.EMAIL)

    assert reminder.reason == "consent_outdated"
    [renewal] = renewals(person)
    assert renewal.channel == Channel.EMAIL
    assert renewal.recipient == person.email
    assert renewal.subject == "We have changed how we use your details"
    assert own_page(programme) in renewal.html_body
    assert "Reply STOP" not in renewal.body


def test_after_agreeing_again_messages_flow_and_nobody_is_asked(programme: Programme) -> None:
    person = consenting(programme)
    pause(person)
    give_consent(
        person,
        purpose=ConsentPurpose.MESSAGES,
        channel=Channel.SMS,
        text_version="2027-01",
        at=AFTERNOON - datetime.timedelta(hours=1),
    )

    reminder = queue_reminder(person)

    assert reminder.status == Message.Status.QUEUED
    assert renewals(person) == []


def test_a_later_notice_pausing_the_new_consent_asks_once_more(programme: Programme) -> None:
    person = consenting(programme)
    pause(person)
    queue_reminder(person, key="reminder:1")
    renewed = give_consent(
        person,
        purpose=ConsentPurpose.MESSAGES,
        channel=Channel.SMS,
        text_version="2027-01",
        at=AFTERNOON - datetime.timedelta(hours=1),
    )
    renewed.outdated_at = AFTERNOON - datetime.timedelta(minutes=30)
    renewed.save(update_fields=["outdated_at"])

    queue_reminder(person, key="reminder:2")

    first = person.consents.get(text_version="2026-01", channel=Channel.SMS)
    assert {m.key for m in renewals(person)} == {
        f"consent_renewal:{first.pk}",
        f"consent_renewal:{renewed.pk}",
    }


def test_no_renewal_for_someone_who_never_agreed_or_withdrew(programme: Programme) -> None:
    never = consenting(programme, sms=False, email=False)
    withdrew = consenting(programme, email=False)
    pause(withdrew)
    withdraw_consent(withdrew, channel=Channel.SMS, at=AFTERNOON - datetime.timedelta(hours=2))

    assert queue_reminder(never, key="reminder:never").reason == "no_consent"
    assert queue_reminder(withdrew, key="reminder:withdrew").reason == "no_consent"
    assert not Message.objects.filter(kind=Kind.CONSENT_RENEWAL).exists()


def test_a_programme_that_switched_renewals_off_gets_a_cancelled_renewal(
    programme: Programme,
) -> None:
    found = settings_for(programme)
    found.kinds_enabled = [kind for kind in found.kinds_enabled if kind != Kind.CONSENT_RENEWAL]
    found.save()
    person = consenting(programme)
    pause(person)

    queue_reminder(person)

    [renewal] = renewals(person)
    assert renewal.status == Message.Status.CANCELLED
    assert renewal.reason == "kind_off"


def test_a_message_queued_before_the_notice_is_stopped_at_sending_and_asks_once(
    programme: Programme,
) -> None:
    person = consenting(programme)
    reminder = queue_reminder(person)
    assert reminder.status == Message.Status.QUEUED
    pause(person)

    sent = send_message(reminder.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.CANCELLED, "consent_outdated")
    [renewal] = renewals(person)
    assert renewal.channel == Channel.SMS
