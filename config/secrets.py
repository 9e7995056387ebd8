"""The production guard on SECRET_KEY: a missing, short or published key refuses to start."""

from django.core.exceptions import ImproperlyConfigured

# Keys that anyone who reads this repository (or Django's docs) knows; never valid in production.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"  # noqa: S105
KNOWN_PREFIXES = ("dev-only-", "django-insecure-", "change-me", "changeme", "secret")
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why `key` is unfit for production, or None when it is fit."""
    if not key:
        return "SECRET_KEY is not set"
    if key == DEVELOPMENT_SECRET_KEY or key.lower().startswith(KNOWN_PREFIXES):
        return "SECRET_KEY is a known development key"
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return f"SECRET_KEY is too short or too simple (at least {MIN_LENGTH} varied characters)"
    return None


def production_secret_key(key: str, *, debug: bool) -> str:
    """The key to use: the development key only in DEBUG; in production a fit key or a refusal."""
    if debug:
        return key or DEVELOPMENT_SECRET_KEY
    problem = secret_key_problem(key)
    if problem:
        raise ImproperlyConfigured(
            f"Språkvän refuses to start with DEBUG=false: {problem}. Generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` and set it in the "
            "environment or in .env (see docs/security.md)."
        )
    return key
