"""The staff perimeter: session lifetime (idle and absolute), the second factor every staff
account must set up, and the log of every denied access (an archived programme's pages closed)."""

import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse

from sprakvan.core.audit import ACCESS_DENIED, log_action

from .access import current_memberships

LOGIN_AT = "accounts.login_at"
SEEN_AT = "accounts.seen_at"
# Writing the session on every request costs a database write; a minute's precision is enough.
SEEN_AT_RESOLUTION = 60


def stamp_login(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **kwargs: object
) -> None:
    """On login (connected to `user_logged_in`): the session's clock starts now."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Logs out after SESSION_IDLE_MINUTES without a request, or SESSION_MAX_HOURS after login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(LOGIN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_MINUTES * 60
            too_old = now - login_at > settings.SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - seen_at >= SEEN_AT_RESOLUTION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


def _is_public_page(path: str) -> bool:
    """Public pages need no login: a programme's pages under /<programme-slug>/ and every page
    of an `<app>_public` URL namespace (e.g. the unsubscribe link of an e-mail)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.route.startswith("<slug:") or match.app_name.endswith("_public")


class RequireMFAMiddleware:
    """With MFA_REQUIRED, a logged-in user without TOTP or a passkey can only set one up.

    Deny by default: every page is covered except the set-up pages themselves, logout,
    static files, the language switch and the programmes' public pages. Every account on
    the platform is a staff account (participants never log in), so every user is covered.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED
            and request.user.is_authenticated
            and not self._exempt(request.path_info)
            and not is_mfa_enabled(
                request.user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
            )
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        prefixes = [
            reverse("mfa_index"),  # the set-up pages: TOTP, passkeys, recovery codes
            reverse("account_logout"),
            reverse("account_reauthenticate"),  # allauth asks for the password before set-up
            reverse("set_language"),
            settings.STATIC_URL,
        ]
        return any(path.startswith(str(prefix)) for prefix in prefixes) or _is_public_page(path)


# URL prefixes of the staff side. Public pages live under /<programme-slug>/ and are not here,
# so a mistyped public address is not logged as a denied access.
STAFF_PREFIXES = (
    "/staff/",
    "/participants/",
    "/matching/",
    "/activities/",
    "/partners/",
    "/reports/",
    "/messages/",
    "/audit/",
    "/privacy/",
    "/platform/",
    "/admin/",
    "/tillganglighet/rapporter/",
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
                request, "accounts/programme_archived.html", {"programme": programme}, status=403
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
