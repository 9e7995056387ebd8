"""The demo programme's pairs: the source document's 71 new and 83 active pairs in Jan–Oct 2019,
earlier and later pairs up to today, calls, follow-ups, and a live waiting list.

Deterministic (seeded) and idempotent: if the programme already has pairs, nothing happens.
"""

from __future__ import annotations

import datetime
import random

from dateutil.relativedelta import relativedelta
from django.db import transaction

from sprakvan.core.models import Programme
from sprakvan.matching import engine
from sprakvan.matching.models import CallRecord, FollowUp, Pair, Side, reasons_as_json
from sprakvan.matching.pools import Market, districts_of, pool_of
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


def _follow_ups(pair: Pair, rng: random.Random, today: datetime.date) -> list[FollowUp]:
    rows = []
    assert pair.started_on is not None
    for kind, months in FollowUp.MONTHS.items():
        due = pair.started_on + relativedelta(months=months)
        if pair.ended_on and pair.ended_on <= due:
            continue
        follow_up = FollowUp(pair=pair, kind=kind, due_on=due)
        if due <= today - datetime.timedelta(days=7):
            met = pair.end_reason != Pair.EndReason.NO_CONTACT and rng.random() < 0.9
            follow_up.met = met
            follow_up.frequency = rng.choice(FREQUENCIES) if met else ""
            follow_up.recorded_on = due + datetime.timedelta(days=rng.randint(0, 6))
        rows.append(follow_up)
    return rows


def _final_status(
    person: Participant, pairs: list[Pair], today: datetime.date
) -> tuple[str, datetime.date]:
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


@transaction.atomic
def load(programme: Programme, *, today: datetime.date) -> None:
    if Pair.objects.filter(programme=programme).exists():
        return
    people = list(
        Participant.objects.filter(programme=programme, external_id__startswith="demo-")
        .current()
        .order_by("registered_on", "external_id")
    )
    newcomers = [p for p in people if p.group == Group.NEWCOMER]
    established = [p for p in people if p.group == Group.ESTABLISHED]
    plans = plan_pairs(newcomers, established, today=today)
    district_ids, neighbours = districts_of(programme)

    def explained(plan: Planned) -> tuple[float | None, list[dict]]:
        """The engine's score and reasons for the pair as it stood when it was proposed."""
        market = Market(
            newcomers=pool_of([plan.newcomer], district_ids=district_ids),
            volunteers=pool_of([plan.established], district_ids=district_ids),
            weights=engine.Weights(),
            neighbours=neighbours,
            forbidden=set(),
            today=plan.proposed_on,
            district_ids=district_ids,
        )
        scores = market.scores()
        if not scores.feasible[0, 0]:
            return None, []
        proposal = market.stable(scores.proposal(0, 0))
        return proposal.score, reasons_as_json(proposal.reasons)

    why = [explained(plan) for plan in plans]
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                programme=programme,
                newcomer=plan.newcomer,
                established=plan.established,
                state=plan.state,
                proposed_on=plan.proposed_on,
                started_on=plan.started_on,
                paused_on=plan.paused_on,
                ended_on=plan.ended_on,
                end_reason=plan.end_reason,
                declined_by=plan.declined_by,
                score=score,
                reasons=reasons,
            )
            for plan, (score, reasons) in zip(plans, why, strict=True)
        ]
    )
    rng = random.Random(71)
    calls: list[CallRecord] = []
    follow_ups: list[FollowUp] = []
    for pair in pairs:
        if pair.started_on:
            for side in (Side.NEWCOMER, Side.ESTABLISHED):
                calls.append(
                    CallRecord(
                        pair=pair,
                        side=side,
                        outcome=CallRecord.Outcome.AGREES,
                        called_on=pair.started_on,
                    )
                )
            follow_ups.extend(_follow_ups(pair, rng, today))
        elif pair.end_reason == Pair.EndReason.DECLINED:
            assert pair.ended_on is not None
            calls.append(
                CallRecord(
                    pair=pair,
                    side=pair.declined_by,
                    outcome=CallRecord.Outcome.DECLINES,
                    called_on=pair.ended_on,
                )
            )
        elif pair.state == Pair.State.PROPOSED:
            calls.append(
                CallRecord(
                    pair=pair,
                    side=Side.NEWCOMER,
                    outcome=CallRecord.Outcome.AGREES,
                    called_on=today,
                )
            )
    CallRecord.objects.bulk_create(calls)
    FollowUp.objects.bulk_create(follow_ups)

    by_person: dict[int, list[Pair]] = {}
    for pair in pairs:
        by_person.setdefault(pair.newcomer_id, []).append(pair)
        by_person.setdefault(pair.established_id, []).append(pair)
    for person in people:
        status, on = _final_status(person, by_person.get(person.pk, []), today)
        if status != person.status:
            change_status(person, status=status, changed_by=None, on=min(on, today))
