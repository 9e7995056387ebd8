"""Venues, activities and their recurring schedules."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import District, Programme

from .. import schedule as schedule_rules
from .choices import (
    ActivityState,
    ActivityType,
    HallBooking,
    LanguageLevel,
    type_description,
    type_picture,
)


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

    def preparing(self) -> ActivityQuerySet:
        """Activities in preparation now: no schedule or session yet (see `Activity.state`)."""
        return self.filter(is_active=True, preparing_since__isnull=False, scheduled_on__isnull=True)

    def running(self) -> ActivityQuerySet:
        """Every activity that is not in preparation (active or not)."""
        return self.filter(Q(preparing_since__isnull=True) | Q(scheduled_on__isnull=False))

    def public(self) -> ActivityQuerySet:
        """What the public calendar shows: active and running (one in preparation has no
        session to show); its own page, feed and reminder pages answer for these only."""
        return self.running().filter(is_active=True)

    def preparing_on(self, day: datetime.date) -> ActivityQuerySet:
        """Activities that were in preparation on `day`: prepared by then, scheduled later."""
        return self.filter(is_active=True, preparing_since__lte=day).filter(
            Q(scheduled_on__isnull=True) | Q(scheduled_on__gt=day)
        )


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
    # What the partner-dialogue document says of it: which sport, and picture support.
    sport = models.CharField(
        _("which sport"),
        max_length=60,
        blank=True,
        help_text=_("For a sport: which one, for example floorball."),
    )
    picture_support = models.BooleanField(
        _("with picture support"),
        default=False,
        help_text=_("Pictures help those who know little Swedish (bildstöd)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # In preparation: a place, a district, a start month and a partner before any schedule.
    # The day it got its first schedule or session ends the preparation (services/preparation).
    preparing_since = models.DateField(_("in preparation since"), null=True, blank=True)
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True, editable=False)
    start_month = models.DateField(
        _("start month"),
        null=True,
        blank=True,
        help_text=_("The month it is meant to start (the first day of the month)."),
    )
    possible_venues = models.ManyToManyField(
        Venue,
        blank=True,
        related_name="prepared_activities",
        verbose_name=_("possible places"),
        help_text=_("The places being discussed; each venue's provider offers the premises."),
    )
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
            ),
            models.CheckConstraint(
                condition=Q(scheduled_on__isnull=True)
                | Q(preparing_since__isnull=False, scheduled_on__gte=models.F("preparing_since")),
                name="activity_scheduled_after_preparation",
            ),
            models.CheckConstraint(
                condition=Q(start_month__isnull=True) | Q(start_month__day=1),
                name="activity_start_month_first_day",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (self.season_start_month is None) != (self.season_end_month is None):
            raise ValidationError(_("Give both the first and the last month of the season."))

    @property
    def state(self) -> ActivityState:
        if self.preparing_since is not None and self.scheduled_on is None:
            return ActivityState.PREPARING
        return ActivityState.RUNNING

    @property
    def is_preparing(self) -> bool:
        return self.state == ActivityState.PREPARING

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
