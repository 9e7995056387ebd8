"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the e-mail tests: it keeps what it receives
and refuses recipients at refused.example."""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

REFUSED_DOMAIN = "refused.example"
# A message to this address is refused after its text (554), or the connection is dropped then.
REFUSED_AFTER_DATA = "refuse-text@example.org"
DROPPED_AFTER_DATA = "drop-text@example.org"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpServer:
    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)

    def mailer(self) -> dict[str, Any]:
        """The MAILERS entry that reaches this server."""
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": self.host, "port": self.port, "timeout": 5},
        }


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address.endswith("@" + REFUSED_DOMAIN):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if REFUSED_AFTER_DATA in envelope.rcpt_tos:
            return "554 5.6.0 Message refused"
        if DROPPED_AFTER_DATA in envelope.rcpt_tos:
            server.transport.close()  # the message may or may not have been kept
            return "250 OK"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.server.received.append(
            Received(sender=envelope.mail_from, recipients=list(envelope.rcpt_tos), message=parsed)
        )
        return "250 Message accepted for delivery"


class _Controller(Controller):
    """aiosmtpd's controller on port 0: learns the port the system chose before it checks
    that the server answers."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def running_smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    # aiosmtpd logs every envelope address at INFO: a test server's chatter, and personal data.
    chatter = logging.getLogger("mail.log")
    level = chatter.level
    chatter.setLevel(logging.WARNING)
    controller = _Controller(_Handler(server), hostname=server.host, port=0)
    controller.start()
    server.port = controller.port
    try:
        yield server
    finally:
        controller.stop()
        chatter.setLevel(level)
