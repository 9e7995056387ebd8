"""Forms of the partners app; each hands its cleaned data to a service."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from sprakvan.accounts.models import User
from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import StyledFormMixin, choice_field, model_choice_field
from sprakvan.core.models import District, Programme
from sprakvan.organisations.models import (
    OFFERS,
    Organisation,
    OutreachEvent,
    offer_slugs,
    offers_mask,
)
from sprakvan.participants.choices import Gender, Group

from .models import (
    Agreement,
    BudgetLine,
    ConsentGiver,
    ConsentMethod,
    Contribution,
    Cost,
    Lead,
    PopUpCafe,
    ReferralStatus,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    offer_choices = forms.MultipleChoiceField(
        label=_("What they do for the programme"),
        choices=list(OFFERS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "contact_name", "contact_email", "contact_phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.order_fields(["name", "kind", "offer_choices"])
        if self.instance.pk:
            self.initial["offer_choices"] = offer_slugs(self.instance.offers)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Organisation.objects.filter(programme=self.instance.programme, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already an organisation with this name."))
        return name

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["offers"] = offers_mask(self.cleaned_data["offer_choices"])
        return data


class ReferralForm(StyledFormMixin, forms.Form):
    """A referrer's form: who the person is and how they agreed to be referred."""

    group = forms.ChoiceField(label=_("The person is"), choices=Group.choices)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = PhoneNumberField(label=_("Phone"), region="SE", required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.UNDISCLOSED
    )
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1910)
    district: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("District (stadsdel)"), queryset=District.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Anything the coordinator should know"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what is needed to find a language friend. No health or religion."),
    )
    consent_given_by = forms.ChoiceField(
        label=_("Consent to be referred was given by"), choices=ConsentGiver.choices
    )
    consent_method = forms.ChoiceField(
        label=_("How was consent given?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    consent_date = forms.DateField(label=_("Date of consent"), widget=DATE_WIDGET)
    consent_sms = forms.BooleanField(label=_("May receive text messages (SMS)"), required=False)
    consent_email = forms.BooleanField(label=_("May receive e-mail"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "district").queryset = programme.districts.all()
        self.initial.setdefault("consent_date", timezone.localdate())

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year that has passed."))
        return year

    def clean_consent_date(self) -> datetime.date:
        day = self.cleaned_data["consent_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Consent cannot be given in the future."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give a phone number or an e-mail address."))
        return data

    PERSON_FIELDS = (
        "first_name",
        "last_name",
        "phone",
        "email",
        "gender",
        "birth_year",
        "district",
        "notes",
    )

    def person_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.PERSON_FIELDS}
        values["phone"] = values["phone"] or ""
        return values


class ReferralFilterForm(StyledFormMixin, forms.Form):
    """The referral list's filter: one status, as the referrer sees it, or all."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ReferralStatus.choices],
    )


class OutreachEventForm(StyledFormMixin, forms.ModelForm):
    staff_present = forms.ModelMultipleChoiceField(
        label=_("Staff present"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = OutreachEvent
        fields = ["name", "kind", "date", "place", "district", "co_organiser", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        model_choice_field(self, "district").queryset = programme.districts.all()
        model_choice_field(self, "co_organiser").queryset = programme.partner_organisations.all()
        model_choice_field(self, "staff_present").queryset = (
            User.objects.filter(memberships__programme=programme)
            .distinct()
            .order_by("first_name", "email")
        )
        if self.instance.pk:
            self.initial["staff_present"] = list(self.instance.staff_present.all())

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LeadForm(StyledFormMixin, forms.ModelForm):
    """Phone first: at a stand the number is what matters, the rest can be short."""

    class Meta:
        model = Lead
        fields = ["phone", "first_name", "group", "interest"]
        widgets = {
            "group": forms.RadioSelect,
            "phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}
            ),
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {"interest": _("For example: football, walks, a woman of my age.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        choice_field(self, "group").choices = Group.choices


class AgreementForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "kind", "parties", "starts_on", "ends_on", "purpose", "document"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "parties": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        model_choice_field(self, "parties").queryset = programme.partner_organisations.all()
        self.fields["document"].widget = forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.odt"}
        )
        self.fields["document"].validators.append(
            FileExtensionValidator(allowed_extensions=["pdf", "docx", "odt"])
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data

    def values(self) -> dict[str, Any]:
        names = ["title", "kind", "starts_on", "ends_on", "purpose"]
        values = {name: self.cleaned_data[name] for name in names}
        document = self.cleaned_data.get("document")
        if document:
            values["document"] = document
        elif document is False:
            values["document"] = ""  # "Clear" was ticked
        return values


class ContributionForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["party", "year", "amount", "covers", "form"]

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        model_choice_field(self, "party").queryset = agreement.parties.all()
        self.fields["year"].widget.attrs.update(
            min=agreement.starts_on.year, max=agreement.ends_on.year
        )
        self.agreement = agreement

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year not in self.agreement.years:
            raise forms.ValidationError(_("The year is outside the agreement's period."))
        return year

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BudgetLineForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "name", "amount"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, name = data.get("year"), data.get("name")
        if (
            year
            and name
            and BudgetLine.objects.filter(programme=self.instance.programme, year=year, name=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "name", _("The programme already has a budget line with this name for that year.")
            )
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CostForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Cost
        fields = ["budget_line", "date", "amount", "description"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "budget_line").queryset = programme.budget_lines.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        line, day = data.get("budget_line"), data.get("date")
        if line and day and day.year != line.year:
            self.add_error("date", _("The date is not in the budget line's year."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ["date", "amount", "description"]}


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PopUpForm(StyledFormMixin, forms.ModelForm):
    """Book or change a pop-up café: its day and time (the session's) and the booking's own
    fields. The host is chosen once; another host is another booking."""

    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET)

    class Meta:
        model = PopUpCafe
        fields = ["host", "contact_name", "host_employees", "follow_up"]
        widgets = {"follow_up": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "host_employees": _("Count them after the café; leave empty until then."),
            "follow_up": _("What was agreed, what to do next time, whether to come back."),
        }

    def __init__(
        self, *args: Any, programme: Programme, today: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.instance.programme = programme
        host = model_choice_field(self, "host")
        host.queryset = programme.partner_organisations.all()
        self.order_fields(["host", "date", "start_time", "end_time", "contact_name"])
        if self.instance.pk:
            session = self.instance.session
            self.initial.update(
                date=session.date, start_time=session.start_time, end_time=session.end_time
            )
            host.disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The café must end after it starts."))
        day = data.get("date")
        if day and day > self.today and data.get("host_employees") is not None:
            self.add_error(
                "host_employees",
                _("The café has not been held yet: count the employees after it."),
            )
        return data

    def values(self) -> dict[str, Any]:
        names = ["contact_name", "host_employees", "follow_up"]
        return {name: self.cleaned_data[name] for name in names}
