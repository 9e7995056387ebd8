"""Public self-registration: choose a group, fill in the form, read the receipt."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.core.models import Programme
from sprakvan.core.throttle import client_address, hit

from ..choices import PARTS_OF_DAY, WEEKDAYS, Group
from ..forms import RegistrationForm
from ..services import register_participant
from ..sources import read_source_token

# The group's word in the address, in Swedish like the rest of the public URLs.
PART_SLUGS = ["morning", "afternoon", "evening"]
GROUP_SLUGS = {"nyanland": Group.NEWCOMER, "etablerad": Group.ESTABLISHED}


def _throttled(request: HttpRequest, programme_slug: str) -> bool:
    """True when this address already sent too many sign-ups this hour."""
    key = f"participants_public:throttle:{programme_slug}:{client_address(request)}"
    return hit(key) > settings.REGISTRATION_RATE_PER_HOUR


def availability_rows(form: RegistrationForm | Any) -> list[tuple[str, list[Any]]]:
    """The availability checkboxes as a weekday × part-of-day table."""
    boxes = list(form["availability"])
    width = len(PARTS_OF_DAY)
    return [(str(day), boxes[i * width : (i + 1) * width]) for i, day in enumerate(WEEKDAYS)]


def _revoked_link(request: HttpRequest, programme: Programme) -> HttpResponse:
    """An old poster's link after the coordinator rotated it: say so, offer the plain sign-up."""
    return render(
        request, "participants/intake_link_revoked.html", {"programme": programme}, status=410
    )


def choose(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    if read_source_token(request.GET.get("via", ""), programme).revoked:
        return _revoked_link(request, programme)
    return render(
        request,
        "participants/intake_choose.html",
        {"programme": programme, "via": request.GET.get("via", "")},
    )


def register(request: HttpRequest, programme_slug: str, group_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    group = GROUP_SLUGS.get(group_slug)
    if group is None:
        raise Http404
    via = request.GET.get("via", "")
    # A form opened before the rotation still registers, as a plain sign-up (see sources.py).
    if request.method != "POST" and read_source_token(via, programme).revoked:
        return _revoked_link(request, programme)
    form = RegistrationForm(request.POST or None, programme=programme, group=group)
    if request.method == "POST":
        if _throttled(request, programme.slug):
            return render(
                request, "participants/intake_throttled.html", {"programme": programme}, status=429
            )
        if form.is_valid():
            if not form.cleaned_data.get("website"):
                source = read_source_token(via, programme)
                values = {**form.intake_values(), **source.values()}
                values["preferred_language"] = get_language() or "sv"
                register_participant(
                    programme=programme,
                    group=group,
                    values=values,
                    source=source.source,
                    consent_email=form.cleaned_data["consent_email"],
                    consent_sms=form.cleaned_data["consent_sms"],
                )
            # A filled honeypot gets the same receipt, so bots learn nothing.
            return redirect(
                reverse("participants_public:receipt", args=[programme.slug]) + f"?g={group_slug}"
            )
    return render(
        request,
        "participants/intake_form.html",
        {
            "programme": programme,
            "form": form,
            "group": group,
            "is_newcomer": group == Group.NEWCOMER,
            "availability_rows": availability_rows(form),
            "parts_of_day": list(zip(PART_SLUGS, PARTS_OF_DAY, strict=True)),
        },
    )


def receipt(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    return render(
        request,
        "participants/intake_receipt.html",
        {"programme": programme, "is_newcomer": request.GET.get("g") == "nyanland"},
    )
