"""One log line per request: request id, user id, programme, route, method, status, duration.

The line never holds personal data: the user is their primary key, the route is the URL
pattern's name (never the path, which may carry tokens or ids) and there is no query string.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("sprakvan.request")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept only when it is a plain token, so nothing odd reaches the logs.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# accounts.access keeps the staff's current programme under this session key (core cannot
# import accounts, so the key is repeated here).
CURRENT_PROGRAMME_SESSION_KEY = "programme_id"


def request_id_for(request: HttpRequest) -> str:
    """The proxy's X-Request-ID when it is a safe token, else a new uuid4."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SAFE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def route_of(request: HttpRequest) -> str | None:
    """The URL pattern's name ("participants:detail"), or its pattern when it has no name."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return match.view_name or match.route


def programme_of(request: HttpRequest) -> str | None:
    """The programme slug from the URL, else the staff's current programme id; no query."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.kwargs.get("programme_slug"):
        return str(match.kwargs["programme_slug"])
    session = getattr(request, "session", None)
    # Only a session that was loaded anyway: reading one costs a query.
    if session is not None and getattr(session, "accessed", False):
        chosen = session.get(CURRENT_PROGRAMME_SESSION_KEY)
        return None if chosen is None else str(chosen)
    return None


def user_id_of(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return int(user.pk)


class RequestLogMiddleware:
    """Outermost, so the duration covers every other middleware and every response counts."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        fields = {
            "request_id": request_id,
            "user_id": user_id_of(request),
            "programme": programme_of(request),
            "route": route_of(request),
            "method": request.method,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        logger.info(
            "%s %s %s %.1fms",
            fields["method"],
            fields["route"],
            fields["status"],
            fields["duration_ms"],
            extra=fields,
        )
        return response
