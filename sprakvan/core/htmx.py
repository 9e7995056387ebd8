"""One way to ask whether htmx made a request (it then wants a fragment, not a page)."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """django-htmx's middleware sets `request.htmx`, truthy when the HX-Request header is sent."""
    return bool(getattr(request, "htmx", False))
