"""The Linköping demo's pop-up cafés at workplaces (issue 14): the source names Sankt Kors,
Tekniska Verken and Stångåstaden as hosts in 2019.

Runs after the activities demo: Tekniska Verken's pop-up activity and its sessions (March and
October) come from there and get their bookings here; Sankt Kors and Stångåstaden get their
own pop-up activity and two sessions in 2019, with attendance (named people and walk-ins, 10–16
in all, as the source's "10–20 participants each time"). The dates, times, employees' counts,
contact roles and follow-ups are invented: the source gives none. Deterministic and
idempotent: sessions are found by activity and date, bookings by session.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from sprakvan.activities import schedule as rules
from sprakvan.activities.models import (
    WALK_IN_FIELDS,
    Activity,
    ActivityType,
    Attendance,
    Session,
    Venue,
    WalkInCount,
)
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation
from sprakvan.participants.models import Participant
from sprakvan.partners.models import PopUpCafe

LUNCH = (datetime.time(11, 30), datetime.time(13))
# host -> (venue, district, contact role, the follow-up written after each café)
HOSTS = {
    "Sankt Kors": (
        "Sankt Kors, personalrummet",
        "Innerstaden",
        "Personalansvarig",
        "Bra samtal vid borden. Personalen vill gärna ha ett café till i höst.",
    ),
    "Stångåstaden": (
        "Stångåstaden, lunchrummet",
        "Innerstaden",
        "Projektledare Linkstep",
        "Flera anställda frågade hur man blir språkvän. Skicka broschyren till kontaktpersonen.",
    ),
    "Tekniska Verken": (
        "",  # the activities demo's venue
        "",
        "Hållbarhetssamordnare",
        "Uppskattat i lunchrummet. Nästa gång: affisch i entrén en vecka före.",
    ),
}
# The sessions this module adds (Tekniska Verken's come from the activities demo).
DAYS = {
    "Sankt Kors": [datetime.date(2019, 4, 9), datetime.date(2019, 9, 17)],
    "Stångåstaden": [datetime.date(2019, 5, 21), datetime.date(2019, 9, 24)],
}
ATTENDANCE = (10, 16)
EMPLOYEES = (12, 30)


@transaction.atomic
def load(programme: Programme, *, today: datetime.date) -> None:
    districts = {d.name: d for d in programme.districts.all()}
    hosts = {
        o.name: o for o in Organisation.objects.filter(programme=programme, name__in=list(HOSTS))
    }
    for name, days in DAYS.items():
        if name in hosts:
            activity = _activity(programme, hosts[name], districts)
            _sessions(activity, [day for day in days if day < today])
    for host in hosts.values():
        _bookings(programme, host, today=today)


def _activity(programme: Programme, host: Organisation, districts: dict) -> Activity:
    venue_name, district_name, _role, _note = HOSTS[host.name]
    venue, _created = Venue.objects.get_or_create(
        programme=programme,
        name=venue_name,
        defaults={"district": districts.get(district_name), "provider": host},
    )
    activity, _created = Activity.objects.get_or_create(
        programme=programme,
        type=ActivityType.POPUP_CAFE,
        host_organisation=host,
        defaults={
            "title": f"Popup-språkcafé på {host.name}",
            "venue": venue,
            "district": venue.district,
            "description": "Språkcafé på arbetsplatsen. Träffa dem som jobbar här.",
        },
    )
    return activity


def _sessions(activity: Activity, days: list[datetime.date]) -> None:
    existing = set(activity.sessions.values_list("date", flat=True))
    for day in days:
        if day in existing:
            continue
        session = Session.objects.create(
            programme_id=activity.programme_id,
            activity=activity,
            date=day,
            start_time=LUNCH[0],
            end_time=LUNCH[1],
            holiday=rules.swedish_holiday(day),
        )
        _attendance(session)


def _attendance(session: Session) -> None:
    """Named people who had registered by the day, and walk-ins; always a walk-in row, so the
    activities demo, run again, finds the session counted and leaves it alone."""
    rng = random.Random(f"popup-{session.activity.title}-{session.date.isoformat()}")
    total = rng.randint(*ATTENDANCE)
    known = list(
        Participant.objects.filter(
            programme_id=session.programme_id, registered_on__lte=session.date
        )
        .current()
        .order_by("registered_on", "id")
        .values_list("pk", flat=True)
    )[-60:]
    named = rng.sample(known, min(len(known), round(total * rng.uniform(0.4, 0.6))))
    Attendance.objects.bulk_create(
        [Attendance(session=session, participant_id=pk) for pk in named], ignore_conflicts=True
    )
    names = [name for _g, _s, name in WALK_IN_FIELDS]
    counts = dict.fromkeys(names, 0)
    for _i in range(total - len(named)):
        counts[rng.choices(names, [30, 30, 2, 3, 22, 10, 1, 2])[0]] += 1
    WalkInCount.objects.get_or_create(session=session, defaults=counts)


def _bookings(programme: Programme, host: Organisation, *, today: datetime.date) -> None:
    """A booking on every session of the host's pop-up activities that has none; the
    employees are counted (and the follow-up written) once the café has been held."""
    _venue, _district, role, note = HOSTS[host.name]
    sessions = (
        Session.objects.filter(
            programme=programme,
            activity__type=ActivityType.POPUP_CAFE,
            activity__host_organisation=host,
            popup__isnull=True,
        )
        .held()
        .order_by("date")
    )
    bookings = []
    for session in sessions:
        held = session.date < today
        rng = random.Random(f"popup-employees-{host.name}-{session.date.isoformat()}")
        bookings.append(
            PopUpCafe(
                programme=programme,
                session=session,
                host=host,
                contact_name=role,
                host_employees=rng.randint(*EMPLOYEES) if held else None,
                follow_up=note if held else "",
            )
        )
    PopUpCafe.objects.bulk_create(bookings)
