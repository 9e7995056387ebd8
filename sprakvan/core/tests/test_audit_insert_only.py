"""The audit log is insert-only: the model and queryset refuse changes, and on PostgreSQL a
trigger refuses UPDATE and DELETE unless a migration set the maintenance flag."""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, connection, transaction

from sprakvan.core.audit import log_action
from sprakvan.core.models import AuditEvent, AuditLogIsInsertOnly, Programme

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The trigger exists on PostgreSQL only; CI's PostgreSQL pass runs this test.",
)


@pytest.fixture
def event(programme: Programme, coordinator: AbstractBaseUser) -> AuditEvent:
    return log_action("participants.participant.viewed", programme=programme, actor=coordinator)


def test_saving_an_existing_event_again_is_refused(event: AuditEvent) -> None:
    event.action = "participants.participant.changed"

    with pytest.raises(AuditLogIsInsertOnly):
        event.save()

    assert AuditEvent.objects.get().action == "participants.participant.viewed"


def test_saving_a_copy_with_an_existing_id_is_refused(event: AuditEvent) -> None:
    copy = AuditEvent(pk=event.pk, action="access.denied", programme=event.programme)

    with pytest.raises(AuditLogIsInsertOnly):
        copy.save()

    assert AuditEvent.objects.get().action == "participants.participant.viewed"


def test_deleting_an_event_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsInsertOnly):
        event.delete()

    assert AuditEvent.objects.count() == 1


def test_the_querysets_update_and_delete_are_refused(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsInsertOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AuditLogIsInsertOnly):
        AuditEvent.objects.all().delete()
    # bulk_update runs in a transaction of its own; keep the test's usable after it fails.
    with pytest.raises(AuditLogIsInsertOnly), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])

    assert AuditEvent.objects.get().action == "participants.participant.viewed"


def test_new_events_are_still_inserted(event: AuditEvent, programme: Programme) -> None:
    log_action("access.denied", programme=programme, status=403)

    assert AuditEvent.objects.count() == 2


def _run_in_a_transaction(*statements: str, pk: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, [pk] if "%s" in statement else None)


UPDATE = "UPDATE core_auditevent SET action = 'redacted' WHERE id = %s"
DELETE = "DELETE FROM core_auditevent WHERE id = %s"


@on_postgresql
def test_the_database_refuses_a_raw_update_or_delete_without_the_maintenance_flag(
    event: AuditEvent,
) -> None:
    with pytest.raises(DatabaseError, match="insert-only"):
        _run_in_a_transaction(UPDATE, pk=event.pk)
    with pytest.raises(DatabaseError, match="insert-only"):
        _run_in_a_transaction(DELETE, pk=event.pk)
    with pytest.raises(DatabaseError, match="insert-only"):
        _run_in_a_transaction("SET LOCAL sprakvan.audit_maintenance = 'off'", UPDATE, pk=event.pk)

    assert AuditEvent.objects.get().action == "participants.participant.viewed"


@on_postgresql
def test_a_migration_with_the_maintenance_flag_may_change_the_log(event: AuditEvent) -> None:
    _run_in_a_transaction("SET LOCAL sprakvan.audit_maintenance = 'on'", UPDATE, pk=event.pk)

    assert AuditEvent.objects.get().action == "redacted"
