"""Asking before a consequential action: its own page, or an accessible dialog when htmx asks."""

from __future__ import annotations

from collections.abc import Iterable

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .htmx import is_htmx


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
