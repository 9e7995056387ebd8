"""The demo's three years (issue 14): the weekly cafés' sessions and attendance of 2017 and 2018,
the source's three sports (one on an outdoor court), the 2019 texts for every section, and the
source's 2019 figures unchanged. The demo is loaded once for the module, as of 2019-11-15."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import F

from sprakvan.activities.models import (
    WALK_IN_FIELDS,
    Activity,
    Attendance,
    Session,
    Venue,
    WalkInCount,
)
from sprakvan.activities.services import in_preparation
from sprakvan.core.models import Programme
from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import activities as activities_demo
from sprakvan.demo import matching as matching_demo
from sprakvan.demo import participants as participants_demo
from sprakvan.demo import reports as reports_demo
from sprakvan.demo.activities.data import HISTORY_START, START
from sprakvan.participants.models import Participant
from sprakvan.reports.models import DocumentText
from sprakvan.reports.queries import report
from sprakvan.reports.statistics import Period

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2019, 11, 15)
SOURCE_PERIOD = Period(datetime.date(2019, 1, 1), datetime.date(2019, 10, 31))
BEFORE_2019 = {"session__date__lt": START}


@pytest.fixture(scope="module")
def linkoping(django_db_setup: None, django_db_blocker: Any) -> Iterator[Programme]:
    """The demo as `load_demo` builds it (the parts these tests read), rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            programme = participants_demo.load(TODAY)
            staff_demo.load(programme)
            matching_demo.load(programme, today=TODAY)
            activities_demo.load(programme, today=TODAY)
            reports_demo.load(programme, today=TODAY)
            yield programme
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _totals(sessions: Any) -> list[int]:
    return [int(s.attendance_total) for s in sessions.with_totals()]


@pytest.mark.parametrize("year", [2017, 2018])
def test_every_weekly_cafe_was_held_with_ten_to_twenty_people_in(
    linkoping: Programme, year: int
) -> None:
    cafes = Activity.objects.filter(programme=linkoping, type="language_cafe").weekly()
    sessions = Session.objects.filter(programme=linkoping, date__year=year)
    assert cafes.count() == 7
    for cafe in cafes:
        assert sessions.filter(activity=cafe).exists(), cafe.title
    assert not sessions.exclude(activity__in=cafes).exists()
    assert not sessions.filter(status=Session.Status.CANCELLED).exists()
    totals = _totals(sessions)
    assert totals and min(totals) >= 10 and max(totals) <= 20
    assert Attendance.objects.filter(session__in=sessions).exists()
    assert WalkInCount.objects.filter(session__in=sessions).count() == len(totals)


def test_the_cafe_history_starts_with_the_first_registrations_and_has_a_week_of_twelve(
    linkoping: Programme,
) -> None:
    first = Participant.objects.filter(programme=linkoping).order_by("registered_on").first()
    assert first is not None and first.registered_on >= HISTORY_START
    earliest = Session.objects.filter(programme=linkoping).order_by("date").first()
    assert earliest is not None and earliest.date >= HISTORY_START
    assert earliest.date < datetime.date(2017, 12, 31)
    week = Session.objects.filter(
        programme=linkoping,
        date__gte=datetime.date(2018, 3, 5),
        date__lte=datetime.date(2018, 3, 11),
    )
    assert week.count() == 12


def test_nobody_attends_before_registering_or_in_the_earlier_years_after_leaving(
    linkoping: Programme,
) -> None:
    attendance = Attendance.objects.filter(session__programme=linkoping)
    assert attendance.filter(**BEFORE_2019).exists()
    assert not attendance.filter(participant__registered_on__gt=F("session__date")).exists()
    left_before_2019 = Participant.objects.filter(
        programme=linkoping, status="left", status_changed_on__lt=START
    )
    assert left_before_2019.exists()  # so the rule had someone to keep away
    assert not attendance.filter(
        **BEFORE_2019,
        participant__status="left",
        participant__status_changed_on__lte=F("session__date"),
    ).exists()


def test_the_sports_are_floorball_volleyball_in_halls_and_basketball_on_an_outdoor_court(
    linkoping: Programme,
) -> None:
    sports = {a.sport: a for a in Activity.objects.filter(programme=linkoping, type="sport")}
    assert set(sports) == {"innebandy", "volleyboll", "basket"}
    outdoor = Venue.objects.filter(programme=linkoping, activity__type="sport", is_outdoor=True)
    assert list(outdoor) == [sports["basket"].venue]
    for indoor in ("innebandy", "volleyboll"):
        assert sports[indoor].hall_booking_reference
    for activity in sports.values():
        held = Session.objects.filter(activity=activity).held_between(
            SOURCE_PERIOD.start, SOURCE_PERIOD.end
        )
        assert held.exists()
        totals = _totals(held)
        assert min(totals) >= 10 and max(totals) <= 20
    outdoor_months = {
        d.month for d in Session.objects.filter(activity=sports["basket"]).dates("date", "day")
    }
    assert outdoor_months <= set(range(5, 10))


