"""The demo's activities: 12 café sessions a week, attendance 10–20, and running it twice
changes nothing."""

import datetime

import pytest

from sprakvan.activities.models import Activity, Attendance, Session, WalkInCount
from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import activities as demo
from sprakvan.demo import participants as participants_demo
from sprakvan.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2019, 4, 30)


@pytest.fixture
def loaded():
    programme = participants_demo.load(TODAY)
    staff_demo.load(programme)
    demo.load(programme, today=TODAY)
    return programme


def _counts() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        Session.objects.count(),
        Session.objects.filter(status="cancelled").count(),
        Attendance.objects.count(),
        WalkInCount.objects.count(),
        Organisation.objects.count(),
    )


def test_the_demo_has_twelve_cafe_sessions_a_week_in_seven_places(loaded):
    week = Session.objects.filter(
        programme=loaded,
        activity__type="language_cafe",
        date__gte=datetime.date(2019, 3, 4),
        date__lte=datetime.date(2019, 3, 10),
    )
    assert week.count() == 12
    assert week.values("activity__venue").distinct().count() == 7


def _annotated(session: Session, name: str) -> int:
    """A count `with_totals()` annotates; the model does not declare it, so read by name."""
    return int(getattr(session, name))


def test_held_sessions_have_ten_to_twenty_people(loaded):
    totals = [
        _annotated(s, "attendance_total")
        for s in Session.objects.filter(programme=loaded)
        .held_between(datetime.date(2019, 1, 1), TODAY - datetime.timedelta(days=1))
        .with_totals()
    ]
    walks = [
        _annotated(s, "named_count")
        for s in Session.objects.filter(activity__type="walk_and_talk", date__lt=TODAY)
        .held()
        .with_totals()
    ]
    assert totals and min(totals) >= 10 and max(totals) <= 20
    assert all(named > 0 for named in walks)


def test_gardening_waits_for_may_and_leaders_get_their_own_activities(loaded):
    garden = Activity.objects.get(type="gardening")
    assert not garden.sessions.filter(date__lt=datetime.date(2019, 5, 1)).exists()
    assert garden.sessions.filter(date__gte=datetime.date(2019, 5, 1)).exists()
    first = set(Activity.objects.filter(leaders__email=demo.LEADER_1).values_list("pk", flat=True))
    second = set(Activity.objects.filter(leaders__email=demo.LEADER_2).values_list("pk", flat=True))
    assert first and second and not first & second
    assert Activity.objects.get(type="sport", sport="innebandy").hall_booking_reference


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = _counts()
    demo.load(loaded, today=TODAY)
    assert _counts() == before
    assert Organisation.objects.filter(
        programme=loaded, name="Linköpings kommun, fritid", kind="municipal_service"
    ).exists()
