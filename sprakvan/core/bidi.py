"""Keeping names, codes, dates and numbers in their own direction inside right-to-left text:
the one place the platform isolates them (the template filters in `templatetags/bidi.py`, the
messages after an action through `named`, the confirmation questions)."""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

LEFT_TO_RIGHT_ISOLATE = "\u2066"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def bdi(text: object) -> SafeString:
    """A name or code isolated, so Latin names read right inside an Arabic sentence."""
    return format_html("<bdi>{}</bdi>", text)


def isolated(text: object) -> str:
    """Text between FSI and PDI: its direction taken from its own first strong letter, so a
    Latin name reads right inside an Arabic sentence. Plain text; the caller escapes it."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def named(sentence: str, **names: object) -> SafeString:
    """A translated sentence with %(name)s placeholders, each value escaped and isolated."""
    return mark_safe(conditional_escape(sentence) % {k: bdi(v) for k, v in names.items()})  # noqa: S308
