"""Pop-up cafés at workplaces as plain rows, for the pages, the partner-dialogue document and the
exports: host, date, how many of the host's employees and how many participants came."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from sprakvan.activities.models import WALK_IN_FIELDS, Attendance, Session
from sprakvan.core.models import Programme

from .models import PopUpCafe


@dataclass(frozen=True)
class PopUpRow:
    """One pop-up café. `host_employees` is None while nobody has counted them; `participants`
    are the programme's people who came (named attendance plus walk-ins, from the session)."""

    pk: int
    date: datetime.date
    host_id: int
    host: str
    host_kind: str
    host_employees: int | None
    participants: int
    cancelled: bool


def participants_count() -> Any:
    """An annotation for pop-ups: named attendance plus walk-ins of the session. A subquery
    and a one-to-one join, so the count is one query however many rows."""
    named = Subquery(
        Attendance.objects.filter(session=OuterRef("session"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    total: Any = Coalesce(named, Value(0))
    for _group, _gender, name in WALK_IN_FIELDS:
        total = total + Coalesce(F(f"session__walk_ins__{name}"), Value(0))
    return total


def popups_of(
    programme: Programme,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    host_id: int | None = None,
    held_only: bool = True,
) -> list[PopUpRow]:
    """The programme's pop-ups, oldest first, optionally dated in [start, end] and of one host;
    cancelled ones only when `held_only` is False."""
    popups = PopUpCafe.objects.filter(programme=programme)
    if start is not None:
        popups = popups.filter(session__date__gte=start)
    if end is not None:
        popups = popups.filter(session__date__lte=end)
    if host_id is not None:
        popups = popups.filter(host_id=host_id)
    if held_only:
        popups = popups.exclude(session__status=Session.Status.CANCELLED)
    rows = (
        popups.annotate(participants=participants_count())
        .order_by("session__date", "session__start_time", "pk")
        .values_list(
            "pk",
            "session__date",
            "host_id",
            "host__name",
            "host__kind",
            "host_employees",
            "participants",
            "session__status",
        )
    )
    return [
        PopUpRow(
            pk=pk,
            date=date,
            host_id=host,
            host=name,
            host_kind=kind,
            host_employees=employees,
            participants=participants,
            cancelled=status == Session.Status.CANCELLED,
        )
        for pk, date, host, name, kind, employees, participants, status in rows
    ]


def popups_between(
    programme: Programme, start: datetime.date, end: datetime.date
) -> list[PopUpRow]:
    """The pop-ups held in [start, end] (cancelled ones left out), by date: what the
    partner-dialogue document lists with host, date, employees and participants."""
    return popups_of(programme, start=start, end=end)


def hosts_between(programme: Programme, start: datetime.date, end: datetime.date) -> list[str]:
    """The names of the organisations that hosted a pop-up in [start, end], each once, in the
    order of their first pop-up."""
    return list(dict.fromkeys(row.host for row in popups_between(programme, start, end)))
