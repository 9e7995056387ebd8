"""The database side of the statistics: a fixed number of aggregate queries into plain rows.

`load_rows` reads everything for a date window in about ten GROUP BY queries, whatever the
size of the data; `statistics.py` then computes any period inside the window from the rows.
Parts owned by other apps (pairs, sessions, referrals, outreach) are read only when their
models are installed; a missing part gives `None`, which the pages show as "no data".

People are counted from every registration that is not an unresolved duplicate, erased or not:
erasure blanks personal fields but keeps the row (see docs/statistics.md).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant

from .statistics import (
    Figures,
    FunnelRow,
    PairRow,
    Period,
    ReferralRow,
    RegistrationRow,
    Rows,
    SessionRow,
    figures,
)

WALK_IN_GROUPS = ("newcomer", "established")
WALK_IN_GENDERS = ("woman", "man", "another", "undisclosed")


def _model(app_label: str, name: str) -> Any:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def counted_participants() -> QuerySet[Participant]:
    """Everyone the statistics count: erased people too, unresolved duplicates not."""
    return Participant.objects.filter(possible_duplicate_of__isnull=True)


def _scope(queryset: QuerySet[Any], programme: Programme | None, path: str = "programme") -> Any:
    return queryset if programme is None else queryset.filter(**{path: programme})


def registration_rows(programme: Programme | None, window: Period) -> list[RegistrationRow]:
    rows = (
        _scope(counted_participants(), programme)
        .filter(registered_on__gte=window.start, registered_on__lte=window.end)
        .values("registered_on", "group", "gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        RegistrationRow(on=r["registered_on"], group=r["group"], gender=r["gender"], count=r["n"])
        for r in rows
    ]


def pair_rows(programme: Programme | None, window: Period) -> list[PairRow] | None:
    """Pairs that started by the window's end and had not ended before its start."""
    Pair = _model("matching", "Pair")
    if Pair is None:
        return None
    rows = (
        _scope(Pair.objects.all(), programme)
        .filter(started_on__isnull=False, started_on__lte=window.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=window.start))
        .values("started_on", "ended_on", "end_reason", "newcomer__registered_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        PairRow(
            started_on=r["started_on"],
            ended_on=r["ended_on"],
            end_reason=r["end_reason"],
            newcomer_registered_on=r["newcomer__registered_on"],
            count=r["n"],
        )
        for r in rows
    ]


def waiting_at(programme: Programme | None, day: datetime.date) -> dict[str, int]:
    """People waiting for a language friend at the end of `day`, by group.

    Registered by then, not in a pair that had started and not ended by then, and not having
    left or paused by then (the current status, if it changed on or before the day)."""
    in_pair = Q(started_on__isnull=False, started_on__lte=day) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    Pair = _model("matching", "Pair")
    people = _scope(counted_participants(), programme).filter(registered_on__lte=day)
    gone = (
        ~Q(status="waiting")
        & ~Q(status="matched")
        & (Q(status_changed_on__isnull=True) | Q(status_changed_on__lte=day))
    )
    people = people.exclude(gone)
    if Pair is None:
        people = people.exclude(Q(status="matched") & Q(status_changed_on__lte=day))
    else:
        pairs = Pair.objects.filter(in_pair)
        people = people.exclude(
            Exists(pairs.filter(newcomer=OuterRef("pk")))
            | Exists(pairs.filter(established=OuterRef("pk")))
        )
        # Established volunteers with room for more count as waiting only while unmatched.
    counts = dict(people.values_list("group").annotate(n=Count("pk")).order_by())
    return {group: counts.get(group, 0) for group in WALK_IN_GROUPS}


def _district_expression() -> Any:
    return Coalesce(
        F("activity__district__name"),
        F("activity__venue__district__name"),
        Value("", output_field=CharField()),
    )


def session_rows(programme: Programme | None, window: Period) -> list[SessionRow] | None:
    """Held sessions per day, district and activity type with named and walk-in attendance."""
    Session = _model("activities", "Session")
    Attendance = _model("activities", "Attendance")
    if Session is None or Attendance is None:
        return None
    try:
        sessions = _scope(Session.objects.exclude(status="cancelled"), programme).filter(
            date__gte=window.start, date__lte=window.end
        )
        walk_in_sums = {
            f"w_{group}": sum(
                (Coalesce(F(f"walk_ins__{group}_{gender}"), 0) for gender in WALK_IN_GENDERS),
                start=Value(0, output_field=IntegerField()),
            )
            for group in WALK_IN_GROUPS
        }
        per_session = (
            sessions.annotate(district_name=_district_expression(), **walk_in_sums)
            .values("date", "district_name", "activity__type")
            .annotate(
                n=Count("pk"),
                walk_newcomer=Sum("w_newcomer"),
                walk_established=Sum("w_established"),
            )
            .order_by()
        )
        named = (
            Attendance.objects.filter(session__in=sessions.values("pk"))
            .annotate(
                district_name=Coalesce(
                    F("session__activity__district__name"),
                    F("session__activity__venue__district__name"),
                    Value("", output_field=CharField()),
                )
            )
            .values("session__date", "district_name", "session__activity__type")
            .annotate(
                newcomers=Count("pk", filter=Q(participant__group="newcomer")),
                established=Count("pk", filter=Q(participant__group="established")),
            )
            .order_by()
        )
        named_rows = {
            (r["session__date"], r["district_name"], r["session__activity__type"]): r for r in named
        }
        result = []
        for r in per_session:
            key = (r["date"], r["district_name"], r["activity__type"])
            n = named_rows.get(key, {"newcomers": 0, "established": 0})
            walk_newcomer = r["walk_newcomer"] or 0
            walk_established = r["walk_established"] or 0
            result.append(
                SessionRow(
                    on=r["date"],
                    district=r["district_name"],
                    activity_type=r["activity__type"],
                    sessions=r["n"],
                    named_newcomers=n["newcomers"],
                    named_established=n["established"],
                    walk_in_newcomers=walk_newcomer,
                    walk_in_established=walk_established,
                )
            )
        return result
    except FieldError:
        return None


