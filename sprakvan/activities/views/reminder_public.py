"""Public pages where a participant asks for SMS reminders of an activity: the number, the code
sent to it, and the answer.

Whatever the number, the first step answers the same ("if the number is registered with us,
we have sent a code"), so nobody learns who is a participant. The number is never in a URL,
a log line or a cache key (the key holds a keyed hash); the pending request is kept in the
visitor's session.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from phonenumber_field.formfields import PhoneNumberField
from phonenumbers import PhoneNumber, PhoneNumberFormat, format_number

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.core.forms import OneTimeCodeForm
from sprakvan.core.forms_rendering import StyledFormMixin
from sprakvan.core.models import Programme
from sprakvan.core.throttle import client_address, hit
from sprakvan.messaging.services import settings_for
from sprakvan.messaging.services.notify import how_to_stop

from ..models import Activity
from ..services.reminder_codes import MAX_TRIES, Outcome, confirm_code, request_code

CODES_PER_HOUR = 5
PENDING = "activities_public:reminder_code"
DONE = "activities_public:reminder_done"


class ReminderPhoneForm(StyledFormMixin, forms.Form):
    phone = PhoneNumberField(
        label=_("Your mobile number"), region="SE", help_text=_("For example 070-123 45 67")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(
            {"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}
        )


def _throttled(request: HttpRequest, programme: Programme, phone: PhoneNumber) -> bool:
    """True when this address or this number already asked for too many codes this hour
    (counted for every number, registered or not, so the limit tells nothing either)."""
    address = client_address(request)
    number = salted_hmac(
        "sprakvan.activities.reminder_throttle",
        format_number(phone, PhoneNumberFormat.E164),
        algorithm="sha256",
    ).hexdigest()
    prefix = f"activities_public:reminder_throttle:{programme.slug}"
    by_address = hit(f"{prefix}:address:{address}")
    by_number = hit(f"{prefix}:number:{number}")
    return max(by_address, by_number) > CODES_PER_HOUR


def _activity(programme: Programme, activity_id: int) -> Activity:
    return get_object_or_404(Activity.objects.public(), programme=programme, pk=activity_id)


@require_http_methods(["GET", "POST"])
def reminder_request(request: HttpRequest, programme_slug: str, activity_id: int) -> HttpResponse:
    """Step 1: the mobile number."""
    programme = get_programme_or_404(programme_slug)
    activity = _activity(programme, activity_id)
    form = ReminderPhoneForm(request.POST or None)
    context: dict[str, Any] = {"programme": programme, "activity": activity, "form": form}
    if request.method == "POST" and form.is_valid():
        if _throttled(request, programme, form.cleaned_data["phone"]):
            context["throttled"] = True
            return render(request, "activities/reminder_request.html", context, status=429)
        row = request_code(activity, phone=form.cleaned_data["phone"], now=timezone.now())
        request.session[PENDING] = {
            "activity": activity.pk,
            "code": row.pk if row is not None else None,
            "tries": 0,
        }
        return redirect("activities_public:reminder_code", programme.slug, activity.pk)
    return render(request, "activities/reminder_request.html", context)


@require_http_methods(["GET", "POST"])
def reminder_code(request: HttpRequest, programme_slug: str, activity_id: int) -> HttpResponse:
    """Step 2: the code from the SMS (the same page whether or not an SMS went out)."""
    programme = get_programme_or_404(programme_slug)
    activity = _activity(programme, activity_id)
    pending = request.session.get(PENDING)
    if not pending or pending.get("activity") != activity.pk:
        return redirect("activities_public:reminder_request", programme.slug, activity.pk)
    form = OneTimeCodeForm(request.POST or None, label=_("The code from the SMS"))
    context: dict[str, Any] = {"programme": programme, "activity": activity, "form": form}
    if pending["tries"] >= MAX_TRIES:
        context["too_many"] = True
    elif request.method == "POST" and form.is_valid():
        outcome = confirm_code(
            pending["code"], activity, code=form.cleaned_data["code"], now=timezone.now()
        )
        if outcome == Outcome.CONFIRMED:
            del request.session[PENDING]
            request.session[DONE] = activity.pk
            return redirect("activities_public:reminder_done", programme.slug, activity.pk)
        # Counted here too, so a number nobody has runs out of tries like a real one.
        pending["tries"] += 1
        request.session.modified = True
        if outcome == Outcome.TOO_MANY_TRIES or pending["tries"] >= MAX_TRIES:
            context["too_many"] = True
        else:
            context["wrong"] = True
    return render(request, "activities/reminder_code.html", context)


@require_GET
def reminder_done(request: HttpRequest, programme_slug: str, activity_id: int) -> HttpResponse:
    """Step 3: what they will get, that they agreed to SMS, and how to stop."""
    programme = get_programme_or_404(programme_slug)
    activity = _activity(programme, activity_id)
    if request.session.get(DONE) != activity.pk:
        return redirect("activities_public:reminder_request", programme.slug, activity.pk)
    language = translation.get_language() or "sv"
    return render(
        request,
        "activities/reminder_done.html",
        {
            "programme": programme,
            "activity": activity,
            "how_to_stop": how_to_stop(settings_for(programme), language),
        },
    )
