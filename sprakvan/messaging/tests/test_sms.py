"""The SMS backends against a local server that speaks the 46elks contract; the sender rules."""

import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from sprakvan.messaging.sms import (
    ConsoleBackend,
    SmsNotSent,
    SmsRejected,
    SmsUnknown,
    check_sender,
    get_sms_backend,
    is_two_way,
)
from sprakvan.messaging.sms.elks import ElksBackend
from sprakvan.messaging.tests.elks_server import ElksServer, running_elks_server

NUMBER = "+46701234567"
SENDER = "Sprakvan"


def test_a_send_posts_the_fields_with_basic_auth_and_reads_the_answer(
    elks_server: ElksServer,
) -> None:
    backend = get_sms_backend(elks_server.url)

    result = backend.send(
        sender=SENDER,
        to=NUMBER,
        text="Hej! Språkcafé i morgon kl. 18.",
        delivery_url="https://sprakvan.example.org/hooks/sms/t/delivered/",
    )

    [request] = elks_server.requests
    assert request["method"] == "POST"
    assert request["path"] == "/a1/sms"
    assert request["auth"] == ("elks-user", "elks-secret")
    assert request["form"] == {
        "from": SENDER,
        "to": NUMBER,
        "message": "Hej! Språkcafé i morgon kl. 18.",
        "whendelivered": "https://sprakvan.example.org/hooks/sms/t/delivered/",
    }
    assert result.provider_id == request["id"]
    assert result.provider_id.startswith("s")
    assert (result.status, result.parts, result.cost) == ("created", 1, 3500)


def test_a_send_without_delivery_url_asks_for_no_report(elks_server: ElksServer) -> None:
    get_sms_backend(elks_server.url).send(sender="+46766861004", to=NUMBER, text="Hej")

    assert "whendelivered" not in elks_server.requests[0]["form"]


def test_a_long_text_reports_the_parts_and_cost_of_the_provider(elks_server: ElksServer) -> None:
    result = get_sms_backend(elks_server.url).send(sender=SENDER, to=NUMBER, text="مرحبا " * 20)

    assert (result.parts, result.cost) == (2, 7000)


def test_wrong_credentials_are_rejected(elks_server: ElksServer) -> None:
    url = elks_server.url.replace("elks-secret", "wrong")

    with pytest.raises(SmsRejected, match="401"):
        get_sms_backend(url).send(sender=SENDER, to=NUMBER, text="Hej")


def test_a_number_not_in_international_form_is_rejected(elks_server: ElksServer) -> None:
    with pytest.raises(SmsRejected, match="Invalid to number"):
        get_sms_backend(elks_server.url).send(sender=SENDER, to="0701234567", text="Hej")


def test_a_bad_sender_is_rejected_by_the_provider(elks_server: ElksServer) -> None:
    with pytest.raises(SmsRejected, match="400"):
        get_sms_backend(elks_server.url).send(sender="Språkvän", to=NUMBER, text="Hej")


def test_too_many_requests_is_not_sent_and_the_next_try_goes_through(
    elks_server: ElksServer,
) -> None:
    backend = get_sms_backend(elks_server.url)
    elks_server.fail_next("429")

    with pytest.raises(SmsNotSent):
        backend.send(sender=SENDER, to=NUMBER, text="Hej")
    result = backend.send(sender=SENDER, to=NUMBER, text="Hej")

    assert [request["answer"] for request in elks_server.requests] == [429, 200]
    assert result.provider_id == elks_server.sent[0]["id"]


def test_a_server_error_leaves_the_send_unknown(elks_server: ElksServer) -> None:
    elks_server.fail_next("500")

    with pytest.raises(SmsUnknown):
        get_sms_backend(elks_server.url).send(sender=SENDER, to=NUMBER, text="Hej")


def test_a_read_timeout_leaves_the_send_unknown(elks_server: ElksServer) -> None:
    elks_server.fail_next("hang")
    backend = get_sms_backend(elks_server.url + "?read_timeout=0.3")

    with pytest.raises(SmsUnknown, match="ReadTimeout"):
        backend.send(sender=SENDER, to=NUMBER, text="Hej")

    # The provider got the request: exactly why the answer is "unknown", not "not sent".
    assert len(elks_server.requests) == 1


def test_a_connection_closed_without_answer_leaves_the_send_unknown(
    elks_server: ElksServer,
) -> None:
    elks_server.fail_next("close")

    with pytest.raises(SmsUnknown, match="RemoteProtocolError"):
        get_sms_backend(elks_server.url).send(sender=SENDER, to=NUMBER, text="Hej")


