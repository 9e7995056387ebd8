"""Helpers shared by the partners pages: registration links, QR codes, the chosen year."""

from __future__ import annotations

import segno
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse

from sprakvan.accounts.models import Role
from sprakvan.core.access import ProgrammeRequest
from sprakvan.participants.sources import make_source_token

COORDINATOR = Role.COORDINATOR


def registration_link(request: ProgrammeRequest, **source: object) -> str | None:
    """The public sign-up address that records `source` (an organisation or an event)."""
    try:
        path = reverse("intake:choose", args=[request.programme.slug])
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path + "?via=" + make_source_token(**source))  # type: ignore[arg-type]


def qr_response(link: str | None, filename: str) -> HttpResponse:
    if link is None:
        raise Http404
    response = HttpResponse(
        segno.make(link, error="m").svg_inline(scale=6, border=2), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.svg"'
    return response


def chosen_year(request: ProgrammeRequest, default: int) -> int:
    """The year in ?year=, or `default` when it is missing or absurd."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default
