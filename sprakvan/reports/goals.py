"""Goal status and progress, computed from the figures (the pure part is `evaluate`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from sprakvan.activities.services import districts_in_preparation
from sprakvan.participants.models import Group

from .models import Goal, GoalKind, Measure
from .statistics import Figures, Period, Rows, SessionRow, figures, sessions_per_month

if TYPE_CHECKING:
    from sprakvan.core.models import Programme

ACHIEVED = "achieved"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
MISSED = "missed"
NO_DATA = "no_data"
# A district goal whose district has an activity in preparation (activities.services
# .in_preparation) and no session yet: not "at risk", not "on track", but on its way.
IN_PREPARATION = "in_preparation"
STATUS_LABELS = {
    ACHIEVED: _("Achieved"),
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
    MISSED: _("Missed"),
    NO_DATA: _("No data yet"),
    IN_PREPARATION: _("In preparation"),
}
# Measures that only grow during a year; the others (averages) are compared as they stand.
CUMULATIVE = {
    Measure.NEW_PAIRS,
    Measure.NEWCOMERS,
    Measure.ESTABLISHED,
    Measure.SESSIONS,
    Measure.ATTENDANCE,
}


@dataclass(frozen=True)
class GoalSpec:
    kind: str
    measure: str = ""
    district: str = ""
    minimum_per_month: int = 0


@dataclass(frozen=True)
class GoalResult:
    status: str
    progress: float  # 0..1
    current: float | None
    target: float | None
    months_met: int = 0
    months_judged: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def measure_value(f: Figures, measure: str) -> float | None:
    """A measure from one period's figures; None when it has no value (an average of no sessions)."""
    if measure == Measure.NEWCOMERS:
        return f.registrations[Group.NEWCOMER]["total"]
    if measure == Measure.ESTABLISHED:
        return f.registrations[Group.ESTABLISHED]["total"]
    if measure in (Measure.NEW_PAIRS, Measure.ACTIVE_PAIRS):
        return f.pairs.new if measure == Measure.NEW_PAIRS else f.pairs.active
    if measure == Measure.SESSIONS:
        return f.sessions.sessions
    if measure == Measure.ATTENDANCE:
        return f.sessions.attendance
    if measure == Measure.AVERAGE_ATTENDANCE:
        return f.sessions.average_per_session
    raise ValueError(f"unknown measure {measure!r}")


def _elapsed(year: int, today: datetime.date) -> float:
    """The share of the year that has passed by the end of today (0..1)."""
    period = Period.year(year)
    if today < period.start:
        return 0.0
    if today >= period.end:
        return 1.0
    return ((today - period.start).days + 1) / period.days


def evaluate(
    spec: GoalSpec,
    *,
    year: int,
    today: datetime.date,
    current: float | None = None,
    last_year: float | None = None,
    held_per_month: dict[tuple[int, int], int] | None = None,
    planned_per_month: dict[tuple[int, int], int] | None = None,
    in_preparation: bool = False,
) -> GoalResult:
    """Status and progress of a goal for `year` as of `today`.

    `current` is the measure for the year so far, `last_year` for the whole previous year;
    a monthly goal uses sessions held (up to today) and planned (after today) per month.
    `in_preparation`: the goal's district has an activity in preparation on `today`; while
    the year is not over, no month is met yet and none missed, the goal is IN_PREPARATION."""
    elapsed = _elapsed(year, today)
    over = elapsed >= 1.0
    if spec.kind == GoalKind.MONTHLY_IN_DISTRICT:
        held = held_per_month or {}
        planned = planned_per_month or {}
        minimum = max(spec.minimum_per_month, 1)
        months = Period.year(year).months()
        met = judged = 0
        failed = False
        current_month = (today.year, today.month)
        status_now = ON_TRACK
        for month in months:
            if month < current_month:
                judged += 1
                if held.get(month, 0) >= minimum:
                    met += 1
                else:
                    failed = True
            elif month == current_month:
                if held.get(month, 0) >= minimum:
                    met += 1
                    judged += 1
                elif held.get(month, 0) + planned.get(month, 0) < minimum:
                    status_now = AT_RISK
        if failed:
            status = MISSED
        elif over:
            status = ACHIEVED
        elif in_preparation and met == 0:
            status = IN_PREPARATION
        else:
            status = status_now
        return GoalResult(status, met / len(months), met, len(months), met, judged)

    if current is None or last_year is None:
        return GoalResult(NO_DATA, 0.0, current, None)
    cumulative = spec.measure in CUMULATIVE
    if spec.kind == GoalKind.MORE_THAN_LAST_YEAR:
        target = last_year + 1 if cumulative else last_year + 0.1
        progress = min(current / target, 1.0) if target else 1.0
        if current >= target and (cumulative or over):
            return GoalResult(ACHIEVED, 1.0, current, target)
        if over:
            return GoalResult(MISSED, progress, current, target)
        expected = target * elapsed if cumulative else target
        status = ON_TRACK if current >= expected or elapsed == 0 else AT_RISK
        return GoalResult(status, progress, current, target)
    if spec.kind == GoalKind.KEEP_LEVEL:
        target = last_year
        progress = min(current / target, 1.0) if target else 1.0
        if over:
            return GoalResult(ACHIEVED if current >= target else MISSED, progress, current, target)
        expected = target * elapsed if cumulative else target
        status = ON_TRACK if current >= expected or elapsed == 0 else AT_RISK
        return GoalResult(status, progress, current, target)
    raise ValueError(f"unknown goal kind {spec.kind!r}")


