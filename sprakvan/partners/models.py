"""Referrals, the leads met at outreach events, the agreement and its money (organisations and
outreach events: `organisations`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.choices import Group, Status


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    WRITTEN = "written", _("In writing")


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("The referred person")
    GUARDIAN = "guardian", _("A guardian or legal representative")


class ReferralStatus(models.TextChoices):
    """What a referrer may know about a referral; derived, never stored."""

    RECEIVED = "received", _("Received")
    WAITING = "waiting", _("Waiting for a language friend")
    MATCHED = "matched", _("Matched")
    LEFT = "left", _("Left the programme")


# `Referral.status` in SQL, so lists filter in the database and the coordinator's home counts
# the same rows (received = still to look at).
_LEFT = (
    Q(participant__isnull=True)
    | Q(participant__erased_at__isnull=False)
    | Q(participant__status=Status.LEFT)
)
_STAYING = Q(participant__isnull=False, participant__erased_at__isnull=True) & ~Q(
    participant__status=Status.LEFT
)
_LOOKED_AT = _STAYING & Q(participant__needs_review=False)
STATUS_FILTERS: dict[str, Q] = {
    ReferralStatus.RECEIVED: _STAYING & Q(participant__needs_review=True),
    ReferralStatus.WAITING: _LOOKED_AT & ~Q(participant__status=Status.MATCHED),
    ReferralStatus.MATCHED: _LOOKED_AT & Q(participant__status=Status.MATCHED),
    ReferralStatus.LEFT: _LEFT,
}


class ReferralQuerySet(models.QuerySet["Referral"]):
    def with_status(self, status: str) -> ReferralQuerySet:
        """The referrals whose `status` is `status` (a ReferralStatus value)."""
        return self.filter(STATUS_FILTERS[status])


class Referral(models.Model):
    """A person an organisation's referrer put forward (*anvisning*), with the recorded consent."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals"
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_made",
        verbose_name=_("referrer"),
    )
    # SET_NULL: when the person is erased or merged away the referral still counts.
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("participant"),
    )
    consent_given_by = models.CharField(
        _("consent given by"), max_length=10, choices=ConsentGiver.choices
    )
    consent_method = models.CharField(
        _("how consent was given"), max_length=10, choices=ConsentMethod.choices
    )
    consent_date = models.DateField(_("consent date"))
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.organisation} #{self.pk}"

    @property
    def status(self) -> ReferralStatus:
        """Received until the coordinator has looked at it; then the participant's status.
        A participant who was erased, merged away or left counts as left."""
        p = self.participant
        if p is None or p.erased_at is not None or p.status == Status.LEFT:
            return ReferralStatus.LEFT
        if p.needs_review:
            return ReferralStatus.RECEIVED
        if p.status == Status.MATCHED:
            return ReferralStatus.MATCHED
        return ReferralStatus.WAITING


class Lead(models.Model):
    """Someone met at an outreach event who may register; linked once they do."""

    event = models.ForeignKey(OutreachEvent, on_delete=models.CASCADE, related_name="leads")
    first_name = models.CharField(_("first name"), max_length=100)
    phone = PhoneNumberField(_("phone"), blank=True, region="SE")
    group = models.CharField(
        _("group"),
        max_length=12,
        choices=Group.choices,
    )
    interest = models.CharField(_("interest or note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("registered as"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.event})"


class AgreementKind(models.TextChoices):
    IOP = "iop", _("Idea-driven public partnership (IOP)")
    OTHER = "other", _("Other agreement")


class ProtectedFieldFile(FieldFile):
    """A signed agreement: its address is the checked download view, never /media/."""

    @property
    def url(self) -> str:
        if not self.name:
            raise ValueError("The agreement has no document.")
        return reverse("partners:agreement_document", args=[self.instance.pk])


class AgreementDocumentField(models.FileField):
    attr_class = ProtectedFieldFile


class Agreement(models.Model):
    """The partnership agreement (an IOP): who, for how long, why, and the signed document."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=AgreementKind.choices, default=AgreementKind.IOP
    )
    parties = models.ManyToManyField(
        Organisation, related_name="agreements", verbose_name=_("parties")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    purpose = models.TextField(_("purpose"), blank=True)
    document = AgreementDocumentField(_("signed document"), upload_to="agreements/%Y/", blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="agreement_period_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"

    @property
    def years(self) -> list[int]:
        return list(range(self.starts_on.year, self.ends_on.year + 1))

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class ContributionCovers(models.TextChoices):
    PROJECT_LEADER = "project_leader", _("Project-leader salary")
    OVERHEAD = "overhead", _("Overhead")
    PREMISES = "premises", _("Premises")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class ContributionForm(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class Contribution(models.Model):
    """What one party puts into the agreement in one year, in whole kronor."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="contributions")
    party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("party"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveIntegerField(_("amount (kr)"))
    covers = models.CharField(_("covers"), max_length=20, choices=ContributionCovers.choices)
    form = models.CharField(
        _("cash or in kind"),
        max_length=10,
        choices=ContributionForm.choices,
        default=ContributionForm.CASH,
    )

    class Meta:
        ordering = ["year", "party__name", "covers"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.party} {self.year}: {self.amount} kr"


class BudgetLineQuerySet(models.QuerySet["BudgetLine"]):
    def with_actual(self) -> BudgetLineQuerySet:
        return self.annotate(actual=models.functions.Coalesce(Sum("costs__amount"), 0))


class BudgetLine(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    amount = models.PositiveIntegerField(_("budget (kr)"))

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "name"], name="budget_line_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class Cost(models.Model):
    """An actual cost booked against a budget line."""

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="costs")
    date = models.DateField(_("date"))
    amount = models.PositiveIntegerField(_("amount (kr)"))
    description = models.CharField(_("description"), max_length=300)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.description}"


class PopUpCafe(models.Model):
    """A pop-up café at a workplace (issue 14): the booking with the host organisation, laid on
    a one-off `activities.Session` of a pop-up activity. The session carries the date, the
    calendar, reminders and the participants' attendance (named and walk-ins); this row adds
    what only a booking has: the host, its contact person, how many of the host's employees
    came (counted apart from the walk-ins, so the programme's attendance figures stay the
    programme's participants) and the follow-up."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="popups")
    session = models.OneToOneField(
        "activities.Session", on_delete=models.CASCADE, related_name="popup"
    )
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="popups", verbose_name=_("host")
    )
    contact_name = models.CharField(_("the host's contact person"), max_length=200, blank=True)
    # None until counted: "not counted yet" is not "nobody came".
    host_employees = models.PositiveSmallIntegerField(
        _("employees of the host who came"), null=True, blank=True
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-session__date", "-id"]
        verbose_name = _("pop-up café")
        verbose_name_plural = _("pop-up cafés")

    def __str__(self) -> str:
        return f"{self.host} {self.session.date:%Y-%m-%d}"
