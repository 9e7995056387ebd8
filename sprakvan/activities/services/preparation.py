"""Activities in preparation: saved before they have a schedule, scheduled without re-typing.

An activity in preparation has a district, the places being discussed (each venue's provider
offers the premises), a start month and partners, but no schedule and no session. Its first
schedule or session dates `scheduled_on` and makes it running; `in_preparation` gives the rows
the partner-dialogue document and the goals read for any day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from ..models import Activity, Venue


@dataclass(frozen=True)
class PreparedActivity:
    """One activity in preparation, ready to print: names, not objects."""

    pk: int
    name: str
    type: str  # ActivityType value
    type_label: str
    district: str
    places: tuple[str, ...]
    start_month: datetime.date | None  # the first day of the month
    partners: tuple[str, ...]  # the venues' providers, then the host organisation

    @property
    def partner(self) -> str:
        return ", ".join(self.partners)


@transaction.atomic
def save_preparation(
    activity: Activity,
    *,
    possible_venues: Iterable[Venue],
    saved_by: User | None,
    today: datetime.date,
    version: str | None = None,
) -> Activity:
    """Create or change an activity in preparation. A new one is in preparation from `today`;
    its district defaults to its possible places' when they all lie in one district."""
    from .schedules import save_activity  # schedules marks activities scheduled: import here

    venues = list(possible_venues)
    if activity.pk is None:
        activity.preparing_since = today
    if activity.district_id is None and activity.venue_id is None:
        districts = {v.district_id for v in venues}
        if len(districts) == 1:
            activity.district_id = districts.pop()
    activity = save_activity(activity, saved_by=saved_by, version=version)
    activity.possible_venues.set(venues)
    return activity


def mark_scheduled(
    activity: Activity, *, today: datetime.date, venue: Venue | None = None, by: User | None
) -> bool:
    """An activity in preparation got its first schedule or session: it is running from
    `today`, at `venue` when one was chosen (or its only possible place). False when it was
    not in preparation. Called inside the service that adds the schedule or session."""
    if not activity.is_preparing:
        return False
    activity.scheduled_on = max(today, activity.preparing_since or today)
    if venue is None and activity.venue_id is None:
        possible = list(activity.possible_venues.all()[:2])
        venue = possible[0] if len(possible) == 1 else None
    fields = ["scheduled_on"]
    if venue is not None and venue.pk != activity.venue_id:
        activity.venue = venue
        fields.append("venue")
        if activity.district_id is None:
            activity.district_id = venue.district_id
            fields.append("district")
    activity.save(update_fields=fields)
    log_action(
        "activities.activity.scheduled",
        programme=activity.programme,
        actor=by,
        target=activity,
    )
    return True


def in_preparation(programme: Programme, *, on: datetime.date) -> list[PreparedActivity]:
    """The programme's activities that were in preparation on `on`, by start month and name."""
    activities = (
        Activity.objects.filter(programme=programme)
        .preparing_on(on)
        .select_related("district", "venue__district", "host_organisation")
        .prefetch_related("possible_venues__provider")
    )
    rows = []
    for activity in activities:
        venues = sorted(activity.possible_venues.all(), key=lambda v: v.pk)  # as entered
        partners: list[str] = []
        for name in [v.provider.name for v in venues if v.provider] + (
            [activity.host_organisation.name] if activity.host_organisation else []
        ):
            if name not in partners:
                partners.append(name)
        district = activity.effective_district
        rows.append(
            PreparedActivity(
                pk=activity.pk,
                name=activity.title,
                type=activity.type,
                type_label=str(activity.get_type_display()),
                district=district.name if district else "",
                places=tuple(v.name for v in venues),
                start_month=activity.start_month,
                partners=tuple(partners),
            )
        )
    return sorted(rows, key=lambda r: (r.start_month or datetime.date.max, r.name))


def districts_in_preparation(programme: Programme, *, on: datetime.date) -> set[int]:
    """The ids of the districts where an activity was in preparation on `on`."""
    districts = set()
    for activity in (
        Activity.objects.filter(programme=programme).preparing_on(on).select_related("venue")
    ):
        district_id = activity.district_id or (
            activity.venue.district_id if activity.venue else None
        )
        if district_id is not None:
            districts.add(district_id)
    return districts
