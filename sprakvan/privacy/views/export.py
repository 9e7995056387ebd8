"""Download my data: the signed-in person's JSON (Art. 20) and readable PDF (Art. 15), and
the same files for the coordinator when a person asks by phone or on paper."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import Http404, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from sprakvan.accounts.access import ProgrammeRequest, coordinator_view, get_scoped
from sprakvan.core.audit import log_action
from sprakvan.participants.models import Participant

from .. import export, export_pdf
from ..session import OwnPageRequest, own_page_view

CONTENT_TYPES = {"json": "application/json", "pdf": "application/pdf"}


def export_response(
    participant: Participant, fmt: str, *, actor: AbstractBaseUser | None
) -> HttpResponse:
    """The file as an attachment, never cached; the download is audited (ids and format)."""
    if fmt not in export.FORMATS:
        raise Http404
    now = timezone.now()
    data = export.collect(participant, now=now)
    content = export.to_json(data) if fmt == "json" else export_pdf.to_pdf(data)
    log_action(
        "privacy.export.downloaded",
        programme=participant.programme_id,
        actor=actor,
        target=participant,
        format=fmt,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export.filename(fmt, now=now)}"'
    add_never_cache_headers(response)
    return response


@require_safe
@own_page_view
def download(request: OwnPageRequest, programme_slug: str, fmt: str) -> HttpResponse:
    return export_response(request.participant, fmt, actor=None)


@require_safe
@coordinator_view
def staff_export(request: ProgrammeRequest, pk: int, fmt: str) -> HttpResponse:
    """For a person who asked by phone or on paper: the coordinator hands them the files."""
    participant = get_scoped(Participant.objects.select_related("programme"), request, pk=pk)
    return export_response(participant, fmt, actor=request.user)


urls: list[URLPattern] = [
    path("mina-sidor/ladda-ner/<str:fmt>/", download, name="download"),
]
