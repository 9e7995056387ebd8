"""Signing in to the own page (the number or address, then the code or the link), signing out,
and erasing yourself.

Whatever is typed, the first step answers the same ("if this is your number, we have sent a
code and a link"), with the same session change, so nobody learns who is a participant. The
number or address is never in a URL, a log line or a cache key (the key holds a keyed hash);
the visitor's session keeps a random key of their request, which the code form checks
against. Nothing here is cached.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.core.forms import OneTimeCodeForm
from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.core.models import Programme
from sprakvan.core.throttle import client_address, hit
from sprakvan.participants.choices import Channel
from sprakvan.participants.models import Participant

from .. import session
from ..models import PrivacySettings
from ..signin import (
    MAX_TRIES,
    Address,
    Outcome,
    address_digest,
    erase_with_code,
    link_works,
    parse_address,
    request_erasure_code,
    start_sign_in,
    use_code,
    use_link,
)

PER_ADDRESS_PER_HOUR = 5
PER_CLIENT_PER_HOUR = 20
ERASE_CODES_PER_HOUR = 5


def _pending_key(programme: Programme) -> str:
    return f"privacy.sign_in_pending:{programme.pk}"


class SignInForm(StyledFormMixin, forms.Form):
    address = forms.CharField(
        label=_("Mobile number or e-mail"),
        max_length=254,
        help_text=_("The one you gave us when you signed up. For example 070-123 45 67."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["address"].widget.attrs.update({"autocomplete": "username", "dir": "ltr"})

    def clean_address(self) -> Address:
        address = parse_address(self.cleaned_data["address"])
        if address is None:
            raise forms.ValidationError(
                _("Write a mobile number, such as 070-123 45 67, or an e-mail address.")
            )
        return address


def _throttled(request: HttpRequest, address: Address) -> bool:
    """True when this number or address, or this client, asked too often this hour (counted
    for every address, known or not, so the limit tells nothing either)."""
    by_address = hit(f"privacy.sign_in:address:{address_digest(address)}")
    by_client = hit(f"privacy.sign_in:client:{client_address(request)}")
    return by_address > PER_ADDRESS_PER_HOUR or by_client > PER_CLIENT_PER_HOUR


def _signed_in(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Sign in and go to the page, in the person's language for messages unless this browser
    already chose one with the language switcher."""
    session.sign_in(request, participant)
    response = redirect("privacy_public:own_page", programme_slug=participant.programme.slug)
    language = participant.preferred_language
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not chosen and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Step 1: the mobile number or e-mail."""
    programme = get_programme_or_404(programme_slug)
    form = SignInForm(request.POST or None)
    context: dict[str, Any] = {"programme": programme, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "privacy/signin/sign_in.html", context, status=400)
        address: Address = form.cleaned_data["address"]
        if _throttled(request, address):
            context["throttled"] = True
            return render(request, "privacy/signin/sign_in.html", context, status=429)
        request_key = secrets.token_urlsafe(16)
        start_sign_in(programme, address=address, request_key=request_key, now=timezone.now())
        request.session[_pending_key(programme)] = {
            "request": request_key,
            "channel": address.channel,
            "tries": 0,
        }
        return redirect("privacy_public:enter_code", programme_slug=programme.slug)
    return render(request, "privacy/signin/sign_in.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Step 2: the code (the same page whether or not anything was sent)."""
    programme = get_programme_or_404(programme_slug)
    pending = request.session.get(_pending_key(programme))
    if not isinstance(pending, dict):
        return redirect("privacy_public:sign_in", programme_slug=programme.slug)
    form = OneTimeCodeForm(request.POST or None)
    context: dict[str, Any] = {
        "programme": programme,
        "form": form,
        "by_sms": pending.get("channel") == Channel.SMS,
    }
    status = 200
    if pending.get("tries", 0) >= MAX_TRIES:
        context["too_many"] = True
    elif request.method == "POST":
        if form.is_valid():
            participant = use_code(
                programme,
                request_key=str(pending.get("request", "")),
                code=form.cleaned_data["code"],
                now=timezone.now(),
            )
            if participant is not None:
                del request.session[_pending_key(programme)]
                return _signed_in(request, participant)
            # Counted here too, so an address nobody has runs out of tries like a real one.
            pending["tries"] = pending.get("tries", 0) + 1
            request.session.modified = True
            context["too_many" if pending["tries"] >= MAX_TRIES else "wrong"] = True
        status = 400
    return render(request, "privacy/signin/enter_code.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def follow_link(request: HttpRequest, programme_slug: str, token: str) -> HttpResponse:
    """The link from the message: opening it shows one button (mail scanners open links and
    must not use them up); the button signs in."""
    programme = get_programme_or_404(programme_slug)
    now = timezone.now()
    context: dict[str, Any] = {"programme": programme}
    if request.method == "POST":
        participant = use_link(programme, link=token, now=now)
        if participant is not None:
            request.session.pop(_pending_key(programme), None)
            return _signed_in(request, participant)
    elif link_works(programme, link=token, now=now):
        return render(request, "privacy/signin/follow_link.html", context)
    return render(request, "privacy/signin/link_gone.html", context, status=410)


@never_cache
@require_POST
def sign_out(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    session.sign_out(request, programme)
    request.session.cycle_key()
    messages.info(request, gettext("You are signed out."))
    return redirect("privacy_public:sign_in", programme_slug=programme.slug)


@require_http_methods(["GET", "POST"])
@session.own_page_view
def erase_me(request: session.OwnPageRequest, programme_slug: str) -> HttpResponse:
    """What erasing means, a fresh code to the person's own phone (else e-mail), the code."""
    programme, participant = request.programme, request.participant
    form = OneTimeCodeForm(request.POST if request.POST.get("step") == "code" else None)
    context: dict[str, Any] = {
        "programme": programme,
        "form": form,
        "contact": PrivacySettings.objects.filter(programme=programme).first(),
    }
    status = 200
    now = timezone.now()
    if request.method == "POST" and request.POST.get("step") == "send":
        if hit(f"privacy.erase_code:participant:{participant.pk}") > ERASE_CODES_PER_HOUR:
            context["throttled"] = True
            status = 429
        else:
            channel = request_erasure_code(participant, now=now)
            context["sent_by"] = channel or "nothing"
    elif request.method == "POST" and form.is_valid():
        outcome = erase_with_code(participant, code=form.cleaned_data["code"], now=now)
        if outcome == Outcome.DONE:
            session.sign_out(request, programme)
            request.session.cycle_key()
            return redirect("privacy_public:erased", programme_slug=programme.slug)
        context["sent_by"] = "before"
        context["too_many" if outcome == Outcome.TOO_MANY_TRIES else "wrong"] = True
        status = 400
    elif request.method == "POST":
        context["sent_by"] = "before"
        status = 400
    return render(request, "privacy/signin/erase_me.html", context, status=status)


@never_cache
@require_GET
def erased(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    return render(request, "privacy/signin/erased.html", {"programme": programme})


urls: list[URLPattern] = [
    path("mina-sidor/logga-in/", sign_in, name="sign_in"),
    path("mina-sidor/kod/", enter_code, name="enter_code"),
    path("mina-sidor/in/<str:token>/", follow_link, name="follow_link"),
    path("mina-sidor/logga-ut/", sign_out, name="sign_out"),
    path("mina-sidor/radera/", erase_me, name="erase_me"),
    path("mina-sidor/raderad/", erased, name="erased"),
]
