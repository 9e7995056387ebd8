"""Signed source tokens for registration links: "this sign-up came via organisation X / fair Y".

The token holds only an id, a kind and the row's link secret, signed so nobody can forge a
referral source. The links are printed on posters, so they never expire; rotating the secret
(partners' `rotate_*_link`) revokes every link made before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.utils.crypto import constant_time_compare

from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent

from .choices import Source

SALT = "participants.source"


def make_source_token(
    *, organisation: Organisation | None = None, event: OutreachEvent | None = None
) -> str:
    if (organisation is None) == (event is None):
        raise ValueError("Give exactly one of organisation or event.")
    if organisation is not None:
        payload = {"o": organisation.pk, "s": organisation.link_secret}
    else:
        payload = {"e": event.pk, "s": event.link_secret}  # type: ignore[union-attr]
    return signing.dumps(payload, salt=SALT, compress=True)


@dataclass(frozen=True)
class RegistrationSource:
    source: str
    organisation: Organisation | None = None
    event: OutreachEvent | None = None
    # A genuine link whose secret was rotated: the page says so, the sign-up counts as plain.
    revoked: bool = False

    def values(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_organisation": self.organisation,
            "source_event": self.event,
        }


SELF = RegistrationSource(Source.SELF_REGISTRATION)
REVOKED = RegistrationSource(Source.SELF_REGISTRATION, revoked=True)


def read_source_token(token: str, programme: Programme) -> RegistrationSource:
    """The source behind a link; a missing, forged or foreign token is a plain sign-up, and a
    link whose secret was rotated since is `REVOKED`."""
    if not token:
        return SELF
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return SELF
    if not isinstance(payload, dict):
        return SELF
    secret = payload.get("s")
    if "o" in payload:
        organisation = Organisation.objects.filter(programme=programme, pk=payload["o"]).first()
        if organisation:
            if not _same_secret(secret, organisation.link_secret):
                return REVOKED
            return RegistrationSource(Source.REFERRAL, organisation=organisation)
    if "e" in payload:
        event = OutreachEvent.objects.filter(programme=programme, pk=payload["e"]).first()
        if event:
            if not _same_secret(secret, event.link_secret):
                return REVOKED
            return RegistrationSource(Source.FAIR, organisation=None, event=event)
    return SELF


def _same_secret(given: object, current: str) -> bool:
    return isinstance(given, str) and constant_time_compare(given, current)
