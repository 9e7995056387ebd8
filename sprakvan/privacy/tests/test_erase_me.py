"""Erase me: Amina, signed in to My page, reads what erasing means, gets a fresh code on her
phone and types it; she is erased everywhere, signed out, and her old links stop working."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.participants.choices import Channel
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy import session
from sprakvan.privacy.models import SignInToken
from sprakvan.privacy.signin import (
    ERASED_HOW,
    MAX_TRIES,
    Outcome,
    erase_with_code,
    request_erasure_code,
)

pytestmark = pytest.mark.django_db

AMINAS_PHONE = "+46701234567"
NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme, first_name="Amina", phone=AMINAS_PHONE, email="amina@example.org"
    )


def url(programme: Programme, name: str, **kwargs: str) -> str:
    return reverse(f"privacy_public:{name}", kwargs={"programme_slug": programme.slug, **kwargs})


def code_in(message: Message) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None, message.body
    return found.group(1)


def signed_in_as(client: Client, programme: Programme) -> Participant | None:
    request = RequestFactory().get("/")
    request.session = client.session
    return session.signed_in(request, programme)


def sign_in(client: Client, person: Participant) -> Message:
    """Sign in the real way, by the code; the sign-in message (its link is still unused)."""
    programme = person.programme
    client.post(url(programme, "sign_in"), {"address": str(person.phone or person.email)})
    message = Message.objects.filter(kind=Kind.SIGN_IN, participant=person).latest("pk")
    client.post(url(programme, "enter_code"), {"code": code_in(message)})
    assert signed_in_as(client, programme) == person
    return message


@pytest.fixture
def signed_in(client: Client, amina: Participant) -> Client:
    sign_in(client, amina)
    return client


def erase_code() -> Message:
    return Message.objects.filter(kind=Kind.CODE).latest("pk")


def test_without_a_sign_in_the_page_sends_to_the_sign_in(
    client: Client, programme: Programme, amina: Participant
) -> None:
    response = client.get(url(programme, "erase_me"))

    assert response.status_code == 302
    assert response["Location"] == url(programme, "sign_in")


def test_the_page_explains_erasure_and_sends_nothing_by_itself(
    signed_in: Client, programme: Programme
) -> None:
    signed_in.cookies["django_language"] = "sv"

    response = signed_in.get(url(programme, "erase_me"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    with translation.override("sv"):
        assert gettext("This cannot be undone.") in page
        assert gettext("Send me a code") in page
    assert not Message.objects.filter(kind=Kind.CODE).exists()


def test_the_code_goes_to_her_own_phone(signed_in: Client, programme: Programme) -> None:
    response = signed_in.post(url(programme, "erase_me"), {"step": "send"})

    assert response.status_code == 200
    assert b'data-state="sent"' in response.content
    message = erase_code()
    assert (message.channel, message.recipient) == (Channel.SMS, AMINAS_PHONE)
    token = SignInToken.objects.get(purpose=SignInToken.Purpose.ERASE)
    assert code_in(message) not in token.code_hash


def test_without_a_phone_the_code_goes_to_her_e_mail(programme: Programme) -> None:
    person = ParticipantFactory(programme=programme, phone="", email="amal@example.org")

    assert request_erasure_code(person, now=NOON) == Channel.EMAIL
    assert erase_code().recipient == "amal@example.org"


def test_without_phone_or_e_mail_no_code_can_be_sent(programme: Programme) -> None:
    person = ParticipantFactory(programme=programme, phone="", email="")

    assert request_erasure_code(person, now=NOON) is None
    assert not Message.objects.exists()
    assert not SignInToken.objects.exists()


def test_a_wrong_code_changes_nothing(
    signed_in: Client, programme: Programme, amina: Participant
) -> None:
    signed_in.post(url(programme, "erase_me"), {"step": "send"})
    wrong = "000000" if code_in(erase_code()) != "000000" else "111111"

    response = signed_in.post(url(programme, "erase_me"), {"step": "code", "code": wrong})

    assert response.status_code == 400
    assert b'data-state="wrong"' in response.content
    amina.refresh_from_db()
    assert (amina.erased_at, amina.first_name, str(amina.phone)) == (None, "Amina", AMINAS_PHONE)
    assert signed_in_as(signed_in, programme) == amina


def test_the_right_code_erases_her_and_signs_her_out(
    client: Client, programme: Programme, amina: Participant
) -> None:
    sign_in_message = sign_in(client, amina)
    # A second sign-in link she asked for and never used.
    client.post(url(programme, "sign_in"), {"address": AMINAS_PHONE})
    unused = Message.objects.filter(kind=Kind.SIGN_IN).latest("pk")
    client.post(url(programme, "erase_me"), {"step": "send"})

    response = client.post(
        url(programme, "erase_me"), {"step": "code", "code": code_in(erase_code())}
    )

    assert response.status_code == 302
    assert response["Location"] == url(programme, "erased")
    amina.refresh_from_db()
    assert amina.erased_at is not None
    assert (amina.first_name, str(amina.phone or "")) == ("", "")
    assert signed_in_as(client, programme) is None
    assert client.get(url(programme, "erase_me")).status_code == 302
    erased = client.get(response["Location"])
    assert erased.status_code == 200
    assert b'data-state="erased"' in erased.content
    # Her links and codes are gone with her.
    assert not SignInToken.objects.exists()
    for message in (sign_in_message, unused):
        link = re.search(r"/mina-sidor/in/([^/\s]+)/", message.body)
        assert link is not None
        token = link.group(1)
        assert Client().post(url(programme, "follow_link", token=token)).status_code == 410
    event = AuditEvent.objects.get(action="privacy.participant.erased")
    assert (event.actor_id, event.object_id, event.data["how"]) == (None, amina.pk, ERASED_HOW)
    assert event.data["counts"]["sign_in_tokens"] == 3  # two sign-ins and the erasure


def test_the_sixth_try_is_refused_even_when_right(programme: Programme, amina: Participant) -> None:
    request_erasure_code(amina, now=NOON)
    code = code_in(erase_code())
    wrong = "000000" if code != "000000" else "111111"
    outcomes = [erase_with_code(amina, code=wrong, now=NOON) for _ in range(MAX_TRIES)]

    assert outcomes == [Outcome.WRONG] * (MAX_TRIES - 1) + [Outcome.TOO_MANY_TRIES]
    assert erase_with_code(amina, code=code, now=NOON) == Outcome.TOO_MANY_TRIES
    amina.refresh_from_db()
    assert amina.erased_at is None


def test_an_erasure_code_older_than_30_minutes_is_refused(
    programme: Programme, amina: Participant
) -> None:
    request_erasure_code(amina, now=NOON)
    code = code_in(erase_code())

    late = NOON + datetime.timedelta(minutes=30)
    assert erase_with_code(amina, code=code, now=late) == Outcome.WRONG
    amina.refresh_from_db()
    assert amina.erased_at is None


def test_a_new_code_replaces_the_earlier_one(programme: Programme, amina: Participant) -> None:
    request_erasure_code(amina, now=NOON)
    first = code_in(erase_code())
    request_erasure_code(amina, now=NOON + datetime.timedelta(minutes=1))
    second = code_in(erase_code())
    later = NOON + datetime.timedelta(minutes=2)

    if first != second:
        assert erase_with_code(amina, code=first, now=later) == Outcome.WRONG
    assert erase_with_code(amina, code=second, now=later) == Outcome.DONE


def test_a_sign_in_code_does_not_confirm_an_erasure(
    client: Client, programme: Programme, amina: Participant
) -> None:
    message = sign_in(client, amina)

    assert erase_with_code(amina, code=code_in(message), now=NOON) == Outcome.WRONG
    amina.refresh_from_db()
    assert amina.erased_at is None


def test_a_sign_in_to_another_programme_does_not_open_this_page(
    signed_in: Client, programme: Programme, other_programme: Programme
) -> None:
    response = signed_in.get(url(other_programme, "erase_me"))

    assert response.status_code == 302
    assert response["Location"] == url(other_programme, "sign_in")


def test_the_erased_page_needs_no_sign_in(client: Client, programme: Programme) -> None:
    response = client.get(url(programme, "erased"))

    assert response.status_code == 200
    assert b'data-state="erased"' in response.content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_arabic_on_a_phone_amina_signs_in_and_erases_herself_on_pages_clean_for_axe(
    page: Any, live_server: Any, axe_violations: Any, programme: Programme
) -> None:
    amina = ParticipantFactory(
        programme=programme, first_name="Amina", phone=AMINAS_PHONE, preferred_language="ar"
    )
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 740})

    def visit_is_clean() -> None:
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_violations(page) == []

    page.goto(live_server.url + url(programme, "sign_in"))
    visit_is_clean()
    page.locator("#id_address").fill("070-123 45 67")
    page.locator("form.sign-in-form button[type=submit]").click()
    page.wait_for_url(f"**{url(programme, 'enter_code')}")
    visit_is_clean()
    message = Message.objects.get(kind=Kind.SIGN_IN, participant=amina)
    assert message.language == "ar"
    page.locator("#id_code").fill(code_in(message))
    page.locator("form.sign-in-form button[type=submit]").click()
    page.wait_for_url(f"**{url(programme, 'own_page')}")

    page.goto(live_server.url + url(programme, "erase_me"))
    visit_is_clean()
    page.locator("button[type=submit]").last.click()
    page.locator('[data-state="sent"]').wait_for()
    visit_is_clean()
    page.locator("#id_code").fill(code_in(erase_code()))
    page.locator("form.sign-in-form button[type=submit]").click()
    page.wait_for_url(f"**{url(programme, 'erased')}")
    visit_is_clean()

    amina.refresh_from_db()
    assert amina.erased_at is not None and amina.first_name == ""
