"""Forms of the matching pages: they validate and hand cleaned data to the services."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.participants.choices import Status

from .models import CallRecord, CheckInAnswer, FollowUp, Pair, Side
from .terms import Weights


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProposalForm(StyledFormMixin, forms.Form):
    """A newcomer and a volunteer, by id (the view loads them inside the programme)."""

    newcomer = forms.IntegerField(widget=forms.HiddenInput)
    established = forms.IntegerField(widget=forms.HiddenInput)


class CallForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    side = forms.ChoiceField(label=_("Who was called"), choices=Side.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CallRecord.Outcome.choices)
    called_on = forms.DateField(label=_("Date of the call"), widget=DateInput())
    share_phone = forms.BooleanField(
        label=_("Agrees that their language friend gets their phone number"),
        help_text=_(
            "Only when they agree to the pair. The introduction gives each their friend's "
            "number only if both agreed."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["called_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("share_phone") and cleaned.get("outcome") != CallRecord.Outcome.AGREES:
            self.add_error(
                "share_phone",
                _("Only a person who agrees to the pair can share their phone number."),
            )
        return cleaned


class DateForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class EndForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does the pair end?"),
        choices=[c for c in Pair.EndReason.choices if c[0]],
    )
    on = forms.DateField(label=_("Ended on"), widget=DateInput())
    newcomer_status = forms.ChoiceField(
        label=_("The newcomer afterwards"),
        required=False,
        choices=[
            ("", _("As the reason suggests (completed or moved away: left; else waiting)")),
            (Status.WAITING, _("Waits for a new language friend")),
            (Status.LEFT, _("Leaves the programme")),
        ],
    )
    established_leaves = forms.BooleanField(
        label=_("The volunteer leaves the programme"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class FollowUpForm(StyledFormMixin, forms.Form):
    met = forms.TypedChoiceField(
        label=_("Do they meet?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        required=False,
        choices=[("", _("(they do not meet)"))] + [c for c in FollowUp.Frequency.choices if c[0]],
    )
    # Not pre-filled with today: follow-ups are often written down days after the call.
    on = forms.DateField(label=_("Asked on"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("met") and not data.get("frequency"):
            self.add_error("frequency", _("Say how often they meet."))
        return data


class PairFilterForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *Pair.State.choices]
    )
    year = forms.IntegerField(label=_("Started in year"), required=False, min_value=2000)
    attention = forms.BooleanField(label=_("Not meeting or stopped"), required=False)


WEIGHT_LABELS = {
    "same_district": _("Same district"),
    "neighbouring_district": _("Neighbouring districts"),
    "availability_overlap": _("Per common weekly time"),
    "availability_cap": _("Common times counted, at most"),
    "shared_interests": _("Per shared interest"),
    "interests_cap": _("Shared interests counted, at most"),
    "bridge_language": _("A shared language besides Swedish"),
    "age_difference": _("Close in age"),
    "age_span": _("Years apart at which age no longer counts"),
    "waiting_time": _("Per 30 days waited"),
    "waiting_cap_days": _("Days of waiting counted, at most"),
}


class SettingsForm(StyledFormMixin, forms.Form):
    """One number per engine weight; the engine's defaults are the initial values."""

    def __init__(self, *args: Any, current: Weights, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in dataclasses.fields(Weights):
            kind = forms.IntegerField if field.type in (int, "int") else forms.FloatField
            self.fields[field.name] = kind(
                label=WEIGHT_LABELS.get(field.name, field.name.replace("_", " ")),
                min_value=0,
                initial=getattr(current, field.name),
                help_text=_("Default: %(value)s") % {"value": field.default},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            Weights(**{k: v for k, v in data.items() if v is not None})
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class CheckInAnswerForm(forms.Form):
    """A person's answer on their check-in page: the button pressed and an optional comment."""

    answer = forms.ChoiceField(choices=CheckInAnswer.Answer.choices)
    comment = forms.CharField(
        label=_("Anything you want to tell us? (you may leave this empty)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-lg"}),
    )
