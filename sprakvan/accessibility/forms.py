"""The form to report an accessibility problem: what is wrong, on which page, how to answer."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.participants.forms import IntakeRenderer

PAGE_MAX_LENGTH = 300
# A phone number as people write it: digits with spaces, dashes, brackets, perhaps a "+".
PHONE = re.compile(r"\+?[\d\s\-()]{6,25}")


def page_on_our_site(value: str, *, host: str) -> str | None:
    """The path of a page on our own site that `value` names ("" for nothing), or None when it
    names anything else. A full address on our own host is cut to its path; the query and
    fragment are dropped, as they may carry a link's secret."""
    value = value.strip()
    if not value:
        return ""
    if any(ord(c) < 32 or c.isspace() or c == "\\" for c in value):
        return None
    parts = urlsplit(value)
    own_host = parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()
    if (parts.scheme or parts.netloc) and not own_host:
        return None
    path = parts.path
    if (
        not path.startswith("/")
        or path.startswith("//")
        or not url_has_allowed_host_and_scheme(path, allowed_hosts=set())
        or len(path) > PAGE_MAX_LENGTH
    ):
        return None
    return path


def _is_phone(value: str) -> bool:
    return PHONE.fullmatch(value) is not None and sum(c.isdigit() for c in value) >= 6


class ReportForm(StyledFormMixin, forms.Form):
    # The sign-up's field markup: the required mark, red outlines, errors tied to their field.
    default_renderer = IntakeRenderer

    description = forms.CharField(
        label=_("What is wrong?"),
        help_text=_("Tell us what you wanted to do and what happened."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please tell us what is wrong.")},
    )
    page = forms.CharField(
        label=_("Which page? (optional)"),
        help_text=_("The address of the page on this website."),
        required=False,
        max_length=PAGE_MAX_LENGTH,
    )
    contact = forms.CharField(
        label=_("How can we answer you? (optional)"),
        help_text=_(
            "Your e-mail address or phone number. You do not have to give it. "
            "We use it only to answer you."
        ),
        required=False,
        max_length=200,
    )
    # A field people never see: bots fill it in, and such reports are dropped.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, host: str = "", **kwargs: Any) -> None:
        """`host`: this site's host name, whose full addresses are taken as their path (without
        it only paths are taken)."""
        super().__init__(*args, **kwargs)
        self.host = host
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_page(self) -> str:
        path = page_on_our_site(self.cleaned_data["page"], host=self.host)
        if path is None:
            raise ValidationError(
                _("Write the address of a page on this website, or leave the field empty."),
                code="not_our_page",
            )
        return path

    def clean_contact(self) -> str:
        contact: str = self.cleaned_data["contact"].strip()
        if not contact:
            return ""
        try:
            validate_email(contact)
        except ValidationError:
            if not _is_phone(contact):
                raise ValidationError(
                    _("Write an e-mail address or a phone number, or leave the field empty."),
                    code="not_a_contact",
                ) from None
        return contact

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()
