"""The coordinator's forms: the outbox filter, a template of one kind and language, the
programme's sending settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sprakvan.core.concurrency import VersionedFormMixin
from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.participants.models import Channel

from .models import Kind, Message, MessagingSettings
from .rendering import template_problems
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
