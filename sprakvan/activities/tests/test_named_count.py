"""The sessions' named-attendance counts, kept by triggers (migration 0009), always equal the
attendance rows counted by the participants' groups, whatever wrote the rows. Run on SQLite and
on PostgreSQL (CI runs the suite on both)."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.models import Count, Q

from sprakvan.activities.models import Activity, Attendance, NamedCount, Session
from sprakvan.activities.services.attendance import record_attendance, remove_attendance
from sprakvan.core.models import Programme
from sprakvan.participants.models import Group, Participant
from sprakvan.participants.services import merge_duplicate
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def counted() -> dict[int, tuple[int, int]]:
    """{session id: (newcomers, established)} from the triggers' counts, zeros left out."""
    return {
        c.session_id: (c.newcomers, c.established)
        for c in NamedCount.objects.all()
        if c.newcomers or c.established
    }


def from_the_rows() -> dict[int, tuple[int, int]]:
    rows = Attendance.objects.values("session_id").annotate(
        n=Count("pk", filter=Q(participant__group=Group.NEWCOMER)),
        e=Count("pk", filter=Q(participant__group=Group.ESTABLISHED)),
    )
    return {r["session_id"]: (r["n"], r["e"]) for r in rows.order_by()}


@pytest.fixture
def sessions(activity: Activity) -> list[Session]:
    day = datetime.date(2019, 3, 4)
    return [
        SessionFactory(activity=activity, date=day + datetime.timedelta(weeks=i)) for i in range(3)
    ]


@pytest.fixture
def people(programme: Programme) -> list[Participant]:
    return [
        *(ParticipantFactory(programme=programme, group=Group.NEWCOMER) for _ in range(3)),
        *(ParticipantFactory(programme=programme, group=Group.ESTABLISHED) for _ in range(2)),
    ]


def test_ticks_and_unticks_are_counted_by_group(sessions, people, leader) -> None:
    first, second, _third = sessions
    for person in people:
        record_attendance(first, person, recorded_by=leader)
    record_attendance(second, people[0], recorded_by=leader)
    record_attendance(first, people[0], recorded_by=leader)  # twice: one row, counted once

    assert counted() == {first.pk: (3, 2), second.pk: (1, 0)}

    remove_attendance(first, people[4], removed_by=leader)
    remove_attendance(second, people[0], removed_by=leader)
    remove_attendance(second, people[0], removed_by=leader)  # nothing left to remove

    assert counted() == {first.pk: (3, 1)} == from_the_rows()


def test_rows_written_past_the_services_are_counted_too(sessions, people) -> None:
    """The admin, a bulk insert, an import: the triggers see every row."""
    first, second, third = sessions
    Attendance.objects.bulk_create(
        [Attendance(session=s, participant=p) for s in (first, second) for p in people]
    )
    Attendance.objects.create(session=third, participant=people[3])
    Attendance.objects.filter(session=second, participant__group=Group.NEWCOMER).delete()
    Attendance.objects.filter(session=first, participant=people[0]).update(session=third)

    assert counted() == {first.pk: (2, 2), second.pk: (0, 2), third.pk: (1, 1)}
    assert counted() == from_the_rows()


def test_a_participant_who_changes_group_moves_in_every_session(sessions, people) -> None:
    amina = people[0]
    for s in sessions:
        Attendance.objects.create(session=s, participant=amina)
    Attendance.objects.create(session=sessions[0], participant=people[3])

    amina.group = Group.ESTABLISHED
    amina.save()
    assert counted() == {sessions[0].pk: (0, 2), sessions[1].pk: (0, 1), sessions[2].pk: (0, 1)}

    Participant.objects.filter(pk=amina.pk).update(group=Group.NEWCOMER)
    Participant.objects.filter(pk=amina.pk).update(first_name="Amina")  # no group change
    assert counted() == {sessions[0].pk: (1, 1), sessions[1].pk: (1, 0), sessions[2].pk: (1, 0)}
    assert counted() == from_the_rows()


def test_deleting_a_participant_or_a_session_keeps_the_counts_true(
    programme, sessions, people, coordinator
) -> None:
    original = people[0]
    duplicate = ParticipantFactory(
        programme=programme, group=Group.NEWCOMER, possible_duplicate_of=original
    )
    for person in (original, duplicate, people[3]):
        Attendance.objects.create(session=sessions[0], participant=person)
    Attendance.objects.create(session=sessions[1], participant=duplicate)

    people[3].delete()  # a person deleted (no pair holds them)
    assert counted() == {sessions[0].pk: (2, 0), sessions[1].pk: (1, 0)} == from_the_rows()

    # The second registration's attendance moves to the first: once per session.
    merge_duplicate(duplicate, merged_by=coordinator)
    assert counted() == {sessions[0].pk: (1, 0), sessions[1].pk: (1, 0)} == from_the_rows()
    assert set(original.attendances.values_list("session_id", flat=True)) == {
        sessions[0].pk,
        sessions[1].pk,
    }

    sessions[0].delete()
    assert counted() == {sessions[1].pk: (1, 0)} == from_the_rows()
    assert not NamedCount.objects.filter(session_id=sessions[0].pk).exists()


def test_the_triggers_exist_on_this_database() -> None:
    """Else every count above would be zero and the reports would show no named attendance."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'named_count_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}

    assert {
        "named_count_insert",
        "named_count_delete",
        "named_count_update",
        "named_count_regroup",
    } <= names


def test_the_migration_counts_the_rows_that_were_there_before_it(sessions, people) -> None:
    """A database upgraded to 0009 gets counts for the attendance it already held."""
    migration = importlib.import_module("sprakvan.activities.migrations.0009_named_count")
    for s in sessions[:2]:
        for person in people[1:]:
            Attendance.objects.create(session=s, participant=person)
    expected = from_the_rows()
    NamedCount.objects.all().delete()  # as before the migration
    assert counted() == {}

    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)

    assert counted() == expected == {sessions[0].pk: (2, 2), sessions[1].pk: (2, 2)}
