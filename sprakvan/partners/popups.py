"""Pop-up cafés at workplaces: booking and changing one, and the pop-ups as plain rows for the
pages, the partner-dialogue document and the exports: host, date, how many of the host's
employees and how many participants came."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.activities.models import (
    WALK_IN_FIELDS,
    Activity,
    ActivityType,
    Attendance,
    Session,
    Venue,
)
from sprakvan.activities.services import add_session, move_session, save_activity
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

from .models import PopUpCafe
from .services import save_values


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


# Pop-up cafés at workplaces (issue 14): a booking laid on a one-off session of the host's
# pop-up activity, so the calendar, reminders and attendance work as for any session.


def _popup_activity(programme: Programme, host: Organisation) -> Activity:
    """The host's pop-up activity, made the first time the host is booked (titled in the
    programme's language, at a venue the host provides if there is one)."""
    activity = (
        Activity.objects.filter(
            programme=programme, type=ActivityType.POPUP_CAFE, host_organisation=host
        )
        .order_by("pk")
        .first()
    )
    if activity is not None:
        return activity
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Pop-up café at %(host)s") % {"host": host.name}
    return save_activity(
        Activity(
            programme=programme,
            type=ActivityType.POPUP_CAFE,
            title=title[:200],
            host_organisation=host,
            venue=Venue.objects.filter(programme=programme, provider=host).order_by("pk").first(),
        ),
        saved_by=None,
    )


@transaction.atomic
def book_popup(
    *,
    programme: Programme,
    host: Organisation,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    values: dict[str, Any],
    booked_by: User | None,
) -> PopUpCafe:
    """Book a pop-up café at `host`: a session of the host's pop-up activity and the booking."""
    if host.programme_id != programme.pk:
        raise ValueError("The host belongs to another programme.")
    session = add_session(
        _popup_activity(programme, host),
        date=date,
        start_time=start_time,
        end_time=end_time,
        added_by=booked_by,
    )
    popup = PopUpCafe(programme=programme, session=session, host=host)
    save_values(popup, values)
    log_action(
        "partners.popup.booked",
        programme=programme,
        actor=booked_by,
        target=popup,
        date=date.isoformat(),
    )
    return popup


@transaction.atomic
def save_popup(
    popup: PopUpCafe,
    *,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    values: dict[str, Any],
    changed_by: User | None,
) -> PopUpCafe:
    """Change a booking: a new day or time moves its session (telling reminder subscribers);
    the contact, the employees' count and the follow-up are the booking's own."""
    session = popup.session
    if (date, start_time, end_time) != (session.date, session.start_time, session.end_time):
        move_session(
            session,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=session.venue,
            note=session.note,
            moved_by=changed_by,
        )
    changed = save_values(popup, values)
    log_action(
        "partners.popup.changed",
        programme=popup.programme_id,
        actor=changed_by,
        target=popup,
        fields=sorted(changed),
    )
    return popup
