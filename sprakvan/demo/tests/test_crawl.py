"""The crawl: every page each role reaches, in a real Chromium, at 360 and 1280 px, in Swedish
and Arabic — no page wider than the screen and nothing axe finds (issue 15) — and every public
page, a visitor's and a signed-in participant's, in every language of the site (issue 16).

The pages are the authorization matrix's: every route whose row says a role gets 200 on GET,
at the address built from the matrix's world (one object of every kind). Downloads (PDF,
Word, Excel, CSV, calendar files) are not pages and are left out. It is the widest browser
test, so it runs once, on SQLite (the pages do not depend on the database engine).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import resolve
from django.utils import timezone

from sprakvan.core.languages import is_public_route

from .authorization import Matrix, Role
from .conftest import _build, own_pages, pages_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the widest crawl runs once, on SQLite"
    ),
]

ROLES = [
    Role.ANONYMOUS,
    Role.COORDINATOR,
    Role.LEADER,
    Role.PARTNER_VIEWER,
    Role.REFERRER,
    Role.PLATFORM_ADMIN,
]
STAFF_LANGUAGES = ["sv", "ar"]  # staff pages: Swedish and the right-to-left layout
PUBLIC_LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
WIDTHS = [360, 1280]


def _visit(page: Any, url: str) -> int | None:
    """Open the address: its status, or None when it is a download rather than a page."""
    try:
        response = page.goto(url)
    except Exception as error:  # a download aborts the navigation
        if "Download is starting" in str(error):
            return None
        raise
    if "text/html" not in (response.headers.get("content-type") or ""):
        return None
    return int(response.status)


def visits(matrix: Matrix) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(who, language, session key, pages): every role's pages in Swedish and Arabic, and the
    public pages (a visitor's and a signed-in participant's) in every language."""
    result = []
    for role in ROLES:
        pages = pages_for(role, matrix.own)
        assert pages, f"{role} reaches no page"
        for language in STAFF_LANGUAGES:
            result.append((str(role), language, matrix.sessions.get(role, ""), pages))
    public = [
        (name, address)
        for name, address in pages_for(Role.ANONYMOUS, matrix.own)
        if is_public_route(resolve(urlsplit(address).path), visitor=True)
    ]
    own = own_pages(matrix.own)
    for language in PUBLIC_LANGUAGES:
        if language not in STAFF_LANGUAGES:
            result.append(("visitor", language, "", public))
        result.append(("participant", language, matrix.participant_session, own))
    return result


def test_every_page_of_every_role_fits_the_screen_and_passes_axe(
    browser: Any,
    live_server: Any,
    axe_violations: Callable[[Any], list[str]],
    tmp_path: Any,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    matrix = _build(timezone.localdate())
    problems: list[str] = []
    visited = 0
    for who, language, session, pages in visits(matrix):
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
        cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
        if session:
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
            )
        context.add_cookies(cookies)
        page = context.new_page()
        for name, address in pages:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                status = _visit(page, live_server.url + address)
                if status is None:
                    break
                visited += 1
                where = f"{who} {language} {width}px {name} ({address})"
                if status != 200:
                    problems.append(f"{where}: status {status}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{where}: {scroll} px wide")
                problems += [f"{where}: {v}" for v in axe_violations(page)]
        context.close()
    assert visited > 300
    assert problems == [], "\n" + "\n".join(problems)
