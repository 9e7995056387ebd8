"""The coordinator's forms: the outbox filter, a template of one kind and language, the
programme's sending settings, the message to a chosen group."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings as django_settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import StyledFormMixin, choice_field
from sprakvan.core.models import Programme
from sprakvan.participants.models import Channel, Group, Status

from . import hooks
from .models import Kind, Message, MessagingSettings
from .rendering import ENGINE, template_problems, variables_used
from .sms import check_sender, is_two_way

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL: list[tuple[str, Any]] = [("", _("All"))]


class OutboxFilterForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[*ALL, *Kind.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[*ALL, *Message.Status.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[*ALL, *Channel.choices], required=False
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def apply(self, messages: QuerySet[Message]) -> QuerySet[Message]:
        """The messages that match: all if unbound, none while a filter is invalid. The dates
        are the day the message was queued."""
        if not self.is_bound:
            return messages
        if not self.is_valid():
            return messages.none()
        data = self.cleaned_data
        for name in ["kind", "status", "channel"]:
            if data[name]:
                messages = messages.filter(**{name: data[name]})
        if data["start"]:
            messages = messages.filter(queued_at__date__gte=data["start"])
        if data["end"]:
            messages = messages.filter(queued_at__date__lte=data["end"])
        return messages


class TemplateForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """One kind in one language: the subject (e-mail only) and the body (both channels)."""

    subject = forms.CharField(label=_("Subject (e-mail)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("SMS sends this text; e-mail sends the subject and this text."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_subject(self) -> str:
        subject: str = self.cleaned_data["subject"]
        if problems := template_problems(kind=self.kind, subject=subject, body=""):
            raise forms.ValidationError(problems)
        return subject

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if problems := template_problems(kind=self.kind, subject="", body=body):
            raise forms.ValidationError(problems)
        return body


class MessagingSettingsForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    kinds_enabled = forms.MultipleChoiceField(
        label=_("Kinds of message sent"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A kind switched off is not sent; its messages show as not sent."),
    )

    class Meta:
        model = MessagingSettings
        fields = [
            "sms_sender",
            "stop_contact",
            "email_sender_name",
            "quiet_start",
            "quiet_end",
            "daily_sms_budget",
            "kinds_enabled",
        ]
        widgets = {
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean_sms_sender(self) -> str:
        sender: str = self.cleaned_data["sms_sender"].strip()
        if sender:
            try:
                check_sender(sender)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from error
        return sender

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sender = data.get("sms_sender", "")
        if sender and not is_two_way(sender) and not data.get("stop_contact", "").strip():
            self.add_error(
                "stop_contact",
                _(
                    "A sender name cannot receive STOP: give a phone number people can call or text."
                ),
            )
        return data

    def clean_kinds_enabled(self) -> list[str]:
        chosen = set(self.cleaned_data["kinds_enabled"])
        return [kind for kind in Kind.values if kind in chosen]

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class GroupMessageForm(StyledFormMixin, forms.Form):
    """The message to a chosen group: who (the filters, hooks' filters added), the text per
    language, and the token of the page that showed what would be sent."""

    group = forms.ChoiceField(label=_("Group"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    language = forms.ChoiceField(label=_("Language for messages"), required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "group").choices = [*ALL, *Group.choices]
        choice_field(self, "district").choices = [
            *ALL,
            *((str(d.pk), d.name) for d in programme.districts.order_by("name")),
        ]
        choice_field(self, "status").choices = [
            *ALL,
            *((value, label) for value, label in Status.choices if value != Status.LEFT),
        ]
        choice_field(self, "language").choices = [*ALL, *django_settings.LANGUAGES]
        self.filter_names = ["group", "district", "status", "language"]
        for audience_filter in hooks.audience_filters:
            self.fields[audience_filter.name] = forms.ChoiceField(
                label=str(audience_filter.label),
                choices=[*ALL, *audience_filter.choices(programme)],
                required=False,
            )
            self.filter_names.append(audience_filter.name)
        for code, name in django_settings.LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=str(_("Text in %(language)s") % {"language": name}),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code, "dir": "auto"}),
            )
        self.order_fields([*self.filter_names])
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code, _name in django_settings.LANGUAGES:
            text = data.get(f"text_{code}", "").strip()
            problems = template_problems(kind=Kind.GROUP, subject="", body=text)
            # `text` is where this text goes in the template, not a variable of the text.
            if not problems and "text" in variables_used(ENGINE.from_string(text)):
                problems.append(_("Unknown variable: %(name)s") % {"name": "text"})
            if problems:
                self.add_error(f"text_{code}", problems)
        return data

    def filters(self) -> dict[str, str]:
        """The chosen filters (empty ones left out), as the group message records them."""
        return {
            name: self.cleaned_data[name] for name in self.filter_names if self.cleaned_data[name]
        }

    def texts(self) -> dict[str, str]:
        """The texts written, by language."""
        return {
            code: self.cleaned_data[f"text_{code}"].strip()
            for code, _name in django_settings.LANGUAGES
            if self.cleaned_data.get(f"text_{code}", "").strip()
        }

    def text_fields(self) -> list[forms.BoundField]:
        return [self[f"text_{code}"] for code, _name in django_settings.LANGUAGES]

    def filter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.filter_names]
