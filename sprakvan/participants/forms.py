"""Intake forms (public, per group), the coordinator's edit and filter forms, the import upload."""

from __future__ import annotations

import datetime
from collections.abc import MutableMapping
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import (
    FormRenderer,
    StyledFormMixin,
    choice_field,
    model_choice_field,
)
from sprakvan.core.languages import language_choices, spoken_language
from sprakvan.core.models import District, Programme

from .choices import (
    INTERESTS,
    LANGUAGES,
    PARTS_OF_DAY,
    SLOT_COUNT,
    WEEKDAYS,
    Gender,
    Group,
    HeardAbout,
    Status,
    SwedishLevel,
    WishGender,
    slot_label,
)
from .models import INTEREST_SLUGS, LANGUAGE_CODES, Participant, codes_of, mask_of

OLDEST_BIRTH_YEAR = 1910
LANGUAGE_CHOICES = [(code, label) for code, label in LANGUAGES.items() if code != "sv"]


def slot_choices() -> list[tuple[str, str]]:
    return [(str(i), slot_label(i)) for i in range(SLOT_COUNT)]


class IntakeFieldsMixin(StyledFormMixin):
    """The fields shared by self-registration and the coordinator's edit form, as masks."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    initial: MutableMapping[str, Any]

    def add_intake_fields(self, programme: Programme, instance: Participant | None) -> None:
        self.fields["district"] = forms.ModelChoiceField(
            label=_("Where do you live?"),
            queryset=programme.districts.all(),
            required=False,
            empty_label=_("I don't know / another place"),
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages you speak besides Swedish"),
            choices=LANGUAGE_CHOICES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["interests"] = forms.MultipleChoiceField(
            label=_("What do you like to do?"),
            choices=list(INTERESTS.items()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["availability"] = forms.MultipleChoiceField(
            label=_("When can you meet?"),
            choices=slot_choices(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.style_fields()
        if instance is not None:
            self.initial.setdefault("languages", codes_of(instance.languages, LANGUAGE_CODES))
            self.initial.setdefault("interests", codes_of(instance.interests, INTEREST_SLUGS))
            self.initial.setdefault("availability", [str(i) for i in instance.availability_slots])

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not OLDEST_BIRTH_YEAR <= year <= this_year:
            raise ValidationError(_("Write the year you were born with four digits, like 1990."))
        return year

    def clean_intake(self, data: dict[str, Any]) -> dict[str, Any]:
        low, high = data.get("wish_age_min"), data.get("wish_age_max")
        if low and high and low > high:
            self.add_error("wish_age_max", _("The oldest age must not be below the youngest."))
        return data

    def intake_values(self) -> dict[str, Any]:
        """cleaned_data with the multiple choices turned into the stored bit masks."""
        data = dict(self.cleaned_data)
        data["languages"] = mask_of(data.get("languages", []), LANGUAGE_CODES)
        data["interests"] = mask_of(data.get("interests", []), INTEREST_SLUGS)
        data["availability"] = sum(1 << int(i) for i in data.get("availability", []))
        return data


class IntakeRenderer(FormRenderer):
    # Required marks, red outlines and error messages tied to their field (see the template).
    field_template_name = "participants/intake_field.html"


class RegistrationForm(IntakeFieldsMixin, forms.ModelForm):
    """The public sign-up form; `group` picks the questions that apply."""

    default_renderer = IntakeRenderer

    consent = forms.BooleanField(
        label=_(
            "I agree that the programme stores my details to find me a language friend and "
            "to contact me about it."
        ),
        required=True,
        error_messages={"required": _("You must agree before you can sign up.")},
    )
    consent_email = forms.BooleanField(label=_("You may send me e-mail"), required=False)
    consent_sms = forms.BooleanField(label=_("You may send me text messages (SMS)"), required=False)
    # A field people never see: bots fill it in, and such sign-ups are dropped.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = Participant
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "gender",
            "birth_year",
            "swedish_level",
            "wish_gender",
            "wish_age_min",
            "wish_age_max",
            "is_family",
            "accepts_family",
            "capacity",
            "heard_about",
        ]
        widgets = {
            "gender": forms.RadioSelect,
            "swedish_level": forms.RadioSelect,
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, programme: Programme, group: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.group = group
        self.add_intake_fields(programme, None)
        # The page's language is likely one they speak (Dari's page is spoken "fa"): ticked.
        spoken = spoken_language(get_language() or "sv")
        if spoken in dict(LANGUAGE_CHOICES):
            self.initial.setdefault("languages", [spoken])
        f = self.fields
        f["phone"] = PhoneNumberField(
            label=_("Mobile phone"), region="SE", help_text=_("For example 070-123 45 67")
        )
        f["phone"].widget.attrs.update({"class": "form-control", "autocomplete": "tel"})
        f["first_name"].widget.attrs["autocomplete"] = "given-name"
        f["last_name"].widget.attrs["autocomplete"] = "family-name"
        f["email"].widget.attrs["autocomplete"] = "email"
        choice_field(self, "gender").choices = Gender.choices
        f["gender"].label = _("I am")
        f["birth_year"].required = True
        f["birth_year"].label = _("Year of birth")
        f["wish_gender"].label = _("I would like my language friend to be")
        f["wish_age_min"].label = _("My language friend should be at least (age)")
        f["wish_age_max"].label = _("My language friend should be at most (age)")
        f["heard_about"].label = _("How did you hear about us?")
        f["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if group == Group.NEWCOMER:
            del f["accepts_family"], f["capacity"]
            f["swedish_level"].required = True
            choice_field(self, "swedish_level").choices = SwedishLevel.choices
            f["swedish_level"].label = _("How much Swedish do you speak?")
            f["is_family"].label = _("We are a family and want to meet together")
        else:
            del f["swedish_level"], f["is_family"]
            f["accepts_family"].label = _("I can meet a family")
            f["capacity"].label = _("How many language friends can you meet at the same time?")
            f["capacity"].widget = forms.Select(
                choices=[(1, "1"), (2, "2"), (3, "3")], attrs={"class": "form-select"}
            )

    def clean(self) -> dict[str, Any]:
        return self.clean_intake(super().clean() or {})

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()


class ParticipantForm(VersionedFormMixin, IntakeFieldsMixin, forms.ModelForm):
    """The coordinator's form for one participant (all fields, neutral labels)."""

    class Meta:
        model = Participant
        fields = [
            "group",
            "first_name",
            "last_name",
            "phone",
            "email",
            "gender",
            "birth_year",
            "swedish_level",
            "wish_gender",
            "wish_age_min",
            "wish_age_max",
            "is_family",
            "accepts_family",
            "capacity",
            "source",
            "heard_about",
            "registered_on",
            "preferred_language",
            "external_id",
            "notes",
        ]
        widgets = {"registered_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.add_intake_fields(programme, self.instance if self.instance.pk else None)
        self.fields["district"].label = _("District")
        self.fields["languages"].label = _("Languages besides Swedish")
        self.fields["interests"].label = _("Interests")
        self.fields["availability"].label = _("Weekly availability")
        if self.instance.pk:
            self.initial.setdefault("district", self.instance.district_id)
        self.fields["preferred_language"].widget = forms.Select(
            choices=language_choices(),
            attrs={"class": "form-select"},
        )

    def clean(self) -> dict[str, Any]:
        return self.clean_intake(super().clean() or {})

    def describe(self, row: Any, name: str) -> str:
        labels = {
            "languages": row.language_labels,
            "interests": row.interest_labels,
            "availability": row.availability_labels,
        }
        if name in labels:
            return ", ".join(labels[name]) or "–"
        return super().describe(row, name)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


# The list opens on the people waiting; "everyone" includes those who left. "To review" is
# whoever is marked ● (new from a referral, a fair or staff), whatever their status: the same
# people the coordinator's home counts as sign-ups to review.
DEFAULT_STATUS = Status.WAITING
EVERYONE = "all"
TO_REVIEW = "review"
SORTS = {
    "waited": ("registered_on", "id"),
    "-waited": ("-registered_on", "-id"),
    "name": ("first_name", "last_name", "id"),
    "district": ("district__name", "first_name", "id"),
}


class ParticipantFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search name or phone"), required=False)
    group = forms.ChoiceField(label=_("Group"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    district: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("waited", _("Waited longest first")),
            ("-waited", _("Newest first")),
            ("name", _("Name")),
            ("district", _("District")),
        ],
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        all_ = [("", _("All"))]
        choice_field(self, "group").choices = all_ + list(Group.choices)
        choice_field(self, "status").choices = [
            *Status.choices,
            (EVERYONE, _("Everyone, also those who left")),
            (TO_REVIEW, _("New sign-ups to review (marked ●)")),
        ]
        self.fields["status"].initial = DEFAULT_STATUS
        choice_field(self, "gender").choices = all_ + list(Gender.choices)
        choice_field(self, "language").choices = all_ + LANGUAGE_CHOICES
        model_choice_field(self, "district").queryset = programme.districts.all()


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("The columns are described in the import guide."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_MB}
            )
        return upload


def today() -> datetime.date:
    return timezone.localdate()


__all__ = ["PARTS_OF_DAY", "WEEKDAYS", "HeardAbout", "WishGender"]
