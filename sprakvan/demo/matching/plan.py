"""The demo's history of pairs, planned in memory: who is paired with whom, when, how it ended."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from sprakvan.matching.models import FollowUp, Pair, Side
from sprakvan.participants.models import Participant

PERIOD_START = datetime.date(2019, 1, 1)
PERIOD_END = datetime.date(2019, 10, 31)
NEW_IN_PERIOD = 71
CARRIED_INTO_PERIOD = 12  # started before 2019, still active in the period: 83 active in all
ENDED_BEFORE_PERIOD = 10
DECLINED_IN_PERIOD = 4
PAIRS_PER_MONTH_AFTER = (2, 5)
WAITING_DAYS = 183  # registrations this recent still wait; older unmatched people have left
END_REASONS = [
    (Pair.EndReason.COMPLETED, 55),
    (Pair.EndReason.MOVED_AWAY, 15),
    (Pair.EndReason.NO_CONTACT, 20),
    (Pair.EndReason.OTHER, 10),
]
FREQUENCIES = [
    FollowUp.Frequency.WEEKLY,
    FollowUp.Frequency.WEEKLY,
    FollowUp.Frequency.FORTNIGHTLY,
    FollowUp.Frequency.MONTHLY,
]


@dataclass
class Planned:
    newcomer: Participant
    established: Participant
    proposed_on: datetime.date
    started_on: datetime.date | None
    ended_on: datetime.date | None = None
    end_reason: str = ""
    declined_by: str = ""
    state: str = Pair.State.ACTIVE
    paused_on: datetime.date | None = None


# How long before its start a pair is proposed, at most.
LEAD_DAYS = 12
DAY = datetime.timedelta(days=1)


@dataclass
class World:
    """Who holds a place when, so capacities and one-friend-at-a-time hold throughout.

    A pair holds a place from its proposal, as the matching services count it, until it ends
    (a declined proposal until the end of the day it was declined)."""

    newcomers: list[Participant]
    established: list[Participant]
    paired: set[int] = field(default_factory=set)  # newcomers who got their friend
    tried: set[tuple[int, int]] = field(default_factory=set)
    load: dict[int, list[tuple[datetime.date, datetime.date | None]]] = field(default_factory=dict)
    paused: set[int] = field(default_factory=set)  # volunteers not proposed again (paused)
    plans: list[Planned] = field(default_factory=list)

    def has_room(
        self, person: Participant, start: datetime.date, end: datetime.date | None
    ) -> bool:
        """Whether the person holds fewer places than their capacity on every day from `start`
        until `end` (a newcomer: one place)."""
        overlapping = [
            (s, e)
            for s, e in self.load.get(person.pk, [])
            if (end is None or s < end) and (e is None or e > start)
        ]
        if len(overlapping) < person.capacity:
            return True
        days = {max(s, start) for s, _e in overlapping}
        return all(
            sum(1 for s, e in overlapping if s <= d and (e is None or e > d)) < person.capacity
            for d in days
        )

    def hold(self, plan: Planned, release: datetime.date | None) -> None:
        """Both people of the plan hold a place from its proposal until `release`."""
        for person in (plan.established, plan.newcomer):
            self.load.setdefault(person.pk, []).append((plan.proposed_on, release))


def _age(person: Participant, on: datetime.date) -> int | None:
    return on.year - person.birth_year if person.birth_year else None


def _fits(newcomer: Participant, established: Participant, on: datetime.date) -> bool:
    """The engine's hard rules: gender and age wishes, families, a common weekly time."""
    if newcomer.availability & established.availability == 0:
        return False
    if newcomer.is_family and not established.accepts_family:
        return False
    for wisher, other in ((newcomer, established), (established, newcomer)):
        if wisher.wish_gender and wisher.wish_gender != other.gender:
            return False
        age = _age(other, on)
        if wisher.wish_age_min and (age is None or age < wisher.wish_age_min):
            return False
        if wisher.wish_age_max and (age is None or age > wisher.wish_age_max):
            return False
    return True


def _fit_score(newcomer: Participant, established: Participant) -> int:
    same = 3 if newcomer.district_id and newcomer.district_id == established.district_id else 0
    overlap = min((newcomer.availability & established.availability).bit_count(), 4)
    shared = min((newcomer.interests & established.interests).bit_count(), 3)
    return same + overlap + shared


def _pick(
    world: World,
    on: datetime.date,
    *,
    holds: tuple[datetime.date, datetime.date | None],
    registered_from: datetime.date | None = None,
    registered_until: datetime.date | None = None,
) -> tuple[Participant, Participant] | None:
    """The longest-waiting newcomer who fits a free volunteer, with the volunteer who fits best;
    both free for as long as the pair `holds` a place (from the earliest proposal to the end)."""
    start, end = holds
    ready = on - datetime.timedelta(days=7)
    low = registered_from or on - relativedelta(years=1)
    high = min(ready, registered_until or ready)
    earliest = low - relativedelta(years=2)  # once: relativedelta is slow
    volunteers = [
        e
        for e in world.established
        if earliest <= e.registered_on <= high
        and e.pk not in world.paused
        and world.has_room(e, start, end)
    ]
    for newcomer in world.newcomers:
        if newcomer.pk in world.paired or not low <= newcomer.registered_on <= high:
            continue
        if not world.has_room(newcomer, start, end):
            continue
        fitting = [
            e
            for e in volunteers
            if (newcomer.pk, e.pk) not in world.tried and _fits(newcomer, e, on)
        ]
        if fitting:
            best = max(
                fitting,
                key=lambda e: (_fit_score(newcomer, e), -e.registered_on.toordinal(), -e.pk),
            )
            return newcomer, best
    return None


