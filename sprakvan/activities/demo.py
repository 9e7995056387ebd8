"""The Linköping demo's activities: the seven weekly language cafés (12 sessions a week), walk
and talk, floorball, city walks, gardening and pop-up cafés, with attendance since 2019.

Idempotent and deterministic: rows are found by name, sessions by their occurrence, and every
random choice is seeded by the activity and the date.
"""

from __future__ import annotations

import bisect
import datetime
import random
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Model

from sprakvan.accounts.models import User
from sprakvan.core.models import District, Programme
from sprakvan.participants.models import Participant
from sprakvan.partners.models import Organisation

from . import schedule as rules
from .models import (
    WALK_IN_FIELDS,
    Activity,
    ActivityType,
    Attendance,
    HallBooking,
    Schedule,
    Session,
    Venue,
    WalkInCount,
)
from .services import DEFAULT_WEEKS_AHEAD, expand_schedule

START = datetime.date(2019, 1, 1)
LEADER_1 = "ledare@demo.sprakvan.se"
LEADER_2 = "ledare2@demo.sprakvan.se"

# name -> kind; the partners demo uses the same names, so both find the same rows.
ORGANISATIONS = {
    "Röda Korset Linköping Södra": "civil_society",
    "Linköpings stadsbibliotek": "library",
    "Ekholmens bibliotek": "library",
    "Agorahuset": "other",
    "Tekniska Verken": "municipal_company",
    "Linköpings guideklubb": "civil_society",
    "Folkträdgården Tinnerö": "civil_society",
    "Linköpings kommun, fritid": "municipal_service",
}

# name, address, district, provider, outdoor, accessibility
VENUES = [
    (
        "Skäggetorps bibliotek",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Linköpings stadsbibliotek",
        False,
        "Entré utan trappsteg, tillgänglig toalett.",
    ),
    (
        "Röda Korset, Repslagaregatan",
        "Repslagaregatan 7",
        "Innerstaden",
        "Röda Korset Linköping Södra",
        False,
        "Entré från gården, hiss till första våningen.",
    ),
    (
        "Lambohovs fritidsgård",
        "Slestadsgatan 10",
        "Lambohov",
        "Linköpings kommun, fritid",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Berga mötesplats",
        "Bergsvägen 20",
        "Berga",
        "Linköpings kommun, fritid",
        False,
        "Entré utan trappsteg, hörslinga.",
    ),
    (
        "Stadsbiblioteket",
        "Östgötagatan 5",
        "Innerstaden",
        "Linköpings stadsbibliotek",
        False,
        "Hiss, tillgänglig toalett, hörslinga.",
    ),
    (
        "Agorahuset",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Agorahuset",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Ekholmens bibliotek",
        "Ekholmens centrum",
        "Ekholmen",
        "Ekholmens bibliotek",
        False,
        "Entré utan trappsteg.",
    ),
    (
        "Skäggetorpshallen",
        "Skäggetorps centrum",
        "Skäggetorp",
        "Linköpings kommun, fritid",
        False,
        "Omklädningsrum på bottenvåningen.",
    ),
    (
        "Trädgårdsföreningen, stora grinden",
        "Drottninggatan",
        "Innerstaden",
        None,
        True,
        "Grusgångar, bänkar längs vägen.",
    ),
    (
        "Stora torget",
        "Stora torget",
        "Innerstaden",
        "Linköpings guideklubb",
        True,
        "Kullersten i gamla stan.",
    ),
    (
        "Folkträdgården Tinnerö",
        "Tinnerö eklandskap",
        "Ekholmen",
        "Folkträdgården Tinnerö",
        True,
        "Ojämn mark; upphöjda odlingsbäddar nås från rullstol.",
    ),
    (
        "Tekniska Verken",
        "Brogatan 1",
        "Innerstaden",
        "Tekniska Verken",
        False,
        "Entré utan trappsteg, besökare anmäler sig i receptionen.",
    ),
]


@dataclass
class Plan:
    title: str
    type: str
    venue: str
    leader: str
    rules: list[tuple[str, str, str]] = field(default_factory=list)  # rule, start, end
    host: str | None = None
    starts_on: datetime.date = START
    season: tuple[int, int] | None = None
    description: str = ""
    capacity: int | None = None
    hall_booking: tuple[str, str] | None = None
    attendance: tuple[int, int] = (10, 20)


