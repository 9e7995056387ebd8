"""Hourly counters in the shared cache (web server and worker see the same), for the public
pages' rate limits: sign-ups, check-ins, reminder codes."""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

HOUR = 3600


def hit(key: str, *, window: int = HOUR) -> int:
    """Count one more event under `key` in this window; how many there are now (this one too).
    The window starts with the first event."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, or None when there is none to read. Behind our own
    proxies (`TRUSTED_PROXY_COUNT`, 1 with BEHIND_TLS_PROXY) it is the one the nearest of them
    wrote into X-Forwarded-For: every request reaches gunicorn from the proxy's address, so
    without this all visitors would share one limit. Entries further left are the client's own
    claims and never trusted. allauth's login limits and axes (settings) read the same."""
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if trusted and len(forwarded) >= trusted:
        written = forwarded[-trusted].strip()
        try:
            return str(ipaddress.ip_address(written))
        except ValueError:
            pass  # not an address: the proxy is not set up as docs/deploy.md says
    return request.META.get("REMOTE_ADDR") or None


def client_address(request: HttpRequest) -> str:
    """`client_ip` as a part of a counter's key."""
    return client_ip(request) or "unknown"
