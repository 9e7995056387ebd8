"""HTML to a tagged PDF (PDF/UA-1: structure tags, language, title) with WeasyPrint, the one
way every PDF of the platform is made (the partner-dialogue document, the attendance list, a
participant's data). Only local files and data: URLs are read; nothing is fetched over a network."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint reports every step at INFO; the log is for what goes wrong.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str, *, stylesheets: Iterable[str] = ()) -> bytes:
    """The PDF of `html`; relative addresses are files under the project; `stylesheets` are
    extra CSS files named as static files (e.g. "activities/print.css")."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    paths = [finders.find(name) for name in stylesheets]
    if None in paths:
        raise FileNotFoundError(f"A stylesheet is missing: {list(stylesheets)}")

    document = HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        url_fetcher=URLFetcher(allowed_protocols={"file", "data"}),
    )
    return (
        document.write_pdf(
            stylesheets=[CSS(filename=path) for path in paths],
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
        )
        or b""
    )