def test_misbehaviour_lasts_for_the_number_of_requests_asked(elks_server: ElksServer) -> None:
    backend = get_sms_backend(elks_server.url)
    elks_server.fail_next("429", n=2)

    outcomes = []
    for _ in range(3):
        try:
            outcomes.append(backend.send(sender=SENDER, to=NUMBER, text="Hej").status)
        except SmsNotSent:
            outcomes.append("not sent")

    assert outcomes == ["not sent", "not sent", "created"]


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    yield port


def test_a_refused_connection_is_not_sent(closed_port: int) -> None:
    backend = get_sms_backend(f"elks+http://user:secret@127.0.0.1:{closed_port}")

    with pytest.raises(SmsNotSent, match="ConnectError"):
        backend.send(sender=SENDER, to=NUMBER, text="Hej")


def test_a_stopped_server_refuses_and_nothing_is_sent() -> None:
    with running_elks_server() as server:
        url = server.url
    with pytest.raises(SmsNotSent):
        get_sms_backend(url).send(sender=SENDER, to=NUMBER, text="Hej")


def test_elks_url_sends_over_https_to_the_api() -> None:
    backend = get_sms_backend("elks://u1234:p%40ss@api.46elks.com")

    assert isinstance(backend, ElksBackend)
    assert backend.endpoint == "https://api.46elks.com/a1/sms"
    assert backend.client.auth is not None
    assert backend.client.timeout.connect == 5.0
    assert backend.client.timeout.read == 15.0


def test_elks_http_url_keeps_the_port_and_reads_timeouts() -> None:
    backend = get_sms_backend("elks+http://u:p@127.0.0.1:8123?connect_timeout=1&read_timeout=2.5")

    assert isinstance(backend, ElksBackend)
    assert backend.endpoint == "http://127.0.0.1:8123/a1/sms"
    assert (backend.client.timeout.connect, backend.client.timeout.read) == (1.0, 2.5)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("twilio://u:p@api.twilio.com", "unknown scheme 'twilio'"),
        ("elks://api.46elks.com", "username, password and host"),
        ("elks://u:p@api.46elks.com?retries=3", "unknown options: retries"),
        ("elks://u:p@api.46elks.com?read_timeout=soon", "bad port or timeout"),
    ],
)
def test_a_bad_sms_url_is_a_configuration_error(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        get_sms_backend(url)


def test_the_backend_comes_from_the_setting(settings: Any) -> None:
    settings.SMS_URL = "console://"
    assert isinstance(get_sms_backend(), ConsoleBackend)
    settings.SMS_URL = "elks+http://u:p@127.0.0.1:9"
    assert isinstance(get_sms_backend(), ElksBackend)


def test_the_console_backend_prints_the_sms_and_logs_nothing(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    result = get_sms_backend("console://").send(
        sender=SENDER, to=NUMBER, text="Välkommen till språkcafé!"
    )

    printed = capsys.readouterr().out
    assert "Välkommen till språkcafé!" in printed
    assert NUMBER in printed
    assert result.provider_id in printed
    assert result.provider_id.startswith("console-")
    assert (result.status, result.parts, result.cost) == ("sent", 1, None)
    assert NUMBER not in caplog.text


def test_the_console_backend_refuses_what_the_provider_would(
    capsys: pytest.CaptureFixture[str],
) -> None:
    backend = get_sms_backend("console://")

    with pytest.raises(SmsRejected):
        backend.send(sender="1Linkoping", to=NUMBER, text="Hej")
    with pytest.raises(SmsRejected):
        backend.send(sender=SENDER, to="070-123 45 67", text="Hej")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("sender", ["+46766861004", "Sprakvan", "Lkp2026", "Abc", "Linkoping11"])
def test_valid_senders(sender: str) -> None:
    check_sender(sender)


@pytest.mark.parametrize(
    "sender",
    ["Språkvän", "1Linkoping", "AB", "Linkoping123", "Sprak van", "+46 70 123", "+0701234567", ""],
)
def test_invalid_senders_raise_a_message(sender: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        check_sender(sender)


def test_only_a_number_can_receive_replies() -> None:
    assert is_two_way("+46766861004")
    assert not is_two_way("Sprakvan")


def test_an_answer_that_says_failed_is_rejected(elks_server: ElksServer) -> None:
    elks_server.fail_next("failed")

    with pytest.raises(SmsRejected, match="failed"):
        get_sms_backend(elks_server.url).send(sender=SENDER, to=NUMBER, text="Hej")
