"""Participants (newcomers and established residents), their consents and import batches."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sprakvan.core.models import District, Programme

from .choices import (
    INTERESTS,
    LANGUAGES,
    Channel,
    Gender,
    Group,
    HeardAbout,
    Source,
    Status,
    SwedishLevel,
    WishGender,
    slot_label,
    slots_in,
)

# Bit positions are append-only: a code's index in the list is its bit in the stored mask.
LANGUAGE_CODES = list(LANGUAGES)
INTEREST_SLUGS = list(INTERESTS)


def mask_of(codes: list[str] | set[str], table: list[str]) -> int:
    return sum(1 << table.index(code) for code in set(codes))


def codes_of(mask: int, table: list[str]) -> list[str]:
    return [code for i, code in enumerate(table) if mask >> i & 1]


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def current(self) -> ParticipantQuerySet:
        """Not erased and not an unresolved duplicate registration."""
        return self.filter(erased_at__isnull=True, possible_duplicate_of__isnull=True)

    def newcomers(self) -> ParticipantQuerySet:
        return self.filter(group=Group.NEWCOMER)

    def established(self) -> ParticipantQuerySet:
        return self.filter(group=Group.ESTABLISHED)

    def waiting(self) -> ParticipantQuerySet:
        return self.current().filter(status=Status.WAITING)

    def available(self, today: datetime.date) -> ParticipantQuerySet:
        """Not away: no `paused_until` after today (the person is back on that day)."""
        return self.exclude(paused_until__gt=today)

    def in_district(self, district: District) -> ParticipantQuerySet:
        return self.filter(district=district)

    def speaking(self, code: str) -> ParticipantQuerySet:
        bit = 1 << LANGUAGE_CODES.index(code)
        return self.annotate(_speaks=F("languages").bitand(bit)).filter(_speaks__gt=0)

    def search(self, text: str) -> ParticipantQuerySet:
        """Name, e-mail or external id word by word; a text of digits searches phones."""
        text = text.strip()
        if re.fullmatch(r"[\d\s\-+()]{4,}", text):
            # Phones are stored E.164 (+4670…): a typed 070-123 45 67 matches on 70123…
            digits = re.sub(r"\D", "", text)
            digits = digits[2:] if digits.startswith("46") else digits.lstrip("0")
            return self.filter(phone__contains=digits)
        query = Q()
        for word in text.split():
            query &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(external_id__iexact=word)
            )
        return self.filter(query)

    def registered_between(self, start: datetime.date, end: datetime.date) -> ParticipantQuerySet:
        return self.filter(registered_on__gte=start, registered_on__lte=end)


class Participant(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    external_id = models.CharField(
        _("external id"), max_length=64, blank=True, help_text=_("An id from an earlier system.")
    )
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, region="SE")
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    languages = models.BigIntegerField(_("languages spoken"), default=0)
    swedish_level = models.PositiveSmallIntegerField(
        _("Swedish level"), choices=SwedishLevel.choices, null=True, blank=True
    )
    interests = models.BigIntegerField(_("interests"), default=0)
    availability = models.IntegerField(_("weekly availability"), default=0)
    wish_gender = models.CharField(
        _("wish: the friend's gender"), max_length=8, choices=WishGender.choices, blank=True
    )
    wish_age_min = models.PositiveSmallIntegerField(_("wish: youngest age"), null=True, blank=True)
    wish_age_max = models.PositiveSmallIntegerField(_("wish: oldest age"), null=True, blank=True)
    is_family = models.BooleanField(_("we are a family"), default=False)
    accepts_family = models.BooleanField(_("can meet a family"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("how many newcomers they can meet"),
        default=1,
        help_text=_("For established residents: how many language friends at the same time."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.STAFF
    )
    source_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sourced_participants",
        verbose_name=_("referred by"),
    )
    heard_about = models.CharField(
        _("heard about us"), max_length=20, choices=HeardAbout.choices, blank=True
    )
    import_batch = models.ForeignKey(
        "ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="participants",
        verbose_name=_("imported from"),
    )
    source_event = models.ForeignKey(
        "organisations.OutreachEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_participants",
        verbose_name=_("outreach event"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    status_changed_on = models.DateField(_("status changed"), null=True, blank=True)
    registered_on = models.DateField(_("registered"))
    preferred_language = models.CharField(
        _("language for messages"), max_length=10, default="sv", blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        verbose_name=_("possible duplicate of"),
    )
    needs_review = models.BooleanField(_("needs the coordinator's attention"), default=False)
    notes_written_on = models.DateField(
        _("notes last written"), null=True, blank=True, editable=False
    )
    paused_until = models.DateField(
        _("away until"),
        null=True,
        blank=True,
        help_text=_("The person is away: not proposed for a pair and sent no news until then."),
    )
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["registered_on", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["programme", "status", "group"]),
            models.Index(fields=["programme", "registered_on"]),
            models.Index(fields=["programme", "phone"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "external_id"],
                condition=~Q(external_id=""),
                name="participant_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="participant_capacity"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def language_codes(self) -> list[str]:
        return codes_of(self.languages, LANGUAGE_CODES)

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGES[code]) for code in self.language_codes]

    @property
    def interest_slugs(self) -> list[str]:
        return codes_of(self.interests, INTEREST_SLUGS)

    @property
    def interest_labels(self) -> list[str]:
        return [str(INTERESTS[slug]) for slug in self.interest_slugs]

    @property
    def availability_slots(self) -> list[int]:
        return slots_in(self.availability)

    @property
    def availability_labels(self) -> list[str]:
        return [slot_label(i) for i in self.availability_slots]

    def days_waited(self, today: datetime.date) -> int:
        return max((today - self.registered_on).days, 0)

    def age_in(self, year: int) -> int | None:
        return year - self.birth_year if self.birth_year else None


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Being in the programme: storing my details to find a friend")
    MESSAGES = "messages", _("Messages about the programme")


class Consent(models.Model):
    """What a person agreed to, when, to which text version, over which channel: one row per
    channel for messages (each given and withdrawn on its own), no channel for registration."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the person gave it themselves."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    outdated_at = models.DateTimeField(
        _("paused by a new notice"),
        null=True,
        blank=True,
        help_text=_(
            "When a new privacy notice changed this purpose: the consent pauses until the "
            "person agrees to the new text (a new row)."
        ),
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        channel = f", {self.get_channel_display()}" if self.channel else ""
        return f"{self.get_purpose_display()}{channel} ({self.text_version})"


class PrivacyNotice(models.Model):
    """One version of a programme's privacy notice (integritetspolicy). The text is the
    platform's standard notice in the reader's language plus the programme's own text; a
    Consent's `text_version` names the version the person agreed to. A version that changes a
    purpose pauses the consents given to older versions for that purpose (see privacy.notices)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="notices")
    version = models.CharField(_("version"), max_length=20)
    published_at = models.DateTimeField(_("published"))
    changed_purposes = models.JSONField(
        _("purposes changed"),
        default=list,
        blank=True,
        help_text=_("Consents given to earlier versions for these purposes are asked again."),
    )
    own_text = models.TextField(
        _("the programme's own text"),
        blank=True,
        help_text=_("Shown under the standard text: who is responsible, anything particular."),
    )
    change_summary = models.TextField(_("what changed"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("privacy notice")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "version"], name="privacy_notice_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.version}"


class ImportBatch(models.Model):
    """An uploaded spreadsheet between preview and confirmation, and its progress."""

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREVIEWED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0


__all__ = ["Channel", "Gender", "Group", "Source", "Status", "SwedishLevel", "WishGender"]
