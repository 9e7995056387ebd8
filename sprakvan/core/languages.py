"""Which languages a page speaks. Staff pages speak Swedish, English and Arabic
(`STAFF_LANGUAGES`); the public pages a newcomer sees, and the messages, speak every language in
`LANGUAGES` (easy Swedish, Dari, Tigrinya, Somali, Ukrainian too). A staff user whose language
cookie says `ti` gets Swedish on staff pages and Tigrinya back on the public ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from django.utils import translation

# The URL namespaces of the public pages (no login): each app's public_urls.
PUBLIC_NAMESPACES = frozenset(
    {
        "participants_public",
        "activities_public",
        "matching_public",
        "partners_public",
        "privacy_public",
        "messaging_public",
        "accessibility_public",
    }
)
# Single public routes in otherwise staff namespaces: a programme's front page and the
# accessibility statement without a programme in the address.
PUBLIC_ROUTES = frozenset({"core:home", "core:programme_page", "accessibility:statement"})
# "/" is the staff's home and, for a visitor, the front page.
VISITOR_ROUTES = frozenset({"home:start"})

# Spoken language (participants' `languages`, for matching) of each page language, where they
# differ: Dari is spoken Persian ("fa"), easy Swedish is Swedish.
SPOKEN = {"fa-af": "fa", "sv-x-easy": "sv"}


def is_public(request: HttpRequest) -> bool:
    """True on a page a participant or visitor sees; False on staff pages and unknown addresses."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    return match is not None and is_public_route(
        match, visitor=not (user and user.is_authenticated)
    )


def is_public_route(match: ResolverMatch, *, visitor: bool) -> bool:
    """True when the resolved address is a public page (for a visitor, also the front page)."""
    if match.namespace in PUBLIC_NAMESPACES or match.view_name in PUBLIC_ROUTES:
        return True
    return visitor and match.view_name in VISITOR_ROUTES


def page_language_codes(request: HttpRequest) -> list[str]:
    """The languages this page offers, in the order of `LANGUAGES`."""
    if is_public(request):
        return [code for code, _name in settings.LANGUAGES]
    return [code for code, _name in settings.LANGUAGES if code in settings.STAFF_LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """Every language of messages and public pages, each in its own name and script."""
    return [
        (code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES
    ]


def spoken_language(code: str) -> str:
    """The spoken language (as matching counts it) of a page language."""
    return SPOKEN.get(code, code)


class StaffLanguageMiddleware:
    """After LocaleMiddleware: a language only the public pages speak becomes Swedish on a staff
    page (the cookie stays, so the public pages keep it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        language = translation.get_language()
        if language in settings.STAFF_LANGUAGES or is_public(request):
            return
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE


def languages(request: HttpRequest) -> dict[str, Any]:
    """Context: `page_languages` (the switcher's buttons) and `public_page`."""
    return {
        "public_page": is_public(request),
        "page_languages": [translation.get_language_info(c) for c in page_language_codes(request)],
    }
