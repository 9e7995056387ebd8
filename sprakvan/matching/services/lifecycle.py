"""A pair's life after the proposal: calls, confirmation, pauses, resumptions and endings."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.audit import log_action
from sprakvan.core.concurrency import lock_unchanged
from sprakvan.participants.choices import Status
from sprakvan.participants.models import Participant
from sprakvan.participants.services import change_status

from ..models import CallRecord, FollowUp, Pair, Side
from .check_ins import send_introductions
from .errors import MatchingError


def _settle_established(person: Participant, *, on: datetime.date, by: User | None) -> None:
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


def _start(pair: Pair, *, on: datetime.date, by: User | None) -> None:
    pair.state = Pair.State.ACTIVE
    pair.started_on = on
    pair.save(update_fields=["state", "started_on", "updated_at"])
    # One insert; a follow-up the pair already has is kept (one per kind, by the constraint).
    FollowUp.objects.bulk_create(
        [
            FollowUp(pair=pair, kind=kind, due_on=on + relativedelta(months=months))
            for kind, months in FollowUp.MONTHS.items()
        ],
        ignore_conflicts=True,
    )
    change_status(pair.newcomer, status=Status.MATCHED, changed_by=by, on=on)
    change_status(pair.established, status=Status.MATCHED, changed_by=by, on=on)
    send_introductions(pair)


@transaction.atomic
def record_call(
    pair: Pair,
    *,
    side: str,
    outcome: str,
    called_on: datetime.date,
    recorded_by: User | None,
    share_phone: bool = False,
    version: str | None = None,
) -> CallRecord:
    """One call to one side. Both agree → the pair starts on the later date; one declines → it
    ends as declined and the other person goes first in line (see docs/matching.md).
    `share_phone`: the person agrees that their friend gets their number (only with agrees)."""
    lock_unchanged(pair, version=version)
    if pair.state != Pair.State.PROPOSED:
        raise MatchingError(_("Calls are recorded for pairs that are still to be called."))
    if side not in Side.values or outcome not in CallRecord.Outcome.values:
        raise MatchingError(_("Unknown side or outcome."))
    if share_phone and outcome != CallRecord.Outcome.AGREES:
        raise MatchingError(_("Only a person who agrees to the pair can share their phone number."))
    call = CallRecord.objects.create(
        pair=pair,
        side=side,
        outcome=outcome,
        called_on=called_on,
        share_phone=share_phone,
        recorded_by=recorded_by,
    )
    log_action(
        "matching.call.recorded",
        programme=pair.programme,
        actor=recorded_by,
        target=pair,
        side=side,
        outcome=outcome,
        share_phone=share_phone,
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
    pair: Pair, *, on: datetime.date, paused_by: User | None, version: str | None = None
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
    pair: Pair, *, on: datetime.date, resumed_by: User | None, version: str | None = None
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
    ended_by: User | None,
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
