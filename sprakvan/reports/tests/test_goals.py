"""Goal status and progress are computed from the data (constructed here)."""

import datetime

from sprakvan.reports.goals import (
    ACHIEVED,
    AT_RISK,
    MISSED,
    NO_DATA,
    ON_TRACK,
    GoalSpec,
    evaluate,
)

D = datetime.date
MORE_PAIRS = GoalSpec(kind="more_than_last_year", measure="new_pairs")
KEEP_AVERAGE = GoalSpec(kind="keep_level", measure="average_attendance")
RYD = GoalSpec(kind="monthly_in_district", district="Ryd", minimum_per_month=2)


def test_more_than_last_year_is_achieved_once_the_count_passes_last_years() -> None:
    result = evaluate(MORE_PAIRS, year=2020, today=D(2020, 9, 1), current=72, last_year=71)
    assert result.status == ACHIEVED
    assert result.percent == 100


def test_more_than_last_year_is_on_track_when_ahead_of_the_pace() -> None:
    # Half the year gone, a bit more than half of 72 reached.
    result = evaluate(MORE_PAIRS, year=2020, today=D(2020, 7, 1), current=40, last_year=71)
    assert result.status == ON_TRACK
    assert result.target == 72
    assert result.percent == 56


def test_more_than_last_year_is_at_risk_when_behind_the_pace() -> None:
    result = evaluate(MORE_PAIRS, year=2020, today=D(2020, 7, 1), current=20, last_year=71)
    assert result.status == AT_RISK


def test_more_than_last_year_is_missed_when_the_year_ends_equal() -> None:
    result = evaluate(MORE_PAIRS, year=2020, today=D(2021, 1, 5), current=71, last_year=71)
    assert result.status == MISSED


def test_keeping_the_level_of_an_average_compares_it_as_it_stands() -> None:
    kept = evaluate(KEEP_AVERAGE, year=2020, today=D(2021, 2, 1), current=15.0, last_year=14.9)
    dropped = evaluate(KEEP_AVERAGE, year=2020, today=D(2021, 2, 1), current=12.0, last_year=14.9)
    during = evaluate(KEEP_AVERAGE, year=2020, today=D(2020, 4, 1), current=12.0, last_year=14.9)
    assert (kept.status, dropped.status, during.status) == (ACHIEVED, MISSED, AT_RISK)


def test_a_goal_without_data_says_so() -> None:
    assert (
        evaluate(MORE_PAIRS, year=2020, today=D(2020, 5, 1), current=None, last_year=3).status
        == NO_DATA
    )


def test_monthly_goal_is_missed_when_a_past_month_had_too_few_sessions() -> None:
    held = {(2020, 1): 2, (2020, 2): 1, (2020, 3): 4}
    result = evaluate(RYD, year=2020, today=D(2020, 4, 2), held_per_month=held)
    assert result.status == MISSED
    assert result.months_met == 2


def test_monthly_goal_is_on_track_when_this_month_has_enough_planned() -> None:
    held = {(2020, 1): 2, (2020, 2): 3, (2020, 3): 2}
    planned = {(2020, 4): 4}
    result = evaluate(
        RYD, year=2020, today=D(2020, 4, 2), held_per_month=held, planned_per_month=planned
    )
    assert result.status == ON_TRACK
    assert result.percent == 25  # 3 of 12 months met


def test_monthly_goal_is_at_risk_when_this_month_cannot_reach_the_minimum() -> None:
    held = {(2020, 1): 2, (2020, 2): 3, (2020, 3): 2, (2020, 4): 0}
    planned = {(2020, 4): 1}
    result = evaluate(
        RYD, year=2020, today=D(2020, 4, 2), held_per_month=held, planned_per_month=planned
    )
    assert result.status == AT_RISK


def test_monthly_goal_is_achieved_when_every_month_of_the_year_had_enough() -> None:
    held = {(2020, m): 2 for m in range(1, 13)}
    result = evaluate(RYD, year=2020, today=D(2021, 1, 1), held_per_month=held)
    assert (result.status, result.percent) == (ACHIEVED, 100)
