"""Signing in to My page: Amina types her number or e-mail and gets a code and a link; a number
nobody has gets the same answer and nothing is sent. Every e-mail, and every SMS where it
fits, carries the link to My page."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message
from sprakvan.messaging.segments import sms_parts
from sprakvan.messaging.services import notify, settings_for
from sprakvan.messaging.services.email import build_email
from sprakvan.messaging.services.notify import how_to_stop
from sprakvan.messaging.tests.people import consenting, sending_programme
from sprakvan.participants.choices import Channel
from sprakvan.participants.models import Participant, Status
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy import session
from sprakvan.privacy.models import SignInToken
from sprakvan.privacy.signin import (
    MAX_TRIES,
    parse_address,
    request_sign_in,
    use_code,
    use_link,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

AMINAS_PHONE = "+46701234567"
AMINAS_EMAIL = "amina@example.org"
NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(
        programme=programme, first_name="Amina", phone=AMINAS_PHONE, email=AMINAS_EMAIL
    )


def url(programme: Programme, name: str, **kwargs: str) -> str:
    return reverse(f"privacy_public:{name}", kwargs={"programme_slug": programme.slug, **kwargs})


def ask(client: Client, programme: Programme, address: str, ip: str = "127.0.0.1") -> TestResponse:
    return client.post(url(programme, "sign_in"), {"address": address}, REMOTE_ADDR=ip)


def code_in(message: Message) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None, message.body
    return found.group(1)


def link_in(message: Message) -> str:
    found = re.search(r"/mina-sidor/in/([^/\s]+)/", message.body)
    assert found is not None, message.body
    return found.group(1)


def signed_in_as(client: Client, programme: Programme) -> Participant | None:
    request = RequestFactory().get("/")
    request.session = client.session
    return session.signed_in(request, programme)


def the_sign_in_message() -> Message:
    return Message.objects.get(kind=Kind.SIGN_IN)


def test_a_known_number_gets_one_sms_with_a_code_and_a_link(
    client: Client, programme: Programme, amina: Participant
) -> None:
    response = ask(client, programme, "070-123 45 67")

    assert response.status_code == 302
    assert response["Location"] == url(programme, "enter_code")
    message = the_sign_in_message()
    assert (message.channel, message.recipient, message.participant) == (
        Channel.SMS,
        AMINAS_PHONE,
        amina,
    )
    assert message.status == Message.Status.QUEUED
    link = link_in(message)
    assert f"http://127.0.0.1:8000{url(programme, 'follow_link', token=link)}" in message.body
    token = SignInToken.objects.get(participant=amina)
    assert token.purpose == SignInToken.Purpose.SIGN_IN
    assert token.expires_at - token.created_at == datetime.timedelta(minutes=30)
    # Only keyed hashes are stored: neither the code nor the link in clear.
    assert code_in(message) not in token.code_hash
    assert link not in token.link_hash
    assert len(token.code_hash) == len(token.link_hash) == 64


def test_an_e_mail_address_in_any_case_gets_an_e_mail(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, "  Amina@EXAMPLE.org ")

    message = the_sign_in_message()
    assert (message.channel, message.recipient) == (Channel.EMAIL, AMINAS_EMAIL)
    assert message.subject
    assert link_in(message)


def test_signing_in_by_code(client: Client, programme: Programme, amina: Participant) -> None:
    ask(client, programme, AMINAS_PHONE)

    response = client.post(url(programme, "enter_code"), {"code": code_in(the_sign_in_message())})

    assert response.status_code == 302
    assert response["Location"] == url(programme, "own_page")
    assert signed_in_as(client, programme) == amina
    assert SignInToken.objects.get().used_at is not None


@pytest.mark.parametrize(("chosen", "shown"), [(None, "ar"), ("en", "en")])
def test_the_page_opens_in_the_persons_language_unless_the_browser_chose_one(
    client: Client, programme: Programme, amina: Participant, chosen: str | None, shown: str
) -> None:
    amina.preferred_language = "ar"
    amina.save(update_fields=["preferred_language"])
    if chosen:
        client.cookies["django_language"] = chosen
    ask(client, programme, AMINAS_PHONE)

    client.post(url(programme, "enter_code"), {"code": code_in(the_sign_in_message())})

    assert client.cookies["django_language"].value == shown
    page = client.get(url(programme, "own_page")).content.decode()
    assert f'lang="{shown}"' in page


def test_opening_the_link_shows_a_button_and_uses_nothing(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(Client(), programme, AMINAS_PHONE)
    link = url(programme, "follow_link", token=link_in(the_sign_in_message()))

    response = client.get(link)

    assert response.status_code == 200
    assert b'data-action="sign-in"' in response.content
    assert SignInToken.objects.get().used_at is None
    assert signed_in_as(client, programme) is None


def test_signing_in_by_link_in_another_browser(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(Client(), programme, AMINAS_PHONE)  # asked on the computer, opened on the phone
    link = url(programme, "follow_link", token=link_in(the_sign_in_message()))

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == url(programme, "own_page")
    assert signed_in_as(client, programme) == amina
    assert AuditEvent.objects.filter(action="privacy.sign_in.used").count() == 1


def test_a_used_link_is_refused_and_offers_a_new_one(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, AMINAS_PHONE)
    key = request_key_of(client)
    message = the_sign_in_message()
    link = url(programme, "follow_link", token=link_in(message))
    client.post(link)
    other = Client()

    assert other.get(link).status_code == 410
    response = other.post(link)

    assert response.status_code == 410
    assert b'data-state="link_gone"' in response.content
    assert url(programme, "sign_in").encode() in response.content
    assert signed_in_as(other, programme) is None
    # The link and the code are one token: once used, the code is refused too.
    assert use_code(programme, request_key=key, code=code_in(message), now=NOON) is None


def test_a_link_older_than_30_minutes_is_refused(
    client: Client, programme: Programme, amina: Participant
) -> None:
    address = parse_address(AMINAS_PHONE)
    assert address is not None
    request_sign_in(programme, address=address, now=timezone.now() - datetime.timedelta(minutes=31))
    link = link_in(the_sign_in_message())

    assert client.get(url(programme, "follow_link", token=link)).status_code == 410
    assert client.post(url(programme, "follow_link", token=link)).status_code == 410
    assert signed_in_as(client, programme) is None


def test_the_link_and_code_work_for_exactly_30_minutes(
    programme: Programme, amina: Participant
) -> None:
    address = parse_address(AMINAS_EMAIL)
    assert address is not None
    first = request_sign_in(programme, address=address, now=NOON, request_key="k")
    assert first is not None
    link = link_in(the_sign_in_message())
    code = code_in(the_sign_in_message())
    late = NOON + datetime.timedelta(minutes=30)

    assert use_link(programme, link=link, now=late) is None
    assert use_code(programme, request_key="k", code=code, now=late) is None
    assert use_link(programme, link=link, now=late - datetime.timedelta(seconds=1)) == amina


def test_asking_again_makes_the_earlier_link_and_code_stop_working(
    programme: Programme, amina: Participant
) -> None:
    address = parse_address(AMINAS_PHONE)
    assert address is not None
    first = request_sign_in(programme, address=address, now=NOON, request_key="first")
    assert first is not None
    earlier = Message.objects.get(key=f"sign_in:token:{first.pk}")
    second = request_sign_in(programme, address=address, now=NOON + datetime.timedelta(minutes=1))
    assert second is not None
    later = NOON + datetime.timedelta(minutes=2)

    assert use_code(programme, request_key="first", code=code_in(earlier), now=later) is None
    assert use_link(programme, link=link_in(earlier), now=later) is None
    newer = Message.objects.get(key=f"sign_in:token:{second.pk}")
    assert use_link(programme, link=link_in(newer), now=later) == amina


def _without_tokens(response: TestResponse) -> str:
    """The page with what differs between two browsers (the CSRF tokens) taken out."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", text)


