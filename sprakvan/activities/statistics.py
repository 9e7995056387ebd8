"""Attendance counts for reports, aggregated in SQL (named participants plus walk-ins)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from .models import WALK_IN_FIELDS, Attendance, Session, WalkInCount

# Dimension name -> the path from a Session to it.
DIMENSIONS = {
    "district": "activity__district",
    "type": "activity__type",
    "activity": "activity",
    "year": None,
    "month": None,
}


def annotate_totals[S: QuerySet[Session]](sessions: S) -> S:
    """Sessions annotated with `named_count`, `walk_in_count`, `attendance_total` and, per
    group and gender, `<group>_<gender>` (named plus walk-ins): one GROUP BY query."""
    annotations: dict[str, Any] = {}
    total_walk_ins: Any = Value(0, output_field=IntegerField())
    for group, gender, name in WALK_IN_FIELDS:
        named = Count(
            "attendances",
            filter=Q(
                attendances__participant__group=group, attendances__participant__gender=gender
            ),
        )
        walk_ins = Coalesce(F(f"walk_ins__{name}"), 0)
        annotations[name] = named + walk_ins
        total_walk_ins = total_walk_ins + walk_ins
    total_named: Any = Count("attendances")
    return sessions.annotate(
        named_count=total_named,
        walk_in_count=total_walk_ins,
        attendance_total=total_named + total_walk_ins,
        **annotations,
    )


def _dimension_values(prefix: str, by: Sequence[str]) -> tuple[dict[str, Any], list[str]]:
    exprs: dict[str, Any] = {}
    for dim in by:
        if dim not in DIMENSIONS:
            raise ValueError(f"Unknown dimension {dim!r}")
        if dim == "year":
            exprs["dim_year"] = ExtractYear(f"{prefix}date")
        elif dim == "month":
            exprs["dim_month"] = ExtractMonth(f"{prefix}date")
        else:
            exprs[f"dim_{dim}"] = F(f"{prefix}{DIMENSIONS[dim]}")
    return exprs, list(exprs)


def attendance_summary(sessions: QuerySet[Session], *, by: Sequence[str] = ()) -> list[dict]:
    """Attendance of the given sessions grouped by `by` (any of district, type, activity, year,
    month) and by group and gender. Two aggregate queries, whatever the number of rows.

    Each row: {<dimension>: value…, "group", "gender", "named", "walk_ins", "total"}; ids for
    district and activity.
    """
    named_exprs, named_keys = _dimension_values("session__", by)
    named = (
        Attendance.objects.filter(session__in=sessions.values("pk"))
        .annotate(**named_exprs)
        .values(*named_keys, "participant__group", "participant__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    walk_exprs, walk_keys = _dimension_values("session__", by)
    sums = {name: Coalesce(Sum(name), 0) for _g, _s, name in WALK_IN_FIELDS}
    walk_ins = (
        WalkInCount.objects.filter(session__in=sessions.values("pk"))
        .annotate(**walk_exprs)
        .values(*walk_keys)
        .annotate(**{f"sum_{k}": v for k, v in sums.items()})
        .order_by()
    )
    table: dict[tuple, dict[str, int]] = defaultdict(lambda: {"named": 0, "walk_ins": 0})
    for row in named:
        key = (*(row[k] for k in named_keys), row["participant__group"], row["participant__gender"])
        table[key]["named"] += row["n"]
    for row in walk_ins:
        for group, gender, name in WALK_IN_FIELDS:
            count = row[f"sum_{name}"]
            if count:
                key = (*(row[k] for k in walk_keys), group, gender)
                table[key]["walk_ins"] += count
    result = []
    for key, counts in sorted(table.items(), key=lambda item: tuple(str(v) for v in item[0])):
        row_out: dict[str, Any] = dict(zip(by, key[: len(by)], strict=True))
        row_out.update(
            group=key[-2],
            gender=key[-1],
            named=counts["named"],
            walk_ins=counts["walk_ins"],
            total=counts["named"] + counts["walk_ins"],
        )
        result.append(row_out)
    return result
