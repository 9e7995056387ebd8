"""Goals (delmål), the coordinator's texts for the partner dialogue, and filed statistics."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import District, Programme


class GoalKind(models.TextChoices):
    MORE_THAN_LAST_YEAR = "more_than_last_year", _("More than last year")
    MONTHLY_IN_DISTRICT = "monthly_in_district", _("Activity in a district every month")
    KEEP_LEVEL = "keep_level", _("At least last year's level")


class Measure(models.TextChoices):
    NEW_PAIRS = "new_pairs", _("New language-friend pairs")
    ACTIVE_PAIRS = "active_pairs", _("Active language-friend pairs")
    NEWCOMERS = "newcomers", _("Registered newcomers")
    ESTABLISHED = "established", _("Registered established residents")
    SESSIONS = "sessions", _("Sessions held")
    ATTENDANCE = "attendance", _("Attendance at sessions")
    AVERAGE_ATTENDANCE = "average_attendance", _("Participants per session")


class Goal(models.Model):
    """A delmål for one year. Its status and progress are computed from the data (goals.py)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("goal as written"),
        max_length=300,
        help_text=_("For example: Increase the number of matched language friends."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=GoalKind.choices)
    measure = models.CharField(_("measure"), max_length=24, choices=Measure.choices, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    minimum_per_month = models.PositiveSmallIntegerField(
        _("sessions at least, each month"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["year", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=GoalKind.MONTHLY_IN_DISTRICT)
                | (Q(district__isnull=False) & Q(minimum_per_month__gte=1)),
                name="goal_monthly_has_district_and_minimum",
            ),
            models.CheckConstraint(
                condition=Q(kind=GoalKind.MONTHLY_IN_DISTRICT) | ~Q(measure=""),
                name="goal_comparison_has_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def clean(self) -> None:
        if self.kind == GoalKind.MONTHLY_IN_DISTRICT:
            if not self.district_id or not self.minimum_per_month:
                raise ValidationError(_("Choose the district and how many sessions a month."))
            if self.district and self.district.programme_id != self.programme_id:
                raise ValidationError({"district": _("Choose a district of this programme.")})
        elif not self.measure:
            raise ValidationError({"measure": _("Choose what to compare with last year.")})


class DocumentText(models.Model):
    """The coordinator's own words in the partner-dialogue document for one period."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="document_texts"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    meeting_date = models.DateField(_("date of the meeting"), null=True, blank=True)
    participants = models.TextField(
        _("meeting participants"), blank=True, help_text=_("One person a line: name, organisation.")
    )
    # One text for every section of the document, printed before the generated parts.
    background = models.TextField(_("background"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    results = models.TextField(_("results"), blank=True)
    future = models.TextField(_("future"), blank=True)
    finances = models.TextField(_("finances"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    signatures = models.TextField(
        _("signed by"), blank=True, help_text=_("One person a line: name, organisation.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end"]
        verbose_name = _("partner-dialogue text")
        verbose_name_plural = _("partner-dialogue texts")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period_start", "period_end"], name="document_text_once"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="document_text_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"

    @property
    def participant_lines(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]

    @property
    def signature_lines(self) -> list[str]:
        return [line.strip() for line in self.signatures.splitlines() if line.strip()]


class StatisticsRecord(models.Model):
    """The figures of a period as they were filed (counts only, no personal data): a document
    sent to the partners can always be reproduced, whatever happens to the rows later."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="statistics_records"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    figures = models.JSONField(_("figures"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("filed statistics")
        verbose_name_plural = _("filed statistics")

    def __str__(self) -> str:
        return f"{self.programme} {self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"


class DocumentBuild(models.Model):
    """The partner-dialogue document as a file, built in the background and kept: `inputs_key`
    digests everything it is made from (see builds.py), so the same inputs reuse the file and a
    change in the data or the texts asks for a new one. The file is held in the database and
    only ever leaves through the views' access check (a partner viewer's build is suppressed,
    and only a partner viewer's request finds it)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Building the document")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    compare = models.CharField(max_length=20, blank=True)
    suppressed = models.BooleanField()  # built for a partner viewer: small counts hidden
    today = models.DateField()  # the day the figures are reckoned to
    inputs_key = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=40, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    content = models.BinaryField(blank=True, default=b"")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="document_build_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.format} {self.period_start:%Y-%m-%d} {self.state}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def filename(self) -> str:
        return (
            f"partssamtal-{self.programme.slug}-{self.period_start:%Y%m%d}-"
            f"{self.period_end:%Y%m%d}.{self.format}"
        )
