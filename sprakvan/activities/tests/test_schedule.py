"""The pure schedule module: RRULE expansion, holidays, ISO weeks (no database)."""

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprakvan.activities import schedule as rules

weekday_sets = st.sets(st.integers(min_value=0, max_value=6), min_size=1, max_size=7)
days = st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2030, 12, 31))


@settings(max_examples=80, deadline=None)
@given(
    weekdays=weekday_sets,
    starts_on=days,
    length=st.integers(min_value=0, max_value=400),
    window_start=days,
    window_length=st.integers(min_value=0, max_value=200),
    skip=st.booleans(),
)
def test_expansion_only_gives_the_rules_weekdays_inside_from_until_and_the_window(
    weekdays: set[int],
    starts_on: datetime.date,
    length: int,
    window_start: datetime.date,
    window_length: int,
    skip: bool,
) -> None:
    ends_on = starts_on + datetime.timedelta(days=length)
    window_end = window_start + datetime.timedelta(days=window_length)
    found = rules.expand(
        rules.weekly_rule(sorted(weekdays)),
        starts_on=starts_on,
        ends_on=ends_on,
        window_start=window_start,
        window_end=window_end,
        skip_holidays=skip,
    )
    for occurrence in found:
        assert occurrence.date.weekday() in weekdays
        assert starts_on <= occurrence.date <= ends_on
        assert window_start <= occurrence.date <= window_end
        if skip:
            assert occurrence.holiday == ""
    dates = [o.date for o in found]
    assert dates == sorted(set(dates))


@settings(max_examples=60, deadline=None)
@given(weekdays=weekday_sets, starts_on=days, weeks=st.integers(min_value=1, max_value=30))
def test_expansion_misses_no_matching_day_and_repeats_the_same_answer(
    weekdays: set[int], starts_on: datetime.date, weeks: int
) -> None:
    end = starts_on + datetime.timedelta(weeks=weeks)
    kwargs: dict[str, Any] = {
        "starts_on": starts_on,
        "ends_on": None,
        "window_start": starts_on,
        "window_end": end,
    }
    rule = rules.weekly_rule(sorted(weekdays))
    first = rules.expand(rule, **kwargs)
    expected = [
        starts_on + datetime.timedelta(days=i)
        for i in range((end - starts_on).days + 1)
        if (starts_on + datetime.timedelta(days=i)).weekday() in weekdays
    ]
    assert [o.date for o in first] == expected
    assert rules.expand(rule, **kwargs) == first


def test_midsummer_eve_is_not_a_holiday_but_national_day_is_flagged() -> None:
    found = rules.expand(
        "FREQ=WEEKLY;BYDAY=SA",
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 6, 30),
        window_start=datetime.date(2026, 6, 1),
        window_end=datetime.date(2026, 6, 30),
    )
    flagged = {o.date: o.holiday for o in found if o.holiday}
    assert flagged == {
        datetime.date(2026, 6, 6): "Nationaldagen",
        datetime.date(2026, 6, 20): "Midsommardagen",
    }


def test_skipping_holidays_leaves_out_christmas_day() -> None:
    found = rules.expand(
        "FREQ=WEEKLY;BYDAY=FR",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=None,
        window_start=datetime.date(2026, 12, 1),
        window_end=datetime.date(2026, 12, 31),
        skip_holidays=True,
    )
    assert datetime.date(2026, 12, 25) not in [o.date for o in found]
    assert datetime.date(2026, 12, 18) in [o.date for o in found]


def test_season_months_keep_gardening_between_may_and_september() -> None:
    found = rules.expand(
        "FREQ=WEEKLY;BYDAY=WE",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=None,
        window_start=datetime.date(2026, 1, 1),
        window_end=datetime.date(2026, 12, 31),
        season_months=rules.season_months(5, 9),
    )
    assert {o.date.month for o in found} == {5, 6, 7, 8, 9}


def test_a_season_can_wrap_over_new_year() -> None:
    assert rules.season_months(11, 2) == frozenset({11, 12, 1, 2})
    assert rules.season_months(None, None) is None


def test_monthly_rule_on_the_first_saturday() -> None:
    found = rules.expand(
        "FREQ=MONTHLY;BYDAY=1SA",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=None,
        window_start=datetime.date(2026, 1, 1),
        window_end=datetime.date(2026, 3, 31),
    )
    assert [o.date for o in found] == [
        datetime.date(2026, 1, 3),
        datetime.date(2026, 2, 7),
        datetime.date(2026, 3, 7),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;UNTIL=20260101",
        "FREQ=WEEKLY;COUNT=3",
        "nonsense",
    ],
)
def test_parse_rule_refuses_what_we_cannot_store(text: str) -> None:
    with pytest.raises(rules.RuleError):
        rules.parse_rule(text)


def test_weekly_rule_and_its_weekdays_round_trip() -> None:
    rule = rules.weekly_rule([3, 0, 1, 2], interval=2)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH"
    assert rules.rule_weekdays(rule) == [0, 1, 2, 3]


def test_iso_week_of_new_years_eve_can_belong_to_next_year() -> None:
    assert rules.iso_week(datetime.date(2024, 12, 30)) == (2025, 1)
    assert rules.week_start(datetime.date(2026, 3, 12)) == datetime.date(2026, 3, 9)
