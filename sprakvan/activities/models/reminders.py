"""Reminder subscriptions: a participant asked to hear before each session of an activity."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .activity import Activity


class ReminderSubscriptionQuerySet(models.QuerySet["ReminderSubscription"]):
    def current(self) -> ReminderSubscriptionQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class ReminderSubscription(models.Model):
    """One dated request to be reminded of an activity's sessions. Withdrawing dates the row
    and keeps it; subscribing again makes a new row."""

    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="reminder_subscriptions",
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="reminder_subscriptions"
    )
    created_at = models.DateTimeField(_("since"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the person asked themselves."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ReminderSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reminder subscription")
        verbose_name_plural = _("reminder subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity"],
                condition=Q(withdrawn_at__isnull=True),
                name="reminder_subscription_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.participant_id}"


class ReminderCode(models.Model):
    """A code sent by SMS to someone who asked for reminders on the public calendar: stored
    as a keyed hash, valid for 15 minutes and 5 tries, used once."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder code")
        verbose_name_plural = _("reminder codes")

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.participant_id}"
