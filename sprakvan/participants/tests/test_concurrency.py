"""The optimistic lock itself: versions, the check in a service, and two saves at once."""

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from sprakvan.core.concurrency import (
    EditConflict,
    changed_since,
    lock_unchanged,
    version_of,
)
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.services import update_participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_row_loaded_twice_has_the_same_version(programme: Programme) -> None:
    amina = ParticipantFactory(programme=programme)

    assert version_of(Participant.objects.get(pk=amina.pk)) == version_of(amina)


def test_changed_since_names_exactly_the_fields_someone_else_changed(
    programme: Programme,
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina", notes="")
    version = version_of(amina)
    Participant.objects.filter(pk=amina.pk).update(first_name="Aminah", notes="Phoned")

    assert changed_since(Participant.objects.get(pk=amina.pk), version) == ["first_name", "notes"]


def test_a_version_that_is_not_one_counts_as_every_field_changed(programme: Programme) -> None:
    amina = ParticipantFactory(programme=programme)

    assert "first_name" in changed_since(amina, "not-a-version")


def test_the_check_raises_a_conflict_carrying_the_row_as_it_is_now(
    programme: Programme,
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina")
    version = version_of(amina)
    Participant.objects.filter(pk=amina.pk).update(first_name="Aminah")

    with pytest.raises(EditConflict) as raised, transaction.atomic():
        lock_unchanged(amina, version=version)

    assert raised.value.changed == ["first_name"]
    assert isinstance(raised.value.current, Participant)
    assert raised.value.current.first_name == "Aminah"
    assert raised.value.version == version_of(Participant.objects.get(pk=amina.pk))


def test_the_check_ignores_changes_outside_the_fields_the_form_writes(
    programme: Programme,
) -> None:
    amina = ParticipantFactory(programme=programme, status="waiting")
    version = version_of(amina)
    Participant.objects.filter(pk=amina.pk).update(status="matched")

    with transaction.atomic():
        current = lock_unchanged(amina, version=version, fields={"first_name", "notes"})

    assert current.status == "matched"


def test_a_service_refusing_a_conflict_writes_nothing(
    programme: Programme, coordinator: Any
) -> None:
    amina = ParticipantFactory(programme=programme, first_name="Amina", notes="")
    version = version_of(amina)
    Participant.objects.filter(pk=amina.pk).update(first_name="Aminah")

    with pytest.raises(EditConflict):
        update_participant(
            amina, values={"notes": "Prefers evenings"}, changed_by=coordinator, version=version
        )

    amina.refresh_from_db()
    assert (amina.first_name, amina.notes) == ("Aminah", "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need a server database")
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_from_the_same_version_let_exactly_one_through(
    programme: Programme, coordinator: Any
) -> None:
    amina = ParticipantFactory(programme=programme, notes="")
    version = version_of(amina)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(note: str) -> None:
        try:
            start.wait()
            update_participant(
                Participant.objects.get(pk=amina.pk),
                values={"notes": note},
                changed_by=coordinator,
                version=version,
            )
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "saved"]
    assert Participant.objects.get(pk=amina.pk).notes in {"First", "Second"}
