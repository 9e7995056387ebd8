"""Asking for SMS reminders yourself on the public calendar: Amina types her number, gets a code
by SMS and types it; a number nobody has gets the same answer and no SMS."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.activities.models import Activity, ReminderCode, ReminderSubscription, Session
from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.services import settings_for
from sprakvan.messaging.services.notify import how_to_stop
from sprakvan.participants.consents import STANDARD_NOTICE_VERSION, current_consent
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

AMINAS_PHONE = "+46701234567"
SENT = "If the number is registered with us, we have sent a code by SMS. It works for 15 minutes."


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(programme=programme, first_name="Amina", phone=AMINAS_PHONE)


def _urls(activity: Activity) -> tuple[str, str, str]:
    args = [activity.programme.slug, activity.pk]
    return (
        reverse("activities_public:reminder_request", args=args),
        reverse("activities_public:reminder_code", args=args),
        reverse("activities_public:reminder_done", args=args),
    )


def _code_in(message: Message) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None, message.body
    return found.group(1)


def _ask(
    client: Client, activity: Activity, phone: str = "070-123 45 67", address: str = "127.0.0.1"
) -> TestResponse:
    return client.post(_urls(activity)[0], {"phone": phone}, REMOTE_ADDR=address)


def test_the_calendar_links_each_activity_to_its_reminder_page(
    client: Client, programme: Programme, session: Session
) -> None:
    response = client.get(reverse("activities_public:calendar", args=[programme.slug]))
    assert _urls(session.activity)[0] in response.content.decode()


def test_a_participant_gets_a_code_by_sms_and_is_subscribed_with_sms_consent(
    client: Client, activity: Activity, amina: Participant
) -> None:
    request_url, code_url, done_url = _urls(activity)
    assert client.get(request_url).status_code == 200

    response = _ask(client, activity)

    assert response.status_code == 302 and response["Location"] == code_url
    assert "7012" not in response["Location"]
    message = Message.objects.get(participant=amina)
    assert (message.kind, message.channel, message.recipient) == (Kind.CODE, "sms", AMINAS_PHONE)
    assert message.status != Message.Status.CANCELLED
    assert current_consent(amina, purpose="messages", channel="sms") is None
    page = client.get(code_url).content.decode()
    assert gettext(SENT) in page

    response = client.post(code_url, {"code": _code_in(message)})

    assert response.status_code == 302 and response["Location"] == done_url
    subscription = ReminderSubscription.objects.current().get(participant=amina)
    assert (subscription.activity, subscription.created_by) == (activity, None)
    consent = current_consent(amina, purpose="messages", channel="sms")
    assert consent is not None and consent.text_version == STANDARD_NOTICE_VERSION
    done = client.get(done_url).content.decode()
    with translation.override("en"):
        stop = how_to_stop(settings_for(activity.programme), "en")
    assert stop in done
    assert gettext("You can also tell the coordinator.") in done


def test_a_used_code_does_not_work_again_and_consent_is_not_given_twice(
    client: Client, activity: Activity, amina: Participant
) -> None:
    ConsentFactory(participant=amina, purpose="messages", channel="sms", text_version="2026-01")
    _ask(client, activity)
    code = _code_in(Message.objects.get(participant=amina))
    code_url = _urls(activity)[1]
    client.post(code_url, {"code": code})

    again = Client()
    _ask(again, activity)
    response = again.post(code_url, {"code": code})

    assert response.status_code == 200
    assert 'data-state="wrong"' in response.content.decode()
    assert amina.consents.filter(purpose="messages", channel="sms").count() == 1
    assert ReminderSubscription.objects.filter(participant=amina).count() == 1


def test_an_unknown_number_gets_the_same_answer_and_nothing_is_queued(
    client: Client, activity: Activity, amina: Participant
) -> None:
    code_url = _urls(activity)[1]
    known = Client()
    _ask(known, activity)

    response = _ask(client, activity, phone="070-999 88 77")

    assert response.status_code == 302 and response["Location"] == code_url
    assert Message.objects.count() == 1  # Amina's only
    assert _sent_part(client.get(code_url)) == _sent_part(known.get(code_url))
    wrong = client.post(code_url, {"code": "123456"})
    assert 'data-state="wrong"' in wrong.content.decode()


def _sent_part(response: TestResponse) -> str:
    found = re.search(r'<p data-state="sent">.*?</p>', response.content.decode(), re.S)
    assert found is not None
    return found.group(0)


def test_no_code_goes_to_someone_who_has_left_or_to_another_programmes_participant(
    client: Client, activity: Activity, programme: Programme, other_programme: Programme
) -> None:
    ParticipantFactory(programme=programme, phone=AMINAS_PHONE, status="left")
    ParticipantFactory(programme=other_programme, phone="+46709998877")

    _ask(client, activity)
    _ask(client, activity, phone="070-999 88 77")

    assert not Message.objects.exists()
    assert not ReminderCode.objects.exists()


def test_five_wrong_codes_refuse_even_the_right_one(
    client: Client, activity: Activity, amina: Participant
) -> None:
    _ask(client, activity)
    code = _code_in(Message.objects.get(participant=amina))
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    code_url = _urls(activity)[1]
    for _attempt in range(4):
        assert 'data-state="wrong"' in client.post(code_url, {"code": wrong}).content.decode()
    assert 'data-state="too_many"' in client.post(code_url, {"code": wrong}).content.decode()

    response = client.post(code_url, {"code": code})

    assert 'data-state="too_many"' in response.content.decode()
    assert ReminderCode.objects.get().tries == 5
    assert not ReminderSubscription.objects.exists()


def test_an_unknown_number_runs_out_of_tries_like_a_real_one(
    client: Client, activity: Activity
) -> None:
    _ask(client, activity, phone="070-999 88 77")
    code_url = _urls(activity)[1]
    answers = [client.post(code_url, {"code": "123456"}).content.decode() for _i in range(5)]
    assert all('data-state="wrong"' in answer for answer in answers[:4])
    assert 'data-state="too_many"' in answers[4]


def test_an_expired_code_is_refused(client: Client, activity: Activity, amina: Participant) -> None:
    _ask(client, activity)
    code = _code_in(Message.objects.get(participant=amina))
    ReminderCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.post(_urls(activity)[1], {"code": code})

    assert 'data-state="wrong"' in response.content.decode()
    assert not ReminderSubscription.objects.exists()


def test_a_new_code_replaces_the_one_before(
    client: Client, activity: Activity, amina: Participant
) -> None:
    _ask(client, activity)
    first = _code_in(Message.objects.get(participant=amina))
    _ask(client, activity)
    assert Message.objects.filter(participant=amina).count() == 2

    other = Client()
    session = other.session
    session["activities_public:reminder_code"] = {
        "activity": activity.pk,
        "code": ReminderCode.objects.earliest("pk").pk,
        "tries": 0,
    }
    session.save()
    other.cookies["sessionid"] = str(session.session_key)
    response = other.post(_urls(activity)[1], {"code": first})

    assert 'data-state="wrong"' in response.content.decode()
    assert not ReminderSubscription.objects.exists()


def test_five_codes_an_hour_per_address(
    client: Client, activity: Activity, amina: Participant
) -> None:
    for _i in range(5):
        assert _ask(client, activity).status_code == 302

    response = _ask(client, activity)

    assert response.status_code == 429
    assert 'data-state="throttled"' in response.content.decode()
    assert Message.objects.count() == 5


def test_five_codes_an_hour_per_number_from_any_address(
    client: Client, activity: Activity, amina: Participant
) -> None:
    for i in range(5):
        assert _ask(client, activity, address=f"10.0.0.{i}").status_code == 302

    assert _ask(client, activity, address="10.0.0.99").status_code == 429
    assert _ask(client, activity, phone="070-999 88 77", address="10.0.0.98").status_code == 302
    assert Message.objects.count() == 5


def test_the_code_and_answer_pages_send_a_visitor_without_a_request_to_the_first_step(
    client: Client, activity: Activity
) -> None:
    request_url, code_url, done_url = _urls(activity)
    assert client.get(code_url)["Location"] == request_url
    assert client.post(code_url, {"code": "123456"})["Location"] == request_url
    assert client.get(done_url)["Location"] == request_url


def test_an_inactive_activity_has_no_reminder_page(client: Client, activity: Activity) -> None:
    Activity.objects.filter(pk=activity.pk).update(is_active=False)
    assert client.get(_urls(activity)[0]).status_code == 404


def test_an_invalid_number_is_asked_again_and_nothing_is_sent(
    client: Client, activity: Activity, amina: Participant
) -> None:
    response = _ask(client, activity, phone="hello")
    assert response.status_code == 200
    assert not Message.objects.exists()


def test_the_receipt_after_sign_up_links_to_the_calendar(
    client: Client, programme: Programme
) -> None:
    response = client.get(reverse("participants_public:receipt", args=[programme.slug]))
    calendar = reverse("activities_public:calendar", args=[programme.slug])
    assert f'href="{calendar}"' in response.content.decode()
    assert gettext("Get reminders of activities near you") in response.content.decode()
