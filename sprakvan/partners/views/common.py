"""Helpers shared by the partners pages: registration links, QR codes, protected files, the year."""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from sprakvan.accounts.access import ProgrammeRequest
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.sources import make_source_token


def registration_link(
    request: ProgrammeRequest,
    *,
    organisation: Organisation | None = None,
    event: OutreachEvent | None = None,
) -> str:
    """The public sign-up address that records its source: an organisation or an event."""
    path = reverse("participants_public:choose", args=[request.programme.slug])
    token = make_source_token(organisation=organisation, event=event)
    return request.build_absolute_uri(path + "?via=" + token)


def qr_response(link: str, filename: str) -> HttpResponse:
    import segno  # on the first code drawn, not when the URL map loads (test_import_weight)

    response = HttpResponse(
        segno.make(link, error="m").svg_inline(scale=6, border=2), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.svg"'
    # After the link is rotated the page must show the new code, not a cached old one.
    response["Cache-Control"] = "no-store"
    return response


def protected_file_response(file: FieldFile) -> HttpResponse:
    """An uploaded file as a download, for a view that has already checked who may have it.

    Uploads are never served under /media/. With PROTECTED_MEDIA_ACCEL_PREFIX set, nginx sends
    the file (an `internal` location aliased to MEDIA_ROOT); otherwise Django streams it. A
    missing file, or a stored name that points outside the storage, is a 404.
    """
    if not file or not file.name:
        raise Http404
    try:
        root = Path(file.storage.path("")).resolve()
        path = Path(file.storage.path(file.name)).resolve()
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    # safe_join refuses "../"; resolving also catches a symlink that leads out of the storage.
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404
    filename = path.name
    prefix = getattr(settings, "PROTECTED_MEDIA_ACCEL_PREFIX", "")
    response: HttpResponse | FileResponse
    if prefix:
        relative = PurePosixPath(*path.relative_to(root).parts)
        response = HttpResponse(
            content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream"
        )
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(str(relative))
    else:
        response = FileResponse(path.open("rb"), as_attachment=True, filename=filename)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    # A FileResponse streams rather than being an HttpResponse; staff views are typed as the latter.
    return response  # type: ignore[return-value]


def chosen_year(request: ProgrammeRequest, default: int) -> int:
    """The year in ?year=, or `default` when it is missing or absurd."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default
