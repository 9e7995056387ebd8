"""Long imports run in the real database task worker (django-tasks-db's db_worker)."""

from typing import Any

import pytest
from django.core.management import call_command

from sprakvan.core.models import Programme
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tasks import run_import_batch

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_enqueued_import_waits_for_the_worker_and_the_worker_runs_it(
    programme: Programme, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    content = "external_id,group,first_name,registered_on\nW1,newcomer,Wafa,2019-05-05\n"
    batch = ImportBatch.objects.create(
        programme=programme, filename="w.csv", content=content.encode(), state="running", total=1
    )

    result = run_import_batch.enqueue(batch.pk)
    assert not Participant.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    batch.refresh_from_db()
    assert batch.state == "done"
    assert Participant.objects.get().first_name == "Wafa"
    result.refresh()
    assert result.status == "SUCCESSFUL"
