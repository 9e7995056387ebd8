"""A district goal with an activity in preparation there is "in preparation" (issue 14, H9):
judged goals get the status, next year's plain goals the note; scheduling ends it."""

import datetime

import pytest

from sprakvan.activities import services
from sprakvan.activities.models import Activity
from sprakvan.reports import goals as goal_rules
from sprakvan.reports.goals import (
    AT_RISK,
    IN_PREPARATION,
    MISSED,
    ON_TRACK,
    GoalSpec,
    evaluate,
)
from sprakvan.reports.models import Goal, GoalKind
from sprakvan.reports.report import build
from sprakvan.reports.statistics import Period

RYD = GoalSpec(kind="monthly_in_district", district="Ryd", minimum_per_month=1)
OCT_31 = datetime.date(2019, 10, 31)


def test_a_goal_of_next_year_with_an_activity_in_preparation_is_in_preparation() -> None:
    assert evaluate(RYD, year=2020, today=OCT_31).status == ON_TRACK
    result = evaluate(RYD, year=2020, today=OCT_31, in_preparation=True)
    assert result.status == IN_PREPARATION and result.progress == 0.0


def test_in_preparation_replaces_at_risk_but_never_missed() -> None:
    jan_31 = datetime.date(2020, 1, 31)
    assert evaluate(RYD, year=2020, today=jan_31).status == AT_RISK
    assert evaluate(RYD, year=2020, today=jan_31, in_preparation=True).status == IN_PREPARATION
    march = datetime.date(2020, 3, 15)
    assert evaluate(RYD, year=2020, today=march, in_preparation=True).status == MISSED


@pytest.fixture
def ryd_goal(programme) -> Goal:
    return Goal.objects.create(
        programme=programme,
        year=2020,
        title="Genomföra aktivitet på kontinuerlig basis även i stadsdelen Ryd.",
        kind=GoalKind.MONTHLY_IN_DISTRICT,
        district=programme.districts.get(name="Ryd"),
        minimum_per_month=1,
    )


@pytest.fixture
def ryd_cafe(programme) -> Activity:
    ryd = programme.districts.get(name="Ryd")
    activity = Activity(programme=programme, type="language_cafe", title="Språkcafé i Ryd")
    activity.district = ryd
    return services.save_preparation(
        activity, possible_venues=[], saved_by=None, today=datetime.date(2019, 9, 2)
    )


@pytest.mark.django_db
def test_the_report_marks_next_years_ryd_goal_in_preparation(programme, ryd_goal, ryd_cafe):
    period = Period(datetime.date(2019, 1, 1), OCT_31)
    report = build(programme, period, today=datetime.date(2019, 11, 5), goal_years=(2019, 2020))
    assert report.preparing_goals == {ryd_goal.pk}
    # Before it was written down, the goal was not in preparation.
    assert goal_rules.preparing_goals([ryd_goal], on=datetime.date(2019, 8, 1)) == set()


@pytest.mark.django_db
def test_a_judged_goal_is_in_preparation_until_the_activity_is_scheduled(
    programme, ryd_goal, ryd_cafe
):
    period = Period(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31))
    (result,) = build(programme, period, today=period.end, goal_years=(2020,)).goal_results
    assert result[1].status == IN_PREPARATION
    services.add_schedule(
        ryd_cafe,
        rule="FREQ=WEEKLY;BYDAY=TU",
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        starts_on=datetime.date(2020, 2, 4),
        added_by=None,
        today=datetime.date(2020, 1, 20),
    )
    (result,) = build(programme, period, today=period.end, goal_years=(2020,)).goal_results
    assert result[1].status == AT_RISK
