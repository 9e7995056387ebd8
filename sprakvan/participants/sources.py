"""Signed source tokens for registration links: "this sign-up came via organisation X / fair Y".

The token holds only an id and a kind, signed so nobody can forge a referral source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing

from sprakvan.core.models import Programme
from sprakvan.partners.models import Organisation, OutreachEvent

from .choices import Source

SALT = "participants.source"


def make_source_token(
    *, organisation: Organisation | None = None, event: OutreachEvent | None = None
) -> str:
    if (organisation is None) == (event is None):
        raise ValueError("Give exactly one of organisation or event.")
    payload = {"o": organisation.pk} if organisation else {"e": event.pk}  # type: ignore[union-attr]
    return signing.dumps(payload, salt=SALT, compress=True)


@dataclass(frozen=True)
class RegistrationSource:
    source: str
    organisation: Organisation | None = None
    event: OutreachEvent | None = None

    def values(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_organisation": self.organisation,
            "source_event": self.event,
        }


SELF = RegistrationSource(Source.SELF_REGISTRATION)


def read_source_token(token: str, programme: Programme) -> RegistrationSource:
    """The source behind a link; a missing, forged or foreign token is a plain sign-up."""
    if not token:
        return SELF
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return SELF
    if "o" in payload:
        organisation = Organisation.objects.filter(programme=programme, pk=payload["o"]).first()
        if organisation:
            return RegistrationSource(Source.REFERRAL, organisation=organisation)
    if "e" in payload:
        event = OutreachEvent.objects.filter(programme=programme, pk=payload["e"]).first()
        if event:
            return RegistrationSource(Source.FAIR, organisation=None, event=event)
    return SELF
