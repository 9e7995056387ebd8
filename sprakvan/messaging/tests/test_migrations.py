"""Migrations that change data: a new kind is switched on for the programmes that exist."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def test_session_changed_is_switched_on_for_existing_programmes() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("messaging", "0001_initial")])
    old = executor.loader.project_state([("messaging", "0001_initial")]).apps
    programme = old.get_model("core", "Programme").objects.create(name="P", slug="p")
    old.get_model("messaging", "MessagingSettings").objects.create(
        programme=programme, kinds_enabled=["receipt", "reminder"]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from sprakvan.messaging.models import MessagingSettings

    assert MessagingSettings.objects.get(programme_id=programme.pk).kinds_enabled == [
        "receipt",
        "reminder",
        "session_changed",
    ]
