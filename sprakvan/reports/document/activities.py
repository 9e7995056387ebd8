"""The document's activities and next steps from the data, in sentences as the source writes them.

One sentence per kind of activity held in the period (which sports, indoors or outdoors; the city
walks with their guides, in easy Swedish with picture support; the gardening; the pop-up cafés
and who hosted them), where the activities were and how many came each time, the weekly cafés in
the order they were set up, the fairs with their co-organisers, the referring organisations, and
the activities in preparation at the period's end with their places.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sprakvan.activities.models import Activity, ActivityType, Schedule, Session
from sprakvan.activities.schedule import rule_weekdays
from sprakvan.activities.services import in_preparation
from sprakvan.core.models import Programme
from sprakvan.organisations.models import OutreachEvent
from sprakvan.partners.popups import popups_between

from ..statistics import Period


@dataclass
class WeeklyPlace:
    place: str
    frequency: str


def joined(names: list[str]) -> str:
    """ "A, B och C" in the document's language."""
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _times(n: int) -> str:
    return ngettext("%(n)d time", "%(n)d times", n) % {"n": n}


def _held(programme: Programme, period: Period, today: datetime.date) -> list[Session]:
    """The sessions held in the period up to today, with their activity, venue and totals."""
    return list(
        Session.objects.filter(programme=programme)
        .held_between(period.start, min(period.end, today))
        .with_totals()
        .select_related(
            "activity__venue__district",
            "activity__district",
            "activity__host_organisation",
            "venue__district",
        )
        .order_by("date", "start_time")
    )


def _sport_line(activities: dict[Activity, int]) -> str:
    """ "Idrott: innebandy och volleyboll i sporthall (Skäggetorpshallen), basket på
    utomhusplan (Ryds utebana)." — the sports grouped by indoors and outdoors."""
    parts = []
    for outdoor in (False, True):
        sports: list[str] = []
        venues: list[str] = []
        for activity in sorted(activities, key=lambda a: a.pk):  # in the order set up
            venue = activity.venue
            if bool(venue and venue.is_outdoor) != outdoor:
                continue
            # A sport's name is a common noun mid-sentence ("innebandy"); a title stays a title.
            sport = activity.sport.lower() if activity.sport else activity.title
            if sport not in sports:
                sports.append(sport)
            if venue and venue.name not in venues:
                venues.append(venue.name)
        if not sports:
            continue
        where = _("on an outdoor court") if outdoor else _("in a sports hall")
        part = f"{joined(sports)} {where}"
        if venues:
            part += f" ({', '.join(venues)})"
        parts.append(part)
    return _("Sport: %(parts)s.") % {"parts": ", ".join(parts)}


def _walk_line(activities: dict[Activity, int]) -> str:
    """ "Stadsvandringar med Linköpings guideklubb, på lätt svenska med bildstöd: 6 gånger." """
    hosts = list(dict.fromkeys(a.host_organisation.name for a in activities if a.host_organisation))
    text = _("Guided city walks")
    if hosts:
        text = _("Guided city walks with %(guides)s") % {"guides": joined(hosts)}
    if all(a.language_level == "easy" for a in activities):
        text += ", " + _("in easy Swedish")
        if all(a.picture_support for a in activities):
            text += " " + _("with picture support")
    elif all(a.picture_support for a in activities):
        text += ", " + _("with picture support")
    return f"{text}: {_times(sum(activities.values()))}."


def _places(activities: dict[Activity, int]) -> str:
    names = [a.venue.name for a in activities if a.venue]
    return joined(list(dict.fromkeys(names)))


def _popup_line(programme: Programme, period: Period) -> str:
    popups = popups_between(programme, period.start, period.end)
    if not popups:
        return ""
    hosts = joined(list(dict.fromkeys(p.host for p in popups)))
    return _("Pop-up language cafés at workplaces: %(times)s, hosted by %(hosts)s.") % {
        "times": _times(len(popups)),
        "hosts": hosts,
    }


def activity_lines(programme: Programme, period: Period, *, today: datetime.date) -> list[str]:
    """A sentence for each kind of activity held in the period, weekly cafés aside (they have
    their own table). Pop-ups are counted from their bookings, so their hosts are named."""
    by_type: dict[str, dict[Activity, int]] = defaultdict(dict)
    for session in _held(programme, period, today):
        counts = by_type[session.activity.type]
        counts[session.activity] = counts.get(session.activity, 0) + 1
    lines = []
    for kind in ActivityType:
        activities = by_type.get(kind.value)
        if kind == ActivityType.POPUP_CAFE:
            line = _popup_line(programme, period)
            if line:
                lines.append(line)
            continue
        if not activities or kind == ActivityType.LANGUAGE_CAFE:
            continue
        n = sum(activities.values())
        if kind == ActivityType.SPORT:
            lines.append(_sport_line(activities))
        elif kind == ActivityType.CITY_WALK:
            lines.append(_walk_line(activities))
        elif kind == ActivityType.WALK_AND_TALK:
            lines.append(
                _("Walk-and-talk language cafés from %(places)s: %(times)s.")
                % {"places": _places(activities), "times": _times(n)}
            )
        elif kind == ActivityType.GARDENING:
            lines.append(
                _("Visits and gardening at %(places)s: %(times)s.")
                % {"places": _places(activities), "times": _times(n)}
            )
        else:
            titles = joined(sorted({a.title for a in activities}))
            lines.append(f"{titles}: {_times(n)}.")
    return lines


