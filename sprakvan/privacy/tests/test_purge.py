"""Retention (`manage.py purge_expired`, daily in `tick`): on a frozen clock, what is inside its
period stays as it was, what is past it goes, and a second run changes nothing."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session as DjangoSession
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sprakvan.accounts.models import User
from sprakvan.activities.models import Attendance, ReminderCode
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import AuditEvent, Programme, TickRun
from sprakvan.matching.models import CallRecord, CheckInAnswer, FollowUp, Pair
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Message
from sprakvan.organisations.tests.factories import OutreachEventFactory
from sprakvan.participants.importer import CheckedRow, import_rows
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.services import register_participant, update_participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.partners.figures import event_funnels
from sprakvan.partners.models import Lead
from sprakvan.partners.tests.factories import LeadFactory
from sprakvan.privacy.models import PrivacySettings, SignInToken
from sprakvan.privacy.purge import expired_people, purge_expired

SWEDEN = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=SWEDEN)
TODAY = NOW.date()
# The default retention period is 24 months: 2024-06-15 is the first day inside it.
FIRST_DAY_INSIDE = datetime.date(2024, 6, 15)
LAST_DAY_OUTSIDE = datetime.date(2024, 6, 14)
LONG_AGO = datetime.date(2022, 1, 10)


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SWEDEN)


def old_person(programme: Programme, **fields: Any) -> Participant:
    """Someone registered long ago, whose row also reached us long ago."""
    fields.setdefault("registered_on", LONG_AGO)
    fields.setdefault("status_changed_on", LONG_AGO)
    person = ParticipantFactory(programme=programme, **fields)
    Participant.objects.filter(pk=person.pk).update(created_at=moment(LONG_AGO))
    person.refresh_from_db()
    return person


def purged(now: datetime.datetime = NOW) -> dict[str, int]:
    return purge_expired(now=now).programmes["vi-ses"]


def is_erased(person: Participant) -> bool:
    person.refresh_from_db()
    return person.erased_at is not None


# Each kind of sign of life, made on a given day for a person (the other rows it needs too).
def _pair(person: Participant, day: datetime.date, side: str) -> Pair:
    other = old_person(
        person.programme, group="newcomer" if side == "established" else "established"
    )
    sides = {"newcomer": other, "established": other, side: person}
    return PairFactory(
        programme=person.programme,
        **sides,
        state="ended",
        proposed_on=LONG_AGO,
        started_on=LONG_AGO,
        ended_on=day,
        end_reason="completed",
    )


def _ended_pair_newcomer(person: Participant, day: datetime.date) -> None:
    _pair(person, day, "newcomer")


def _ended_pair_established(person: Participant, day: datetime.date) -> None:
    person.group = "established"
    person.save()
    _pair(person, day, "established")


def _attendance(person: Participant, day: datetime.date) -> None:
    session = SessionFactory(activity=ActivityFactory(programme=person.programme), date=day)
    Attendance.objects.create(session=session, participant=person)


def _message(person: Participant, day: datetime.date) -> None:
    Message.objects.create(
        programme=person.programme,
        participant=person,
        channel="sms",
        kind="waiting_news",
        language="sv",
        recipient=str(person.phone),
        body="Hej!",
        key=f"purge-test:{person.pk}",
        queued_at=moment(day),
        sent_at=moment(day, hour=0),
        status=Message.Status.SENT,
    )


def _call(person: Participant, day: datetime.date) -> None:
    pair = _pair(person, LONG_AGO, "newcomer")
    CallRecord.objects.create(pair=pair, side="newcomer", outcome="agrees", called_on=day)


def _check_in(person: Participant, day: datetime.date) -> None:
    pair = _pair(person, LONG_AGO, "newcomer")
    follow_up = FollowUp.objects.create(pair=pair, kind="six_months", due_on=LONG_AGO)
    CheckInAnswer.objects.create(
        follow_up=follow_up, participant=person, answer="meeting", answered_at=moment(day, 0)
    )


def _consent_given(person: Participant, day: datetime.date) -> None:
    ConsentFactory(participant=person, given_at=moment(day, 0))


def _consent_withdrawn(person: Participant, day: datetime.date) -> None:
    ConsentFactory(participant=person, given_at=moment(LONG_AGO), withdrawn_at=moment(day, 0))


def _status_changed(person: Participant, day: datetime.date) -> None:
    Participant.objects.filter(pk=person.pk).update(status_changed_on=day)


def _registered(person: Participant, day: datetime.date) -> None:
    Participant.objects.filter(pk=person.pk).update(registered_on=day)


def _row_created(person: Participant, day: datetime.date) -> None:
    Participant.objects.filter(pk=person.pk).update(created_at=moment(day, 0))


def _away_until(person: Participant, day: datetime.date) -> None:
    Participant.objects.filter(pk=person.pk).update(paused_until=day)


SIGNS_OF_LIFE: list[Callable[[Participant, datetime.date], None]] = [
    _registered,
    _row_created,
    _status_changed,
    _ended_pair_newcomer,
    _ended_pair_established,
    _attendance,
    _message,
    _call,
    _check_in,
    _consent_given,
    _consent_withdrawn,
    _away_until,
]


@pytest.mark.parametrize("sign", SIGNS_OF_LIFE, ids=lambda f: f.__name__.strip("_"))
def test_each_sign_of_life_inside_the_period_keeps_the_person_and_outside_does_not(
    programme: Programme, sign: Callable[[Participant, datetime.date], None]
) -> None:
    inside = old_person(programme)
    outside = old_person(programme)
    sign(inside, FIRST_DAY_INSIDE)
    sign(outside, LAST_DAY_OUTSIDE)
    inside.refresh_from_db()
    kept = Participant.objects.filter(pk=inside.pk).values().get()

    purge_expired(now=NOW)

    assert Participant.objects.filter(pk=inside.pk).values().get() == kept
    assert is_erased(outside)
    assert (outside.first_name, str(outside.phone), outside.last_name) == ("", "", "")
    assert outside.erased_at == NOW


def test_a_person_inside_the_period_is_untouched_and_one_outside_is_anonymised(
    programme: Programme,
) -> None:
    recent = ParticipantFactory(programme=programme, registered_on=datetime.date(2025, 9, 1))
    active_lately = old_person(programme, notes="")
    _attendance(active_lately, datetime.date(2025, 2, 1))
    silent = old_person(programme, email="silent@example.org")
    untouched = list(
        Participant.objects.filter(pk__in=[recent.pk, active_lately.pk]).order_by("pk").values()
    )

    counts = purged()

    assert counts["people"] == 1
    assert is_erased(silent) and silent.email == ""
    assert (
        list(
            Participant.objects.filter(pk__in=[recent.pk, active_lately.pk]).order_by("pk").values()
        )
        == untouched
    )
    event = AuditEvent.objects.get(action="privacy.participant.erased")
    assert (event.object_id, event.actor_id, event.data["how"]) == (silent.pk, None, "retention")


@pytest.mark.parametrize("state", ["active", "paused", "proposed"])
def test_someone_in_an_open_pair_is_never_touched_however_old(
    programme: Programme, state: str
) -> None:
    newcomer = old_person(programme)
    established = old_person(programme, group="established")
    PairFactory(
        programme=programme,
        newcomer=newcomer,
        established=established,
        state=state,
        proposed_on=LONG_AGO,
        started_on=None if state == "proposed" else LONG_AGO,
        paused_on=LONG_AGO if state == "paused" else None,
    )

    assert purged()["people"] == 0
    assert not is_erased(newcomer) and not is_erased(established)
    assert newcomer.first_name and established.first_name


def test_the_programmes_own_retention_period_is_used(
    programme: Programme, other_programme: Programme
) -> None:
    PrivacySettings.objects.create(programme=programme, retention_months=12)
    here = old_person(programme)
    there = old_person(other_programme)
    for person in (here, there):
        _attendance(person, datetime.date(2025, 3, 1))  # 15 months ago

    result = purge_expired(now=NOW)

    assert (result.programmes["vi-ses"]["people"], result.programmes["norrkoping"]["people"]) == (
        1,
        0,
    )
    assert is_erased(here) and not is_erased(there)


def test_duplicates_and_erased_people_are_left_alone(programme: Programme) -> None:
    original = old_person(programme)
    _attendance(original, datetime.date(2026, 1, 1))
    duplicate = old_person(programme, possible_duplicate_of=original)

    assert purged()["people"] == 0
    assert not is_erased(duplicate)


def test_finding_the_expired_people_is_one_query_however_many(programme: Programme) -> None:
    for _ in range(3):
        _attendance(old_person(programme), datetime.date(2025, 1, 1))
        old_person(programme)
    with CaptureQueriesContext(connection) as few:
        assert len(list(expired_people(programme, since=FIRST_DAY_INSIDE))) == 3
    for _ in range(20):
        _attendance(old_person(programme), datetime.date(2025, 1, 1))
        old_person(programme)
    with CaptureQueriesContext(connection) as many:
        assert len(list(expired_people(programme, since=FIRST_DAY_INSIDE))) == 23
    assert len(few) == len(many) == 1


def test_notes_older_than_12_months_are_cleared(programme: Programme) -> None:
    # The rows are new (created now), so only the notes are at stake.
    def noted(written_on: datetime.date | None, updated: datetime.date) -> Participant:
        person = ParticipantFactory(programme=programme, notes="Ringer helst på kvällen.")
        Participant.objects.filter(pk=person.pk).update(
            notes_written_on=written_on, updated_at=moment(updated)
        )
        return person

    eleven = noted(datetime.date(2025, 7, 15), TODAY)
    thirteen = noted(datetime.date(2025, 5, 15), TODAY)
    undated_recent = noted(None, datetime.date(2025, 7, 15))
    undated_old = noted(None, datetime.date(2025, 5, 15))

    assert purged()["notes"] == 2

    for person, notes in [
        (eleven, "Ringer helst på kvällen."),
        (thirteen, ""),
        (undated_recent, "Ringer helst på kvällen."),
        (undated_old, ""),
    ]:
        person.refresh_from_db()
        assert person.notes == notes
        assert person.erased_at is None
    assert thirteen.notes_written_on is None
    assert eleven.notes_written_on == datetime.date(2025, 7, 15)


def test_import_files_go_after_7_days_and_abandoned_previews_are_deleted(
    programme: Programme,
) -> None:
    def batch(state: str, days: int) -> ImportBatch:
        made = ImportBatch.objects.create(
            programme=programme,
            filename=f"{state}-{days}.csv",
            content=b"first_name;phone\nAmal;+46701234567\n",
            state=state,
            error="row 2: Amal" if state == "failed" else "",
        )
        ImportBatch.objects.filter(pk=made.pk).update(
            created_at=NOW - datetime.timedelta(days=days)
        )
        return made

    done_6, done_8 = batch("done", 6), batch("done", 8)
    failed_8 = batch("failed", 8)
    preview_6, preview_8 = batch("previewed", 6), batch("previewed", 8)
    running_8 = batch("running", 8)

    counts = purged()

    assert (counts["import_files"], counts["abandoned_imports"]) == (2, 1)
    contents = dict(
        (b.pk, (bytes(b.content), b.error, b.filename)) for b in ImportBatch.objects.all()
    )
    assert contents[done_8.pk] == (b"", "", "done-8.csv")
    assert contents[failed_8.pk] == (b"", "", "failed-8.csv")
    for kept in (done_6, preview_6, running_8):
        assert contents[kept.pk][0].startswith(b"first_name")
    assert preview_8.pk not in contents


def test_leads_that_never_registered_are_blanked_after_6_months_and_still_counted(
    programme: Programme,
) -> None:
    def lead(months: int, **fields: Any) -> Lead:
        day = TODAY - relativedelta(months=months)
        made = LeadFactory(
            event=OutreachEventFactory(programme=programme, date=day),
            first_name="Samira",
            phone="+46701112233",
            interest="Vill prata om matlagning",
            **fields,
        )
        Lead.objects.filter(pk=made.pk).update(created_at=moment(day))
        return made

    five, seven = lead(5), lead(7)
    registered = lead(7, participant=ParticipantFactory(programme=programme))
    events = [five.event, seven.event, registered.event]
    funnels_before = event_funnels(events, today=TODAY)

    assert purged()["leads"] == 1

    rows = {x.pk: (x.first_name, str(x.phone or ""), x.interest) for x in Lead.objects.all()}
    assert rows[seven.pk] == ("", "", "")
    assert rows[five.pk] == ("Samira", "+46701112233", "Vill prata om matlagning")
    assert rows[registered.pk][0] == "Samira"
    assert event_funnels(events, today=TODAY) == funnels_before


def test_expired_sign_in_links_reminder_codes_and_sessions_are_deleted(
    programme: Programme,
) -> None:
    person = ParticipantFactory(programme=programme)
    for minutes in (-1, 1):
        SignInToken.objects.create(
            participant=person,
            purpose="sign_in",
            channel="sms",
            link_hash=f"{minutes:+}".ljust(64, "x"),
            code_hash="y" * 64,
            created_at=NOW - datetime.timedelta(minutes=30),
            expires_at=NOW + datetime.timedelta(minutes=minutes),
        )
        ReminderCode.objects.create(
            participant=person,
            activity=ActivityFactory(programme=programme),
            code_hash="z" * 64,
            expires_at=NOW + datetime.timedelta(minutes=minutes),
        )
    for minutes in (-1, 1):
        store = SessionStore()
        store["who"] = minutes
        store.create()
        DjangoSession.objects.filter(session_key=store.session_key).update(
            expire_date=NOW + datetime.timedelta(minutes=minutes)
        )

    result = purge_expired(now=NOW)

    counts = result.programmes["vi-ses"]
    assert (counts["sign_in_links"], counts["reminder_codes"], result.sessions) == (1, 1, 1)
    assert SignInToken.objects.get().expires_at > NOW
    assert ReminderCode.objects.get().expires_at > NOW
    assert DjangoSession.objects.get().expire_date > NOW


def _everything(programme: Programme) -> dict[str, list[Any]]:
    """Every row the purge may touch, as stored."""
    return {
        "participants": list(Participant.objects.order_by("pk").values()),
        "leads": list(Lead.objects.order_by("pk").values()),
        "batches": [
            {**row, "content": bytes(row["content"])}
            for row in ImportBatch.objects.order_by("pk").values()
        ],
        "messages": list(Message.objects.order_by("pk").values()),
        "tokens": list(SignInToken.objects.order_by("pk").values()),
        "audit": list(AuditEvent.objects.order_by("pk").values()),
    }


def _a_bit_of_everything(programme: Programme) -> None:
    old_person(programme, notes="Gammal anteckning")
    kept = old_person(programme, notes="Ny anteckning", notes_written_on=datetime.date(2026, 1, 1))
    _attendance(kept, datetime.date(2026, 1, 1))
    _message(old_person(programme), LAST_DAY_OUTSIDE)
    LeadFactory(event=OutreachEventFactory(programme=programme, date=LONG_AGO), first_name="Ali")
    Lead.objects.update(created_at=moment(LONG_AGO))
    ImportBatch.objects.create(programme=programme, filename="a.csv", content=b"x", state="done")
    ImportBatch.objects.update(created_at=moment(LONG_AGO))


def test_a_second_run_does_nothing_and_prints_zeros(programme: Programme) -> None:
    _a_bit_of_everything(programme)
    first = io.StringIO()
    call_command("purge_expired", "--now", NOW.isoformat(), stdout=first)
    after_first = _everything(programme)
    second = io.StringIO()
    call_command("purge_expired", "--now", NOW.isoformat(), stdout=second)

    assert first.getvalue().splitlines()[0] == (
        "purge_expired: vi-ses: 2 people anonymised, 0 notes cleared, 1 import files emptied, "
        "0 abandoned imports deleted, 1 leads blanked, 0 sign-in links deleted, "
        "0 reminder codes deleted"
    )
    assert second.getvalue().splitlines() == [
        "purge_expired: vi-ses: 0 people anonymised, 0 notes cleared, 0 import files emptied, "
        "0 abandoned imports deleted, 0 leads blanked, 0 sign-in links deleted, "
        "0 reminder codes deleted",
        "purge_expired: 0 expired sessions deleted",
    ]
    assert _everything(programme) == after_first
    done = AuditEvent.objects.get(action="privacy.purge.done")
    assert done.data["counts"]["people"] == 2


def test_it_prints_counts_only(programme: Programme) -> None:
    old_person(programme, first_name="Hamid", last_name="Uniquename", email="hamid@example.org")
    out = io.StringIO()
    call_command("purge_expired", "--now", NOW.isoformat(), stdout=out)
    printed = out.getvalue()
    assert "1 people anonymised" in printed
    assert not [word for word in ("Hamid", "Uniquename", "hamid@", "+4670") if word in printed]


def test_tick_runs_the_purge_once_a_day(programme: Programme) -> None:
    first = old_person(programme)
    out = io.StringIO()
    call_command("tick", "--now", NOW.isoformat(), stdout=out)
    assert is_erased(first)
    assert "purge_expired: vi-ses: 1 people anonymised" in out.getvalue()

    second = old_person(programme)
    later = io.StringIO()
    call_command("tick", "--now", (NOW + datetime.timedelta(hours=3)).isoformat(), stdout=later)
    assert "tick: purge_expired ran already on 2026-06-15" in later.getvalue()
    assert not is_erased(second)

    call_command("tick", "--now", (NOW + datetime.timedelta(days=1)).isoformat(), stdout=out)
    assert is_erased(second)
    assert list(
        TickRun.objects.filter(job="purge_expired").order_by("day").values_list("day", flat=True)
    ) == [TODAY, TODAY + datetime.timedelta(days=1)]


# Where the notes' retention clock is set: every place staff write notes.


def test_editing_notes_dates_them_and_other_edits_do_not(
    programme: Programme, coordinator: User
) -> None:
    person = ParticipantFactory(programme=programme)
    assert person.notes_written_on is None

    update_participant(person, values={"notes": "Har bytt nummer."}, changed_by=coordinator)
    person.refresh_from_db()
    written = person.notes_written_on
    assert written is not None

    Participant.objects.filter(pk=person.pk).update(notes_written_on=datetime.date(2025, 1, 1))
    person.refresh_from_db()
    update_participant(person, values={"first_name": "Nour"}, changed_by=coordinator)
    person.refresh_from_db()
    assert person.notes_written_on == datetime.date(2025, 1, 1)

    update_participant(person, values={"notes": ""}, changed_by=coordinator)
    person.refresh_from_db()
    assert person.notes_written_on is None


def test_registering_or_importing_with_notes_dates_them(
    programme: Programme, coordinator: User
) -> None:
    with_notes = register_participant(
        programme=programme,
        group="newcomer",
        values={"first_name": "Leyla", "notes": "Kom via SFI."},
        source="staff",
        recorded_by=coordinator,
    )
    without = register_participant(
        programme=programme, group="newcomer", values={"first_name": "Omid"}, source="staff"
    )
    assert with_notes.notes_written_on is not None
    assert without.notes_written_on is None

    values = {
        "external_id": "K-1",
        "first_name": "Aya",
        "last_name": "",
        "notes": "Importerad anteckning",
        "group": "newcomer",
        "gender": "woman",
        "birth_year": None,
        "registered_on": datetime.date(2026, 1, 5),
        "phone": "",
        "email": "",
        "district": None,
        "languages": 0,
        "interests": 0,
        "availability": 0,
        "swedish_level": None,
        "wish_gender": "",
        "wish_age_min": None,
        "wish_age_max": None,
        "is_family": False,
        "accepts_family": False,
        "capacity": 1,
        "source": "import",
        "status": "waiting",
    }
    import_rows(programme, [CheckedRow(2, values)], imported_by=coordinator)
    imported = Participant.objects.get(external_id="K-1")
    assert imported.notes_written_on is not None
    Participant.objects.filter(pk=imported.pk).update(notes_written_on=None)
    import_rows(programme, [CheckedRow(2, {**values, "notes": "Ny"})], imported_by=coordinator)
    imported.refresh_from_db()
    assert (imported.notes, imported.notes_written_on is not None) == ("Ny", True)