def request_key_of(client: Client) -> str:
    """The random key of this browser's sign-in request, kept in its session."""
    [pending] = [v for k, v in client.session.items() if k.startswith("privacy.sign_in_pending")]
    return str(pending["request"])


def session_shape(client: Client) -> dict[str, object]:
    """What the session holds, with the request's random key left out (differs per browser)."""
    return {
        key: {k: v for k, v in value.items() if k != "request"}
        if isinstance(value, dict)
        else value
        for key, value in client.session.items()
        if not key.startswith("_")
    }


@pytest.mark.parametrize(
    ("known", "unknown"),
    [("070-123 45 67", "070-765 43 21"), (AMINAS_EMAIL, "nobody@example.org")],
)
def test_a_known_and_an_unknown_address_get_the_same_answer(
    programme: Programme, amina: Participant, known: str, unknown: str
) -> None:
    answers = []
    for address in (known, unknown):
        browser = Client()
        asked = ask(browser, programme, address)
        page = browser.get(url(programme, "enter_code"))
        wrong = browser.post(url(programme, "enter_code"), {"code": "000000"})
        answers.append(
            (
                asked.status_code,
                asked["Location"],
                session_shape(browser),
                page.status_code,
                _without_tokens(page),
                wrong.status_code,
                _without_tokens(wrong),
            )
        )

    assert answers[0] == answers[1]
    with translation.override("sv"):
        sent = (
            gettext("If this is your number, we have sent you a code and a link by SMS.")
            if "@" not in known
            else gettext(
                "If this is your e-mail address, we have sent you a code and a link by e-mail."
            )
        )
        page_sv = Client(HTTP_ACCEPT_LANGUAGE="sv")
        ask(page_sv, programme, unknown)
        assert sent in page_sv.get(url(programme, "enter_code")).content.decode()
    assert Message.objects.count() == 1  # only Amina's
    assert SignInToken.objects.count() == 1


