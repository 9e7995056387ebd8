"""Every change to pairs: proposing, accepting, rejecting, calls, pauses, endings, follow-ups.

State machine of a pair: proposed → active ⇄ paused → ended; proposed → ended (declined or
withdrawn). Participants' statuses follow through `participants.services.change_status`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Group, Status
from sprakvan.participants.models import Participant
from sprakvan.participants.services import change_status

from . import engine
from .models import (
    CallRecord,
    FollowUp,
    MatchingSettings,
    Pair,
    Rejection,
    Side,
    reasons_as_json,
)
from .pools import load_market

Progress = Callable[[str, int], None]


class MatchingError(Exception):
    """A change the rules do not allow; the message is for the coordinator."""


def propose_pairs(
    programme: Programme, *, today: datetime.date, progress: Progress | None = None
) -> list[engine.Proposal]:
    """The optimal set of pairs for the whole waiting pool now. Nothing is saved."""
    report = progress or (lambda step, percent: None)
    report("loading", 5)
    market = load_market(programme, today=today)
    report("scoring", 30)
    scores = market.scores()
    report("solving", 60)
    proposals = engine.assign(scores)
    report("done", 100)
    return [market.stable(p) for p in proposals]


def candidates(
    programme: Programme,
    *,
    today: datetime.date,
    newcomer: Participant | None = None,
    established: Participant | None = None,
    exclude: set[int] | None = None,
    limit: int = 5,
) -> list[engine.Proposal]:
    """The best feasible partners of one person, best first (for swapping a proposal)."""
    market = load_market(programme, today=today)
    person = newcomer or established
    if person is None:
        raise ValueError("candidates_for needs a newcomer or an established volunteer")
    pool = market.newcomers if newcomer else market.volunteers
    if person.pk not in set(pool.ids.tolist()):
        return []
    found = market.candidates(
        newcomer_id=newcomer.pk if newcomer else None,
        established_id=established.pk if established else None,
        exclude=exclude or set(),
        limit=limit,
    )
    return [market.stable(p) for p in found]


def score_of(
    programme: Programme,
    *,
    newcomer: Participant,
    established: Participant,
    today: datetime.date,
) -> engine.Proposal | None:
    """The engine's view of one pair now, or None when it breaks a rule (or is not free)."""
    market = load_market(
        programme, today=today, newcomer_ids=[newcomer.pk], established_ids=[established.pk]
    )
    if len(market.newcomers) != 1 or len(market.volunteers) != 1:
        return None
    result = market.scores()
    if not result.feasible[0, 0]:
        return None
    return market.stable(result.proposal(0, 0))


def _check_members(programme: Programme, newcomer: Participant, established: Participant) -> None:
    if newcomer.programme_id != programme.pk or established.programme_id != programme.pk:
        raise MatchingError(_("Both people must belong to the programme."))
    if newcomer.group != Group.NEWCOMER or established.group != Group.ESTABLISHED:
        raise MatchingError(_("A pair is one newcomer and one established volunteer."))


@transaction.atomic
def accept_proposal(
    programme: Programme,
    *,
    newcomer: Participant,
    established: Participant,
    accepted_by: Any,
    today: datetime.date,
) -> Pair:
    """Keep a proposal (or a swapped-in candidate) for calling: a pair in state proposed."""
    _check_members(programme, newcomer, established)
    # Lock both rows so two coordinators cannot give the same free place twice.
    locked = {
        p.pk: p
        for p in Participant.objects.select_for_update().filter(
            pk__in=[newcomer.pk, established.pk]
        )
    }
    newcomer, established = locked[newcomer.pk], locked[established.pk]
    proposal = score_of(programme, newcomer=newcomer, established=established, today=today)
    if proposal is None:
        raise MatchingError(
            _(
                "This pair cannot be proposed: one of them is no longer free, it was rejected "
                "or tried before, or it breaks a wish or has no common time."
            )
        )
    pair = Pair.objects.create(
        programme=programme,
        newcomer=newcomer,
        established=established,
        state=Pair.State.PROPOSED,
        proposed_on=today,
        score=proposal.score,
        reasons=reasons_as_json(proposal.reasons),
        created_by=accepted_by if getattr(accepted_by, "is_authenticated", False) else None,
    )
    log_action(
        "matching.pair.proposed",
        programme=programme,
        actor=accepted_by,
        target=pair,
        score=proposal.score,
    )
    return pair


