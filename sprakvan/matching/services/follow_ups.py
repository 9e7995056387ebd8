"""Follow-ups of running pairs: recording them, which are due, and pairs that do not meet."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

from ..models import FollowUp, Pair
from .errors import MatchingError


@transaction.atomic
def record_follow_up(
    follow_up: FollowUp,
    *,
    met: bool,
    frequency: str,
    recorded_by: User | None,
    on: datetime.date,
    now: datetime.datetime | None = None,
) -> FollowUp:
    """Whether the pair met, asked `on`; `now` is the moment it is written down (default now,
    earlier for history such as the demo's)."""
    if frequency not in FollowUp.Frequency.values:
        raise MatchingError(_("Unknown frequency."))
    follow_up.met = met
    follow_up.frequency = frequency if met else ""
    follow_up.recorded_on = on
    follow_up.recorded_at = now or timezone.now()
    follow_up.recorded_by = recorded_by
    follow_up.save()
    log_action(
        "matching.follow_up.recorded",
        programme=follow_up.pair.programme,
        actor=recorded_by,
        target=follow_up.pair,
        kind=follow_up.kind,
        met=met,
        frequency=follow_up.frequency,
    )
    return follow_up


def due_follow_ups(programme: Programme, *, today: datetime.date) -> QuerySet[FollowUp]:
    """Follow-ups whose date has come, of pairs still running, not yet recorded."""
    return (
        FollowUp.objects.filter(
            pair__programme=programme,
            pair__state__in=[Pair.State.ACTIVE, Pair.State.PAUSED],
            recorded_on__isnull=True,
            due_on__lte=today,
        )
        .select_related("pair__newcomer", "pair__established")
        .order_by("due_on", "id")
    )


def not_meeting(programme: Programme) -> QuerySet[Pair]:
    """Running pairs that had not met at the one-month follow-up: the coordinator steps in."""
    return (
        Pair.objects.filter(
            programme=programme,
            state__in=[Pair.State.ACTIVE, Pair.State.PAUSED],
            follow_ups__kind=FollowUp.Kind.ONE_MONTH,
            follow_ups__met=False,
        )
        .select_related("newcomer", "established")
        .distinct()
    )
