"""E-mail through a real SMTP server: both parts, the sender's name, one-click unsubscribe."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Message
from sprakvan.messaging.services import send_message
from sprakvan.messaging.services.email import unsubscribe_token
from sprakvan.messaging.tests.people import AFTERNOON, consenting, queue_reminder
from sprakvan.messaging.tests.smtp import (
    DROPPED_AFTER_DATA,
    REFUSED_AFTER_DATA,
    REFUSED_DOMAIN,
    SmtpServer,
)
from sprakvan.participants.consents import may_message
from sprakvan.participants.models import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail(settings: Any, smtp_server: SmtpServer) -> SmtpServer:
    settings.SITE_URL = "https://sprakvan.example.org"
    settings.DEFAULT_FROM_EMAIL = "Språkvän <noreply@sprakvan.example.org>"
    settings.MESSAGES_QUIET_HOURS = ""
    return smtp_server


def _email(programme: Programme, **fields: Any) -> Message:
    return queue_reminder(consenting(programme, **fields), channel=Channel.EMAIL)


def test_an_e_mail_reaches_the_smtp_server_with_both_parts_and_the_programme_as_sender(
    mail: SmtpServer, programme: Programme
) -> None:
    message = _email(programme)

    sent = send_message(message.pk, now=AFTERNOON)

    assert sent.status == Message.Status.SENT
    [received] = mail.received
    assert received.recipients == ["amal@example.org"]
    assert received.sender == "noreply@sprakvan.example.org"
    email = received.message
    assert email["From"].addresses[0].display_name == "Vi ses! Språkvänner"
    assert email["From"].addresses[0].addr_spec == "noreply@sprakvan.example.org"
    assert email["Subject"] == "Språkcafé i morgon"
    text_part, html_part = email.get_body(("plain",)), email.get_body(("html",))
    assert text_part is not None and html_part is not None
    text, html = text_part.get_content(), html_part.get_content()
    assert "Skäggetorps bibliotek" in text
    assert "Skäggetorps bibliotek" in html
    url = f"https://sprakvan.example.org/m/unsubscribe/{unsubscribe_token(message)}/"
    assert email["List-Unsubscribe"] == f"<{url}>"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in text
    assert url in html


def test_the_programmes_sender_name_is_used_when_set(
    mail: SmtpServer, programme: Programme
) -> None:
    from sprakvan.messaging.services import settings_for

    found = settings_for(programme)
    found.email_sender_name = "Språkvän Linköping"
    found.save()

    send_message(_email(programme).pk, now=AFTERNOON)

    assert mail.received[0].message["From"].addresses[0].display_name == "Språkvän Linköping"


def test_a_refused_recipient_fails_at_once(mail: SmtpServer, programme: Programme) -> None:
    message = _email(programme, email_address=f"nobody@{REFUSED_DOMAIN}")

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.FAILED, "rejected")
    assert mail.received == []


def test_a_message_refused_after_its_text_fails(mail: SmtpServer, programme: Programme) -> None:
    message = _email(programme, email_address=REFUSED_AFTER_DATA)

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.FAILED, "rejected")


def test_a_connection_lost_after_the_text_leaves_the_message_unknown(
    mail: SmtpServer, programme: Programme
) -> None:
    message = _email(programme, email_address=DROPPED_AFTER_DATA)

    sent = send_message(message.pk, now=AFTERNOON)

    assert (sent.status, sent.reason) == (Message.Status.UNKNOWN, "provider_unclear")


def test_a_mail_server_that_cannot_be_reached_means_try_again(
    settings: Any, programme: Programme
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    settings.MESSAGES_QUIET_HOURS = ""

    sent = send_message(_email(programme).pk, now=AFTERNOON)

    assert (sent.status, sent.reason, sent.attempts) == (Message.Status.QUEUED, "not_sent", 1)


def test_opening_the_unsubscribe_link_changes_nothing(
    mail: SmtpServer, programme: Programme, client: Client
) -> None:
    message = _email(programme)
    assert message.participant is not None

    response = client.get(f"/m/unsubscribe/{unsubscribe_token(message)}/")

    assert response.status_code == 200
    with translation.override(message.language):
        button = gettext("Yes, send me no more e-mail")
    assert button in response.content.decode()
    assert may_message(message.participant, channel=Channel.EMAIL)


def test_the_one_click_post_of_a_mail_program_withdraws_the_e_mail_consent(
    mail: SmtpServer, programme: Programme
) -> None:
    message = _email(programme)
    assert message.participant is not None
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        f"/m/unsubscribe/{unsubscribe_token(message)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not may_message(message.participant, channel=Channel.EMAIL)
    assert may_message(message.participant, channel=Channel.SMS)


def test_the_unsubscribe_page_speaks_the_language_of_the_e_mail(
    mail: SmtpServer, programme: Programme, client: Client
) -> None:
    message = _email(programme, language="ar")

    response = client.post(f"/m/unsubscribe/{unsubscribe_token(message)}/")

    assert response.status_code == 200
    assert b'lang="ar"' in response.content
    assert b'dir="rtl"' in response.content
    assert b'data-state="unsubscribed"' in response.content


def test_a_forged_unsubscribe_link_is_a_404(client: Client, programme: Programme) -> None:
    assert client.get("/m/unsubscribe/1:forged/").status_code == 404
    assert client.post("/m/unsubscribe/1:forged/").status_code == 404