PLANS = [
    Plan(
        "Språkcafé Skäggetorp",
        ActivityType.LANGUAGE_CAFE,
        "Skäggetorps bibliotek",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "18:00", "20:00")],
        description="Vi fikar och pratar svenska. Alla är välkomna.",
    ),
    Plan(
        "Språkcafé Innerstaden",
        ActivityType.LANGUAGE_CAFE,
        "Röda Korset, Repslagaregatan",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=MO,TU,TH", "17:30", "19:30")],
        host="Röda Korset Linköping Södra",
        description="Språkcafé hos Röda Korset på Repslagaregatan.",
    ),
    Plan(
        "Språkcafé Lambohov",
        ActivityType.LANGUAGE_CAFE,
        "Lambohovs fritidsgård",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "18:00", "20:00")],
    ),
    Plan(
        "Språkcafé Berga",
        ActivityType.LANGUAGE_CAFE,
        "Berga mötesplats",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=TU", "18:00", "20:00")],
    ),
    Plan(
        "Språkcafé på Stadsbiblioteket",
        ActivityType.LANGUAGE_CAFE,
        "Stadsbiblioteket",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "17:00", "19:00")],
        host="Linköpings stadsbibliotek",
    ),
    Plan(
        "Morgoncafé på Agorahuset",
        ActivityType.LANGUAGE_CAFE,
        "Agorahuset",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=FR", "10:00", "12:00")],
        host="Agorahuset",
        description="Språkcafé på förmiddagen. Barn får följa med.",
    ),
    Plan(
        "Språkcafé Ekholmens bibliotek",
        ActivityType.LANGUAGE_CAFE,
        "Ekholmens bibliotek",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=TH", "18:00", "20:00")],
        host="Ekholmens bibliotek",
    ),
    Plan(
        "Walk and talk i Trädgårdsföreningen",
        ActivityType.WALK_AND_TALK,
        "Trädgårdsföreningen, stora grinden",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=SA", "11:00", "12:30")],
        attendance=(10, 14),
    ),
    Plan(
        "Innebandy i Skäggetorpshallen",
        ActivityType.SPORT,
        "Skäggetorpshallen",
        LEADER_1,
        [("FREQ=WEEKLY;BYDAY=SU", "15:00", "17:00")],
        host="Linköpings kommun, fritid",
        capacity=24,
        hall_booking=("LK-HALL-2019-0412", HallBooking.CONFIRMED),
        description="Vi spelar innebandy. Klubbor finns att låna.",
    ),
    Plan(
        "Stadsvandring med Linköpings guideklubb",
        ActivityType.CITY_WALK,
        "Stora torget",
        LEADER_2,
        [("FREQ=MONTHLY;BYDAY=1SA", "13:00", "14:30")],
        host="Linköpings guideklubb",
        season=(4, 10),
        description="En guide visar Linköping. Lätt svenska och bilder.",
    ),
    Plan(
        "Odla i Folkträdgården",
        ActivityType.GARDENING,
        "Folkträdgården Tinnerö",
        LEADER_2,
        [("FREQ=WEEKLY;BYDAY=WE", "17:00", "19:00")],
        host="Folkträdgården Tinnerö",
        starts_on=datetime.date(2019, 5, 1),
        season=(5, 9),
        description="Vi odlar grönsaker och blommor tillsammans i Tinnerö.",
    ),
    # Pop-up cafés are one-off sessions (no rule): see POPUP_DAYS.
    Plan(
        "Popup-språkcafé på Tekniska Verken",
        ActivityType.POPUP_CAFE,
        "Tekniska Verken",
        LEADER_2,
        host="Tekniska Verken",
        description="Språkcafé i lunchrummet. Träffa dem som jobbar här.",
    ),
]
# (month, nth Tuesday) of the yearly pop-up cafés at Tekniska Verken, 11:30–13:00.
POPUP_DAYS = [(3, 2), (10, 2)]
NAMED_SHARE = (0.35, 0.7)


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _organisations(programme: Programme) -> dict[str, Organisation]:
    return {
        name: Organisation.objects.get_or_create(
            programme=programme, name=name, defaults={"kind": kind}
        )[0]
        for name, kind in ORGANISATIONS.items()
    }


