"""The figures from the database: what is counted, what is not, and that erasure keeps them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.privacy.services import erase_participant
from sprakvan.reports.queries import report
from sprakvan.reports.statistics import Period, figures_as_json

from .conftest import World

D = datetime.date
YEAR_2019 = Period.year(2019)
TODAY = D(2026, 1, 15)


def test_registrations_count_each_group_by_gender_without_duplicates(world: World) -> None:
    current, previous = report(world.programme, YEAR_2019, today=TODAY)
    assert current.registrations["newcomer"] == {
        "total": 10,
        "woman": 6,
        "man": 3,
        "another": 1,
        "undisclosed": 0,
    }
    assert current.registrations["established"] == {
        "total": 8,
        "woman": 5,
        "man": 2,
        "another": 0,
        "undisclosed": 1,
    }
    assert previous.period == Period.year(2018)
    assert previous.registrations["newcomer"]["total"] == 1


def test_pairs_new_active_ended_and_waits(world: World) -> None:
    current, previous = report(world.programme, YEAR_2019, today=TODAY)
    assert current.pairs is not None
    assert (current.pairs.new, current.pairs.active, current.pairs.ended) == (2, 3, 1)
    assert current.pairs.ended_by_reason == {"moved_away": 1}
    # Zainab waited 2019-02-01 → 2019-03-10 (37 days); the other 2019-03-01 → 2019-04-01 (31).
    assert current.pairs.median_wait_days == 34
    assert current.pairs.longest_wait_days == 37
    assert previous.pairs is not None and previous.pairs.new == 1


def test_people_waiting_at_the_end_of_the_period(world: World) -> None:
    current, _previous = report(world.programme, YEAR_2019, today=TODAY)
    # 10 newcomers of 2019 + one from 2018, minus Zainab (in a pair) and the old one (in a
    # pair); the one whose pair ended in August waits again.
    assert current.waiting_at_end == {"newcomer": 9, "established": 6}


def test_sessions_and_attendance_by_district_and_group(world: World) -> None:
    current, _previous = report(world.programme, YEAR_2019, today=TODAY)
    s = current.sessions
    assert s is not None
    assert (s.sessions, s.attendance, s.named, s.walk_in) == (2, 14, 4, 10)
    assert (s.newcomers, s.established) == (8, 6)
    assert s.by_district == {"Ryd": (2, 14)}
    assert s.by_type == {"language_cafe": (2, 14)}
    assert s.average_per_session == 7.0


def test_referrals_and_outreach(world: World) -> None:
    current, _previous = report(world.programme, YEAR_2019, today=TODAY)
    assert current.referrals == {"Arbetsmarknadscentrum": {"total": 1, "waiting": 1}}
    assert current.funnel is not None
    (event,) = current.funnel
    assert (event.event, event.leads, event.registered, event.paired) == ("Bergadagen", 2, 1, 1)


def test_the_platform_counts_every_programme(world: World) -> None:
    current, _previous = report(None, YEAR_2019, today=TODAY)
    assert current.registrations["newcomer"]["total"] == 11
    assert current.pairs is not None and current.pairs.new == 3
    # District names repeat between cities: across programmes they carry the programme's name.
    assert current.sessions is not None
    assert current.sessions.by_district == {"Vi ses! Språkvänner: Ryd": (2, 14)}


def test_erasing_participants_leaves_every_figure_unchanged(world: World) -> None:
    before = [figures_as_json(f) for f in report(world.programme, YEAR_2019, today=TODAY)]
    for person in [world.known, *world.newcomers[3:6], world.established[1]]:
        erase_participant(person, requested_by=None, how="operator")
    world.known.refresh_from_db()
    assert world.known.erased_at is not None
    assert (world.known.first_name, str(world.known.phone), world.known.email) == ("", "", "")
    after = [figures_as_json(f) for f in report(world.programme, YEAR_2019, today=TODAY)]
    assert after == before


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_data(world: World) -> None:
    with CaptureQueriesContext(connection) as small:
        report(world.programme, YEAR_2019, today=TODAY)
    ParticipantFactory.create_batch(
        30, programme=world.programme, registered_on=D(2019, 6, 1), gender="man"
    )
    with CaptureQueriesContext(connection) as large:
        current, _previous = report(world.programme, YEAR_2019, today=TODAY)
    assert current.registrations["newcomer"]["man"] == 33
    # Eleven aggregate queries and one EXISTS that spares building the referral outcomes'
    # query when the window holds no referral (the world holds some: all twelve run). The
    # named attendance comes with the sessions, from their counts (activities.NamedCount).
    assert len(large) == len(small) <= 12


def test_sessions_summed_per_piece_give_the_same_figures_as_per_day(world: World) -> None:
    from sprakvan.reports.queries import session_rows
    from sprakvan.reports.statistics import session_figures

    window = Period(D(2018, 1, 1), D(2019, 12, 31))
    february = Period(D(2019, 2, 1), D(2019, 2, 28))
    cuts = [february.start, D(2019, 3, 1), D(2019, 1, 1)]
    per_day = session_rows(world.programme, window)
    per_piece = session_rows(world.programme, window, cuts)
    assert per_day is not None and per_piece is not None
    assert len(per_piece) < len(per_day)
    for period in (february, YEAR_2019, window):
        assert session_figures(per_piece, period) == session_figures(per_day, period)


def test_rows_loaded_for_some_periods_refuse_another(world: World) -> None:
    from sprakvan.reports.queries import load_rows
    from sprakvan.reports.statistics import figures

    rows = load_rows(world.programme, YEAR_2019, today=TODAY, periods=[YEAR_2019])
    assert figures(rows, YEAR_2019).sessions is not None
    with pytest.raises(ValueError, match="not loaded"):
        figures(rows, Period(D(2019, 2, 10), D(2019, 2, 20)))
