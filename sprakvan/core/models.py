"""The tenant (Programme) and its districts: every programme-owned row hangs off a Programme."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), unique=True, max_length=60)
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisations = models.CharField(
        _("organisations running it"),
        max_length=300,
        blank=True,
        help_text=_("For example: Röda Korset Linköping Södra, Linköpings kommun"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A stadsdel. Neighbours are symmetrical and used by matching."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=100)
    neighbours = models.ManyToManyField(
        "self", blank=True, verbose_name=_("neighbouring districts")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="district_unique_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AuditEvent(models.Model):
    """Who did what, when: dotted actions with non-personal details only (see docs/decisions.md)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="audit_events", null=True
    )
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
