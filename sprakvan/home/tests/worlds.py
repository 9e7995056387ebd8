"""A programme with one of each thing the coordinator's home counts, to be added again at will."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.activities.models import Session
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import Programme
from sprakvan.matching.models import CallRecord, FollowUp, Pair, Side
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Message
from sprakvan.organisations.models import Organisation
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.tests.factories import ReferralFactory

_keys = itertools.count()


@dataclass
class Added:
    sessions_today: list[Session]
    sessions_tomorrow: list[Session]


def add_things(
    programme: Programme,
    *,
    organisation: Organisation,
    leader: User | None = None,
    referrer: User | None = None,
    today: datetime.date | None = None,
) -> Added:
    """One of each: a proposed pair with one side's call done (1 proposal, 1 call to make), a
    sign-up to review, a possible duplicate, a new referral, a follow-up due on a pair that had
    not met (so also a pair needing attention), a session today and tomorrow, a failed and an
    unknown message, and a waiting newcomer and volunteer."""
    today = today or timezone.localdate()
    proposed = PairFactory(
        programme=programme, state=Pair.State.PROPOSED, started_on=None, proposed_on=today
    )
    CallRecord.objects.create(
        pair=proposed, side=Side.NEWCOMER, outcome=CallRecord.Outcome.AGREES, called_on=today
    )
    ParticipantFactory(programme=programme, needs_review=True, status="waiting")
    original = ParticipantFactory(programme=programme, status="left")
    ParticipantFactory(programme=programme, possible_duplicate_of=original)
    ReferralFactory(
        organisation=organisation,
        referrer=referrer,
        participant=ParticipantFactory(programme=programme, needs_review=True, status="left"),
    )
    ReferralFactory(
        organisation=organisation,
        referrer=referrer,
        participant=ParticipantFactory(programme=programme, needs_review=True, status="waiting"),
    )
    running = PairFactory(
        programme=programme, started_on=today - datetime.timedelta(days=40), state="active"
    )
    running.newcomer.status = running.established.status = "matched"
    running.newcomer.save()
    running.established.save()
    FollowUp.objects.create(
        pair=running,
        kind=FollowUp.Kind.ONE_MONTH,
        due_on=today - datetime.timedelta(days=5),
        met=False,
    )
    ParticipantFactory(
        programme=programme, group="newcomer", registered_on=today - datetime.timedelta(days=30)
    )
    ParticipantFactory(
        programme=programme, group="established", registered_on=today - datetime.timedelta(days=9)
    )
    activity = ActivityFactory(programme=programme)
    if leader is not None:
        activity.leaders.add(leader)
    added = Added(
        sessions_today=[SessionFactory(activity=activity, date=today)],
        sessions_tomorrow=[
            SessionFactory(activity=activity, date=today + datetime.timedelta(days=1))
        ],
    )
    for status in (Message.Status.FAILED, Message.Status.UNKNOWN):
        Message.objects.create(
            programme=programme,
            channel="sms",
            kind="reminder",
            language="sv",
            body="Hej",
            key=f"home-test-{next(_keys)}",
            status=status,
            queued_at=timezone.now(),
        )
    return added