def test_the_sixth_code_try_is_refused_even_when_right(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, AMINAS_PHONE)
    code = code_in(the_sign_in_message())
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(MAX_TRIES):
        response = client.post(url(programme, "enter_code"), {"code": wrong})

    assert b'data-state="too_many"' in response.content
    response = client.post(url(programme, "enter_code"), {"code": code})

    assert b'data-state="too_many"' in response.content
    assert signed_in_as(client, programme) is None
    token = SignInToken.objects.get()
    assert (token.tries, token.used_at) == (MAX_TRIES, None)
    # Not even from another browser holding the request's key: the token itself is dead.
    key = request_key_of(client)
    assert use_code(programme, request_key=key, code=code, now=timezone.now()) is None


def test_a_wrong_code_is_a_clear_answer_and_the_right_one_still_works(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, AMINAS_PHONE)
    code = code_in(the_sign_in_message())

    response = client.post(url(programme, "enter_code"), {"code": "12345"})
    assert response.status_code == 400
    assert b'value="12345"' in response.content  # the form keeps what was typed

    client.post(url(programme, "enter_code"), {"code": "000000" if code != "000000" else "1"})
    client.post(url(programme, "enter_code"), {"code": code})
    assert signed_in_as(client, programme) == amina


def test_the_code_page_without_asking_first_goes_to_the_first_step(
    client: Client, programme: Programme
) -> None:
    response = client.get(url(programme, "enter_code"))

    assert response.status_code == 302
    assert response["Location"] == url(programme, "sign_in")


