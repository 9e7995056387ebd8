"""The database side of the referrals' outcomes and the outreach funnel, as they stood on given
days: a person's status on a day is undone from the audit log's later status changes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, TruncDate

from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import OutreachEvent
from sprakvan.participants.models import Status
from sprakvan.partners.models import Lead, Referral

from .queries import _scope, counted_participants
from .statistics import FunnelRow, Period, ReferralRow

STATUS_CHANGED = "participants.status.changed"
PARTICIPANT_TYPE = "participants.participant"
# A status that takes a person out of the waiting list and, for a referral, is its outcome.
GONE = (Status.LEFT.value, Status.PAUSED.value)


def status_on(day: datetime.date) -> Any:
    """SQL, on a Referral: the referred person's status at the end of `day`.

    The current status if it was set on or before the day (or carries no date); otherwise
    the status it replaced, from the first status change logged after the day, else waiting
    (people register as waiting; a status set directly, as the import does, leaves no log)."""
    replaced = (
        AuditEvent.objects.filter(
            action=STATUS_CHANGED,
            object_type=PARTICIPANT_TYPE,
            object_id=OuterRef("participant_id"),
            at__date__gt=day,
        )
        .order_by("at", "id")
        .annotate(old=KT("data__old"))
        .values("old")[:1]
    )
    return Case(
        When(
            Q(participant__status_changed_on__isnull=True)
            | Q(participant__status_changed_on__lte=day),
            then=F("participant__status"),
        ),
        default=Coalesce(Subquery(replaced), Value(Status.WAITING.value)),
        output_field=CharField(),
    )


def outcome_on(status: str, day: datetime.date) -> Any:
    """SQL, on a Referral annotated with the person's `status` at the end of `day`: what
    had become of them by then. Left or paused (their status then), else in a pair that had
    started and not ended (matched), else waiting. A person who is gone counts as left."""
    in_pair = Pair.objects.filter(started_on__isnull=False, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    return Case(
        When(participant__isnull=True, then=Value(Status.LEFT.value)),
        When(**{f"{status}__in": GONE}, then=F(status)),
        When(
            Exists(in_pair.filter(newcomer=OuterRef("participant_id")))
            | Exists(in_pair.filter(established=OuterRef("participant_id"))),
            then=Value(Status.MATCHED.value),
        ),
        default=Value(Status.WAITING.value),
        output_field=CharField(),
    )


def referral_rows(
    programme: Programme | None, window: Period, days: Iterable[datetime.date] = ()
) -> list[ReferralRow]:
    """(day referred, organisation, what had become of the person by each of `days`, how
    many): one row per outcome day, so that each period reads the outcome at its own end.
    One query: the outcomes on every day are columns of the same GROUP BY."""
    referrals = (
        _scope(Referral.objects.all(), programme)
        .annotate(day=TruncDate("created_at"))
        .filter(day__gte=window.start, day__lte=window.end)
    )
    # Building the query below costs tens of milliseconds of CPU; a window without referrals
    # (most of a programme's days, every export of a programme without partners) skips it.
    if not referrals.exists():
        return []
    at = sorted(set(days) | {window.end})
    statuses = {f"s{i}": status_on(day) for i, day in enumerate(at)}
    outcomes = {f"o{i}": outcome_on(f"s{i}", day) for i, day in enumerate(at)}
    rows = (
        referrals.annotate(**statuses)
        .annotate(**outcomes)
        .values("day", "organisation__name", *outcomes)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[datetime.date, datetime.date, str, str], int] = {}
    for r in rows:
        for i, day in enumerate(at):
            key = (day, r["day"], r["organisation__name"], r[f"o{i}"])
            counts[key] = counts.get(key, 0) + r["n"]
    return [
        ReferralRow(on=on, organisation=organisation, outcome=outcome, count=n, at=day)
        for (day, on, organisation, outcome), n in counts.items()
    ]


def funnel_rows(
    programme: Programme | None, window: Period, days: Iterable[datetime.date] = ()
) -> list[FunnelRow]:
    """Per outreach event in the window and each of `days` (a period's last day): leads,
    people registered through it by that day, and of those how many had been in a pair that
    started by that day (a person counts once per event)."""
    at = sorted(set(days) | {window.end})
    events = _scope(OutreachEvent.objects.all(), programme).filter(
        date__gte=window.start, date__lte=window.end
    )
    event_list = list(
        events.annotate(lead_count=Count("leads")).values("pk", "name", "date", "lead_count")
    )
    ids = [e["pk"] for e in event_list]
    if not ids:  # no outreach event in the window: nothing to count, no query to build
        return []
    arrival_counts: dict[str, Any] = {}
    link_counts: dict[str, Any] = {}
    for i, day in enumerate(at):
        started = Pair.objects.filter(started_on__isnull=False, started_on__lte=day)
        paired = Exists(started.filter(newcomer=OuterRef("pk"))) | Exists(
            started.filter(established=OuterRef("pk"))
        )
        lead_paired = Exists(started.filter(newcomer=OuterRef("participant"))) | Exists(
            started.filter(established=OuterRef("participant"))
        )
        arrival_counts[f"n{i}"] = Count("pk", filter=Q(registered_on__lte=day))
        arrival_counts[f"p{i}"] = Count("pk", filter=Q(registered_on__lte=day) & paired)
        by_then = Q(participant__registered_on__lte=day)
        link_counts[f"n{i}"] = Count("participant", distinct=True, filter=by_then)
        link_counts[f"p{i}"] = Count("participant", distinct=True, filter=by_then & lead_paired)
    arrivals = (
        counted_participants()
        .filter(source_event_id__in=ids)
        .values("source_event_id")
        .annotate(**arrival_counts)
        .order_by()
    )
    linked = (
        Lead.objects.filter(event_id__in=ids, participant__isnull=False)
        .exclude(participant__source_event_id=F("event_id"))
        .values("event_id")
        .annotate(**link_counts)
        .order_by()
    )
    registered: dict[int, list[list[int]]] = {pk: [[0, 0] for _day in at] for pk in ids}
    counted: list[tuple[int, dict[str, Any]]] = [
        *((r["source_event_id"], dict(r)) for r in arrivals),
        *((link["event_id"], dict(link)) for link in linked),
    ]
    for event_id, r in counted:
        for i in range(len(at)):
            registered[event_id][i][0] += r[f"n{i}"]
            registered[event_id][i][1] += r[f"p{i}"]
    return [
        FunnelRow(
            event=e["name"],
            date=e["date"],
            leads=e["lead_count"],
            registered=registered[e["pk"]][i][0],
            paired=registered[e["pk"]][i][1],
            at=day,
        )
        for e in sorted(event_list, key=lambda e: (e["date"], e["name"]))
        for i, day in enumerate(at)
        if e["date"] <= day
    ]
