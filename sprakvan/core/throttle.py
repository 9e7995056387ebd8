"""Hourly counters in the shared cache (web server and worker see the same), for the public
pages' rate limits: sign-ups, check-ins, reminder codes."""

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


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")
