"""Who sees which activities: coordinators the whole programme, leaders their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sprakvan.accounts.access import ProgrammeRequest, current_memberships, scoped
from sprakvan.accounts.models import Role
from sprakvan.participants.models import Participant

from ..labels import leader_label
from ..models import Activity, Session, SessionQuerySet


def is_coordinator(request: ProgrammeRequest) -> bool:
    return any(m.role == Role.COORDINATOR for m in current_memberships(request))


def visible_activities(request: ProgrammeRequest) -> QuerySet[Activity]:
    activities = scoped(Activity.objects.all(), request)
    if not is_coordinator(request):
        activities = activities.filter(leaders=request.user.pk)
    return activities


def visible_sessions(request: ProgrammeRequest) -> SessionQuerySet:
    # `scoped` is typed as returning a plain QuerySet, though it keeps the queryset's class.
    sessions: SessionQuerySet = scoped(Session.objects.all(), request)  # type: ignore[assignment]
    if not is_coordinator(request):
        sessions = sessions.filter(activity__leaders=request.user.pk)
    return sessions


def get_activity_for_user(request: ProgrammeRequest, pk: int) -> Activity:
    return get_object_or_404(visible_activities(request), pk=pk)


def get_session_for_user(request: ProgrammeRequest, pk: int) -> Session:
    """The session, if the user leads its activity or coordinates the programme; else 404."""
    return get_object_or_404(
        visible_sessions(request).select_related(
            "activity", "activity__venue", "activity__district", "venue", "schedule"
        ),
        pk=pk,
    )


def display_name(participant: Participant, *, full: bool) -> str:
    """Coordinators see the full name; leaders the leader's label (labels.py)."""
    return participant.full_name if full else leader_label(participant)
