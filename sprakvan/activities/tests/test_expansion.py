"""Schedules expanded into sessions: idempotent, and cancelled or moved sessions survive."""

import datetime

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprakvan.activities import services
from sprakvan.activities.models import Activity, Attendance, Schedule, Session
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import ScheduleFactory

MONDAY = datetime.date(2026, 3, 2)


def _expand(schedule: Schedule, weeks: int = 4, today: datetime.date | None = None) -> int:
    return services.expand_schedule(
        schedule, start=MONDAY, end=MONDAY + datetime.timedelta(weeks=weeks, days=-1), today=today
    )


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    weekdays=st.sets(st.integers(min_value=0, max_value=6), min_size=1),
    starts_after=st.integers(min_value=0, max_value=20),
    lasts=st.integers(min_value=0, max_value=40),
)
def test_sessions_fall_on_the_rules_weekdays_within_from_until_and_reexpanding_adds_none(
    activity: Activity, weekdays: set[int], starts_after: int, lasts: int
) -> None:
    from sprakvan.activities.schedule import weekly_rule

    starts_on = MONDAY + datetime.timedelta(days=starts_after)
    schedule = ScheduleFactory(
        activity=activity,
        rule=weekly_rule(sorted(weekdays)),
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=lasts),
        skip_holidays=False,
    )
    created = _expand(schedule, weeks=6)
    sessions = list(schedule.sessions.all())
    assert created == len(sessions)
    assert schedule.ends_on is not None
    for session in sessions:
        assert session.date.weekday() in weekdays
        assert schedule.starts_on <= session.date <= schedule.ends_on
    assert _expand(schedule, weeks=6) == 0
    assert schedule.sessions.count() == len(sessions)
    schedule.delete()


def test_cancelled_and_moved_sessions_stay_as_they_are_when_reexpanded(activity: Activity) -> None:
    schedule = ScheduleFactory(activity=activity, starts_on=MONDAY)
    _expand(schedule)
    first, second, *_rest = schedule.sessions.order_by("date")
    services.cancel_session(first, cancelled_by=None)
    services.move_session(
        second,
        date=second.date + datetime.timedelta(days=1),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
        moved_by=None,
    )

    assert _expand(schedule, today=MONDAY) == 0

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Session.Status.CANCELLED
    assert second.date == datetime.date(2026, 3, 6) and second.is_moved
    assert schedule.sessions.count() == 8  # Mondays and Thursdays for four weeks


def test_moving_one_session_leaves_the_others_untouched(activity: Activity) -> None:
    schedule = ScheduleFactory(activity=activity, starts_on=MONDAY)
    _expand(schedule)
    before = list(schedule.sessions.order_by("date").values_list("date", "start_time"))
    target = schedule.sessions.order_by("date")[2]
    services.move_session(
        target,
        date=target.date,
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        moved_by=None,
    )
    after = list(schedule.sessions.order_by("date").values_list("date", "start_time"))
    assert [row for i, row in enumerate(after) if i != 2] == [
        row for i, row in enumerate(before) if i != 2
    ]
    assert after[2][1] == datetime.time(19)


def test_holidays_are_flagged_or_skipped(activity: Activity) -> None:
    easter_monday = datetime.date(2026, 4, 6)
    flagged = ScheduleFactory(
        activity=activity, rule="FREQ=WEEKLY;BYDAY=MO", starts_on=easter_monday, skip_holidays=False
    )
    skipped = ScheduleFactory(
        activity=activity, rule="FREQ=WEEKLY;BYDAY=MO", starts_on=easter_monday, skip_holidays=True
    )
    for schedule in (flagged, skipped):
        services.expand_schedule(schedule, start=easter_monday, end=easter_monday)
    assert flagged.sessions.get().holiday == "Annandag påsk"
    assert not skipped.sessions.exists()


def test_a_changed_rule_removes_future_sessions_without_attendance_only(activity: Activity) -> None:
    schedule = ScheduleFactory(activity=activity, starts_on=MONDAY)
    _expand(schedule)
    thursdays = schedule.sessions.filter(date__week_day=5).order_by("date")
    kept = thursdays.last()
    assert kept is not None
    Attendance.objects.create(
        session=kept, participant=ParticipantFactory(programme=activity.programme)
    )
    schedule.rule = "FREQ=WEEKLY;BYDAY=MO"
    schedule.save()

    _expand(schedule, today=MONDAY)

    assert sorted(s.date.weekday() for s in schedule.sessions.all()) == [0, 0, 0, 0, 3]
    assert schedule.sessions.filter(pk=kept.pk).exists()


def test_ending_a_schedule_removes_its_later_sessions(activity: Activity) -> None:
    schedule = ScheduleFactory(activity=activity, starts_on=MONDAY)
    _expand(schedule)
    services.end_schedule(schedule, last_day=MONDAY + datetime.timedelta(days=7), ended_by=None)
    assert max(schedule.sessions.values_list("date", flat=True)) == datetime.date(2026, 3, 9)


def test_the_gardening_season_limits_its_sessions(activity: Activity) -> None:
    activity.season_start_month, activity.season_end_month = 5, 9
    activity.save()
    schedule = ScheduleFactory(
        activity=activity, rule="FREQ=WEEKLY;BYDAY=WE", starts_on=datetime.date(2026, 1, 1)
    )
    services.expand_schedule(
        schedule, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert {s.date.month for s in schedule.sessions.all()} == {5, 6, 7, 8, 9}


def test_expand_sessions_command_is_idempotent(activity: Activity, today: datetime.date) -> None:
    ScheduleFactory(activity=activity, starts_on=today)
    call_command("expand_sessions", "--weeks", "3")
    count = Session.objects.count()
    call_command("expand_sessions", "--weeks", "3")
    assert count >= 5
    assert Session.objects.count() == count


def test_add_schedule_plans_the_coming_weeks_and_logs_it(
    activity: Activity, coordinator, today
) -> None:
    from sprakvan.core.audit import history_of

    services.add_schedule(
        activity,
        rule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        starts_on=today,
        skip_holidays=False,
        added_by=coordinator,
        today=today,
        weeks=2,
    )
    assert activity.sessions.count() == 15
    assert [e.action for e in history_of(activity)] == ["activities.schedule.added"]


pytestmark = pytest.mark.django_db
