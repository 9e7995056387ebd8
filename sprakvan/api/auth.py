"""Who calls the API: the bearer token, its rate limit and its scopes."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from sprakvan.core.throttle import HOUR, hit

from .models import ApiToken
from .services import find_token

REQUESTS_PER_HOUR = 600
# last_used_at is written at most this often, so a busy token does not write on every request.
LAST_USED_RESOLUTION_SECONDS = 60


class RateLimited(Exception):
    """The token used up its requests for the hour (answered 429 with Retry-After)."""


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sv_<prefix>_<random>`; a revoked or unknown token is a 401."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = find_token(token)
        if api_token is None:
            return None
        if hit(f"api:token:{api_token.pk}", window=HOUR) > REQUESTS_PER_HOUR:
            raise RateLimited
        now = timezone.now()
        last = api_token.last_used_at
        if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token


def token_of(request: HttpRequest) -> ApiToken:
    token = request.auth  # type: ignore[attr-defined]
    if not isinstance(token, ApiToken):
        raise HttpError(401, "Unauthorized")
    return token


def require_scope(request: HttpRequest, scope: str) -> ApiToken:
    """The request's token if it has `scope` (and its role allows it), else 403."""
    token = token_of(request)
    if not token.allows(scope):
        raise HttpError(403, f"This token lacks the scope {scope}.")
    return token
