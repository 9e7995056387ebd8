"""The person's data (`export.collect`) as a readable, tagged PDF in their language: every
field in words, not codes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sprakvan.core.pdf import html_to_pdf
from sprakvan.participants.models import Participant

from .export import PARTICIPANT_FIELDS


def in_words(value: Any) -> str:
    """A JSON value as the PDF shows it: labels, not codes."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict):
        return str(value.get("label") or value.get("name") or "–")
    if isinstance(value, list):
        return ", ".join(in_words(item) for item in value)
    return str(value)


# Written left to right in an Arabic page too (a phone number's "+" stays in front).
LEFT_TO_RIGHT = frozenset({"phone", "email", "external_id"})


def participant_rows(data: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """Every inventoried field of the participant: its name in words, its value in words, and
    whether the value is always written left to right."""
    return [
        (
            capfirst(str(getattr(Participant._meta.get_field(name), "verbose_name", name))),
            in_words(data["participant"][name]),
            name in LEFT_TO_RIGHT,
        )
        for name in PARTICIPANT_FIELDS
    ]


def html(data: dict[str, Any]) -> str:
    with translation.override(data["language"]):
        return render_to_string(
            "privacy/export/document.html",
            {
                "data": data,
                "rows": participant_rows(data),
                "LANGUAGE_CODE": data["language"],
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "bidi_languages": settings.LANGUAGES_BIDI,
                "exported_on": data["exported_at"][:10],
            },
        )


def to_pdf(data: dict[str, Any]) -> bytes:
    """The person's data as a tagged PDF in their language."""
    return html_to_pdf(html(data))
