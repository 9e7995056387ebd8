"""What each role's home counts and lists, each part in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from sprakvan.accessibility.models import AccessibilityReport
from sprakvan.accounts.models import User
from sprakvan.activities.models import Session
from sprakvan.core.models import Programme
from sprakvan.matching.models import CallRecord, Pair, Side
from sprakvan.matching.pools import pool_sizes
from sprakvan.matching.services import due_follow_ups, not_meeting
from sprakvan.messaging.models import Message
from sprakvan.organisations.models import Organisation
from sprakvan.participants.choices import Group, Status
from sprakvan.participants.models import Participant
from sprakvan.partners.models import Referral, ReferralStatus
from sprakvan.reports.goals import GoalResult
from sprakvan.reports.key_figures import KeyFigure
from sprakvan.reports.report import build, year_to_date


@dataclass(frozen=True)
class Waiting:
    """One group on the waiting list: how many, and since when the longest waiter waits."""

    count: int
    longest_since: datetime.date | None
    today: datetime.date

    @property
    def longest_days(self) -> int | None:
        return (self.today - self.longest_since).days if self.longest_since else None


@dataclass
class CoordinatorHome:
    today: datetime.date
    proposals_to_call: int
    calls_to_make: int
    to_review: int
    duplicates: int
    new_referrals: int
    follow_ups_due: int
    pairs_needing_attention: int
    newcomers: Waiting
    volunteers: Waiting
    # Matching's own pools: newcomers not away and not in a pair; volunteers with a free place.
    available_newcomers: int
    available_volunteers: int
    sessions_today: list[Session]
    sessions_tomorrow: list[Session]
    messages_failed: int
    messages_unknown: int
    accessibility_reports: int  # reported accessibility problems not handled yet
    key_figures: list[KeyFigure]
    goals: list[tuple[Any, GoalResult]]
    goal_year: int
    as_of: datetime.date


def _calls(programme: Programme) -> tuple[int, int]:
    """Proposals kept for calling, and the calls still to make on them: a side counts as done
    once a call where the person agrees is recorded (a decline ends the pair)."""
    agreed = CallRecord.objects.filter(pair=OuterRef("pk"), outcome=CallRecord.Outcome.AGREES)
    row = (
        Pair.objects.filter(programme=programme, state=Pair.State.PROPOSED)
        .annotate(
            newcomer_done=Exists(agreed.filter(side=Side.NEWCOMER)),
            established_done=Exists(agreed.filter(side=Side.ESTABLISHED)),
        )
        .aggregate(
            pairs=Count("pk"),
            newcomer_calls=Count("pk", filter=Q(newcomer_done=False)),
            established_calls=Count("pk", filter=Q(established_done=False)),
        )
    )
    return row["pairs"], row["newcomer_calls"] + row["established_calls"]


@dataclass(frozen=True)
class ParticipantCounts:
    to_review: int
    duplicates: int
    newcomers: Waiting
    volunteers: Waiting


def _participants(programme: Programme, today: datetime.date) -> ParticipantCounts:
    """Sign-ups to review, possible duplicates and the waiting list, in one query. The same rows
    as the participant pages: the review mark and the waiting list leave out duplicates."""
    current = Q(erased_at__isnull=True, possible_duplicate_of__isnull=True)
    waiting = current & Q(status=Status.WAITING)
    newcomer, established = Q(group=Group.NEWCOMER), Q(group=Group.ESTABLISHED)
    row = Participant.objects.filter(programme=programme).aggregate(
        to_review=Count("pk", filter=current & Q(needs_review=True)),
        duplicates=Count("pk", filter=Q(possible_duplicate_of__isnull=False)),
        newcomers=Count("pk", filter=waiting & newcomer),
        volunteers=Count("pk", filter=waiting & established),
        newcomers_since=Min("registered_on", filter=waiting & newcomer),
        volunteers_since=Min("registered_on", filter=waiting & established),
    )
    return ParticipantCounts(
        to_review=row["to_review"],
        duplicates=row["duplicates"],
        newcomers=Waiting(row["newcomers"], row["newcomers_since"], today),
        volunteers=Waiting(row["volunteers"], row["volunteers_since"], today),
    )


def _attention(programme: Programme, today: datetime.date) -> tuple[int, int]:
    """Follow-ups due, and the pairs the pair list shows under "not meeting or stopped"."""
    flagged = Pair.objects.filter(programme=programme).filter(
        Q(id__in=not_meeting(programme).values("id")) | ~Q(check_in_flag=Pair.Flag.NONE)
    )
    return due_follow_ups(programme, today=today).count(), flagged.count()


def sessions_between(
    programme: Programme, start: datetime.date, end: datetime.date
) -> list[Session]:
    """The programme's sessions in start..end with their activity, place and leaders."""
    return list(
        Session.objects.filter(programme=programme)
        .between(start, end)
        .select_related("activity", "activity__venue", "venue")
        .prefetch_related("activity__leaders")
        .order_by("date", "start_time", "id")
    )