def typical_range(counts: list[int]) -> tuple[int, int] | None:
    """How many come "each time": the middle 80 % of the sessions' attendance (10th to 90th
    percentile, nearest rank), widened to multiples of five — "10–20 deltagare varje gång"."""
    values = sorted(c for c in counts if c > 0)
    if not values:
        return None

    def rank(p: float) -> int:
        return values[max(0, math.ceil(p * len(values)) - 1)]

    low, high = rank(0.1), rank(0.9)
    low, high = 5 * (low // 5), 5 * math.ceil(high / 5)
    return max(low, 1), max(high, 5)


def in_brief(programme: Programme, period: Period, *, today: datetime.date) -> str:
    """ "Aktiviteterna hölls i 7 stadsdelar och hade 10–20 deltagare varje gång." """
    sessions = _held(programme, period, today)
    districts = set()
    for s in sessions:
        district = (s.venue.district if s.venue else None) or s.activity.effective_district
        if district:
            districts.add(district.pk)
    span = typical_range([s.attendance_total for s in sessions])  # type: ignore[attr-defined]
    if span is None:
        return ""
    return ngettext(
        "The activities took place in %(n)d district and had %(low)d–%(high)d participants "
        "each time.",
        "The activities took place in %(n)d districts and had %(low)d–%(high)d participants "
        "each time.",
        len(districts),
    ) % {"n": len(districts), "low": span[0], "high": span[1]}


def _frequency(part: str, n: int) -> str:
    if part == "morning":
        return ngettext("%(n)d morning a week", "%(n)d mornings a week", n) % {"n": n}
    if part == "afternoon":
        return ngettext("%(n)d afternoon a week", "%(n)d afternoons a week", n) % {"n": n}
    return ngettext("%(n)d evening a week", "%(n)d evenings a week", n) % {"n": n}


def weekly_places(programme: Programme, period: Period) -> list[WeeklyPlace]:
    """Places with language cafés every week in the period and how often, the most frequent
    first and otherwise in the order the cafés were set up (the source's order): one query."""
    schedules = (
        Schedule.objects.filter(
            activity__programme=programme,
            activity__type=ActivityType.LANGUAGE_CAFE,
            starts_on__lte=period.end,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .select_related("activity__venue__district", "activity__district")
        .order_by("activity_id", "start_time")
    )
    places: dict[str, dict[str, int]] = {}
    for schedule in schedules:
        activity = schedule.activity
        venue = activity.venue
        district = activity.district or (venue.district if venue else None)
        place = venue.name if venue else (district.name if district else activity.title)
        if district and venue and district.name not in venue.name:
            place = f"{district.name}, {venue.name}"
        hour = schedule.start_time.hour
        part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
        counts = places.setdefault(place, {})
        counts[part] = counts.get(part, 0) + len(rule_weekdays(schedule.rule))
    ordered = sorted(places.items(), key=lambda item: -sum(item[1].values()))  # stable
    return [
        WeeklyPlace(place, ", ".join(_frequency(part, n) for part, n in counts.items()))
        for place, counts in ordered
    ]


def fairs(programme: Programme, period: Period) -> list[str]:
    """ "Kvinnodagen i Berga, 8 mars, tillsammans med Frivilligcentrum", by date."""
    events = (
        OutreachEvent.objects.filter(
            programme=programme, date__gte=period.start, date__lte=period.end
        )
        .select_related("co_organiser")
        .order_by("date", "name")
    )
    lines = []
    for event in events:
        line = f"{event.name}, {date_format(event.date, 'j F')}"
        if event.co_organiser:
            line += ", " + _("together with %(organisation)s") % {
                "organisation": event.co_organiser.name
            }
        lines.append(line)
    return lines


def referrers(organisations: dict[str, dict[str, int]]) -> str:
    """ "Deltagare anvisas löpande av Arbetsmarknadscentrum, Röda Korset och …", the
    organisation that referred the most first; empty when nobody was referred."""
    if not organisations:
        return ""
    names = sorted(organisations, key=lambda name: (-sum(organisations[name].values()), name))
    return _("Participants were referred by %(organisations)s.") % {"organisations": joined(names)}


def next_steps(programme: Programme, period: Period) -> list[str]:
    """The activities in preparation at the period's end: "Språkcafé i Ryd (Ryd), start
    planerad mars 2020: möjliga platser Ryds Herrgård och Ryds bibliotek (Arena Ryds Herrgård,
    Linköpings stadsbibliotek)." """
    lines = []
    for prepared in in_preparation(programme, on=period.end):
        line = prepared.name
        if prepared.district and prepared.district not in prepared.name:
            line += f" ({prepared.district})"
        details = []
        if prepared.start_month:
            details.append(
                _("planned to start %(month)s")
                % {"month": date_format(prepared.start_month, "F Y")}
            )
        if prepared.places:
            details.append(
                _("possible places %(places)s") % {"places": joined(list(prepared.places))}
            )
        if prepared.partners:
            details.append(_("with %(partners)s") % {"partners": joined(list(prepared.partners))})
        if details:
            line += ": " + "; ".join(details)
        lines.append(line + ".")
    return lines
