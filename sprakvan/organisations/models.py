"""Where people come from: partner organisations (their kinds and what each does for the
programme) and the outreach events where the programme meets people.

The lowest app after `core`: a participant is referred by an organisation or signs up at an
outreach event, and a partner viewer or referrer belongs to an organisation, so `accounts` and
`participants` stand on this app, not on `partners`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
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


# What an organisation does for the programme. Bit positions are append-only: a slug's index
# in this dict is its bit in `Organisation.offers`.
OFFERS = {
    "premises": _("Premises"),
    "referrals": _("Referrals"),
    "popup": _("Hosts pop-up cafés"),
    "marketing": _("Marketing"),
    "guiding": _("Guiding"),
    "funding": _("Funding"),
}
OFFER_SLUGS = list(OFFERS)


def new_link_secret() -> str:
    """A fresh secret for the printed sign-up links; changing it revokes every old poster."""
    return secrets.token_urlsafe(16)


def offers_mask(slugs: list[str] | set[str]) -> int:
    return sum(1 << OFFER_SLUGS.index(slug) for slug in set(slugs))


def offer_slugs(mask: int) -> list[str]:
    return [slug for i, slug in enumerate(OFFER_SLUGS) if mask >> i & 1]


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def offering(self, slug: str) -> OrganisationQuerySet:
        bit = 1 << OFFER_SLUGS.index(slug)
        return self.annotate(_offers=models.F("offers").bitand(bit)).filter(_offers__gt=0)


class Organisation(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partner_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    offers = models.PositiveIntegerField(_("what they do for the programme"), default=0)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Part of the signed referral link; rotating it makes the links on old posters invalid.
    link_secret = models.CharField(max_length=32, default=new_link_secret, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        # Moved here from `partners`; the table keeps its name so no row had to move.
        db_table = "partners_organisation"
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

    @property
    def offer_slugs(self) -> list[str]:
        return offer_slugs(self.offers)

    @property
    def offer_labels(self) -> list[str]:
        return [str(OFFERS[slug]) for slug in self.offer_slugs]


class OutreachKind(models.TextChoices):
    FAIR = "fair", _("Fair")
    DISTRICT_DAY = "district_day", _("District day")
    WORKPLACE_VISIT = "workplace_visit", _("Workplace visit")
    OTHER = "other", _("Other")


class OutreachEvent(models.Model):
    """A fair, district day or workplace visit where the programme meets people."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="outreach_events"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OutreachKind.choices, default=OutreachKind.FAIR
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    co_organiser = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organiser"),
    )
    # Its table is named after `db_table`, so it stays `partners_outreachevent_staff_present`.
    staff_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("staff present")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Part of the signed fair link; rotating it makes the links on old posters invalid.
    link_secret = models.CharField(max_length=32, default=new_link_secret, editable=False)

    class Meta:
        # Moved here from `partners`; the table keeps its name so no row had to move.
        db_table = "partners_outreachevent"
        ordering = ["-date", "name"]
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")

    def __str__(self) -> str:
        return f"{self.name} {self.date:%Y-%m-%d}"