def test_the_city_walk_is_in_easy_swedish_with_pictures_and_the_garden_is_tinnero(
    linkoping: Programme,
) -> None:
    walk = Activity.objects.get(programme=linkoping, type="city_walk")
    assert (walk.language_level, walk.picture_support) == ("easy", True)
    garden = Activity.objects.get(programme=linkoping, type="gardening")
    assert garden.venue is not None and garden.venue.name == "Folkträdgården Tinnerö"


def test_the_source_s_2019_figures_stay_and_2018_has_cafe_figures_to_compare(
    linkoping: Programme,
) -> None:
    current, previous = report(linkoping, SOURCE_PERIOD, today=TODAY)
    newcomers = current.registrations["newcomer"]
    established = current.registrations["established"]
    assert (newcomers["total"], newcomers["woman"], newcomers["man"]) == (199, 89, 110)
    assert (established["total"], established["woman"], established["man"]) == (89, 65, 24)
    assert (current.pairs.new, current.pairs.active) == (71, 83)
    held_2018 = Session.objects.filter(programme=linkoping).held_between(
        previous.period.start, previous.period.end
    )
    assert previous.sessions.sessions == held_2018.count() > 0
    assert previous.sessions.attendance == sum(_totals(held_2018))


def test_the_2019_text_has_a_meeting_day_and_every_section_and_leaves_ryd_to_the_data(
    linkoping: Programme,
) -> None:
    text = DocumentText.objects.get(
        programme=linkoping, period_start=SOURCE_PERIOD.start, period_end=SOURCE_PERIOD.end
    )
    assert text.meeting_date is not None and text.meeting_date > SOURCE_PERIOD.end
    sections = ["background", "activities", "results", "future", "finances", "summary"]
    assert all(getattr(text, name).strip() for name in sections)
    current, _previous = report(linkoping, SOURCE_PERIOD, today=TODAY)
    carried = current.pairs.active - current.pairs.new
    assert f"{current.pairs.active} " in text.results and f"{carried} " in text.results
    assert "Herrgård" not in text.future
    [ryd] = in_preparation(linkoping, on=SOURCE_PERIOD.end)
    assert "Ryds Herrgård" in ryd.places and "Arena Ryds Herrgård" in ryd.partners


def _history() -> tuple[Any, ...]:
    """The earlier years by what they are, not by row ids: sessions, who came, walk-ins."""
    return (
        sorted(
            Session.objects.filter(date__lt=START).values_list(
                "activity_id", "date", "start_time", "status"
            )
        ),
        sorted(
            Attendance.objects.filter(**BEFORE_2019).values_list(
                "session__activity_id", "session__date", "participant_id", "recorded_by_id"
            )
        ),
        sorted(
            WalkInCount.objects.filter(**BEFORE_2019).values_list(
                "session__activity_id",
                "session__date",
                *[name for _group, _gender, name in WALK_IN_FIELDS],
            )
        ),
    )


def _rows() -> tuple[Any, ...]:
    return (
        list(Session.objects.order_by("id").values_list("id", "date", "status")),
        list(Attendance.objects.order_by("id").values_list("id", "session_id", "participant_id")),
        list(WalkInCount.objects.order_by("id").values_list()),
        list(Activity.objects.order_by("id").values_list("id", "sport", "picture_support")),
        list(Venue.objects.order_by("id").values_list("id", "name", "is_outdoor")),
        list(DocumentText.objects.values_list("meeting_date", "activities", "results")),
    )


def test_loading_again_changes_nothing(linkoping: Programme) -> None:
    before = _rows()
    activities_demo.load(linkoping, today=TODAY)
    reports_demo.load(linkoping, today=TODAY)
    assert _rows() == before


def test_a_demo_loaded_before_the_history_gains_it_and_the_sports_on_loading_again(
    linkoping: Programme,
) -> None:
    """The demo as it stood before: cafés from 2019, no sport named, no pictures."""
    history = _history()
    named = list(Activity.objects.order_by("id").values_list("sport", "picture_support"))
    Session.objects.filter(date__lt=START).delete()
    for cafe in Activity.objects.filter(programme=linkoping, type="language_cafe"):
        cafe.schedules.update(starts_on=START)
    Activity.objects.filter(programme=linkoping).update(sport="", picture_support=False)
    assert not Attendance.objects.filter(**BEFORE_2019).exists()

    activities_demo.load(linkoping, today=TODAY)

    assert _history() == history
    assert list(Activity.objects.order_by("id").values_list("sport", "picture_support")) == named
