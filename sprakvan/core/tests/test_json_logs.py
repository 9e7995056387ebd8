"""Each request logs one JSON line: ids, route, status and duration, never personal data."""

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from sprakvan.core.logging import JsonFormatter
from sprakvan.core.models import Programme

REQUEST_KEYS = {"request_id", "user_id", "programme", "route", "method", "status", "duration_ms"}
ENVELOPE_KEYS = {"time", "level", "logger", "message"}


@pytest.fixture
def request_lines() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """The request logger's output, formatted as in production (LOG_FORMAT=json)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    request_logger = logging.getLogger("sprakvan.request")
    request_logger.addHandler(handler)
    previous_level = request_logger.level
    request_logger.setLevel(logging.INFO)

    def lines() -> list[dict[str, object]]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    request_logger.removeHandler(handler)
    request_logger.setLevel(previous_level)


def test_a_staff_request_logs_one_json_line_with_exactly_the_request_fields(
    client_for: Callable[[Any], Client],
    coordinator: Any,
    request_lines: Callable[[], list[dict[str, object]]],
) -> None:
    response = client_for(coordinator).get("/participants/?q=0701234567&email=anna@example.org")

    [line] = request_lines()
    assert set(line) == ENVELOPE_KEYS | REQUEST_KEYS
    assert line["route"] == "participants:list"
    assert line["user_id"] == coordinator.pk
    assert line["method"] == "GET"
    assert line["status"] == response.status_code == 200
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    text = json.dumps(line)
    for personal in ["0701234567", "example.org", coordinator.email, "?"]:
        assert personal not in text


def test_a_public_page_logs_its_programme_by_slug_and_no_user(
    client: Client, programme: Programme, request_lines: Callable[[], list[dict[str, object]]]
) -> None:
    client.get(f"/{programme.slug}/anmalan/?phone=%2B46701234567")

    [line] = request_lines()
    assert line["programme"] == programme.slug
    assert line["route"] == "participants_public:choose"
    assert line["user_id"] is None
    assert "46701234567" not in json.dumps(line)


def test_a_page_that_does_not_exist_logs_no_route_and_not_the_path(
    client: Client, request_lines: Callable[[], list[dict[str, object]]]
) -> None:
    client.get("/no-such-page/secret-token-123/")

    [line] = request_lines()
    assert line["status"] == 404
    assert line["route"] is None
    assert "secret-token-123" not in json.dumps(line)


def test_every_response_carries_a_new_request_id(client: Client, db: None) -> None:
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]

    assert len(first) == 32 and first != second


def test_a_safe_request_id_from_the_proxy_is_kept_and_an_unsafe_one_replaced(
    client: Client, db: None, request_lines: Callable[[], list[dict[str, object]]]
) -> None:
    kept = client.get("/accounts/login/", headers={"X-Request-ID": "abc123-proxy.id_42"})
    replaced = client.get("/accounts/login/", headers={"X-Request-ID": "bad id\nwith newline"})

    assert kept["X-Request-ID"] == "abc123-proxy.id_42"
    assert replaced["X-Request-ID"] != "bad id\nwith newline"
    assert [line["request_id"] for line in request_lines()] == [
        "abc123-proxy.id_42",
        replaced["X-Request-ID"],
    ]


def test_the_json_formatter_drops_objects_such_as_the_request_django_passes() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found", None, None)
    record.request = object()
    record.status_code = 404

    line = json.loads(JsonFormatter().format(record))

    assert line == {
        "time": line["time"],
        "level": "WARNING",
        "logger": "django.request",
        "message": "Not Found",
        "status_code": 404,
    }
    assert line["time"].endswith("Z")
