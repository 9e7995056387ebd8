"""Messaging's public pages: the unsubscribe link of every e-mail, and the SMS provider's hooks."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..services.email import message_of_token
from ..services.replies import handle_incoming_sms, record_delivery_report, unsubscribe_email


# Mail programs post the RFC 8058 one-click unsubscribe without a CSRF token; the signed
# link is the authority, and the worst a forged post does is stop someone's e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button and changes nothing (link scanners open links); POST withdraws
    the e-mail consent, in the language the e-mail was written in."""
    message = message_of_token(token)
    # An erased person's links stop working (privacy).
    if message is None or (message.participant and message.participant.erased_at):
        raise Http404
    with translation.override(message.language):
        done = False
        if request.method == "POST":
            unsubscribe_email(message)
            done = True
        return render(
            request,
            "messaging/unsubscribe.html",
            {"programme": message.programme, "done": done, "token": token},
        )


def _check_hook_token(token: str) -> None:
    expected = settings.SMS_WEBHOOK_TOKEN
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise Http404


@csrf_exempt
@require_POST
def sms_delivered(request: HttpRequest, token: str) -> HttpResponse:
    """The provider's delivery report (`whendelivered`): id, status, delivered."""
    _check_hook_token(token)
    record_delivery_report(
        provider_id=request.POST.get("id", ""),
        status=request.POST.get("status", ""),
        delivered=request.POST.get("delivered", ""),
    )
    return HttpResponse("")


@csrf_exempt
@require_POST
def sms_incoming(request: HttpRequest, token: str) -> HttpResponse:
    """An SMS to the programme's number. The empty answer tells the provider to send no reply
    of its own (a STOP's confirmation goes through the outbox)."""
    _check_hook_token(token)
    handle_incoming_sms(
        provider_id=request.POST.get("id", ""),
        sender=request.POST.get("from", ""),
        to=request.POST.get("to", ""),
        text=request.POST.get("message", ""),
    )
    return HttpResponse("")
