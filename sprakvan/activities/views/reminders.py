"""The "Reminders" card of an activity: who gets a reminder before each session, adding and
removing people. For the programme's coordinators and the activity's leaders; a leader finds
only people who have come to the activity, by name, and sees first names only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import ProgrammeRequest, leader_view
from sprakvan.core.bidi import named
from sprakvan.participants.models import Participant, Status

from .. import services
from ..forms import SearchForm
from ..models import Activity, ReminderSubscription
from .access import display_name, get_activity_for_user, is_coordinator

MAX_RESULTS = 20


@dataclass(frozen=True)
class Subscriber:
    id: int
    name: str
    since: datetime.datetime
    has_left: bool


def reminders_context(request: ProgrammeRequest, activity: Activity) -> dict[str, object]:
    """What the activity page needs for its Reminders card."""
    full = is_coordinator(request)
    current = (
        ReminderSubscription.objects.current()
        .filter(activity=activity, participant__erased_at__isnull=True)
        .select_related("participant")
        .order_by("participant__first_name", "participant__last_name", "id")
    )
    subscribers = [
        Subscriber(
            s.participant_id,
            display_name(s.participant, full=full),
            s.created_at,
            s.participant.status == Status.LEFT,
        )
        for s in current
    ]
    taken = {s.id for s in subscribers}
    regulars = services.activity_regulars(activity, today=timezone.localdate())
    return {
        "reminder_subscribers": subscribers,
        "reminder_choices": [
            (p.pk, display_name(p, full=full)) for p in regulars if p.pk not in taken
        ],
        "reminder_search_form": _search_form(full=full),
    }


def _search_form(*, full: bool, data: object = None) -> SearchForm:
    form = SearchForm(data)
    form.fields["q"].label = (
        _("Find someone in the programme by name or phone")
        if full
        else _("Find someone who has come to this activity, by name")
    )
    return form


def _addable(request: ProgrammeRequest, activity: Activity) -> QuerySet[Participant]:
    """Whom the user may subscribe: a coordinator anyone current in the programme, a leader
    only people who have come to the activity (another id is a 404: it reveals no name)."""
    if is_coordinator(request):
        return Participant.objects.filter(programme=request.programme).current()
    return services.activity_listed(activity)


def _back(activity: Activity) -> HttpResponse:
    return redirect(reverse("activities:activity_detail", args=[activity.pk]) + "#reminders")


@require_POST
@leader_view
def reminder_search(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """Find someone to remind. POST, so no name lands in a URL."""
    activity = get_activity_for_user(request, pk)
    full = is_coordinator(request)
    form = _search_form(full=full, data=request.POST)
    found: list[tuple[int, str, str]] = []
    if form.is_valid() and len(text := form.cleaned_data["q"].strip()) >= 2:
        people = (
            Participant.objects.filter(programme=request.programme).current().search(text)
            if full
            else services.find_listed(activity, text)
        )
        taken = set(services.subscribers_of(activity).values_list("pk", flat=True))
        found = [
            (p.pk, display_name(p, full=full), str(p.district or ""))
            for p in people.select_related("district").order_by("first_name", "id")[:MAX_RESULTS]
            if p.pk not in taken
        ]
    return render(
        request,
        "activities/reminder_search.html",
        {"activity": activity, "form": form, "found": found, "searched": form.is_bound},
    )


@require_POST
@leader_view
def reminder_add(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    participant = get_object_or_404(
        _addable(request, activity), pk=_participant_id(request.POST.get("participant"))
    )
    services.subscribe(participant, activity, by=request.user)
    messages.success(
        request,
        named(
            _("%(name)s will get a reminder before each session."),
            name=display_name(participant, full=is_coordinator(request)),
        ),
    )
    return _back(activity)


@require_POST
@leader_view
def reminder_remove(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    subscribed = Participant.objects.filter(
        programme=request.programme,
        reminder_subscriptions__activity=activity,
        reminder_subscriptions__withdrawn_at__isnull=True,
    ).distinct()
    participant = get_object_or_404(subscribed, pk=_participant_id(request.POST.get("participant")))
    services.unsubscribe(participant, activity, by=request.user)
    messages.success(
        request,
        named(
            _("%(name)s gets no more reminders for this activity."),
            name=display_name(participant, full=is_coordinator(request)),
        ),
    )
    return _back(activity)


def _participant_id(value: str | None) -> int:
    """The posted id, or 0 (which finds nobody: a 404) when it is missing or not a number."""
    return int(value) if value and value.isdigit() else 0