def referral_rows(programme: Programme | None, window: Period) -> list[ReferralRow] | None:
    """(day referred, organisation, what became of the person, how many)."""
    Referral = _model("partners", "Referral")
    if Referral is None:
        return None
    try:
        rows = (
            _scope(Referral.objects.all(), programme)
            .annotate(
                day=TruncDate("created_at"),
                outcome=Coalesce(F("participant__status"), Value("left", output_field=CharField())),
            )
            .filter(day__gte=window.start, day__lte=window.end)
            .values("day", "organisation__name", "outcome")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return [
            ReferralRow(
                on=r["day"],
                organisation=r["organisation__name"],
                outcome=r["outcome"],
                count=r["n"],
            )
            for r in rows
        ]
    except FieldError:
        return None


def funnel_rows(programme: Programme | None, window: Period) -> list[FunnelRow] | None:
    """Per outreach event in the window: leads, people registered through it, and of those how
    many have been in a pair that started (a person counts once per event)."""
    Event = _model("partners", "OutreachEvent")
    Lead = _model("partners", "Lead")
    Pair = _model("matching", "Pair")
    if Event is None or Lead is None:
        return None
    try:
        events = _scope(Event.objects.all(), programme).filter(
            date__gte=window.start, date__lte=window.end
        )
        event_list = list(
            events.annotate(lead_count=Count("leads")).values("pk", "name", "date", "lead_count")
        )
        ids = [e["pk"] for e in event_list]
        if Pair is not None:
            started = Pair.objects.filter(started_on__isnull=False)
            paired = Exists(started.filter(newcomer=OuterRef("pk"))) | Exists(
                started.filter(established=OuterRef("pk"))
            )
            lead_paired = Exists(started.filter(newcomer=OuterRef("participant"))) | Exists(
                started.filter(established=OuterRef("participant"))
            )
        else:
            paired = Q(status="matched")
            lead_paired = Q(participant__status="matched")
        arrivals = (
            counted_participants()
            .filter(source_event_id__in=ids)
            .values("source_event_id")
            .annotate(n=Count("pk"), paired=Count("pk", filter=paired))
            .order_by()
        )
        linked = (
            Lead.objects.filter(event_id__in=ids, participant__isnull=False)
            .exclude(participant__source_event_id=F("event_id"))
            .values("event_id")
            .annotate(
                n=Count("participant", distinct=True),
                paired=Count("participant", distinct=True, filter=lead_paired),
            )
            .order_by()
        )
        registered: dict[int, list[int]] = {pk: [0, 0] for pk in ids}
        for r in arrivals:
            registered[r["source_event_id"]][0] += r["n"]
            registered[r["source_event_id"]][1] += r["paired"]
        for r in linked:
            registered[r["event_id"]][0] += r["n"]
            registered[r["event_id"]][1] += r["paired"]
        return [
            FunnelRow(
                event=e["name"],
                date=e["date"],
                leads=e["lead_count"],
                registered=registered[e["pk"]][0],
                paired=registered[e["pk"]][1],
            )
            for e in sorted(event_list, key=lambda e: (e["date"], e["name"]))
        ]
    except FieldError:
        return None


def load_rows(
    programme: Programme | None,
    window: Period,
    *,
    today: datetime.date,
    waiting_days: tuple[datetime.date, ...] = (),
) -> Rows:
    """All rows for the window (the programme's, or the whole platform's when None)."""
    return Rows(
        window=window,
        today=today,
        registrations=registration_rows(programme, window),
        waiting_now=waiting_at(programme, today),
        pairs=pair_rows(programme, window),
        sessions=session_rows(programme, window),
        referrals=referral_rows(programme, window),
        funnel=funnel_rows(programme, window),
        waiting_at={day: waiting_at(programme, day) for day in waiting_days},
    )


def report(
    programme: Programme | None,
    period: Period,
    *,
    today: datetime.date,
    comparison: Period | None = None,
) -> tuple[Figures, Figures]:
    """The figures for the period and for the comparison period (by default the previous
    equal period), from one set of rows."""
    comparison = comparison or period.previous()
    window = Period(min(period.start, comparison.start), max(period.end, comparison.end))
    rows = load_rows(programme, window, today=today, waiting_days=(period.end, comparison.end))
    return figures(rows, period), figures(rows, comparison)