def _venues(
    programme: Programme, districts: dict[str, District], orgs: dict[str, Organisation]
) -> dict[str, Venue]:
    venues = {}
    for name, address, district, provider, outdoor, accessibility in VENUES:
        venues[name] = Venue.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={
                "address": address,
                "district": districts.get(district),
                "provider": orgs[provider] if provider else None,
                "is_outdoor": outdoor,
                "accessibility": accessibility,
            },
        )[0]
    return venues


def _activity(
    programme: Programme,
    plan: Plan,
    venues: dict[str, Venue],
    orgs: dict[str, Organisation],
    leaders: dict[str, User],
    today: datetime.date,
) -> Activity:
    activity = Activity.objects.filter(programme=programme, title=plan.title).first()
    if activity is None:
        venue = venues[plan.venue]
        activity = Activity.objects.create(
            programme=programme,
            type=plan.type,
            title=plan.title,
            venue=venue,
            district=venue.district,
            host_organisation=orgs[plan.host] if plan.host else None,
            capacity=plan.capacity,
            description=plan.description,
            season_start_month=plan.season[0] if plan.season else None,
            season_end_month=plan.season[1] if plan.season else None,
            hall_booking_reference=plan.hall_booking[0] if plan.hall_booking else "",
            hall_booking_status=plan.hall_booking[1] if plan.hall_booking else "",
        )
        if plan.leader in leaders:
            activity.leaders.add(leaders[plan.leader])
        for rule, start, end in plan.rules:
            Schedule.objects.create(
                activity=activity,
                rule=rule,
                start_time=_time(start),
                end_time=_time(end),
                starts_on=plan.starts_on,
                skip_holidays=True,
            )
    horizon = today + datetime.timedelta(weeks=DEFAULT_WEEKS_AHEAD)
    for schedule in activity.schedules.all():
        expand_schedule(schedule, start=schedule.starts_on, end=horizon)
    if plan.type == ActivityType.POPUP_CAFE:
        _popups(activity, horizon)
    return activity


def _popups(activity: Activity, horizon: datetime.date) -> None:
    existing = set(activity.sessions.values_list("date", flat=True))
    days = [
        _nth_weekday(year, month, 1, n)
        for year in range(START.year, horizon.year + 1)
        for month, n in POPUP_DAYS
    ]
    Session.objects.bulk_create(
        [
            Session(
                programme_id=activity.programme_id,
                activity=activity,
                date=day,
                start_time=datetime.time(11, 30),
                end_time=datetime.time(13),
                holiday=rules.swedish_holiday(day),
            )
            for day in days
            if START <= day <= horizon and day not in existing
        ]
    )


def _pools(programme: Programme, activities: list[Activity]) -> dict[int, list[Participant]]:
    """Who may come to each activity: people living in its district or next to it (or anyone,
    for activities in the city centre), in order of registration."""
    people = list(
        Participant.objects.filter(programme=programme)
        .current()
        .only("id", "registered_on", "district_id", "group", "gender")
        .order_by("registered_on", "id")
    )
    neighbours: dict[int, set[int]] = {}
    for district in District.objects.filter(programme=programme).prefetch_related("neighbours"):
        neighbours[district.pk] = {d.pk for d in district.neighbours.all()} | {district.pk}
    pools = {}
    for activity in activities:
        near = neighbours.get(activity.district_id or 0)
        central = activity.district is not None and activity.district.name == "Innerstaden"
        pools[activity.pk] = [
            p for p in people if central or near is None or p.district_id in near
        ] or people
    return pools


