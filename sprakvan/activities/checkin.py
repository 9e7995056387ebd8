"""QR check-in links: a signed, expiring token holding only a session id, and its QR code."""

from __future__ import annotations

import datetime
import io

from django.core import signing

SALT = "sprakvan.activities.checkin"
# The list is often printed a week or two ahead; the link stops working after this.
MAX_AGE = datetime.timedelta(days=21)


class CheckinLinkError(Exception):
    """The link was altered, or it has expired."""

    def __init__(self, *, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(session_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(session_id))


def read_token(token: str, *, max_age: datetime.timedelta = MAX_AGE) -> int:
    """The session id in a token; raises CheckinLinkError when tampered with or too old."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise CheckinLinkError(expired=True) from exc
    except signing.BadSignature as exc:
        raise CheckinLinkError(expired=False) from exc
    try:
        return int(value)
    except ValueError as exc:
        raise CheckinLinkError(expired=False) from exc


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An SVG QR code for `url`, without an XML declaration so it can sit inside HTML."""
    import segno  # on the first code drawn, not when the URL map loads (test_import_weight)

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=scale, xmldecl=False, svgns=True, title="QR", border=2
    )
    return out.getvalue().decode()
