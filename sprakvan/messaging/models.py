"""The outbox (one row per message, at most once), each programme's messaging settings, its
own message templates and the messages it sent to a chosen group."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme
from sprakvan.participants.models import Channel, Participant


class Kind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt after registration")
    INTRODUCTION = "introduction", _("Match introduction")
    REMINDER = "reminder", _("Session reminder")
    CHECK_IN = "check_in", _("Check-in")
    WAITING_NEWS = "waiting_news", _("Waiting-list news")
    GROUP = "group", _("Message to a group")
    CONSENT_CONFIRMATION = "consent_confirmation", _("Confirmation of a withdrawn consent")
    CODE = "code", _("A code the person asked for")
    SESSION_CHANGED = "session_changed", _("Session moved or cancelled")
    SIGN_IN = "sign_in", _("A sign-in link to the person's own page")
    CONSENT_RENEWAL = "consent_renewal", _("Asking for consent again after the notice changed")


def all_kinds() -> list[str]:
    return list(Kind.values)


class MessagingSettings(models.Model):
    """How a programme sends: its SMS sender, its name on e-mail, quiet hours and SMS budget."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="messaging_settings"
    )
    sms_sender = models.CharField(
        _("SMS sender"),
        max_length=15,
        blank=True,
        help_text=_(
            "A phone number such as +46766861234 (people can answer STOP), or a name of 3–11 "
            "letters and digits. Empty: no SMS are sent."
        ),
    )
    stop_contact = models.CharField(
        _("phone for stopping SMS"),
        max_length=30,
        blank=True,
        help_text=_(
            "Needed when the sender is a name: nobody can answer STOP to a name, so every SMS "
            "says to call or text this number instead."
        ),
    )
    email_sender_name = models.CharField(
        _("sender name on e-mail"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the programme's name."),
    )
    quiet_start = models.TimeField(_("messages from"), default=datetime.time(8))
    quiet_end = models.TimeField(_("messages until"), default=datetime.time(20))
    daily_sms_budget = models.PositiveIntegerField(
        _("SMS parts per day"),
        default=500,
        help_text=_("Past this, SMS wait until the next day."),
    )
    kinds_enabled = models.JSONField(_("kinds of message sent"), default=all_kinds)

    class Meta:
        verbose_name = _("messaging settings")
        verbose_name_plural = _("messaging settings")

    def __str__(self) -> str:
        return str(self.programme)

    @property
    def sender_name(self) -> str:
        return self.email_sender_name or self.programme.name


class Message(models.Model):
    """One message to one person. Its `key` is unique: asking twice for the same message
    finds the first row. The recipient is personal data: never logged."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        HELD = "held", _("Held")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Unknown: may have been sent")
        CANCELLED = "cancelled", _("Not sent")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10)
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    html_body = models.TextField(blank=True)
    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=100, blank=True)
    parts = models.PositiveSmallIntegerField(null=True, blank=True)
    cost = models.IntegerField(null=True, blank=True, help_text="In the provider's units.")
    queued_at = models.DateTimeField(_("queued"))
    send_after = models.DateTimeField(null=True, blank=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["status", "send_after"]),
            models.Index(fields=["provider_id"]),
            # The daily SMS budget sums the programme's parts sent today on every send.
            models.Index(fields=["programme", "channel", "sending_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"


class MessageTemplate(models.Model):
    """A programme's own text for one kind in one language; without one, the default in
    `messaging.defaults` is sent. One body for both channels: SMS sends it as text, e-mail
    sends the subject and the body."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="message_templates"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "language"], name="message_template_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class GroupMessage(models.Model):
    """One message the coordinator sent to a chosen group: the text per language, the filter
    that chose the people, and how many they were. Each person's message is its own row in
    the outbox (key `group:<id>:participant:<id>`). `token` comes from the page that showed
    what would be sent: a second submit of the same page finds this row."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="group_messages"
    )
    token = models.CharField(max_length=64, unique=True)
    texts = models.JSONField(_("text per language"), default=dict)
    filters = models.JSONField(_("filter"), default=dict)
    count = models.PositiveIntegerField(_("people"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("group message")
        verbose_name_plural = _("group messages")

    def __str__(self) -> str:
        return f"{Kind.GROUP.label} #{self.pk}"