@transaction.atomic
def reject_proposal(
    programme: Programme,
    *,
    newcomer: Participant,
    established: Participant,
    rejected_by: Any,
    today: datetime.date,
) -> Rejection:
    """This pair will not be proposed again."""
    _check_members(programme, newcomer, established)
    rejection, created = Rejection.objects.get_or_create(
        newcomer=newcomer,
        established=established,
        defaults={
            "programme": programme,
            "rejected_by": rejected_by if getattr(rejected_by, "is_authenticated", False) else None,
            "rejected_on": today,
        },
    )
    if created:
        log_action(
            "matching.proposal.rejected",
            programme=programme,
            actor=rejected_by,
            target=rejection,
            newcomer_id=newcomer.pk,
            established_id=established.pk,
        )
    return rejection


@transaction.atomic
def swap_candidate(
    pair: Pair, *, established: Participant, swapped_by: Any, today: datetime.date
) -> Pair:
    """Before anyone is called: replace the volunteer of a proposed pair with another one.
    The old proposal is withdrawn (it stays in the history and is not proposed again)."""
    if pair.state != Pair.State.PROPOSED:
        raise MatchingError(_("Only a pair that is still to be called can be swapped."))
    if pair.calls.exists():
        raise MatchingError(_("Someone was already called about this pair."))
    _end(pair, reason=Pair.EndReason.OTHER, on=today)
    log_action("matching.pair.swapped", programme=pair.programme, actor=swapped_by, target=pair)
    return accept_proposal(
        pair.programme,
        newcomer=pair.newcomer,
        established=established,
        accepted_by=swapped_by,
        today=today,
    )


def _settle_established(person: Participant, *, on: datetime.date, by: Any) -> None:
    """An established volunteer is matched while they have an active pair, paused while they
    only have paused ones, and otherwise waiting (unless they left)."""
    pairs = Pair.objects.filter(established=person)
    if pairs.filter(state=Pair.State.ACTIVE).exists():
        status = Status.MATCHED
    elif pairs.filter(state=Pair.State.PAUSED).exists():
        status = Status.PAUSED
    elif person.status == Status.LEFT:
        return
    else:
        status = Status.WAITING
    change_status(person, status=status, changed_by=by, on=on)


def _end(pair: Pair, *, reason: str, on: datetime.date, declined_by: str = "") -> None:
    pair.state = Pair.State.ENDED
    pair.end_reason = reason
    pair.ended_on = on
    pair.declined_by = declined_by
    pair.save(update_fields=["state", "end_reason", "ended_on", "declined_by", "updated_at"])


def _start(pair: Pair, *, on: datetime.date, by: Any) -> None:
    pair.state = Pair.State.ACTIVE
    pair.started_on = on
    pair.save(update_fields=["state", "started_on", "updated_at"])
    for kind, months in FollowUp.MONTHS.items():
        FollowUp.objects.get_or_create(
            pair=pair, kind=kind, defaults={"due_on": on + relativedelta(months=months)}
        )
    change_status(pair.newcomer, status=Status.MATCHED, changed_by=by, on=on)
    change_status(pair.established, status=Status.MATCHED, changed_by=by, on=on)


@transaction.atomic
def record_call(
    pair: Pair,
    *,
    side: str,
    outcome: str,
    called_on: datetime.date,
    recorded_by: Any,
    version: str | None = None,
) -> CallRecord:
    """One call to one side. Both agree → the pair starts on the later date; one declines → it
    ends as declined and the other person goes first in line (see docs/matching.md)."""
    lock_unchanged(pair, version=version)
    if pair.state != Pair.State.PROPOSED:
        raise MatchingError(_("Calls are recorded for pairs that are still to be called."))
    if side not in Side.values or outcome not in CallRecord.Outcome.values:
        raise MatchingError(_("Unknown side or outcome."))
    call = CallRecord.objects.create(
        pair=pair,
        side=side,
        outcome=outcome,
        called_on=called_on,
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )
    log_action(
        "matching.call.recorded",
        programme=pair.programme,
        actor=recorded_by,
        target=pair,
        side=side,
        outcome=outcome,
        on=called_on.isoformat(),
    )
    if outcome == CallRecord.Outcome.DECLINES:
        _end(pair, reason=Pair.EndReason.DECLINED, on=called_on, declined_by=side)
        log_action(
            "matching.pair.declined",
            programme=pair.programme,
            actor=recorded_by,
            target=pair,
            side=side,
        )
        _settle_established(pair.established, on=called_on, by=recorded_by)
        return call
    latest = {c.side: c for c in pair.calls.order_by("called_on", "id")}
    if all(s in latest and latest[s].outcome == CallRecord.Outcome.AGREES for s in Side.values):
        start = max(latest[s].called_on for s in Side.values)
        _start(pair, on=start, by=recorded_by)
        log_action(
            "matching.pair.confirmed",
            programme=pair.programme,
            actor=recorded_by,
            target=pair,
            started_on=start.isoformat(),
        )
    return call


