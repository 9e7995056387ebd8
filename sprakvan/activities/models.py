"""Activities: venues, activities, their recurring schedules, sessions and who came."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import District, Programme
from sprakvan.participants.choices import Gender, Group

from . import schedule as schedule_rules


class ActivityType(models.TextChoices):
    """The kinds of activity; each has a picture and a plain-language description."""

    LANGUAGE_CAFE = "language_cafe", _("Language café")
    POPUP_CAFE = "popup_cafe", _("Pop-up café at a workplace")
    WALK_AND_TALK = "walk_and_talk", _("Walk and talk")
    SPORT = "sport", _("Sport")
    CITY_WALK = "city_walk", _("Guided city walk")
    GARDENING = "gardening", _("Gardening")
    OTHER = "other", _("Other activity")


# Easy Swedish in the Swedish catalogue: short sentences, everyday words.
TYPE_DESCRIPTIONS: dict[str, Any] = {
    ActivityType.LANGUAGE_CAFE: _(
        "Drink coffee and talk Swedish with others. Everyone is welcome."
    ),
    ActivityType.POPUP_CAFE: _("A language café at a workplace. Meet the people who work there."),
    ActivityType.WALK_AND_TALK: _("We take a walk together and talk Swedish on the way."),
    ActivityType.SPORT: _("Play a sport together, for example floorball. No skills needed."),
    ActivityType.CITY_WALK: _("A guide shows the city. Easy Swedish and pictures."),
    ActivityType.GARDENING: _("Grow vegetables and flowers together in the garden."),
    ActivityType.OTHER: _("Meet others and talk Swedish."),
}


def type_picture(activity_type: str) -> str:
    return static(f"activities/types/{activity_type}.svg")


def type_description(activity_type: str) -> str:
    return str(TYPE_DESCRIPTIONS.get(activity_type, TYPE_DESCRIPTIONS[ActivityType.OTHER]))


class LanguageLevel(models.TextChoices):
    EASY = "easy", _("Easy Swedish")
    ALL = "all", _("All levels")
    SOME = "some", _("Some Swedish needed")


class HallBooking(models.TextChoices):
    NOT_NEEDED = "", _("No booking needed")
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class Venue(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
        verbose_name=_("provided by"),
    )
    is_outdoor = models.BooleanField(_("outdoors"), default=False)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("For example: step-free entrance, lift, accessible toilet, hearing loop."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="venue_unique_per_programme")
        ]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(models.QuerySet["Activity"]):
    def led_by(self, user: object) -> ActivityQuerySet:
        return self.filter(leaders=user)

    def weekly(self) -> ActivityQuerySet:
        """Activities with a recurring schedule that has not ended."""
        return self.filter(is_active=True, schedules__isnull=False).distinct()


class Activity(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    type = models.CharField(_("type"), max_length=20, choices=ActivityType.choices)
    title = models.CharField(_("title"), max_length=200)
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("venue")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Empty: the venue's district."),
    )
    host_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_activities",
        verbose_name=_("host organisation"),
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_activities",
        verbose_name=_("leaders"),
    )
    language_level = models.CharField(
        _("language level"), max_length=8, choices=LanguageLevel.choices, default=LanguageLevel.EASY
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("In easy Swedish: short sentences.")
    )
    season_start_month = models.PositiveSmallIntegerField(
        _("season starts (month)"), null=True, blank=True
    )
    season_end_month = models.PositiveSmallIntegerField(
        _("season ends (month)"), null=True, blank=True
    )
    hall_booking_reference = models.CharField(
        _("hall booking reference"), max_length=60, blank=True
    )
    hall_booking_status = models.CharField(
        _("hall booking"), max_length=10, choices=HallBooking.choices, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(season_start_month__isnull=True, season_end_month__isnull=True)
                    | Q(
                        season_start_month__gte=1,
                        season_start_month__lte=12,
                        season_end_month__gte=1,
                        season_end_month__lte=12,
                    )
                ),
                name="activity_season_months",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (self.season_start_month is None) != (self.season_end_month is None):
            raise ValidationError(_("Give both the first and the last month of the season."))

    @property
    def effective_district(self) -> District | None:
        if self.district_id:
            return self.district
        return self.venue.district if self.venue_id and self.venue else None

    @property
    def picture(self) -> str:
        return type_picture(self.type)

    @property
    def type_description(self) -> str:
        return type_description(self.type)

    @property
    def season(self) -> frozenset[int] | None:
        return schedule_rules.season_months(self.season_start_month, self.season_end_month)


class Schedule(models.Model):
    """A recurrence (RFC 5545 RRULE without DTSTART/UNTIL) at a time of day, from–until."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="schedules")
    rule = models.CharField(
        _("recurrence rule"), max_length=200, help_text=_("For example FREQ=WEEKLY;BYDAY=MO,TH")
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    skip_holidays = models.BooleanField(_("no sessions on public holidays"), default=True)
    expanded_until = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_on", "start_time"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="schedule_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {self.rule} {self.start_time:%H:%M}"

    def clean(self) -> None:
        try:
            schedule_rules.parse_rule(self.rule)
        except schedule_rules.RuleError as exc:
            raise ValidationError({"rule": str(exc)}) from exc
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})

    @property
    def weekdays(self) -> list[int]:
        return schedule_rules.rule_weekdays(self.rule)


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
        from .statistics import annotate_totals

        return annotate_totals(self)  # type: ignore[return-value]


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

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["programme", "date"])]
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


class Attendance(models.Model):
    """A named participant who came. One row per (session, participant), however often ticked."""

    class Via(models.TextChoices):
        LEADER = "leader", _("Ticked by a leader")
        QR = "qr", _("Checked in with the QR code")
        NEW = "new", _("New person, added at the door")
        IMPORT = "import", _("Imported")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="attendances"
    )
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.LEADER)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        indexes = [models.Index(fields=["participant", "session"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.participant_id}"


# Walk-ins are counted by the participants' own groups and genders: one source for both.
# The plural names head the rows of the printed list.
WALK_IN_GROUPS: list[tuple[Group, Any]] = [
    (Group.NEWCOMER, _("Newcomers")),
    (Group.ESTABLISHED, _("Established residents")),
]
# (group, gender) -> field name, in the order the form and the reports show them.
WALK_IN_FIELDS = [
    (group.value, gender.value, f"{group.value}_{gender.value}")
    for group, _plural in WALK_IN_GROUPS
    for gender in Gender
]


class WalkInCount(models.Model):
    """People who came without being named, counted by group and gender (one row a session)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="walk_ins")
    newcomer_woman = models.PositiveSmallIntegerField(default=0)
    newcomer_man = models.PositiveSmallIntegerField(default=0)
    newcomer_another = models.PositiveSmallIntegerField(default=0)
    newcomer_undisclosed = models.PositiveSmallIntegerField(default=0)
    established_woman = models.PositiveSmallIntegerField(default=0)
    established_man = models.PositiveSmallIntegerField(default=0)
    established_another = models.PositiveSmallIntegerField(default=0)
    established_undisclosed = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("walk-in count")
        verbose_name_plural = _("walk-in counts")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.total}"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for _g, _s, name in WALK_IN_FIELDS)
