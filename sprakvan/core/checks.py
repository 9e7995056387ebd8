"""System checks of the production configuration that Django's own `check --deploy` lacks."""

from typing import Any

from django.conf import settings
from django.core import checks

DEVELOPMENT_MAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


@checks.register(checks.Tags.security)
def check_mail_backend(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Invitations and messages must reach people: a printed e-mail is an error in production."""
    if settings.DEBUG:
        return []
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    if backend in DEVELOPMENT_MAIL_BACKENDS:
        return [
            checks.Error(
                f"EMAIL_URL gives the development mail backend {backend!r} with DEBUG=false.",
                hint="Set EMAIL_URL to your SMTP server, e.g. smtp+tls://user:password@host:587.",
                id="mail.E001",
            )
        ]
    return []
