"""The database side of the statistics: a fixed number of aggregate queries into plain rows.

`load_rows` reads everything for a date window in about ten GROUP BY queries, whatever the
size of the data; `statistics.py` then computes any period inside the window from the rows.

People are counted from every registration that is not an unresolved duplicate, erased or not:
erasure blanks personal fields but keeps the row (see docs/statistics.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from sprakvan.activities.models import WALK_IN_FIELDS, WALK_IN_GROUPS, Activity, Session
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.participants.models import Group, Participant, Status

from .statistics import (
    Figures,
    PairRow,
    Period,
    RegistrationRow,
    Rows,
    SessionRow,
    figures,
)


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


def pair_rows(programme: Programme | None, window: Period) -> list[PairRow]:
    """Pairs that started by the window's end and had not ended before its start."""
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
    people = _scope(counted_participants(), programme).filter(registered_on__lte=day)
    gone = (
        ~Q(status=Status.WAITING)
        & ~Q(status=Status.MATCHED)
        & (Q(status_changed_on__isnull=True) | Q(status_changed_on__lte=day))
    )
    pairs = Pair.objects.filter(in_pair)
    people = people.exclude(gone).exclude(
        Exists(pairs.filter(newcomer=OuterRef("pk")))
        | Exists(pairs.filter(established=OuterRef("pk")))
    )
    # Established volunteers with room for more count as waiting only while unmatched.
    counts = dict(people.values_list("group").annotate(n=Count("pk")).order_by())
    return {group: counts.get(group, 0) for group in Group.values}


def _activity_places(programme: Programme | None) -> dict[int, tuple[str, str]]:
    """activity id → (district label, activity type). The district is the activity's, else its
    venue's; across programmes it carries the programme's name, since district names repeat
    between cities. One query: a programme has tens of activities, the platform thousands."""
    rows = _scope(Activity.objects.all(), programme).values_list(
        "pk", "type", "district__name", "venue__district__name", "programme__name"
    )
    places = {}
    for pk, kind, district, venue_district, programme_name in rows:
        name = district or venue_district or ""
        if programme is None:
            name = f"{programme_name}: {name}"
        places[pk] = (name, kind)
    return places


def segment_starts(window: Period, cuts: Iterable[datetime.date]) -> list[datetime.date]:
    """The first days of the pieces the window is cut into (each cut starts a piece)."""
    return sorted({window.start, *(c for c in cuts if window.start < c <= window.end)})


def _segment_of(field: str, starts: list[datetime.date]) -> Any:
    """SQL: the start of the piece a date falls in."""
    return Case(
        *[When(**{f"{field}__gte": start}, then=Value(start)) for start in reversed(starts)],
        output_field=DateField(),
    )


def session_rows(
    programme: Programme | None, window: Period, cuts: Iterable[datetime.date] | None = None
) -> list[SessionRow]:
    """Held sessions per piece of the window, district and activity type, with named and
    walk-in attendance. A row's `on` is the first day of its piece: the window is cut at
    `cuts` (every period's first day and the day after its last), or into days when None.

    One query: the database groups the sessions by (piece, activity), which is cheap on
    integer keys and gives a few rows per activity, summing their walk-in rows and their
    named-attendance counts; districts and types are joined in Python from one small query."""
    sessions = _scope(Session.objects.exclude(status=Session.Status.CANCELLED), programme).filter(
        date__gte=window.start, date__lte=window.end
    )
    walk_in_sums = {
        f"w_{group.value}": Sum(
            sum(
                (
                    Coalesce(F(f"walk_ins__{name}"), 0)
                    for field_group, _gender, name in WALK_IN_FIELDS
                    if field_group == group
                ),
                start=Value(0, output_field=IntegerField()),
            )
        )
        for group, _plural in WALK_IN_GROUPS
    }
    day = F("date") if cuts is None else _segment_of("date", segment_starts(window, cuts))
    # Named attendance from the sessions' counts (kept by triggers), not from the rows.
    per_day = (
        sessions.annotate(piece=day)
        .values("piece", "activity_id")
        .annotate(
            n=Count("pk"),
            named_newcomers=Sum("named_counts__newcomers"),
            named_established=Sum("named_counts__established"),
            **walk_in_sums,
        )
        .order_by()
    )
    places = _activity_places(programme)
    totals: dict[tuple[datetime.date, str, str], list[int]] = {}
    for r in per_day:
        district, kind = places.get(r["activity_id"], ("", ""))
        cell = totals.setdefault((r["piece"], district, kind), [0, 0, 0, 0, 0])
        cell[0] += r["n"]
        cell[1] += r["named_newcomers"] or 0
        cell[2] += r["named_established"] or 0
        cell[3] += r[f"w_{Group.NEWCOMER.value}"] or 0
        cell[4] += r[f"w_{Group.ESTABLISHED.value}"] or 0
    return [
        SessionRow(
            on=day,
            district=district,
            activity_type=kind,
            sessions=n,
            named_newcomers=named_newcomers,
            named_established=named_established,
            walk_in_newcomers=walk_newcomers,
            walk_in_established=walk_established,
        )
        for (day, district, kind), (
            n,
            named_newcomers,
            named_established,
            walk_newcomers,
            walk_established,
        ) in totals.items()
    ]


def load_rows(
    programme: Programme | None,
    window: Period,
    *,
    today: datetime.date,
    waiting_days: tuple[datetime.date, ...] = (),
    periods: Iterable[Period] | None = None,
) -> Rows:
    """All rows for the window (the programme's, or the whole platform's when None).

    With `periods`, sessions are summed per piece between the periods' boundaries (and
    today, and the first of each month) instead of per day: far fewer rows at platform scale,
    and then only those periods (or unions of the pieces) can be asked of the rows.
    Referral outcomes and the outreach funnel are taken at the window's end, the
    `waiting_days` and the periods' ends: a period ending on another day reads none."""
    from .referral_queries import funnel_rows, referral_rows  # they build on this module

    periods = list(periods) if periods is not None else None
    cuts: set[datetime.date] | None = None
    # Referrals' outcomes and the outreach funnel stand as they did at each period's end.
    outcome_days = {*waiting_days, *(p.end for p in periods or ())}
    if periods is not None:
        cuts = {today + datetime.timedelta(days=1)}
        for p in periods:
            cuts |= {p.start, p.end + datetime.timedelta(days=1)}
            cuts |= {datetime.date(y, m, 1) for y, m in p.months()}
    return Rows(
        window=window,
        today=today,
        registrations=registration_rows(programme, window),
        waiting_now=waiting_at(programme, today),
        pairs=pair_rows(programme, window),
        sessions=session_rows(programme, window, cuts),
        session_cuts=cuts,
        referrals=referral_rows(programme, window, outcome_days),
        funnel=funnel_rows(programme, window, outcome_days),
        waiting_at={day: waiting_at(programme, day) for day in waiting_days},
    )


def report(
    programme: Programme | None,
    period: Period,
    *,
    today: datetime.date,
    comparison: Period | None = None,
) -> tuple[Figures, Figures]:
    """The figures for the period and for the comparison period (by default the same months
    a year earlier), from one set of rows."""
    comparison = comparison or period.year_earlier()
    window = Period(min(period.start, comparison.start), max(period.end, comparison.end))
    rows = load_rows(
        programme,
        window,
        today=today,
        waiting_days=(period.end, comparison.end),
        periods=(period, comparison),
    )
    return figures(rows, period), figures(rows, comparison)