def _monthly(
    rows: list[SessionRow] | None, year: int, district: str, today: datetime.date
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    period = Period.year(year)
    if not rows:
        return {}, {}
    held = sessions_per_month([r for r in rows if r.on <= today], period, district)
    planned = sessions_per_month([r for r in rows if r.on > today], period, district)
    return held, planned


def goal_window(year: int) -> Period:
    """The rows a year's goals need: last year and this year."""
    return Period(datetime.date(year - 1, 1, 1), datetime.date(year, 12, 31))


def preparing_goals(goals: list[Goal], *, on: datetime.date) -> set[int]:
    """The ids of the district goals whose district had an activity in preparation on `on`."""
    district_goals = [g for g in goals if g.kind == GoalKind.MONTHLY_IN_DISTRICT and g.district_id]
    if not district_goals:
        return set()
    districts = districts_in_preparation(district_goals[0].programme, on=on)
    return {g.pk for g in district_goals if g.district_id in districts}


def evaluate_goals(
    goals: list[Goal],
    rows: Rows,
    *,
    year: int,
    today: datetime.date,
    preparing: set[int] | None = None,
) -> list[tuple[Goal, GoalResult]]:
    """Every goal of the year with its result, from rows covering `goal_window(year)`.
    `preparing`: the goals in preparation (`preparing_goals`, looked up on `today` if None)."""
    if preparing is None:
        preparing = preparing_goals(goals, on=today)
    this_year = Period.year(year)
    so_far = Period(this_year.start, max(this_year.start, min(today, this_year.end)))
    current = figures(rows, so_far)
    last = figures(rows, Period.year(year - 1))
    results = []
    for goal in goals:
        district = goal.district.name if goal.district_id and goal.district else ""
        spec = GoalSpec(
            kind=goal.kind,
            measure=goal.measure,
            district=district,
            minimum_per_month=goal.minimum_per_month or 0,
        )
        if goal.kind == GoalKind.MONTHLY_IN_DISTRICT:
            held, planned = _monthly(rows.sessions, year, district, today)
            result = evaluate(
                spec,
                year=year,
                today=today,
                held_per_month=held,
                planned_per_month=planned,
                in_preparation=goal.pk in preparing,
            )
        else:
            before_start = today < this_year.start
            result = evaluate(
                spec,
                year=year,
                today=today,
                current=0 if before_start else measure_value(current, goal.measure),
                last_year=measure_value(last, goal.measure),
            )
        results.append((goal, result))
    return results


def goals_for(programme: Programme, years: tuple[int, ...]) -> list[Goal]:
    """The programme's goals for the years, in one query."""
    return list(Goal.objects.filter(programme=programme, year__in=years).select_related("district"))