@transaction.atomic
def pause_pair(
    pair: Pair, *, on: datetime.date, paused_by: Any, version: str | None = None
) -> None:
    lock_unchanged(pair, version=version)
    if pair.state != Pair.State.ACTIVE:
        raise MatchingError(_("Only an active pair can be paused."))
    pair.state = Pair.State.PAUSED
    pair.paused_on = on
    pair.save(update_fields=["state", "paused_on", "updated_at"])
    change_status(pair.newcomer, status=Status.PAUSED, changed_by=paused_by, on=on)
    _settle_established(pair.established, on=on, by=paused_by)
    log_action("matching.pair.paused", programme=pair.programme, actor=paused_by, target=pair)


@transaction.atomic
def resume_pair(
    pair: Pair, *, on: datetime.date, resumed_by: Any, version: str | None = None
) -> None:
    lock_unchanged(pair, version=version)
    if pair.state != Pair.State.PAUSED:
        raise MatchingError(_("Only a paused pair can be resumed."))
    pair.state = Pair.State.ACTIVE
    pair.paused_on = None
    pair.save(update_fields=["state", "paused_on", "updated_at"])
    change_status(pair.newcomer, status=Status.MATCHED, changed_by=resumed_by, on=on)
    change_status(pair.established, status=Status.MATCHED, changed_by=resumed_by, on=on)
    log_action("matching.pair.resumed", programme=pair.programme, actor=resumed_by, target=pair)


# After an ending, the newcomer leaves the programme or waits for a new friend.
NEWCOMER_STATUS_AFTER: dict[str, str] = {
    Pair.EndReason.COMPLETED: Status.LEFT,
    Pair.EndReason.MOVED_AWAY: Status.LEFT,
    Pair.EndReason.NO_CONTACT: Status.WAITING,
    Pair.EndReason.DECLINED: Status.WAITING,
    Pair.EndReason.OTHER: Status.WAITING,
}


@transaction.atomic
def end_pair(
    pair: Pair,
    *,
    reason: str,
    on: datetime.date,
    ended_by: Any,
    newcomer_status: str | None = None,
    established_leaves: bool = False,
    version: str | None = None,
) -> None:
    """End a pair. The newcomer goes back to waiting or leaves (default by the reason); the
    volunteer stays matched while they have another active pair, else waits (or leaves)."""
    lock_unchanged(pair, version=version)
    if not pair.is_open:
        raise MatchingError(_("This pair has already ended."))
    if reason not in Pair.EndReason.values or not reason:
        raise MatchingError(_("Choose why the pair ends."))
    if pair.started_on and on < pair.started_on:
        raise MatchingError(_("A pair cannot end before it started."))
    was_started = pair.state != Pair.State.PROPOSED
    _end(pair, reason=reason, on=on)
    if was_started:
        status = newcomer_status or NEWCOMER_STATUS_AFTER[reason]
    else:
        status = newcomer_status or Status.WAITING
    change_status(pair.newcomer, status=status, changed_by=ended_by, on=on)
    if (
        established_leaves
        and not Pair.objects.filter(
            established=pair.established, state__in=[Pair.State.ACTIVE, Pair.State.PAUSED]
        ).exists()
    ):
        change_status(pair.established, status=Status.LEFT, changed_by=ended_by, on=on)
    else:
        _settle_established(pair.established, on=on, by=ended_by)
    log_action(
        "matching.pair.ended",
        programme=pair.programme,
        actor=ended_by,
        target=pair,
        reason=reason,
        on=on.isoformat(),
    )


@transaction.atomic
def record_follow_up(
    follow_up: FollowUp,
    *,
    met: bool,
    frequency: str,
    recorded_by: Any,
    on: datetime.date,
) -> FollowUp:
    if frequency not in FollowUp.Frequency.values:
        raise MatchingError(_("Unknown frequency."))
    follow_up.met = met
    follow_up.frequency = frequency if met else ""
    follow_up.recorded_on = on
    follow_up.recorded_at = timezone.now()
    follow_up.recorded_by = recorded_by if getattr(recorded_by, "is_authenticated", False) else None
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


@transaction.atomic
def update_settings(
    programme: Programme, *, weights: dict[str, Any], changed_by: Any
) -> MatchingSettings:
    """Store the programme's weights (only the engine's known names, validated by it)."""
    known = {f.name for f in dataclasses.fields(engine.Weights)}
    clean = {k: v for k, v in weights.items() if k in known and v is not None}
    engine.Weights(**clean)  # raises ValueError on a negative weight
    settings, _created = MatchingSettings.objects.get_or_create(programme=programme)
    settings.weights = clean
    settings.save(update_fields=["weights"])
    log_action(
        "matching.settings.changed",
        programme=programme,
        actor=changed_by,
        target=settings,
        weights=clean,
    )
    return settings
