"""The staff perimeter: closes an archived programme's pages and logs every denied access."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from .access import current_memberships
from .audit import ACCESS_DENIED, log_action

# URL prefixes of the staff side. Public pages live under /<programme-slug>/ and are not here,
# so a mistyped public address is not logged as a denied access.
STAFF_PREFIXES = (
    "/staff/",
    "/participants/",
    "/matching/",
    "/activities/",
    "/partners/",
    "/reports/",
    "/audit/",
    "/platform/",
    "/admin/",
)
# Not pages of a programme: the platform admin's own pages stay open when their programme is
# archived.
PLATFORM_PREFIXES = ("/platform/", "/admin/")
DENIED_STATUSES = {403, 404}


def _where(request: HttpRequest) -> dict[str, Any]:
    """The URL name and its numeric arguments (ids): never the raw path or a token."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return {"url_name": "", "area": request.path_info.split("/")[1]}
    ids = {key: value for key, value in match.kwargs.items() if isinstance(value, int)}
    return {"url_name": match.view_name, "ids": ids}


class StaffAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith(STAFF_PREFIXES) or not request.user.is_authenticated:
            return self.get_response(request)
        current = current_memberships(request)
        programme = current[0].programme if current else None
        if (
            programme is not None
            and programme.is_archived
            and not path.startswith(PLATFORM_PREFIXES)
        ):
            response = render(
                request, "core/programme_archived.html", {"programme": programme}, status=403
            )
        else:
            response = self.get_response(request)
        if response.status_code in DENIED_STATUSES:
            log_action(
                ACCESS_DENIED,
                programme=programme,
                actor=request.user,
                status=response.status_code,
                method=request.method,
                **_where(request),
            )
        return response
