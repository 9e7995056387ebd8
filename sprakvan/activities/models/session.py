"""Sessions: the single occurrences of an activity, planned, moved or cancelled."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme

from .activity import Activity, Schedule, Venue


class SessionQuerySet(models.QuerySet["Session"]):
    def held(self) -> SessionQuerySet:
        return self.exclude(status=Session.Status.CANCELLED)

    def held_between(self, start: datetime.date, end: datetime.date) -> SessionQuerySet:
        """Sessions not cancelled, dated within [start, end]."""
        return self.held().filter(date__gte=start, date__lte=end)

    def between(self, start: datetime.date, end: datetime.date) -> SessionQuerySet:
        return self.filter(date__gte=start, date__lte=end)

    def led_by(self, user: object) -> SessionQuerySet:
        return self.filter(activity__leaders=user)

    def with_totals(self) -> SessionQuerySet:
        """Each session with its named, walk-in and total attendance (see services)."""
        from ..statistics import annotate_totals

        return annotate_totals(self)


class Session(models.Model):
    """One occurrence. A schedule's session is keyed by the date the rule gave (`occurrence`),
    so moving or cancelling it survives re-expansion; one-off sessions have no schedule."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    schedule = models.ForeignKey(
        Schedule, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    occurrence = models.DateField(null=True, blank=True, editable=False)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("venue"),
        help_text=_("Empty: the activity's venue."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    holiday = models.CharField(_("public holiday"), max_length=60, blank=True)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Shown in the calendar.")
    )
    is_moved = models.BooleanField(default=False, editable=False)
    # How many times it was moved or cancelled: the notice of each change to the
    # reminder subscribers carries the number in its key, so it goes out once per change.
    changes = models.PositiveIntegerField(default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        # (activity, date): an activity's sessions in a window, e.g. the door list's regulars.
        indexes = [
            models.Index(fields=["programme", "date"]),
            models.Index(fields=["activity", "date"], name="session_activity_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "occurrence"],
                condition=Q(schedule__isnull=False),
                name="session_once_per_occurrence",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def place(self) -> Venue | None:
        return self.venue or self.activity.venue

    @property
    def week(self) -> int:
        return self.date.isocalendar()[1]

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time)

    @property
    def start_moment(self) -> datetime.datetime:
        """The start as an aware moment in the programme's (Swedish) time."""
        return timezone.make_aware(self.starts_at)
