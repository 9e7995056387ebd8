"""A problem with the site's accessibility, reported by anyone through the statement's form."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme


class AccessibilityReportQuerySet(models.QuerySet["AccessibilityReport"]):
    def open(self) -> AccessibilityReportQuerySet:
        return self.filter(handled_at__isnull=True)

    def open_first(self) -> AccessibilityReportQuerySet:
        """The reports still to handle first, then the handled ones; newest first in each."""
        is_open = ExpressionWrapper(Q(handled_at__isnull=True), output_field=BooleanField())
        return self.annotate(is_open=is_open).order_by("-is_open", "-created_at", "-id")


class AccessibilityReport(models.Model):
    """What did not work and where, and how to answer. The law (DOS-lagen) asks that a visitor
    can tell the programme; the coordinator answers and then marks the report handled, which
    clears the contact: it is kept only for the answer."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="accessibility_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    page = models.CharField(_("page"), max_length=300, blank=True)
    description = models.TextField(_("what is wrong"), max_length=3000)
    contact = models.CharField(_("how to answer"), max_length=200, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    objects = AccessibilityReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")

    def __str__(self) -> str:
        return f"{self.programme} #{self.pk}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
