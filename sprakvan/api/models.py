"""API tokens: one per system that calls the API, with a role and scopes, stored hashed."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme


class TokenRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator's system")
    PARTNER_VIEWER = "partner_viewer", _("Partner's system (suppressed figures)")
    DOOR = "door", _("Door tablet (records attendance only)")


class Scope(models.TextChoices):
    STATISTICS_READ = "statistics:read", _("Read statistics")
    ACTIVITIES_READ = "activities:read", _("Read activities and sessions")
    PARTICIPANTS_READ = "participants:read", _("Read participants")
    PAIRS_READ = "pairs:read", _("Read pairs")
    ATTENDANCE_READ = "attendance:read", _("Read attendance")
    ATTENDANCE_WRITE = "attendance:write", _("Record attendance")


# What each role may be given; a scope outside its role's set is never granted.
ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    TokenRole.COORDINATOR: tuple(Scope.values),
    TokenRole.PARTNER_VIEWER: (Scope.STATISTICS_READ, Scope.ACTIVITIES_READ),
    TokenRole.DOOR: (Scope.ATTENDANCE_WRITE,),
}


def hash_secret(secret: str) -> str:
    """The stored form of a secret: the secret is random and long, so a plain sha256 suffices
    (no password stretching needed) and lets a request find its token in one indexed query."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses it."))
    role = models.CharField(_("role"), max_length=20, choices=TokenRole.choices)
    scopes = models.JSONField(_("scopes"), default=list)
    key_prefix = models.CharField(max_length=8, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes and scope in ROLE_SCOPES.get(self.role, ())
