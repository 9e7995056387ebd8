"""Consent per channel: current rows, who may be messaged, giving, withdrawing, the migration
that split the old flags, and the hook list called after a registration."""

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.participants import hooks
from sprakvan.participants.consents import (
    current_consent,
    give_consent,
    may_message,
    withdraw_consent,
)
from sprakvan.participants.models import Channel, Consent, ConsentPurpose, Participant, Status
from sprakvan.participants.services import register_participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory

MARCH = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)
MESSAGES = ConsentPurpose.MESSAGES


@pytest.fixture
def amina(programme: Programme) -> Participant:
    return ParticipantFactory(programme=programme, first_name="Amina", email="amina@example.org")


def _agree(person: Participant, channel: str, at: datetime.datetime = MARCH) -> Consent:
    return give_consent(person, purpose=MESSAGES, channel=channel, text_version="2026-01", at=at)


def test_give_consent_records_purpose_channel_text_and_date(
    amina: Participant, coordinator: User
) -> None:
    consent = give_consent(
        amina,
        purpose=MESSAGES,
        channel=Channel.SMS,
        text_version="2026-01",
        at=MARCH,
        recorded_by=coordinator,
    )

    consent.refresh_from_db()
    assert (consent.purpose, consent.channel, consent.text_version) == (
        "messages",
        "sms",
        "2026-01",
    )
    assert (consent.given_at, consent.withdrawn_at, consent.recorded_by) == (
        MARCH,
        None,
        coordinator,
    )


def test_current_consent_is_the_newest_row_of_that_purpose_and_channel_not_withdrawn(
    amina: Participant,
) -> None:
    older = _agree(amina, Channel.SMS, MARCH)
    newer = _agree(amina, Channel.SMS, APRIL)
    _agree(amina, Channel.EMAIL, datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))

    assert current_consent(amina, purpose=MESSAGES, channel=Channel.SMS) == newer
    Consent.objects.filter(pk=newer.pk).update(withdrawn_at=APRIL)
    assert current_consent(amina, purpose=MESSAGES, channel=Channel.SMS) == older
    assert current_consent(amina, purpose=ConsentPurpose.REGISTRATION) is None


def test_may_message_needs_a_current_message_consent_for_that_very_channel(
    amina: Participant,
) -> None:
    give_consent(amina, purpose=ConsentPurpose.REGISTRATION, text_version="2026-01", at=MARCH)
    assert not may_message(amina, channel=Channel.SMS)

    _agree(amina, Channel.SMS)

    assert may_message(amina, channel=Channel.SMS)
    assert not may_message(amina, channel=Channel.EMAIL)


def test_may_message_is_false_for_someone_who_has_left_or_been_erased(
    amina: Participant,
) -> None:
    _agree(amina, Channel.SMS)
    amina.status = Status.LEFT
    assert not may_message(amina, channel=Channel.SMS)

    amina.status = Status.MATCHED
    assert may_message(amina, channel=Channel.SMS)
    amina.erased_at = APRIL
    assert not may_message(amina, channel=Channel.SMS)


def test_withdrawing_sms_dates_every_current_sms_row_and_keeps_e_mail(
    amina: Participant, coordinator: User
) -> None:
    _agree(amina, Channel.SMS, MARCH)
    _agree(amina, Channel.SMS, APRIL)
    earlier = ConsentFactory(
        participant=amina, purpose=MESSAGES, channel=Channel.SMS, withdrawn_at=MARCH
    )
    email = _agree(amina, Channel.EMAIL)
    now = datetime.datetime(2026, 6, 1, 9, 30, tzinfo=datetime.UTC)

    count = withdraw_consent(amina, channel=Channel.SMS, at=now, recorded_by=coordinator)

    assert count == 2
    assert not may_message(amina, channel=Channel.SMS)
    assert may_message(amina, channel=Channel.EMAIL)
    sms_rows = Consent.objects.filter(participant=amina, channel=Channel.SMS).exclude(pk=earlier.pk)
    assert [c.withdrawn_at for c in sms_rows] == [now, now]
    earlier.refresh_from_db()
    email.refresh_from_db()
    assert (earlier.withdrawn_at, email.withdrawn_at) == (MARCH, None)


def test_withdrawing_writes_one_audit_event_with_ids_and_channel_only(
    amina: Participant, coordinator: User
) -> None:
    _agree(amina, Channel.EMAIL)

    withdraw_consent(amina, channel=Channel.EMAIL, at=APRIL, recorded_by=coordinator)
    assert withdraw_consent(amina, channel=Channel.EMAIL, at=APRIL) == 0

    event = AuditEvent.objects.get(action="participants.consent.withdrawn")
    assert (event.programme_id, event.actor_id, event.object_id) == (
        amina.programme_id,
        coordinator.pk,
        amina.pk,
    )
    assert event.data["channel"] == "email"
    assert "amina" not in str(event.data).lower()


