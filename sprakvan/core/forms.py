"""Forms of the platform admin and the audit log filter, and the one-time code form of the
public pages."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .forms_rendering import StyledFormMixin, model_choice_field
from .models import AuditEventQuerySet, Programme
from .services import check_slug_is_free

if TYPE_CHECKING:  # django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise


class ProgrammeForm(StyledFormMixin, forms.ModelForm):
    districts = forms.CharField(
        label=_("Districts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One district (stadsdel) per line."),
    )

    class Meta:
        model = Programme
        fields = ["name", "slug", "city", "organisations"]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        check_slug_is_free(slug)
        return slug

    def district_names(self) -> list[str]:
        lines = self.cleaned_data.get("districts", "").splitlines()
        return [line.strip() for line in lines if line.strip()]


class AuditFilterForm(StyledFormMixin, forms.Form):
    """Filters of the audit log. Without `programme` (the platform admin) it spans every one."""

    action = forms.CharField(
        label=_("Action starts with"),
        required=False,
        max_length=80,
        help_text=_("For example participants. or access.denied"),
    )
    actor = forms.ModelChoiceField(
        label=_("Who"), queryset=get_user_model().objects.none(), required=False
    )
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=40,
        help_text=_("For example participants.participant"),
    )
    object_id = forms.IntegerField(label=_("Object id"), required=False, min_value=1)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), required=False
    )

    def __init__(self, *args: Any, programme: Programme | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.order_by("first_name", "last_name", "email")
        if programme is None:
            model_choice_field(self, "programme").empty_label = _("All")
        else:
            del self.fields["programme"]
            users = users.filter(memberships__programme=programme).distinct()
        model_choice_field(self, "actor").queryset = users
        model_choice_field(self, "actor").empty_label = _("Anyone")

    def apply(self, events: AuditEventQuerySet) -> AuditEventQuerySet:
        """The events that match the filters: all if unbound, none while a filter is invalid."""
        if not self.is_bound:
            return events
        if not self.is_valid():
            return events.none()
        data = self.cleaned_data
        if data["action"]:
            events = events.with_action_prefix(data["action"].strip())
        if data["actor"] is not None:
            events = events.filter(actor=data["actor"])
        if data.get("programme") is not None:
            events = events.filter(programme=data["programme"])
        return events.about(
            object_type=data["object_type"].strip(), object_id=data["object_id"]
        ).between(data["start"], data["end"])


class OneTimeCodeForm(StyledFormMixin, forms.Form):
    """A 6-digit code someone was sent (signing in to the own page, erasing, reminders): the
    phone's keypad, the operating system's code autofill, digits left to right."""

    code = forms.RegexField(
        label=_("The code (6 digits)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has six digits.")},
    )

    def __init__(self, *args: Any, label: "StrOrPromise | None" = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["code"].label = label
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        )
