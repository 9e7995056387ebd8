"""Attendance totals for reports: named plus walk-ins, by group and gender, in SQL."""

import datetime

import pytest
from django.db.models import PositiveSmallIntegerField

from sprakvan.activities import services
from sprakvan.activities.models import WALK_IN_FIELDS, Attendance, Session, WalkInCount
from sprakvan.activities.statistics import attendance_summary
from sprakvan.participants.choices import Gender, Group
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 9)


def counts(session: Session, *names: str) -> tuple[int, ...]:
    """The counts `with_totals()` annotates; the model does not declare them, so read by name."""
    return tuple(getattr(session, name) for name in names)


@pytest.fixture
def counted(activity, other_activity):
    """Skäggetorp: 2 named newcomers (woman, man) + 3 walk-in established women.
    Berga: 1 named established man. A cancelled Skäggetorp session counts nothing."""
    programme = activity.programme
    first = SessionFactory(activity=activity, date=DAY)
    second = SessionFactory(activity=other_activity, date=DAY + datetime.timedelta(days=1))
    cancelled = SessionFactory(activity=activity, date=DAY + datetime.timedelta(days=2))
    services.cancel_session(cancelled, cancelled_by=None)
    woman = ParticipantFactory(programme=programme, group="newcomer", gender="woman")
    man = ParticipantFactory(programme=programme, group="newcomer", gender="man")
    established = ParticipantFactory(programme=programme, group="established", gender="man")
    for person in (woman, man):
        Attendance.objects.create(session=first, participant=person)
    Attendance.objects.create(session=second, participant=established)
    WalkInCount.objects.create(session=first, established_woman=3)
    return first, second, cancelled


def test_held_between_leaves_out_cancelled_sessions_and_other_dates(counted):
    first, second, _cancelled = counted
    SessionFactory(activity=first.activity, date=DAY - datetime.timedelta(days=1))
    held = Session.objects.held_between(DAY, DAY + datetime.timedelta(days=6))
    assert list(held) == [first, second]


def test_per_session_totals_add_named_and_walk_ins(counted, django_assert_num_queries):
    first, second, _cancelled = counted
    with django_assert_num_queries(1):
        rows = {
            s.pk: s
            for s in Session.objects.held_between(
                DAY, DAY + datetime.timedelta(days=6)
            ).with_totals()
        }
    assert counts(rows[first.pk], "named_count", "walk_in_count", "attendance_total") == (2, 3, 5)
    by_group = counts(rows[first.pk], "newcomer_woman", "newcomer_man", "established_woman")
    assert by_group == (1, 1, 3)
    assert counts(rows[second.pk], "attendance_total", "established_man") == (1, 1)


def test_a_session_without_attendance_totals_zero(activity):
    empty = SessionFactory(activity=activity, date=DAY)
    row = Session.objects.filter(pk=empty.pk).with_totals().get()
    assert counts(row, "named_count", "walk_in_count", "attendance_total") == (0, 0, 0)


def test_summary_by_district_and_type(counted, activity, other_activity, django_assert_num_queries):
    sessions = Session.objects.held_between(DAY, DAY + datetime.timedelta(days=6))
    with django_assert_num_queries(2):
        rows = attendance_summary(sessions, by=["district", "type"])
    got = {
        (r["district"], r["type"], r["group"], r["gender"]): (r["named"], r["walk_ins"], r["total"])
        for r in rows
    }
    skaggetorp, berga = activity.district_id, other_activity.district_id
    assert got == {
        (skaggetorp, "language_cafe", "newcomer", "woman"): (1, 0, 1),
        (skaggetorp, "language_cafe", "newcomer", "man"): (1, 0, 1),
        (skaggetorp, "language_cafe", "established", "woman"): (0, 3, 3),
        (berga, "walk_and_talk", "established", "man"): (1, 0, 1),
    }


def test_summary_by_month_counts_everyone_once(counted):
    rows = attendance_summary(Session.objects.held(), by=["year", "month"])
    assert sum(r["total"] for r in rows) == 6
    assert {(r["year"], r["month"]) for r in rows} == {(2026, 3)}


def test_summary_refuses_an_unknown_dimension(counted):
    with pytest.raises(ValueError):
        attendance_summary(Session.objects.all(), by=["colour"])


def test_walk_ins_are_counted_in_one_box_per_participant_group_and_gender():
    boxes = {name for _group, _gender, name in WALK_IN_FIELDS}
    counted = {
        f.name for f in WalkInCount._meta.get_fields() if isinstance(f, PositiveSmallIntegerField)
    }

    assert [(g, s) for g, s, _n in WALK_IN_FIELDS] == [(g, s) for g in Group for s in Gender]
    assert boxes == counted