def test_registration_writes_a_registration_row_and_one_message_row_per_channel(
    programme: Programme,
) -> None:
    person = register_participant(
        programme=programme,
        group="newcomer",
        values={"first_name": "Hodan", "phone": "+46701234567", "email": "h@example.org"},
        consent_email=True,
        consent_sms=True,
    )

    rows = Consent.objects.filter(participant=person)
    assert sorted((c.purpose, c.channel) for c in rows) == [
        ("messages", "email"),
        ("messages", "sms"),
        ("registration", ""),
    ]
    assert len({c.given_at for c in rows}) == 1
    assert may_message(person, channel=Channel.EMAIL) and may_message(person, channel=Channel.SMS)


@pytest.fixture
def seen() -> Iterator[list[tuple[Participant, bool, bool]]]:
    """A hook that notes each participant it is called with, whether it was already saved and
    whether it could already be sent an SMS."""
    calls: list[tuple[Participant, bool, bool]] = []

    def hook(participant: Participant) -> None:
        saved = Participant.objects.filter(pk=participant.pk).exists()
        calls.append((participant, saved, may_message(participant, channel=Channel.SMS)))

    hooks.after_registration.append(hook)
    yield calls
    hooks.after_registration.remove(hook)


def test_a_registration_calls_each_hook_once_with_the_saved_participant_and_its_consents(
    programme: Programme, seen: list[tuple[Participant, bool, bool]]
) -> None:
    person = register_participant(
        programme=programme,
        group="newcomer",
        values={"first_name": "Hodan", "phone": "+46701234567"},
        consent_sms=True,
    )

    assert seen == [(person, True, True)]


def test_a_failing_hook_undoes_the_registration_it_was_called_inside(
    programme: Programme,
) -> None:
    def hook(participant: Participant) -> None:
        raise RuntimeError("the hook failed")

    hooks.after_registration.append(hook)
    try:
        with pytest.raises(RuntimeError):
            register_participant(programme=programme, group="newcomer", values={"first_name": "H"})
    finally:
        hooks.after_registration.remove(hook)

    assert not Participant.objects.filter(programme=programme).exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_splits_the_old_channel_flags_into_dated_rows_and_folds_them_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("participants", "0003_outreachevent_moved_to_organisations")])
    old = executor.loader.project_state(
        [("participants", "0003_outreachevent_moved_to_organisations")]
    ).apps
    programme = old.get_model("core", "Programme").objects.create(name="Vi ses", slug="vi-ses")
    sara = old.get_model("accounts", "User").objects.create(email="sara@example.org")
    person = old.get_model("participants", "Participant").objects.create(
        programme=programme, group="newcomer", first_name="Amal", registered_on="2019-03-01"
    )
    OldConsent = old.get_model("participants", "Consent")
    given = datetime.datetime(2019, 3, 1, 12, 5, 7, tzinfo=datetime.UTC)
    withdrawn = datetime.datetime(2020, 1, 2, 8, tzinfo=datetime.UTC)
    common = {"participant": person, "text_version": "2019-01", "given_at": given}
    registration = OldConsent.objects.create(
        purpose="registration", by_email=True, by_sms=True, recorded_by=sara, **common
    )
    both = OldConsent.objects.create(
        purpose="messages", by_email=True, by_sms=True, withdrawn_at=withdrawn, **common
    )
    neither = OldConsent.objects.create(purpose="messages", **common)
    plain = OldConsent.objects.create(
        purpose="registration",
        text_version="x",
        **{k: v for k, v in common.items() if k != "text_version"},
    )

    try:
        executor = MigrationExecutor(connection)
        executor.migrate([("participants", "0006_consent_drop_flags")])
        new = executor.loader.project_state([("participants", "0006_consent_drop_flags")]).apps
        rows = {
            (c.purpose, c.channel, c.recorded_by_id, c.withdrawn_at): c
            for c in new.get_model("participants", "Consent").objects.all()
        }
        assert sorted(rows, key=str) == sorted(
            [
                ("registration", "", sara.pk, None),
                ("registration", "", None, None),
                ("messages", "email", sara.pk, None),
                ("messages", "sms", sara.pk, None),
                ("messages", "email", None, withdrawn),
                ("messages", "sms", None, withdrawn),
                ("messages", "", None, None),
            ],
            key=str,
        )
        assert all(c.given_at == given and c.participant_id == person.pk for c in rows.values())
        assert rows[("registration", "", sara.pk, None)].pk == registration.pk
        assert rows[("messages", "email", None, withdrawn)].pk == both.pk
        assert rows[("messages", "", None, None)].pk == neither.pk
        assert rows[("registration", "", None, None)].text_version == "x"

        executor = MigrationExecutor(connection)
        executor.migrate([("participants", "0003_outreachevent_moved_to_organisations")])
        folded = {
            c.pk: (c.purpose, c.by_email, c.by_sms, c.recorded_by_id, c.withdrawn_at, c.given_at)
            for c in OldConsent.objects.all()
        }
        assert folded == {
            registration.pk: ("registration", True, True, sara.pk, None, given),
            both.pk: ("messages", True, True, None, withdrawn, given),
            neither.pk: ("messages", False, False, None, None, given),
            plain.pk: ("registration", False, False, None, None, given),
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
