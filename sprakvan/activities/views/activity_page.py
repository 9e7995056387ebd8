"""An activity's own public page, linked from the calendar: what it is, where, the next times
and its picture sequence (bildstöd), printable as one A4 sheet."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sprakvan.accounts.access import get_programme_or_404

from ..models import Activity, Venue

# As far ahead as the schedules are expanded (services.DEFAULT_WEEKS_AHEAD).
PAGE_WEEKS = 8


@require_GET
def activity_page(request: HttpRequest, programme_slug: str, activity_id: int) -> HttpResponse:
    """Only an activity the calendar shows (`Activity.objects.public()`); any other is a 404."""
    programme = get_programme_or_404(programme_slug)
    activity = get_object_or_404(
        Activity.objects.public().select_related("venue", "district"),
        programme=programme,
        pk=activity_id,
    )
    today = timezone.localdate()
    sessions = list(
        activity.sessions.filter(
            date__gte=today, date__lte=today + datetime.timedelta(weeks=PAGE_WEEKS)
        ).select_related("venue")
    )
    # Where it is held: the activity's own place first, then any other a session moved to.
    places: list[Venue] = [activity.venue] if activity.venue else []
    for session in sessions:
        if session.venue and session.venue not in places:
            places.append(session.venue)
    return render(
        request,
        "activities/activity_page.html",
        {
            "programme": programme,
            "activity": activity,
            "steps": list(activity.picture_steps.all()),
            "sessions": sessions,
            "places": places,
            "weeks": PAGE_WEEKS,
        },
    )
