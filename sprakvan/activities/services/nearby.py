"""Pointing waiting people to the weekly activities nearest to them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from sprakvan.participants.models import Participant

from ..models import (
    Activity,
    ActivityType,
    Session,
)


@dataclass(frozen=True)
class NearbyActivity:
    activity: Activity
    distance: int  # 0 same district, 1 a neighbouring district, 2 elsewhere
    next_session: Session | None


def nearest_activities(
    participant: Participant, limit: int = 3, *, today: datetime.date | None = None
) -> list[NearbyActivity]:
    """The weekly activities closest to where the participant lives: same district first,
    then neighbouring districts, then the rest; language cafés before other types."""
    from django.utils import timezone

    today = today or timezone.localdate()
    district = participant.district
    neighbour_ids: set[int] = set()
    if district is not None:
        neighbour_ids = set(district.neighbours.values_list("pk", flat=True))
    activities = (
        Activity.objects.filter(programme_id=participant.programme_id)
        .weekly()
        .filter(Q(schedules__ends_on__isnull=True) | Q(schedules__ends_on__gte=today))
        .select_related("venue", "district")
        .annotate(upcoming=Count("sessions", filter=Q(sessions__date__gte=today), distinct=True))
    )

    def distance(activity: Activity) -> int:
        if district is not None and activity.district_id == district.pk:
            return 0
        if activity.district_id in neighbour_ids:
            return 1
        return 2

    ranked = sorted(
        activities,
        key=lambda a: (distance(a), a.type != ActivityType.LANGUAGE_CAFE, -a.upcoming, a.title),
    )[:limit]
    next_sessions: dict[int, Session] = {}
    for session in (
        Session.objects.held()
        .filter(activity__in=[a.pk for a in ranked], date__gte=today)
        .order_by("date", "start_time")
    ):
        next_sessions.setdefault(session.activity_id, session)
    return [NearbyActivity(a, distance(a), next_sessions.get(a.pk)) for a in ranked]
