"""SMS: the backend chosen by `settings.SMS_URL`, its result and errors, the sender rules.

`console://` prints (development); `elks://USER:PASSWORD@api.46elks.com` sends through 46elks
over HTTPS; `elks+http://USER:PASSWORD@HOST:PORT` speaks plain HTTP to a local fake in tests.
The elks forms take `?connect_timeout=` and `?read_timeout=` in seconds (5 and 15 by default).
"""

from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sprakvan.messaging.sms.base import (
    SmsBackend,
    SmsError,
    SmsNotSent,
    SmsRejected,
    SmsResult,
    SmsUnknown,
    check_sender,
    is_e164,
    is_two_way,
)
from sprakvan.messaging.sms.console import ConsoleBackend

__all__ = [
    "ConsoleBackend",
    "SmsBackend",
    "SmsError",
    "SmsNotSent",
    "SmsRejected",
    "SmsResult",
    "SmsUnknown",
    "check_sender",
    "get_sms_backend",
    "is_e164",
    "is_two_way",
]

ELKS_SCHEMES = {"elks": "https", "elks+http": "http"}
TIMEOUT_OPTIONS = {"connect_timeout", "read_timeout"}


def get_sms_backend(url: str | None = None) -> SmsBackend:
    """The backend for `url` (default: settings.SMS_URL); one per URL, reused across sends."""
    return _backend_for(settings.SMS_URL if url is None else url)


@lru_cache(maxsize=16)
def _backend_for(url: str) -> SmsBackend:
    parts = urlsplit(url)
    if parts.scheme == "console":
        return ConsoleBackend()
    if parts.scheme not in ELKS_SCHEMES:
        raise ImproperlyConfigured(
            f"SMS_URL has an unknown scheme {parts.scheme!r}: use console://, "
            "elks://USER:PASSWORD@api.46elks.com or elks+http://USER:PASSWORD@HOST:PORT."
        )
    if not (parts.username and parts.password and parts.hostname):
        raise ImproperlyConfigured(
            "SMS_URL for 46elks needs the API username, password and host: "
            "elks://USER:PASSWORD@api.46elks.com."
        )
    options = dict(parse_qsl(parts.query))
    if unknown := set(options) - TIMEOUT_OPTIONS:
        raise ImproperlyConfigured(f"SMS_URL has unknown options: {', '.join(sorted(unknown))}.")
    try:
        connect_timeout = float(options.get("connect_timeout", 5.0))
        read_timeout = float(options.get("read_timeout", 15.0))
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured("SMS_URL has a bad port or timeout.") from error
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    # Imported here: httpx is needed only by a process that sends through 46elks.
    from sprakvan.messaging.sms.elks import ElksBackend

    return ElksBackend(
        base_url=f"{ELKS_SCHEMES[parts.scheme]}://{host}" + (f":{port}" if port else ""),
        username=unquote(parts.username),
        password=unquote(parts.password),
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
    )
