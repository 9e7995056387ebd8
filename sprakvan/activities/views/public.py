"""Public pages of a programme: the calendar, its iCalendar feeds and QR check-in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sprakvan.accounts.access import get_programme_or_404
from sprakvan.core.throttle import client_address, hit

from .. import checkin, services
from .. import schedule as rules
from ..forms import CalendarFilterForm, CheckinForm
from ..models import Activity, Attendance, Session

CALENDAR_WEEKS = 4
# How far back and on the calendar's week links go: a year either way, no endless pages.
CALENDAR_REACH_WEEKS = 52
CHECKINS_PER_HOUR = 30


def _calendar_start(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The Monday the calendar starts on: `?week=` (any day of it) within a year of this
    week, else this week."""
    this_week = rules.week_start(today)
    try:
        start = rules.week_start(datetime.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return this_week
    reach = datetime.timedelta(weeks=CALENDAR_REACH_WEEKS)
    return min(max(start, this_week - reach), this_week + reach)


def _week_link(request: HttpRequest, monday: datetime.date, this_week: datetime.date) -> str:
    """The calendar's address for the weeks from `monday`, keeping the filters."""
    query = request.GET.copy()
    query.pop("week", None)
    if monday != this_week:
        query["week"] = monday.isoformat()
    return "?" + query.urlencode() if query else "?"


def calendar(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Four weeks from this week (or `?week=`), by ISO week, with links a week back and on;
    filter by district and kind (GET form)."""
    programme = get_programme_or_404(programme_slug)
    today = timezone.localdate()
    this_week = rules.week_start(today)
    start = _calendar_start(request, today)
    end = start + datetime.timedelta(weeks=CALENDAR_WEEKS, days=-1)
    reach = datetime.timedelta(weeks=CALENDAR_REACH_WEEKS)
    previous_week, next_week = (
        start - datetime.timedelta(weeks=1),
        start + datetime.timedelta(weeks=1),
    )
    form = CalendarFilterForm(request.GET or None, programme=programme)
    sessions = (
        Session.objects.filter(programme=programme, activity__is_active=True)
        .between(start, end)
        .select_related("activity", "activity__district", "activity__venue", "venue")
    )
    if form.is_valid():
        if form.cleaned_data["district"]:
            sessions = sessions.filter(activity__district=form.cleaned_data["district"])
        if form.cleaned_data["type"]:
            sessions = sessions.filter(activity__type=form.cleaned_data["type"])
    weeks = [
        {"number": week, "monday": rules.week_start(items[0].date), "sessions": items}
        for (_year, week), group in groupby(sessions, key=lambda s: rules.iso_week(s.date))
        for items in [list(group)]
    ]
    return render(
        request,
        "activities/calendar.html",
        {
            "programme": programme,
            "weeks": weeks,
            "form": form,
            "today": today,
            "this_week": this_week,
            "start": start,
            "end": end,
            "week_param": start.isoformat() if start != this_week else "",
            "previous_link": _week_link(request, previous_week, this_week)
            if previous_week >= this_week - reach
            else "",
            "next_link": _week_link(request, next_week, this_week)
            if next_week <= this_week + reach
            else "",
            "this_week_link": _week_link(request, this_week, this_week),
        },
    )


def _calendar_response(
    request: HttpRequest, activities: Iterable[Activity], name: str, filename: str
) -> HttpResponse:
    # Imported here: icalendar is needed only by the process that serves a feed.
    from .. import feeds

    body = feeds.build_calendar(
        activities, name=name, host=request.get_host(), today=timezone.localdate()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    activities = Activity.objects.filter(programme=programme, is_active=True)
    return _calendar_response(request, activities, programme.name, f"{programme.slug}.ics")


def activity_feed(request: HttpRequest, programme_slug: str, activity_id: int) -> HttpResponse:
    programme = get_programme_or_404(programme_slug)
    activity = get_object_or_404(Activity.objects.public(), programme=programme, pk=activity_id)
    return _calendar_response(
        request, [activity], activity.title, f"{programme.slug}-{activity.pk}.ics"
    )


def _throttled(request: HttpRequest) -> bool:
    return hit(f"activities:checkin:{client_address(request)}") > CHECKINS_PER_HOUR


@require_http_methods(["GET", "POST"])
def checkin_page(request: HttpRequest, programme_slug: str, token: str) -> HttpResponse:
    """A participant checks in with their phone number or name from the session's QR code."""
    programme = get_programme_or_404(programme_slug)
    try:
        session_id = checkin.read_token(token)
    except checkin.CheckinLinkError as error:
        return render(
            request,
            "activities/checkin.html",
            {"programme": programme, "link_error": "expired" if error.expired else "invalid"},
            status=410 if error.expired else 400,
        )
    session = get_object_or_404(
        Session.objects.select_related("activity", "activity__venue", "venue"),
        pk=session_id,
        programme=programme,
    )
    context: dict = {"programme": programme, "session": session}
    if session.is_cancelled:
        return render(request, "activities/checkin.html", {**context, "closed": "cancelled"})
    if session.date != timezone.localdate():
        return render(request, "activities/checkin.html", {**context, "closed": "not_today"})
    form = CheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(request):
            return render(
                request,
                "activities/checkin.html",
                {**context, "form": form, "result": "throttled"},
                status=429,
            )
        participant = services.find_for_checkin(programme, form.cleaned_data["who"])
        if participant is None:
            context["result"] = "not_found"
        else:
            services.record_attendance(
                session, participant, recorded_by=None, via=Attendance.Via.QR
            )
            context["result"] = "checked_in"
    return render(request, "activities/checkin.html", {**context, "form": form})
