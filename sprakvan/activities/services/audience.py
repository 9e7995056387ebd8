"""The group message's filter that activities offers messaging: who came to an activity."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sprakvan.core.models import Programme
from sprakvan.messaging.hooks import AudienceFilter
from sprakvan.participants.models import Participant

from ..models import Activity, Attendance

# "In the last 3 months", counted in days.
CAME_WITHIN_DAYS = 92


def activity_choices(programme: Programme) -> list[tuple[str, str]]:
    activities = Activity.objects.filter(programme=programme).order_by("title", "pk")
    return [(str(activity.pk), activity.title) for activity in activities]


def came_to_activity(
    people: QuerySet[Participant], value: str, *, today: datetime.date | None = None
) -> QuerySet[Participant]:
    """The people who came to the activity (its pk as text) in the last 3 months."""
    today = today or timezone.localdate()
    came = Attendance.objects.filter(
        participant=OuterRef("pk"),
        session__activity_id=int(value),
        session__date__gte=today - datetime.timedelta(days=CAME_WITHIN_DAYS),
        session__date__lte=today,
    )
    return people.filter(Exists(came))


CAME_TO_ACTIVITY = AudienceFilter(
    name="activity",
    label=_("Came to the activity in the last 3 months"),
    choices=activity_choices,
    apply=came_to_activity,
)
