"""Finding pairs and deciding on proposals: the engine's set, candidates, accept, reject, swap."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.participants.choices import Group
from sprakvan.participants.models import Participant

from ..models import Pair, Rejection, reasons_as_json
from ..pools import load_market
from .errors import MatchingError
from .lifecycle import _end

if TYPE_CHECKING:
    from .. import engine

Progress = Callable[[str, int], None]


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
    proposals = market.assign(scores)
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
    accepted_by: User | None,
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
        created_by=accepted_by,
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
    rejected_by: User | None,
    today: datetime.date,
) -> Rejection:
    """This pair will not be proposed again."""
    _check_members(programme, newcomer, established)
    rejection, created = Rejection.objects.get_or_create(
        newcomer=newcomer,
        established=established,
        defaults={
            "programme": programme,
            "rejected_by": rejected_by,
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
    pair: Pair, *, established: Participant, swapped_by: User | None, today: datetime.date
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
