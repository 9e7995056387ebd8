"""allauth and axes hooks: invitation-only sign-up, and what a failed login leaves behind."""

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from sprakvan.core.audit import log_action

from .models import User

logger = logging.getLogger(__name__)


def typed_login(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """What was typed in the login field, normalised the way e-mails are stored.

    Axes calls this (AXES_USERNAME_CALLABLE): allauth authenticates with `email=...`, while
    the form posts `login`; lower-casing keeps `Alice@…` and `alice@…` on one counter.
    """
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("login") or data.get("email")
    return str(value or "").strip().lower()


def login_fingerprint(typed: str) -> str:
    """A short keyed SHA-256 of a typed login: lets attempts be grouped, never read back."""
    return salted_hmac("accounts.login.failed", typed, algorithm="sha256").hexdigest()[:16]


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        """Log every failed login with the account id, or a hash of an unknown login."""
        typed = typed_login(request, credentials)
        user = User.objects.filter(email=typed).first() if typed else None
        locked = bool(getattr(request, "axes_locked_out", False))
        if user is not None:
            logger.warning("Failed login for user %s (locked: %s)", user.pk, locked)
            log_action("accounts.login.failed", programme=None, target=user, locked=locked)
        else:
            fingerprint = login_fingerprint(typed)
            logger.warning("Failed login for unknown account %s", fingerprint)
            log_action(
                "accounts.login.failed", programme=None, login_hash=fingerprint, locked=locked
            )