def _messages(programme: Programme) -> tuple[int, int]:
    """Messages that failed, and those whose delivery is unknown."""
    counts = dict(
        Message.objects.filter(
            programme=programme, status__in=[Message.Status.FAILED, Message.Status.UNKNOWN]
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return counts.get(Message.Status.FAILED, 0), counts.get(Message.Status.UNKNOWN, 0)


def new_referrals(programme: Programme) -> int:
    """Referrals the coordinator has not looked at yet (their status is still "received")."""
    return Referral.objects.filter(programme=programme).with_status(ReferralStatus.RECEIVED).count()


def open_accessibility_reports(programme: Programme) -> int:
    """Accessibility problems reported on the statement that no one has marked handled."""
    return AccessibilityReport.objects.filter(programme=programme).open().count()


def coordinator_home(
    programme: Programme, *, today: datetime.date | None = None
) -> CoordinatorHome:
    today = today or timezone.localdate()
    proposals, calls = _calls(programme)
    people = _participants(programme, today)
    failed, unknown = _messages(programme)
    follow_ups, attention = _attention(programme, today)
    newcomers_now, volunteers_now = pool_sizes(programme, today=today)
    tomorrow = today + datetime.timedelta(days=1)
    sessions = sessions_between(programme, today, tomorrow)
    # The reports' own key figures and goal status: this year so far beside the same dates
    # last year, the goals of this year as they stand today.
    this_year, _last_year = year_to_date(today)
    report = build(programme, this_year, today=today, goal_years=(today.year,))
    return CoordinatorHome(
        today=today,
        proposals_to_call=proposals,
        calls_to_make=calls,
        new_referrals=new_referrals(programme),
        follow_ups_due=follow_ups,
        pairs_needing_attention=attention,
        available_newcomers=newcomers_now,
        available_volunteers=volunteers_now,
        sessions_today=[s for s in sessions if s.date == today],
        sessions_tomorrow=[s for s in sessions if s.date == tomorrow],
        key_figures=report.key_figures,
        goals=report.goal_results,
        goal_year=today.year,
        as_of=report.as_of,
        to_review=people.to_review,
        duplicates=people.duplicates,
        newcomers=people.newcomers,
        volunteers=people.volunteers,
        messages_failed=failed,
        messages_unknown=unknown,
        accessibility_reports=open_accessibility_reports(programme),
    )


@dataclass(frozen=True)
class LeaderHome:
    today: list[Session]
    later: list[Session]


def leader_home(
    programme: Programme, user: User, *, today: datetime.date | None = None
) -> LeaderHome:
    """The leader's own sessions of today, then of the six days after, in date order."""
    today = today or timezone.localdate()
    sessions = list(
        Session.objects.filter(programme=programme)
        .led_by(user.pk)
        .between(today, today + datetime.timedelta(days=6))
        .select_related("activity", "activity__venue", "venue")
        .order_by("date", "start_time", "id")
        .distinct()
    )
    return LeaderHome(
        today=[s for s in sessions if s.date == today],
        later=[s for s in sessions if s.date != today],
    )


@dataclass(frozen=True)
class ReferrerHome:
    by_status: list[tuple[ReferralStatus, int]]
    latest: list[Referral]
    total: int


LATEST_REFERRALS = 10


def referrer_home(
    programme: Programme, user: User, organisation: Organisation | None
) -> ReferrerHome:
    """The referrer's own referrals (as the referral list shows them): counted by status, and
    the latest ones."""
    referrals = list(
        Referral.objects.filter(programme=programme, referrer=user, organisation=organisation)
        .select_related("participant")
        .order_by("-created_at", "-id")
    )
    counts = {status: 0 for status in ReferralStatus}
    for referral in referrals:
        counts[referral.status] += 1
    return ReferrerHome(
        by_status=list(counts.items()),
        latest=referrals[:LATEST_REFERRALS],
        total=len(referrals),
    )