def test_something_that_is_neither_a_number_nor_an_address_is_explained(
    client: Client, programme: Programme
) -> None:
    client.cookies["django_language"] = "sv"

    response = ask(client, programme, "hej hopp")

    assert response.status_code == 400
    with translation.override("sv"):
        error = gettext("Write a mobile number, such as 070-123 45 67, or an e-mail address.")
    assert error in response.content.decode()
    assert 'value="hej hopp"' in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.parametrize("address", [AMINAS_PHONE, "nobody@example.org"])
def test_the_sixth_request_for_one_address_in_an_hour_is_refused(
    client: Client, programme: Programme, amina: Participant, address: str
) -> None:
    for n in range(5):
        assert ask(client, programme, address, ip=f"10.0.0.{n}").status_code == 302

    response = ask(client, programme, address, ip="10.0.0.9")

    assert response.status_code == 429
    assert b'data-state="throttled"' in response.content
    assert Message.objects.count() == (5 if address == AMINAS_PHONE else 0)


def test_one_client_may_ask_20_times_an_hour(
    client: Client, programme: Programme, amina: Participant
) -> None:
    for n in range(20):
        assert ask(client, programme, f"person{n}@example.org").status_code == 302

    response = ask(client, programme, AMINAS_EMAIL)

    assert response.status_code == 429
    assert not Message.objects.exists()
    assert ask(Client(), programme, AMINAS_EMAIL, ip="10.1.1.1").status_code == 302


