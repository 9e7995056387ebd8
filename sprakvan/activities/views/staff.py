"""Staff pages for activities, venues, schedules and the list of sessions."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sprakvan.accounts.access import (
    ProgrammeRequest,
    coordinator_view,
    get_scoped,
    leader_view,
    scoped,
)
from sprakvan.accounts.models import User
from sprakvan.core.bidi import named
from sprakvan.core.concurrency import EditConflict, VersionForm
from sprakvan.core.htmx import is_htmx
from sprakvan.participants.models import Participant

from .. import schedule as rules
from .. import services
from ..forms import (
    ActivityForm,
    CancelForm,
    PreparationForm,
    ScheduleForm,
    SessionForm,
    VenueForm,
    default_schedule_initial,
)
from ..models import Activity, Schedule, Venue
from .access import (
    get_activity_for_user,
    get_session_for_user,
    is_coordinator,
    visible_activities,
    visible_sessions,
)
from .attendance import _page_context
from .reminders import reminders_context


@leader_view
def activity_list(request: ProgrammeRequest) -> HttpResponse:
    today = timezone.localdate()
    activities = (
        visible_activities(request)
        .select_related("venue", "district", "host_organisation")
        .prefetch_related(
            Prefetch("leaders", queryset=User.objects.order_by("first_name")), "schedules"
        )
        .annotate(upcoming=Count("sessions", filter=Q(sessions__date__gte=today)))
        .order_by("-is_active", "type", "title")
    )
    preparing = (
        Activity.objects.preparing()
        .filter(pk__in=visible_activities(request).values("pk"))
        .select_related("district", "host_organisation")
        .prefetch_related(
            Prefetch("possible_venues", queryset=Venue.objects.select_related("provider"))
        )
        .order_by("start_month", "title")
    )
    return render(
        request,
        "activities/activity_list.html",
        {
            "activities": activities.exclude(pk__in=preparing.values("pk")),
            "preparing": preparing,
            "can_edit": is_coordinator(request),
        },
    )


@leader_view
def activity_detail(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    today = timezone.localdate()
    sessions = activity.sessions.filter(
        date__gte=today - datetime.timedelta(days=14), date__lte=today + datetime.timedelta(weeks=6)
    ).select_related("venue")
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "schedules": activity.schedules.all(),
            "sessions": sessions,
            "leaders": activity.leaders.order_by("first_name"),
            "possible_venues": activity.possible_venues.select_related("provider"),
            "can_edit": is_coordinator(request),
            "today": today,
            **reminders_context(request, activity),
        },
    )


@coordinator_view
def activity_create(request: ProgrammeRequest) -> HttpResponse:
    return _activity_form(request, None)


@coordinator_view
def activity_prepare(request: ProgrammeRequest) -> HttpResponse:
    """A new activity in preparation: no schedule yet."""
    return _preparation_form(request, None)


@coordinator_view
def activity_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    instance = get_activity_for_user(request, pk)
    if instance.is_preparing:
        return _preparation_form(request, instance)
    return _activity_form(request, pk)


def _preparation_form(request: ProgrammeRequest, instance: Activity | None) -> HttpResponse:
    form = PreparationForm(request.POST or None, instance=instance, programme=request.programme)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.save_preparation(
                form.save(commit=False),
                possible_venues=form.cleaned_data["possible_venues"],
                saved_by=request.user,
                today=timezone.localdate(),
                version=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            instance, status = conflict.current, 409  # type: ignore[assignment]
        else:
            messages.success(request, _("The activity in preparation was saved."))
            return redirect("activities:activity_detail", pk=activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": instance, "preparing": True},
        status=status,
    )


def _activity_form(request: ProgrammeRequest, pk: int | None) -> HttpResponse:
    instance = get_activity_for_user(request, pk) if pk else None
    form = ActivityForm(request.POST or None, instance=instance, programme=request.programme)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.save_activity(
                form.save(commit=False),
                leaders=form.cleaned_data["leaders"],
                saved_by=request.user,
                version=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            # The conflict carries the current row of the form's model, typed as any Model.
            instance, status = conflict.current, 409  # type: ignore[assignment]
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("activities:activity_detail", pk=activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": instance},
        status=status,
    )


@coordinator_view
def schedule_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk)
    today = timezone.localdate()
    preparing = activity.is_preparing
    form = ScheduleForm(
        request.POST or None,
        initial=default_schedule_initial(today),
        preparing=activity if preparing else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_schedule(
            activity,
            rule=data["rule"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            skip_holidays=data["skip_holidays"],
            added_by=request.user,
            today=today,
            venue=data.get("venue"),
        )
        if preparing:
            messages.success(
                request, _("The schedule was added: the activity is running and in the calendar.")
            )
        else:
            messages.success(request, _("The schedule was added and its sessions planned."))
        return redirect("activities:activity_detail", pk=activity.pk)
    return render(
        request,
        "activities/schedule_form.html",
        {"form": form, "activity": activity, "preparing": preparing},
    )


@require_POST
@coordinator_view
def schedule_end(request: ProgrammeRequest, pk: int) -> HttpResponse:
    schedule = get_object_or_404(
        Schedule.objects.select_related("activity", "activity__programme"),
        pk=pk,
        activity__programme=request.programme,
    )
    services.end_schedule(schedule, last_day=timezone.localdate(), ended_by=request.user)
    messages.success(request, _("The schedule ends today; later sessions were removed."))
    return redirect("activities:activity_detail", pk=schedule.activity_id)


@coordinator_view
def session_create(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """A one-off session of an activity (no recurrence)."""
    activity = get_activity_for_user(request, pk)
    form = SessionForm(request.POST or None, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        session = services.add_session(
            activity, added_by=request.user, today=timezone.localdate(), **form.cleaned_data
        )
        messages.success(request, _("The session was added."))
        return redirect("activities:session_attendance", pk=session.pk)
    return render(
        request,
        "activities/session_form.html",
        {"form": form, "activity": activity, "session": None},
    )


@leader_view
def session_list(request: ProgrammeRequest) -> HttpResponse:
    """A week of sessions (this week by default), the user's own if they are a leader, soonest
    first; the week's past sessions come after the coming ones."""
    today = timezone.localdate()
    try:
        start = rules.week_start(datetime.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        start = rules.week_start(today)
    end = start + datetime.timedelta(days=6)
    sessions = list(
        visible_sessions(request)
        .between(start, end)
        .select_related("activity", "activity__district", "activity__venue", "venue")
        .with_totals()
        # The totals GROUP BY drops the model's ordering, so it is said again here.
        .order_by("date", "start_time", "activity__title", "id")
    )
    return render(
        request,
        "activities/session_list.html",
        {
            "sessions": [s for s in sessions if s.date >= today],
            "past_sessions": [s for s in sessions if s.date < today],
            "week_start": start,
            "week_end": end,
            "week": start.isocalendar()[1],
            "previous_week": start - datetime.timedelta(days=7),
            "next_week": start + datetime.timedelta(days=7),
            "this_week": rules.week_start(today),
            "today": today,
        },
    )


def _session_page_again(
    request: ProgrammeRequest, pk: int, *, status: int, **forms: object
) -> HttpResponse:
    """The attendance page with the session as it is now and the refused form as it was sent."""
    session = get_session_for_user(request, pk)
    context = _page_context(request, session, **forms)
    return render(request, "activities/session_attendance.html", context, status=status)


@require_POST
@leader_view
def session_cancel(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    form = CancelForm(request.POST, edited=session)
    if not form.is_valid():
        return _session_page_again(request, pk, status=400, cancel_form=form)
    try:
        services.cancel_session(
            session,
            cancelled_by=request.user,
            note=form.cleaned_data["note"],
            version=form.loaded_version,
        )
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return _session_page_again(request, pk, status=409, cancel_form=form)
    messages.success(
        request,
        named(
            _("%(activity)s on %(date)s is cancelled."),
            activity=session.activity.title,
            date=session.date.isoformat(),
        ),
    )
    return redirect("activities:session_attendance", pk=session.pk)


@require_POST
@leader_view
def session_restore(request: ProgrammeRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    form = VersionForm(request.POST, edited=session)
    if not form.is_valid():
        return _session_page_again(request, pk, status=400, restore_form=form)
    try:
        services.restore_session(session, restored_by=request.user, version=form.loaded_version)
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return _session_page_again(request, pk, status=409, restore_form=form)
    messages.success(request, _("The session takes place again."))
    return redirect("activities:session_attendance", pk=session.pk)


@coordinator_view
def session_move(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """A new date, time or place for this one session; the schedule stays as it is."""
    session = get_session_for_user(request, pk)
    form = SessionForm(
        request.POST or None,
        initial=SessionForm.initial_for(session),
        programme=request.programme,
        edited=session,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.move_session(session, moved_by=request.user, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            session, status = get_session_for_user(request, pk), 409
        else:
            messages.success(request, _("The session was moved."))
            return redirect("activities:session_attendance", pk=session.pk)
    return render(
        request,
        "activities/session_form.html",
        {"form": form, "activity": session.activity, "session": session},
        status=status,
    )


@coordinator_view
def venue_list(request: ProgrammeRequest) -> HttpResponse:
    venues = scoped(Venue.objects.select_related("district", "provider"), request)
    return render(request, "activities/venue_list.html", {"venues": venues})


@coordinator_view
def venue_create(request: ProgrammeRequest) -> HttpResponse:
    return _venue_form(request, None)


@coordinator_view
def venue_edit(request: ProgrammeRequest, pk: int) -> HttpResponse:
    return _venue_form(request, pk)


def _venue_form(request: ProgrammeRequest, pk: int | None) -> HttpResponse:
    instance = get_scoped(Venue.objects.all(), request, pk=pk) if pk else None
    form = VenueForm(request.POST or None, instance=instance, programme=request.programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The venue was saved."))
        return redirect("activities:venue_list")
    return render(request, "activities/venue_form.html", {"form": form, "venue": instance})


@coordinator_view
def participant_activities(request: ProgrammeRequest, pk: int) -> HttpResponse:
    """The weekly activities nearest a participant (a partial for the participant page)."""
    participant = get_scoped(Participant.objects.select_related("district"), request, pk=pk)
    limit = request.GET.get("limit", "3")
    nearby = services.nearest_activities(participant, limit=int(limit) if limit.isdigit() else 3)
    template = "activities/participant_activities.html"
    if is_htmx(request):
        template += "#nearby"
    return render(request, template, {"participant": participant, "nearby": nearby})
