"""The coordinator's privacy forms (settings, a new notice version) and a person's answer to
a paused consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.core.models import Programme
from sprakvan.participants.models import ConsentPurpose

from .models import PrivacySettings
from .notices import VERSION_LENGTH, NoticeError, check_version


class PrivacySettingsForm(StyledFormMixin, forms.ModelForm):
    """The retention period (6–120 months, the model's validators) and whom participants ask."""

    class Meta:
        model = PrivacySettings
        fields = ["retention_months", "contact_name", "contact_phone", "contact_email"]

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PublishNoticeForm(StyledFormMixin, forms.Form):
    version = forms.CharField(
        label=_("Version"),
        max_length=VERSION_LENGTH,
        help_text=_("A new name for every version, for example 2027-01."),
    )
    change_summary = forms.CharField(
        label=_("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words: people asked to agree again read this first."),
    )
    changed_purposes = forms.MultipleChoiceField(
        label=_("Purposes that changed"),
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick a purpose only when what we do with the data changes: everyone who agreed "
            "to an earlier version is then asked again, and messages pause until they answer. "
            "A change of wording only: tick nothing."
        ),
    )
    own_text = forms.CharField(
        label=_("The programme's own text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Shown under the standard text: who is responsible, anything particular to the "
            "programme."
        ),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_version(self) -> str:
        try:
            return check_version(self.programme, self.cleaned_data["version"])
        except NoticeError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("changed_purposes") and not cleaned.get("change_summary", "").strip():
            self.add_error(
                "change_summary",
                _("Say what changed: people are asked to agree again and read this first."),
            )
        return cleaned


class RenewalAnswerForm(forms.Form):
    """Yes or no to the new notice, for one of the person's paused consents."""

    consent = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=[("yes", _("Yes, I agree")), ("no", _("No thanks"))])
