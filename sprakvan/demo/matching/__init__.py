"""The demo programme's pairs: the source document's 71 new and 83 active pairs in Jan–Oct 2019,
earlier and later pairs up to today, calls, follow-ups, and a live waiting list.

The history is planned in memory (`plan`), then lived through the matching services day by
day, each told the day it acts on, as a coordinator would have recorded it; no acting user.
Deterministic (seeded) and idempotent: if the programme already has pairs, nothing happens.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import transaction

from sprakvan.core.models import Programme
from sprakvan.matching.models import CallRecord, FollowUp, Pair, Side
from sprakvan.matching.services import (
    accept_proposal,
    end_pair,
    pause_pair,
    record_call,
    record_follow_up,
)
from sprakvan.participants.choices import Group, Status
from sprakvan.participants.models import Participant
from sprakvan.participants.services import change_status

from .plan import (
    CARRIED_INTO_PERIOD,
    DECLINED_IN_PERIOD,
    END_REASONS,
    ENDED_BEFORE_PERIOD,
    FREQUENCIES,
    NEW_IN_PERIOD,
    PAIRS_PER_MONTH_AFTER,
    PERIOD_END,
    PERIOD_START,
    WAITING_DAYS,
    Planned,
    World,
    plan_pairs,
)

__all__ = [
    "CARRIED_INTO_PERIOD",
    "DECLINED_IN_PERIOD",
    "ENDED_BEFORE_PERIOD",
    "END_REASONS",
    "FREQUENCIES",
    "NEW_IN_PERIOD",
    "PAIRS_PER_MONTH_AFTER",
    "PERIOD_END",
    "PERIOD_START",
    "WAITING_DAYS",
    "Planned",
    "World",
    "load",
    "plan_pairs",
]


def _final_status(
    person: Participant, pairs: list[Planned], today: datetime.date
) -> tuple[str, datetime.date]:
    """Where the person stands today: who has not been paired for half a year has left."""
    recent = person.registered_on >= today - datetime.timedelta(days=WAITING_DAYS)
    running = [p for p in pairs if p.state in (Pair.State.ACTIVE, Pair.State.PAUSED)]
    if any(p.state == Pair.State.ACTIVE for p in running):
        return Status.MATCHED, max(p.started_on for p in running if p.started_on)
    if running:
        return Status.PAUSED, max(p.paused_on or today for p in running)
    if any(p.state == Pair.State.PROPOSED for p in pairs):
        return Status.WAITING, person.registered_on
    ended = [p for p in pairs if p.started_on and p.ended_on]
    if ended:
        last = max(ended, key=lambda p: p.ended_on)  # type: ignore[arg-type,return-value]
        assert last.ended_on is not None
        fresh = last.ended_on >= today - datetime.timedelta(days=WAITING_DAYS)
        if person.group == Group.ESTABLISHED and fresh:
            return Status.WAITING, last.ended_on
        if last.end_reason in (Pair.EndReason.NO_CONTACT, Pair.EndReason.OTHER) and fresh:
            return Status.WAITING, last.ended_on
        return Status.LEFT, last.ended_on
    if recent:
        return Status.WAITING, person.registered_on
    return Status.LEFT, person.registered_on + datetime.timedelta(days=WAITING_DAYS)


WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Answer:
    """One follow-up as the demo answers it."""

    kind: str
    met: bool
    frequency: str
    on: datetime.date


def _answers(plans: list[Planned], *, today: datetime.date) -> dict[int, list[Answer]]:
    """Per started plan (by index), its follow-ups due before it ended and a week before today:
    most pairs meet, pairs that lost contact never do. Seeded: the same each time."""
    rng = random.Random(71)
    answers: dict[int, list[Answer]] = {}
    for i, plan in enumerate(plans):
        if plan.started_on is None:
            continue
        for kind, months in FollowUp.MONTHS.items():
            due = plan.started_on + relativedelta(months=months)
            if (plan.ended_on and plan.ended_on <= due) or due > today - WEEK:
                continue
            met = plan.end_reason != Pair.EndReason.NO_CONTACT and rng.random() < 0.9
            frequency = rng.choice(FREQUENCIES) if met else FollowUp.Frequency.UNKNOWN
            on = due + datetime.timedelta(days=rng.randint(0, 6))
            answers.setdefault(i, []).append(Answer(kind, met, frequency, on))
    return answers


# On one day: endings free places first, then proposals, decisions, calls.
ENDING, PAUSE, PROPOSAL, DECLINE, START, CALL = range(6)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), datetime.UTC)


def _history(plans: list[Planned], *, today: datetime.date) -> list[tuple[datetime.date, int, int]]:
    """Every step of every planned pair as (day, step, plan index), in the order they happen."""
    steps = []
    for i, plan in enumerate(plans):
        steps.append((plan.proposed_on, PROPOSAL, i))
        if plan.started_on:
            steps.append((plan.started_on, START, i))
        if plan.paused_on:
            steps.append((plan.paused_on, PAUSE, i))
        if plan.started_on and plan.ended_on:
            steps.append((plan.ended_on, ENDING, i))
        elif plan.ended_on:
            steps.append((plan.ended_on, DECLINE, i))
        elif plan.state == Pair.State.PROPOSED:
            steps.append((today, CALL, i))
    return sorted(steps)


@transaction.atomic
def load(programme: Programme, *, today: datetime.date) -> None:
    if Pair.objects.filter(programme=programme).exists():
        return
    people = list(
        Participant.objects.filter(programme=programme, external_id__startswith="demo-")
        .current()
        .select_related("programme")  # the services' audit entries name it
        .order_by("registered_on", "external_id")
    )
    newcomers = [p for p in people if p.group == Group.NEWCOMER]
    established = [p for p in people if p.group == Group.ESTABLISHED]
    plans = plan_pairs(newcomers, established, today=today)
    pairs: dict[int, Pair] = {}
    for day, step, i in _history(plans, today=today):
        plan = plans[i]
        if step == PROPOSAL:
            pair = accept_proposal(
                programme,
                newcomer=plan.newcomer,
                established=plan.established,
                accepted_by=None,
                today=day,
            )
            # The plan's person objects, which every service updates: their status stays true.
            pair.newcomer, pair.established = plan.newcomer, plan.established
            pairs[i] = pair
        elif step == START:
            for side in (Side.NEWCOMER, Side.ESTABLISHED):
                record_call(
                    pairs[i],
                    side=side,
                    outcome=CallRecord.Outcome.AGREES,
                    called_on=day,
                    recorded_by=None,
                )
        elif step == PAUSE:
            pause_pair(pairs[i], on=day, paused_by=None)
        elif step == ENDING:
            end_pair(pairs[i], reason=plan.end_reason, on=day, ended_by=None)
        elif step == DECLINE:
            record_call(
                pairs[i],
                side=plan.declined_by,
                outcome=CallRecord.Outcome.DECLINES,
                called_on=day,
                recorded_by=None,
            )
        else:  # CALL: a proposal still being called about
            record_call(
                pairs[i],
                side=Side.NEWCOMER,
                outcome=CallRecord.Outcome.AGREES,
                called_on=day,
                recorded_by=None,
            )

    answers = _answers(plans, today=today)
    follow_ups = {
        (f.pair_id, f.kind): f
        for f in FollowUp.objects.filter(pair__programme=programme).select_related(
            "pair__programme"
        )
    }
    for i, answered in answers.items():
        for answer in answered:
            record_follow_up(
                follow_ups[pairs[i].pk, answer.kind],
                met=answer.met,
                frequency=answer.frequency,
                recorded_by=None,
                on=answer.on,
                now=_noon(answer.on),
            )

    by_person: dict[int, list[Planned]] = {}
    for plan in plans:
        by_person.setdefault(plan.newcomer.pk, []).append(plan)
        by_person.setdefault(plan.established.pk, []).append(plan)
    for someone in people:
        status, on = _final_status(someone, by_person.get(someone.pk, []), today)
        if status != someone.status:
            change_status(someone, status=status, changed_by=None, on=min(on, today))
