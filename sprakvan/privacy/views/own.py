"""The participant's own page (mina sidor): what we have about them, their friend, activities
near them and their messages, and the pages where they change details, times and interests,
pause, leave and choose which messages they get.

Every view is an `own_page_view`: it acts only on `request.participant`, and every id a form
sends is looked up among that person's own rows (their reminder subscriptions), so
another person's id is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.activities.models import Activity, ReminderSubscription
from sprakvan.activities.services.reminders import subscribe, unsubscribe
from sprakvan.participants.choices import PARTS_OF_DAY, Channel, Status
from sprakvan.participants.services import update_participant
from sprakvan.participants.views.public import PART_SLUGS, availability_rows

from ..own import changes
from ..own.page import own_page as page_contents
from ..own_forms import ContactForm, InterestsForm, PauseForm, TimesForm
from ..session import OwnPageRequest, own_page_view


def _home(request: OwnPageRequest, anchor: str = "") -> HttpResponse:
    response = redirect("privacy_public:own_page", programme_slug=request.programme.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _posted(request: OwnPageRequest) -> Any:
    """The form data of a POST, even an empty one (every box unticked), else None."""
    return request.POST if request.method == "POST" else None


def _render(
    request: OwnPageRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    context = {"programme": request.programme, "participant": request.participant, **context}
    return render(request, f"privacy/own/{template}", context, status=status)


@own_page_view
def own_page(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    page = page_contents(request.participant, today=timezone.localdate())
    return _render(request, "page.html", {"page": page})


def _change(
    request: OwnPageRequest,
    form: Any,
    *,
    template: str,
    saved: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST write its values through the audited service. A form
    with errors comes back with what was typed, and nothing is changed."""
    if request.method == "POST":
        if form.is_valid():
            changed = update_participant(request.participant, values=form.values(), changed_by=None)
            messages.success(request, saved if changed else _("Nothing was changed."))
            return _home(request, "about-you")
        return _render(request, template, {"form": form, **(context or {})}, status=400)
    return _render(request, template, {"form": form, **(context or {})})


@own_page_view
def own_details(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    form = ContactForm(_posted(request), participant=request.participant)
    return _change(request, form, template="details.html", saved=_("Your details are saved."))


@own_page_view
def own_times(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    """The registration's grid of weekdays and parts of the day."""
    form = TimesForm(_posted(request), participant=request.participant)
    grid = {
        "availability_rows": availability_rows(form),
        "parts_of_day": list(zip(PART_SLUGS, PARTS_OF_DAY, strict=True)),
    }
    return _change(
        request, form, template="times.html", saved=_("Your times are saved."), context=grid
    )


@own_page_view
def own_interests(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    form = InterestsForm(_posted(request), participant=request.participant)
    return _change(
        request, form, template="interests.html", saved=_("What you like to do is saved.")
    )


@own_page_view
def own_pause(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    today = timezone.localdate()
    if request.participant.status == Status.LEFT:
        return _home(request)
    form = PauseForm(_posted(request), today=today)
    if request.method == "POST":
        if form.is_valid():
            until = form.cleaned_data["until"]
            changes.pause_participant(request.participant, until=until, today=today)
            messages.success(request, _("Thank you. We send you no news until you are back."))
            return _home(request)
        return _render(request, "pause.html", {"form": form}, status=400)
    return _render(request, "pause.html", {"form": form})


@require_POST
@own_page_view
def own_back(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    changes.resume_participant(request.participant)
    messages.success(request, _("Welcome back!"))
    return _home(request)


@own_page_view
def own_leave(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    if request.method == "POST" and request.participant.status != Status.LEFT:
        changes.leave_programme(request.participant, today=timezone.localdate())
        messages.success(request, _("You have left the programme. Thank you for being with us."))
        return _home(request)
    if request.participant.status == Status.LEFT:
        return _home(request)
    return _render(request, "leave.html", {})


def _switch_on(request: OwnPageRequest) -> bool:
    value = request.POST.get("on")
    if value not in ("0", "1"):
        raise Http404
    return value == "1"


@require_POST
@own_page_view
def own_messages(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    """Messages by SMS or e-mail: one tap on, one tap off."""
    channel = request.POST.get("channel", "")
    if channel not in Channel.values:
        raise Http404
    on = _switch_on(request)
    person = request.participant
    if on and not (person.phone if channel == Channel.SMS else person.email):
        messages.error(
            request,
            _("Add your mobile number first.")
            if channel == Channel.SMS
            else _("Add your e-mail address first."),
        )
        return _home(request, "messages-we-send")
    changes.switch_channel(person, channel=channel, on=on, now=timezone.now())
    label = Channel(channel).label
    messages.success(
        request,
        _("%(channel)s: on.") % {"channel": label}
        if on
        else _("%(channel)s: off. We send you nothing more this way.") % {"channel": label},
    )
    return _home(request, "messages-we-send")


@require_POST
@own_page_view
def own_reminders(request: OwnPageRequest, programme_slug: str) -> HttpResponse:
    """Reminders of one activity on or off. Off: only an activity the person gets reminders
    for; on: only one they had them for before (else 404)."""
    on = _switch_on(request)
    try:
        activity_id = int(request.POST.get("activity", ""))
    except ValueError:
        raise Http404 from None
    own = ReminderSubscription.objects.filter(
        participant=request.participant, activity_id=activity_id
    )
    if not on:
        own = own.filter(withdrawn_at__isnull=True)
    activity = get_object_or_404(
        Activity.objects.filter(programme=request.programme, pk__in=own.values("activity_id"))
    )
    if on:
        subscribe(request.participant, activity, by=None)
        messages.success(request, _("Reminders for %(title)s: on.") % {"title": activity.title})
    else:
        unsubscribe(request.participant, activity, by=None)
        messages.success(request, _("Reminders for %(title)s: off.") % {"title": activity.title})
    return _home(request, "messages-we-send")


urls: list[URLPattern] = [
    path("mina-sidor/", own_page, name="own_page"),
    path("mina-sidor/uppgifter/", own_details, name="own_details"),
    path("mina-sidor/tider/", own_times, name="own_times"),
    path("mina-sidor/intressen/", own_interests, name="own_interests"),
    path("mina-sidor/paus/", own_pause, name="own_pause"),
    path("mina-sidor/tillbaka/", own_back, name="own_back"),
    path("mina-sidor/lamna/", own_leave, name="own_leave"),
    path("mina-sidor/meddelanden/", own_messages, name="own_messages"),
    path("mina-sidor/paminnelser/", own_reminders, name="own_reminders"),
]
