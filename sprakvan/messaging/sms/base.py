"""What every SMS backend promises: the result, the three kinds of failure, the sender rules."""

import re
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext

E164 = re.compile(r"\+[1-9][0-9]{6,14}")
ALPHANUMERIC_SENDER = re.compile(r"[A-Za-z][A-Za-z0-9]{2,10}")


@dataclass(frozen=True)
class SmsResult:
    provider_id: str
    status: str
    parts: int
    cost: int | None  # as the provider reports it; 46elks: 1/10000 of the currency unit


class SmsError(Exception):
    """The provider did not take the SMS, or we cannot tell whether it did."""


class SmsNotSent(SmsError):
    """Surely not accepted (no connection, or HTTP 429): safe to try again later."""


class SmsRejected(SmsError):
    """Refused for good (bad number, bad sender, no credit, bad credentials): never retry."""


class SmsUnknown(SmsError):
    """The request went out but the answer did not come back readable: it may have been sent."""


class SmsBackend(Protocol):
    def send(
        self, *, sender: str, to: str, text: str, delivery_url: str | None = None
    ) -> SmsResult: ...


def is_e164(number: str) -> bool:
    return E164.fullmatch(number) is not None


def check_sender(sender: str) -> None:
    """A sender is a number in E.164 form (+46…) or a name of 3–11 letters and digits.

    Raises ValueError with a message for the coordinator otherwise.
    """
    if sender.startswith("+"):
        if not is_e164(sender):
            raise ValueError(
                gettext("A sender number must be in international form, such as +46701234567.")
            )
        return
    if ALPHANUMERIC_SENDER.fullmatch(sender) is None:
        raise ValueError(
            gettext(
                "A sender name must be 3–11 characters, only A–Z, a–z and 0–9 "
                "(no å, ä, ö or spaces), and must not start with a digit."
            )
        )


def is_two_way(sender: str) -> bool:
    """Whether replies reach us (a number can receive STOP; a sender name cannot)."""
    return is_e164(sender)
