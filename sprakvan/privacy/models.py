"""A programme's privacy settings, and the one-time sign-in links and codes of participants."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant


class PrivacySettings(models.Model):
    """How long a programme keeps people without activity, and whom participants ask."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="privacy_settings"
    )
    retention_months = models.PositiveSmallIntegerField(
        _("retention period in months"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
        help_text=_(
            "People with no pair, no attendance and no contact for this long are anonymised."
        ),
    )
    contact_name = models.CharField(
        _("contact for participants"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the participants' own page, e.g. the coordinator's name."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return str(self.programme)


class SignInToken(models.Model):
    """A one-time link and a 6-digit code sent to a participant, for signing in to their own
    page or for confirming their erasure. Only keyed hashes are stored; used once; short-lived."""

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign in")
        ERASE = "erase", _("Confirm erasure")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sign_in_tokens"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    channel = models.CharField(max_length=10)
    link_hash = models.CharField(max_length=64, db_index=True)
    # The keyed hash of a random key kept in the asking browser's session: the code form
    # checks only the codes that browser asked for.
    request_hash = models.CharField(max_length=64, blank=True, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} #{self.pk}"
