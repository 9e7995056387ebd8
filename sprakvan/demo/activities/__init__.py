"""The Linköping demo's activities: the seven weekly language cafés (12 sessions a week) since
the autumn of 2017, and from 2019 walk and talk, floorball, volleyball, basketball outdoors, city
walks, gardening and pop-up cafés, all with attendance.

Idempotent and deterministic: rows are found by name, sessions by their occurrence, and every
random choice is seeded by the activity and the date.
"""

from __future__ import annotations

import bisect
import datetime
import random

from django.db import connection, transaction
from django.db.models import Model

from sprakvan.accounts.models import User
from sprakvan.activities import schedule as rules
from sprakvan.activities.models import (
    WALK_IN_FIELDS,
    Activity,
    ActivityType,
    Attendance,
    PictureStep,
    ReminderSubscription,
    Schedule,
    Session,
    Venue,
    WalkInCount,
)
from sprakvan.activities.services import DEFAULT_WEEKS_AHEAD, activity_regulars, expand_schedule
from sprakvan.core.models import District, Programme
from sprakvan.organisations.models import Organisation
from sprakvan.participants.choices import Status
from sprakvan.participants.models import Participant

from . import preparation
from .data import (
    LEADER_1,
    LEADER_2,
    NAMED_SHARE,
    ORGANISATIONS,
    PLANS,
    POPUP_DAYS,
    START,
    VENUES,
    Plan,
)


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
            sport=plan.sport,
            picture_support=plan.picture_support,
            language_level=plan.language_level,
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
    else:
        _complete(activity, plan)
    _picture_steps(activity, plan)
    horizon = today + datetime.timedelta(weeks=DEFAULT_WEEKS_AHEAD)
    for schedule in activity.schedules.all():
        expand_schedule(schedule, start=schedule.starts_on, end=horizon)
    if plan.type == ActivityType.POPUP_CAFE:
        _popups(activity, horizon)
    return activity


def _complete(activity: Activity, plan: Plan) -> None:
    """An activity an earlier demo made gets what the plan has gained since (which sport,
    picture support, the cafés' earlier years); what a coordinator changed stays."""
    changed = {
        name: value
        for name, value in (("sport", plan.sport), ("picture_support", plan.picture_support))
        if value and not getattr(activity, name)
    }
    if changed:
        Activity.objects.filter(pk=activity.pk).update(**changed)
        for name, value in changed.items():
            setattr(activity, name, value)
    if plan.starts_on < START:
        activity.schedules.filter(starts_on=START).update(starts_on=plan.starts_on)


def _picture_steps(activity: Activity, plan: Plan) -> None:
    """The plan's picture sequence, once: a sequence a coordinator has changed stays."""
    if plan.picture_steps and not activity.picture_steps.exists():
        PictureStep.objects.bulk_create(
            PictureStep(activity=activity, position=n, picture=picture, note=note)
            for n, (picture, note) in enumerate(plan.picture_steps, start=1)
        )


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
        .only(
            "id", "registered_on", "district_id", "group", "gender", "status", "status_changed_on"
        )
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
    """About one session in forty since 2019 is cancelled (illness, a closed hall); one is
    moved. The earlier years' sessions were all held."""
    cancel = []
    for pk, title, day in Session.objects.filter(
        programme=programme, status=Session.Status.PLANNED, date__gte=START, date__lt=today
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
    left_on = {
        p.pk: p.status_changed_on
        for pool in pools.values()
        for p in pool
        if p.status == Status.LEFT and p.status_changed_on
    }
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
        known = pool[: bisect.bisect_right(dates_of[activity_id], day)]
        if day < START:
            # Before 2019 only people who had not left yet; from 2019 on, the attendance is
            # drawn as it always was, so the figures loaded before stay the same.
            known = [p for p in known if p.pk not in left_on or left_on[p.pk] > day]
        known = known[-45:]
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
            cursor.execute(  # table and columns are our model's names; values are parameters
                f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
                + ", ".join([row_marks] * len(chunk)),
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
    _reminder_subscriptions(activities, today)
    preparation.load(programme)


def _reminder_subscriptions(activities: list[Activity], today: datetime.date) -> None:
    """About a third of each weekly café's regulars asked to be reminded (since a few weeks),
    so `manage.py tick` queues reminders for tomorrow's cafés, in Swedish and Arabic. Written
    directly, dated in the past: a subscription causes no message by itself."""
    since = datetime.datetime.combine(
        today - datetime.timedelta(weeks=3), datetime.time(12), tzinfo=datetime.UTC
    )
    rows = [
        ReminderSubscription(participant=person, activity=activity, created_at=since)
        for activity in activities
        if activity.type == ActivityType.LANGUAGE_CAFE and activity.schedules.exists()
        for n, person in enumerate(activity_regulars(activity, today=today))
        if n % 3 == 0
    ]
    ReminderSubscription.objects.bulk_create(rows, ignore_conflicts=True)