def _pair(
    world: World,
    rng: random.Random,
    on: datetime.date,
    end: datetime.date | None,
    reason: str,
    **window: datetime.date,
) -> Planned | None:
    found = _pick(world, on, holds=(on - LEAD_DAYS * DAY, end), **window)
    if found is None:
        return None
    newcomer, established = found
    world.paired.add(newcomer.pk)
    world.tried.add((newcomer.pk, established.pk))
    plan = Planned(
        newcomer,
        established,
        proposed_on=on - datetime.timedelta(days=rng.randint(3, LEAD_DAYS)),
        started_on=on,
        ended_on=end,
        end_reason=reason if end else "",
        state=Pair.State.ENDED if end else Pair.State.ACTIVE,
    )
    world.hold(plan, end)
    world.plans.append(plan)
    return plan


def _decline(world: World, rng: random.Random, on: datetime.date) -> None:
    proposed_on = on - datetime.timedelta(days=5)
    # Declined at the end of the day: it holds the place through that day.
    found = _pick(world, on, holds=(proposed_on, on + DAY))
    if found is None:
        return
    newcomer, established = found
    world.tried.add((newcomer.pk, established.pk))
    plan = Planned(
        newcomer,
        established,
        proposed_on=proposed_on,
        started_on=None,
        ended_on=on,
        end_reason=Pair.EndReason.DECLINED,
        declined_by=rng.choice([Side.NEWCOMER, Side.ESTABLISHED]),
        state=Pair.State.ENDED,
    )
    world.hold(plan, on + DAY)
    world.plans.append(plan)


def _reason(rng: random.Random) -> str:
    return rng.choices([r for r, _w in END_REASONS], [w for _r, w in END_REASONS])[0]


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def plan_pairs(
    newcomers: list[Participant], established: list[Participant], *, today: datetime.date
) -> list[Planned]:
    """The whole history of pairs, the same for the same people and `today`."""
    rng = random.Random(2019_83)
    world = World(newcomers, established)
    before = PERIOD_START - datetime.timedelta(days=1)

    # Before 2019: pairs that ended in 2018, then the 12 still running into the period.
    for _ in range(ENDED_BEFORE_PERIOD):
        for day in sorted(
            rng.sample(_days(datetime.date(2017, 11, 1), datetime.date(2018, 6, 30)), 30)
        ):
            end = min(day + relativedelta(months=rng.randint(2, 6)), before)
            if _pair(world, rng, day, end, _reason(rng), registered_until=before):
                break
    for _ in range(CARRIED_INTO_PERIOD):
        for day in sorted(
            rng.sample(_days(datetime.date(2018, 1, 15), datetime.date(2018, 12, 15)), 30)
        ):
            months = rng.randint(6, 30)
            end = max(
                day + relativedelta(months=months),
                PERIOD_START + relativedelta(days=rng.randint(10, 200)),
            )
            end_or_none = end if end < today else None
            if _pair(world, rng, day, end_or_none, _reason(rng), registered_until=before):
                break

    # The source period: exactly 71 new pairs, and a few proposals someone declined.
    starts = sorted(
        rng.choice(_days(PERIOD_START + datetime.timedelta(days=10), PERIOD_END))
        for _ in range(NEW_IN_PERIOD)
    )
    for day in starts:
        made = None
        while made is None:
            end = day + relativedelta(months=rng.randint(3, 30))
            made = _pair(world, rng, day, end if end < today else None, _reason(rng))
            if made is None:
                day += datetime.timedelta(days=1)
                if day > PERIOD_END:
                    raise RuntimeError("the demo pool cannot make 71 pairs in the period")
    for day in sorted(rng.sample(_days(PERIOD_START, PERIOD_END), DECLINED_IN_PERIOD)):
        _decline(world, rng, day)

    # After the period, month by month until about six weeks ago: a steady flow.
    month = datetime.date(2019, 11, 1)
    last = today - datetime.timedelta(days=45)
    while month <= last:
        month_end = min(month + relativedelta(months=1) - datetime.timedelta(days=1), last)
        for _ in range(rng.randint(*PAIRS_PER_MONTH_AFTER)):
            day = rng.choice(_days(month, month_end))
            end = day + relativedelta(months=rng.randint(3, 30))
            _pair(world, rng, day, end if end < today else None, _reason(rng))
        if rng.random() < 0.3:
            _decline(world, rng, rng.choice(_days(month, month_end)))
        month += relativedelta(months=1)

    running = [p for p in world.plans if p.state == Pair.State.ACTIVE]
    for plan in running[:2]:
        plan.state = Pair.State.PAUSED
        plan.paused_on = today - datetime.timedelta(days=20)
        # A volunteer with only paused pairs is paused too: not proposed again meanwhile.
        world.paused.add(plan.established.pk)
    # Three proposals the coordinator is still calling about.
    for _ in range(3):
        found = _pick(
            world,
            today,
            holds=(today - 6 * DAY, None),
            registered_from=today - datetime.timedelta(days=WAITING_DAYS),
        )
        if found is None:
            break
        newcomer, volunteer = found
        world.paired.add(newcomer.pk)
        world.tried.add((newcomer.pk, volunteer.pk))
        plan = Planned(
            newcomer,
            volunteer,
            proposed_on=today - datetime.timedelta(days=rng.randint(1, 6)),
            started_on=None,
            state=Pair.State.PROPOSED,
        )
        world.hold(plan, None)
        world.plans.append(plan)
    return world.plans
