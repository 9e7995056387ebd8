"""Partner organisations of a programme (more of this app: referrals, outreach, agreements)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme


class OrganisationKind(models.TextChoices):
    MUNICIPAL_SERVICE = "municipal_service", _("Municipal service")
    MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
    PRIVATE_COMPANY = "private_company", _("Private company")
    LIBRARY = "library", _("Library")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partner_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="organisation_unique_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OutreachEvent(models.Model):
    """A fair, district day or workplace visit where the programme meets people."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="outreach_events"
    )
    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")

    def __str__(self) -> str:
        return f"{self.name} {self.date:%Y-%m-%d}"
