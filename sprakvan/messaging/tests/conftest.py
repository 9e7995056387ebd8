"""Fixtures for the messaging tests: the local 46elks server and a real SMTP server."""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sprakvan.messaging.services import release_due
from sprakvan.messaging.tests.elks_server import ElksServer, running_elks_server
from sprakvan.messaging.tests.smtp import SmtpServer, running_smtp_server


@pytest.fixture
def elks_server() -> Iterator[ElksServer]:
    """A 46elks fake on 127.0.0.1; `.url` is the SMS_URL that reaches it."""
    with running_elks_server() as server:
        yield server


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """A real SMTP server on 127.0.0.1, and the default mailer pointing at it."""
    with running_smtp_server() as server:
        settings.MAILERS = {"default": server.mailer()}
        yield server


@pytest.fixture
def release(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., int]:
    """`release_due(now=…)` as tick runs it, outside a transaction: the sends it hands to the
    (immediate) task backend run at once."""

    def run(now: datetime.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return release_due(now=now)

    return run
