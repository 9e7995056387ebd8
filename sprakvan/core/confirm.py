"""Asking before a consequential action: its own page, or an accessible dialog when htmx asks."""

from __future__ import annotations

from collections.abc import Iterable

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .htmx import is_htmx


def bdi(text: object) -> SafeString:
    """A name or code isolated, so Latin names read right inside an Arabic sentence."""
    return format_html("<bdi>{}</bdi>", text)


def named(sentence: str, **names: object) -> SafeString:
    """A translated sentence with %(name)s placeholders, each value escaped and isolated."""
    return mark_safe(conditional_escape(sentence) % {k: bdi(v) for k, v in names.items()})  # noqa: S308


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequence: str,
    action: str,
    confirm_label: str,
    back: str,
    details: Iterable[str] = (),
    form: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    """The question before `action` (a POST URL) is done: the consequence in words, a button
    that does it and a way `back`. An htmx request gets only the <dialog>."""
    template = "core/confirm.html#dialog" if is_htmx(request) else "core/confirm.html"
    return render(
        request,
        template,
        {
            "title": title,
            "consequence": consequence,
            "details": list(details),
            "action": action,
            "confirm_label": confirm_label,
            "back": back,
            "form": form,
        },
        status=status,
    )
