"""The forms of the participant's own page: contact details, times, interests, a pause.

Times and interests reuse the registration's fields (`participants.forms.IntakeFieldsMixin`),
so the page asks exactly what the sign-up asked, stored the same way."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.core.languages import language_choices
from sprakvan.participants.forms import IntakeFieldsMixin
from sprakvan.participants.models import Participant
from sprakvan.participants.services import find_existing

from .own.changes import latest_pause_end


class ContactForm(StyledFormMixin, forms.Form):
    """Phone, e-mail and the language of messages. A number or address that another person
    of the programme has is refused (sign-in finds people by them)."""

    phone = PhoneNumberField(
        label=_("Mobile phone"),
        region="SE",
        required=False,
        help_text=_("For example 070-123 45 67"),
        error_messages={"invalid": _("Write a phone number, for example 070-123 45 67.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Write an e-mail address, for example name@example.com.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for messages"), choices=language_choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "phone": participant.phone,
                "email": participant.email,
                "preferred_language": participant.preferred_language or "sv",
            },
        )
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        phone, email = data.get("phone"), data.get("email", "")
        if "phone" in data and "email" in data and not phone and not email:
            raise ValidationError(
                _("Keep a phone number or an e-mail address: you sign in with one of them.")
            )
        programme, me = self.participant.programme, self.participant.pk
        if (
            phone
            and phone != self.participant.phone
            and find_existing(programme, phone=phone, exclude=me)
        ):
            self.add_error(
                "phone",
                _(
                    "Another person in the programme has this number. Write your own number, "
                    "or ask the coordinator for help."
                ),
            )
        if (
            email
            and email.lower() != self.participant.email.lower()
            and find_existing(programme, email=email, exclude=me)
        ):
            self.add_error(
                "email",
                _(
                    "Another person in the programme has this address. Write your own address, "
                    "or ask the coordinator for help."
                ),
            )
        return data

    def values(self) -> dict[str, Any]:
        return {
            "phone": self.cleaned_data["phone"] or "",
            "email": self.cleaned_data["email"],
            "preferred_language": self.cleaned_data["preferred_language"],
        }


class _IntakePartForm(IntakeFieldsMixin, forms.Form):
    """One of the registration's multiple-choice questions, for one participant."""

    keep: str = ""

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_intake_fields(participant.programme, participant)
        for name in [name for name in self.fields if name != self.keep]:
            del self.fields[name]

    def values(self) -> dict[str, Any]:
        return {self.keep: self.intake_values()[self.keep]}


class TimesForm(_IntakePartForm):
    keep = "availability"

    def clean_availability(self) -> list[str]:
        slots: list[str] = self.cleaned_data.get("availability") or []
        if not slots:
            raise ValidationError(_("Tick at least one time when you can meet."))
        return slots


class InterestsForm(_IntakePartForm):
    keep = "interests"


class PauseForm(StyledFormMixin, forms.Form):
    until = forms.DateField(
        label=_("I am away until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the day you are back."),
            "invalid": _("Write the date like 2026-06-30."),
        },
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        attrs = self.fields["until"].widget.attrs
        attrs["min"] = (today + datetime.timedelta(days=1)).isoformat()
        attrs["max"] = latest_pause_end(today).isoformat()

    def clean_until(self) -> datetime.date:
        until: datetime.date = self.cleaned_data["until"]
        if until <= self.today:
            raise ValidationError(_("Choose a day after today."))
        latest = latest_pause_end(self.today)
        if until > latest:
            raise ValidationError(
                _("You can be away for at most 12 months: choose %(date)s or earlier.")
                % {"date": formats.date_format(latest, "j F Y")}
            )
        return until
