"""Creating and revoking API tokens; the secret exists in plain only in the creator's answer."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from .models import ROLE_SCOPES, ApiToken, hash_secret

PREFIX_LENGTH = 8


@transaction.atomic
def create_token(
    programme: Programme, *, name: str, role: str, scopes: Iterable[str], created_by: User
) -> tuple[ApiToken, str]:
    """A new token and its secret `sv_<prefix>_<random>`, to show once; only its hash is kept.
    Scopes the role may not have are dropped."""
    allowed = ROLE_SCOPES[role]
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    while ApiToken.objects.filter(key_prefix=prefix).exists():
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    secret = f"sv_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        programme=programme,
        name=name,
        role=role,
        scopes=[s for s in allowed if s in set(scopes)],
        key_prefix=prefix,
        key_hash=hash_secret(secret),
        created_by=created_by,
    )
    log_action(
        "api.token.created",
        programme=programme,
        actor=created_by,
        target=token,
        role=role,
        scopes=token.scopes,
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, revoked_by: User) -> bool:
    """Revoke at once; revoking twice keeps the first date."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("api.token.revoked", programme=token.programme_id, actor=revoked_by, target=token)
    return True


def find_token(secret: str) -> ApiToken | None:
    """The live token for a presented secret, or None."""
    if not secret.startswith("sv_"):
        return None
    return (
        ApiToken.objects.active()
        .select_related("programme")
        .filter(key_hash=hash_secret(secret))
        .first()
    )
