"""The tenant (Programme), its districts and the insert-only audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit_sentences import sentence_of


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def active(self) -> ProgrammeQuerySet:
        return self.filter(archived_at__isnull=True)


class Programme(models.Model):
    """A programme is archived, never deleted: its rows and its audit log stay."""

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
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


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


class AuditLogIsInsertOnly(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Filters for the log page; `update()` and `delete()` refuse (the log is insert-only)."""

    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsInsertOnly("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsInsertOnly("Audit events cannot be deleted.")

    def with_action_prefix(self, prefix: str) -> AuditEventQuerySet:
        return self.filter(action__startswith=prefix)

    def about(self, *, object_type: str = "", object_id: int | None = None) -> AuditEventQuerySet:
        events = self
        if object_type:
            events = events.filter(object_type=object_type)
        if object_id is not None:
            events = events.filter(object_id=object_id)
        return events

    def between(self, start: datetime.date | None, end: datetime.date | None) -> AuditEventQuerySet:
        events = self
        if start is not None:
            events = events.filter(at__date__gte=start)
        if end is not None:
            events = events.filter(at__date__lte=end)
        return events


class AuditEvent(models.Model):
    """Who did what, when: dotted actions with ids and non-personal details only.

    Insert-only: the model and its queryset refuse updates and deletes, and on PostgreSQL a
    trigger refuses them too unless a migration sets `sprakvan.audit_maintenance` (see
    migration 0002). Programmes are archived and users deactivated, so no cascade reaches it.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="audit_events", null=True
    )
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and (
            not self._state.adding or type(self)._base_manager.filter(pk=self.pk).exists()
        ):
            raise AuditLogIsInsertOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsInsertOnly("Audit events cannot be deleted.")

    @property
    def sentence(self) -> str:
        """The action in words, in the active language (the dotted name if it has none)."""
        return sentence_of(self.action)


class JobHeartbeat(models.Model):
    """The pulse of one background job (an import, a matching run, …); see `core.jobs`."""

    kind = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    beat_at = models.DateTimeField()
    worker = models.CharField(max_length=100, blank=True)  # host and process id, for operators

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="job_heartbeat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class TickRun(models.Model):
    """A daily job of `manage.py tick` that ran on that (Swedish) day: a second run that day
    finds the row and does nothing."""

    job = models.CharField(max_length=60)
    day = models.DateField()
    ran_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="tick_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