def test_behind_nginx_each_visitor_has_their_own_limit_and_cannot_forge_another(
    programme: Programme, amina: Participant, settings: Any
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1  # BEHIND_TLS_PROXY: every request comes from nginx

    def via_nginx(client_says: str, nginx_saw: str) -> TestResponse:
        forwarded = f"{client_says}, {nginx_saw}" if client_says else nginx_saw
        return Client().post(
            url(programme, "sign_in"),
            {"address": f"person-{client_says}-{nginx_saw}@example.org"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # 25 visitors behind the same proxy: more than one client's 20, and nobody is stopped.
    assert {via_nginx("", f"203.0.113.{n}").status_code for n in range(25)} == {302}
    # One visitor who writes a new address into the header each time is still one visitor.
    answers = [via_nginx(f"198.51.100.{n}", "192.0.2.7").status_code for n in range(21)]
    assert answers == [302] * 20 + [429]


def test_the_throttle_keeps_no_number_or_address_in_the_cache(
    client: Client, programme: Programme, amina: Participant, settings: Any
) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    ask(client, programme, "070-123 45 67")
    ask(client, programme, AMINAS_EMAIL)

    keys = " ".join(cache._cache.keys())  # type: ignore[attr-defined]
    assert "privacy.sign_in:address:" in keys
    for personal in ("701234567", "amina", "example.org"):
        assert personal not in keys.lower()


def test_a_person_of_another_programme_cannot_sign_in_here(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    ParticipantFactory(programme=other_programme, phone=AMINAS_PHONE, email=AMINAS_EMAIL)

    ask(client, programme, AMINAS_PHONE)
    ask(client, programme, AMINAS_EMAIL)

    assert not Message.objects.exists()
    assert not SignInToken.objects.exists()


def test_a_link_of_another_programme_does_not_work_here(
    client: Client, programme: Programme, other_programme: Programme
) -> None:
    ParticipantFactory(programme=other_programme, phone=AMINAS_PHONE)
    ask(client, other_programme, AMINAS_PHONE)
    link = link_in(the_sign_in_message())

    assert client.post(url(programme, "follow_link", token=link)).status_code == 410
    assert signed_in_as(client, programme) is None
    assert signed_in_as(client, other_programme) is None


@pytest.mark.parametrize(
    ("who", "sent"),
    [("left", True), ("erased", False), ("duplicate", False), ("shared_number", False)],
)
def test_who_may_sign_in(
    client: Client, programme: Programme, amina: Participant, who: str, sent: bool
) -> None:
    if who == "left":
        Participant.objects.filter(pk=amina.pk).update(status=Status.LEFT)
    elif who == "erased":
        Participant.objects.filter(pk=amina.pk).update(erased_at=NOON)
    elif who == "duplicate":
        Participant.objects.filter(pk=amina.pk).update(
            possible_duplicate_of=ParticipantFactory(programme=programme)
        )
    else:
        ParticipantFactory(programme=programme, phone=AMINAS_PHONE)

    ask(client, programme, AMINAS_PHONE)

    assert Message.objects.filter(kind=Kind.SIGN_IN).exists() is sent


def test_signing_out_ends_the_sign_in(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, AMINAS_PHONE)
    client.post(url(programme, "enter_code"), {"code": code_in(the_sign_in_message())})
    assert client.get(url(programme, "sign_out")).status_code == 405

    response = client.post(url(programme, "sign_out"))

    assert response.status_code == 302
    assert signed_in_as(client, programme) is None


def test_the_pages_are_never_stored_by_a_browser_or_proxy(
    client: Client, programme: Programme, amina: Participant
) -> None:
    assert "no-store" in client.get(url(programme, "sign_in"))["Cache-Control"]
    ask(client, programme, AMINAS_PHONE)
    link = link_in(the_sign_in_message())
    assert "no-store" in client.get(url(programme, "enter_code"))["Cache-Control"]
    assert "no-store" in client.get(url(programme, "follow_link", token=link))["Cache-Control"]
    assert "no-store" in client.get(url(programme, "erased"))["Cache-Control"]


def test_the_audit_log_holds_ids_only(
    client: Client, programme: Programme, amina: Participant
) -> None:
    ask(client, programme, AMINAS_PHONE)
    client.post(url(programme, "enter_code"), {"code": code_in(the_sign_in_message())})

    events = AuditEvent.objects.filter(action__startswith="privacy.sign_in.").order_by("pk")
    assert [e.action for e in events] == ["privacy.sign_in.sent", "privacy.sign_in.used"]
    assert all(e.object_id == amina.pk for e in events)
    text = str([e.data for e in events])
    for personal in ("701234567", "Amina", "amina@", code_in(the_sign_in_message())):
        assert personal not in text


def test_every_e_mail_links_to_my_page_in_its_language(programme: Programme) -> None:
    person = consenting(programme, sms=False, language="ar")
    message = notify(person, kind=Kind.GROUP, key="group:1", context={"text": "Hej"})
    assert message is not None and message.channel == Channel.EMAIL

    email = build_email(message, sender_name=programme.name)

    own_page = f"http://127.0.0.1:8000/{programme.slug}/mina-sidor/"
    with translation.override("ar"):
        line = gettext("My page: %(url)s") % {"url": own_page}
    assert line in str(email.body)
    html = str(email.alternatives[0][0])
    assert f'href="{own_page}"' in html


def test_an_sms_links_to_my_page_only_when_that_adds_no_part(programme: Programme) -> None:
    sending_programme(programme)
    person = consenting(programme, first_name="Amal", language="sv")
    stop = how_to_stop(settings_for(programme), "sv")
    with translation.override("sv"):
        line = gettext("My page: %(url)s") % {
            "url": f"http://127.0.0.1:8000/{programme.slug}/mina-sidor/"
        }

    short = notify(person, kind=Kind.GROUP, key="group:short", context={"text": "Kaffe?"})
    assert short is not None
    assert short.body.splitlines()[-2:] == [line, stop]
    assert sms_parts(short.body).parts == 1

    greeting = f"Hej Amal! Hälsningar från {programme.name}.\n"
    # One part without the link, just under the 160 septets; the link would make it two.
    text = "a" * (160 - len(greeting) - len(stop) - 1 - 5)
    full = notify(person, kind=Kind.GROUP, key="group:full", context={"text": text})
    assert full is not None
    assert line not in full.body
    assert full.body == f"{greeting}{text}\n{stop}"
    assert sms_parts(full.body).parts == 1
