"""The pure statistics: periods, registrations, pairs, waits, sessions (no database)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from sprakvan.reports.statistics import (
    GENDERS,
    GROUPS,
    PairRow,
    Period,
    RegistrationRow,
    SessionRow,
    median_of_histogram,
    pair_figures,
    registrations,
    session_figures,
    sessions_per_month,
)

D = datetime.date
START = D(2018, 1, 1)
END = D(2020, 12, 31)
days = st.integers(min_value=0, max_value=(END - START).days).map(
    lambda n: START + datetime.timedelta(days=n)
)


def test_previous_period_of_whole_months_is_as_many_months_just_before() -> None:
    assert Period(D(2019, 1, 1), D(2019, 10, 31)).previous() == Period(
        D(2018, 3, 1), D(2018, 12, 31)
    )


def test_previous_period_of_a_year_is_the_year_before() -> None:
    assert Period.year(2020).previous() == Period.year(2019)


def test_previous_period_of_odd_dates_is_as_many_days_just_before() -> None:
    period = Period(D(2019, 3, 10), D(2019, 3, 19))
    assert period.previous() == Period(D(2019, 2, 28), D(2019, 3, 9))
    assert period.previous().days == period.days


def test_year_earlier_keeps_the_dates() -> None:
    assert Period(D(2020, 1, 1), D(2020, 2, 29)).year_earlier() == Period(
        D(2019, 1, 1), D(2019, 2, 28)
    )


def test_registrations_count_each_gender_on_its_own_row() -> None:
    rows = [
        RegistrationRow(D(2019, 2, 1), "newcomer", "woman", 2),
        RegistrationRow(D(2019, 2, 1), "newcomer", "another", 1),
        RegistrationRow(D(2019, 2, 2), "established", "undisclosed", 3),
        RegistrationRow(D(2020, 1, 1), "newcomer", "man", 7),
    ]
    table = registrations(rows, Period.year(2019))
    assert table["newcomer"] == {"total": 3, "woman": 2, "man": 0, "another": 1, "undisclosed": 0}
    assert table["established"]["undisclosed"] == 3


def test_pair_figures_count_new_active_and_ended_with_reason() -> None:
    rows = [
        PairRow(D(2018, 6, 1), None, "", D(2018, 1, 1)),  # active from before
        PairRow(D(2019, 3, 1), None, "", D(2019, 1, 1)),  # new, waited 59 days
        PairRow(D(2019, 5, 1), D(2019, 9, 1), "moved_away", D(2019, 4, 1)),  # new, ended
        PairRow(D(2017, 1, 1), D(2018, 12, 31), "completed", D(2016, 1, 1)),  # ended before
        PairRow(None, None, "", D(2019, 1, 1)),  # proposed, never started
    ]
    f = pair_figures(rows, Period.year(2019))
    assert (f.new, f.active, f.ended) == (2, 3, 1)
    assert f.ended_by_reason == {"moved_away": 1}
    assert f.median_wait_days == 44.5
    assert f.longest_wait_days == 59


def test_median_of_a_histogram() -> None:
    assert median_of_histogram({}) is None
    assert median_of_histogram({5: 1}) == 5
    assert median_of_histogram({1: 2, 10: 1}) == 1
    assert median_of_histogram({1: 1, 3: 1}) == 2


def test_sessions_per_month_gives_zero_for_months_without_sessions() -> None:
    rows = [
        SessionRow(D(2020, 1, 7), "Ryd", "language_cafe", 2),
        SessionRow(D(2020, 1, 14), "Berga", "language_cafe", 5),
    ]
    months = sessions_per_month(rows, Period(D(2020, 1, 1), D(2020, 3, 31)), "Ryd")
    assert months == {(2020, 1): 2, (2020, 2): 0, (2020, 3): 0}


registration_rows = st.lists(
    st.builds(
        RegistrationRow,
        on=days,
        group=st.sampled_from(GROUPS),
        gender=st.sampled_from(GENDERS),
        count=st.integers(min_value=1, max_value=20),
    ),
    max_size=40,
)


@st.composite
def split_periods(draw: st.DrawFn) -> tuple[Period, datetime.date]:
    start = draw(days)
    end = draw(days.filter(lambda d: d > start))
    at = start + datetime.timedelta(days=draw(st.integers(1, (end - start).days)))
    return Period(start, end), at


@given(registration_rows, split_periods())
def test_registration_counts_add_up_and_periods_split_and_join(
    rows: list[RegistrationRow], split: tuple[Period, datetime.date]
) -> None:
    period, at = split
    first, second = period.split(at)
    whole = registrations(rows, period)
    parts = registrations(rows, first), registrations(rows, second)
    for group in GROUPS:
        assert whole[group]["total"] == sum(whole[group][g] for g in GENDERS)
        for key in ("total", *GENDERS):
            assert whole[group][key] == parts[0][group][key] + parts[1][group][key]
    assert sum(whole[g]["total"] for g in GROUPS) == sum(
        r.count for r in rows if period.contains(r.on)
    )


@st.composite
def pair_rows(draw: st.DrawFn) -> PairRow:
    started = draw(st.one_of(st.none(), days))
    ended = None
    if started is not None and draw(st.booleans()):
        ended = started + datetime.timedelta(days=draw(st.integers(0, 400)))
    registered = draw(days)
    return PairRow(started, ended, draw(st.sampled_from(["", "completed", "other"])), registered)


@given(st.lists(pair_rows(), max_size=30), split_periods())
def test_pairs_split_and_join_consistently(
    rows: list[PairRow], split: tuple[Period, datetime.date]
) -> None:
    period, at = split
    first, second = period.split(at)
    whole, a, b = (pair_figures(rows, p) for p in (period, first, second))
    assert whole.new == a.new + b.new
    assert whole.ended == a.ended + b.ended == sum(whole.ended_by_reason.values())
    # A pair active in the whole period is active in one half or both.
    assert max(a.active, b.active) <= whole.active <= a.active + b.active
    assert whole.new <= whole.active


@given(
    st.lists(
        st.builds(
            SessionRow,
            on=days,
            district=st.sampled_from(["Ryd", "Berga"]),
            activity_type=st.sampled_from(["language_cafe", "sport"]),
            sessions=st.integers(1, 4),
            named_newcomers=st.integers(0, 20),
            named_established=st.integers(0, 20),
            walk_in_newcomers=st.integers(0, 20),
            walk_in_established=st.integers(0, 20),
        ),
        max_size=30,
    ),
    split_periods(),
)
def test_session_figures_add_up_and_split(
    rows: list[SessionRow], split: tuple[Period, datetime.date]
) -> None:
    period, at = split
    whole = session_figures(rows, period)
    a, b = (session_figures(rows, p) for p in period.split(at))
    assert whole.attendance == whole.named + whole.walk_in == whole.newcomers + whole.established
    assert whole.sessions == sum(s for s, _ in whole.by_district.values())
    assert whole.attendance == sum(n for _, n in whole.by_type.values())
    assert whole.sessions == a.sessions + b.sessions
    assert whole.attendance == a.attendance + b.attendance