def _cancel_some(programme: Programme, today: datetime.date) -> None:
    """About one session in forty is cancelled (illness, a closed hall); one is moved."""
    cancel = []
    for pk, title, day in Session.objects.filter(
        programme=programme, status=Session.Status.PLANNED, date__lt=today
    ).values_list("pk", "activity__title", "date"):
        if random.Random(f"cancel-{title}-{day}").random() < 0.025:
            cancel.append(pk)
    if cancel and not Attendance.objects.filter(session__in=cancel).exists():
        Session.objects.filter(pk__in=cancel).update(
            status=Session.Status.CANCELLED, note="Inställt: ledaren är sjuk."
        )
    # In the coming weeks: one café cancelled, one moved, so the calendar shows both.
    upcoming = Session.objects.filter(
        programme=programme, activity__type=ActivityType.LANGUAGE_CAFE, date__gt=today
    ).order_by("date", "start_time", "id")
    if not upcoming.filter(status=Session.Status.CANCELLED).exists():
        first = upcoming.filter(activity__title="Språkcafé Lambohov").first()
        if first is not None:
            Session.objects.filter(pk=first.pk).update(
                status=Session.Status.CANCELLED, note="Inställt: lokalen är upptagen."
            )
    if not upcoming.filter(is_moved=True).exists():
        target = upcoming.filter(activity__title="Språkcafé Berga").first()
        if target is not None:
            Session.objects.filter(pk=target.pk).update(
                date=target.date + datetime.timedelta(days=1),
                is_moved=True,
                note="Flyttat till onsdag denna vecka.",
            )


def _attendance(
    programme: Programme,
    activities: list[Activity],
    plans: dict[int, Plan],
    leaders_of: dict[int, User | None],
    today: datetime.date,
) -> None:
    done = set(
        Attendance.objects.filter(session__programme=programme)
        .values_list("session_id", flat=True)
        .distinct()
    )
    done |= set(
        WalkInCount.objects.filter(session__programme=programme).values_list(
            "session_id", flat=True
        )
    )
    pools = _pools(programme, activities)
    dates_of = {pk: [p.registered_on for p in pool] for pk, pool in pools.items()}
    sessions = (
        Session.objects.filter(programme=programme, date__lt=today)
        .held()
        .order_by("date", "start_time", "id")
        .values_list("pk", "activity_id", "date")
    )
    names = [name for _g, _s, name in WALK_IN_FIELDS]
    weights = [30, 30, 2, 3, 22, 10, 1, 2]  # newcomer w/m/another/undisclosed, established …
    attendances: list[tuple] = []
    walk_ins: list[tuple] = []
    for pk, activity_id, day in sessions:
        if pk in done:
            continue
        plan = plans[activity_id]
        rng = random.Random(f"{plan.title}-{day.isoformat()}")
        total = rng.randint(*plan.attendance)
        pool = pools[activity_id]
        known = pool[: bisect.bisect_right(dates_of[activity_id], day)][-45:]
        named_count = min(round(total * rng.uniform(*NAMED_SHARE)), len(known))
        leader = leaders_of[activity_id]
        recorded_at = connection.ops.adapt_datetimefield_value(
            datetime.datetime.combine(day, datetime.time(19), tzinfo=datetime.UTC)
        )
        for person in rng.sample(known, named_count):
            attendances.append(
                (
                    pk,
                    person.pk,
                    leader.pk if leader else None,
                    Attendance.Via.LEADER.value,
                    recorded_at,
                )
            )
        counts = dict.fromkeys(names, 0)
        for _i in range(total - named_count):
            counts[rng.choices(names, weights)[0]] += 1
        walk_ins.append((pk, *(counts[n] for n in names), recorded_at))
    _insert(
        Attendance,
        ["session_id", "participant_id", "recorded_by_id", "via", "recorded_at"],
        attendances,
    )
    _insert(WalkInCount, ["session_id", *names, "updated_at"], walk_ins)


def _insert(model: type[Model], columns: list[str], rows: list[tuple]) -> None:
    """Multi-row INSERTs of 500 rows: tens of thousands of demo rows in about a second, where
    bulk_create's per-value preparation takes twenty."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 500):
            chunk = rows[i : i + 500]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES " + ", ".join([row_marks] * len(chunk)),
                [value for row in chunk for value in row],
            )


@transaction.atomic
def load(programme: Programme, *, today: datetime.date) -> None:
    districts = {d.name: d for d in programme.districts.all()}
    orgs = _organisations(programme)
    venues = _venues(programme, districts, orgs)
    leaders = {u.email: u for u in User.objects.filter(email__in=[LEADER_1, LEADER_2])}
    activities = []
    plans: dict[int, Plan] = {}
    leaders_of: dict[int, User | None] = {}
    for plan in PLANS:
        activity = _activity(programme, plan, venues, orgs, leaders, today)
        activities.append(activity)
        plans[activity.pk] = plan
        leaders_of[activity.pk] = leaders.get(plan.leader)
    _cancel_some(programme, today)
    _attendance(programme, activities, plans, leaders_of, today)
