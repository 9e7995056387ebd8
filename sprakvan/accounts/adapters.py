"""allauth and axes hooks: invitation-only sign-up, what a failed login leaves behind, and the
name allauth's e-mails (password reset) greet with."""

import logging
from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from sprakvan.core.audit import log_action

from .models import User

logger = logging.getLogger(__name__)

SITE_NAME = "Språkvän"


@dataclass(frozen=True)
class EmailSite:
    """What allauth's e-mail templates read as `current_site`. Without the sites framework
    allauth would use the request's host, greeting people with "Hello from 127.0.0.1:8000!"."""

    name: str
    domain: str


def email_site(user: User | None) -> EmailSite:
    """The programme's name for someone with roles in one programme, else the site's name."""
    names = set()
    if user is not None:
        names = set(
            user.memberships.filter(programme__archived_at__isnull=True).values_list(
                "programme__name", flat=True
            )
        )
    name = names.pop() if len(names) == 1 else SITE_NAME
    return EmailSite(name=name, domain=settings.SITE_URL.split("://", 1)[-1].rstrip("/"))


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
    site: EmailSite | None = None

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        self.site = email_site(user if isinstance(user, User) else None)
        super().send_mail(template_prefix, email, {"current_site": self.site, **context})

    def format_email_subject(self, subject: str) -> str:
        if self.site is None:
            return super().format_email_subject(subject)
        return f"[{self.site.name}] {subject}"

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
