"""An import whose worker died shows as failed on its page and can be retried to done."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core import jobs
from sprakvan.core.models import JobHeartbeat, Programme
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tasks import IMPORT

pytestmark = pytest.mark.django_db
GOOD = b"external_id,group,first_name,registered_on\nW1,newcomer,Wafa,2019-05-05\n"


def running_batch(programme: Programme, *, last_beat: datetime.timedelta) -> ImportBatch:
    batch = ImportBatch.objects.create(
        programme=programme, filename="w.csv", content=GOOD, state="running", total=1
    )
    now = timezone.now()
    JobHeartbeat.objects.create(
        kind=IMPORT.name,
        object_id=batch.pk,
        queued_at=now - datetime.timedelta(hours=2),
        started_at=now - datetime.timedelta(hours=1),
        beat_at=now - last_beat,
    )
    return batch


def test_an_import_whose_worker_stopped_beating_shows_as_failed_with_a_retry_button(
    coordinator: User, client_for: Any, programme: Programme
) -> None:
    batch = running_batch(programme, last_beat=jobs.STALE_AFTER + datetime.timedelta(minutes=1))

    page = client_for(coordinator).get(reverse("participants:import_progress", args=[batch.pk]))

    html = page.content.decode()
    assert "The import failed and nothing was saved" in html
    assert "worker stopped" in html
    assert reverse("participants:import_retry", args=[batch.pk]) in html
    assert 'hx-trigger="every 1s"' not in html
    batch.refresh_from_db()
    assert batch.state == "failed"


def test_retrying_a_failed_import_runs_it_to_done(
    coordinator: User,
    client_for: Any,
    programme: Programme,
    django_capture_on_commit_callbacks: Any,
) -> None:
    batch = running_batch(programme, last_beat=datetime.timedelta(hours=1))
    client: Client = client_for(coordinator)
    client.get(reverse("participants:import_progress", args=[batch.pk]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("participants:import_retry", args=[batch.pk]))

    assert response["Location"] == reverse("participants:import_progress", args=[batch.pk])
    batch.refresh_from_db()
    assert (batch.state, batch.created) == ("done", 1)
    assert Participant.objects.get().first_name == "Wafa"
    assert "1 new" in client.get(response["Location"]).content.decode()


def test_an_import_with_a_fresh_heartbeat_stays_running(
    coordinator: User, client_for: Any, programme: Programme
) -> None:
    batch = running_batch(programme, last_beat=datetime.timedelta(seconds=5))

    page = client_for(coordinator).get(reverse("participants:import_progress", args=[batch.pk]))

    assert "Imported 0 of 1 rows" in page.content.decode()
    batch.refresh_from_db()
    assert batch.state == "running"


def test_a_running_import_is_not_retried(
    coordinator: User, client_for: Any, programme: Programme
) -> None:
    batch = running_batch(programme, last_beat=datetime.timedelta(seconds=5))

    client_for(coordinator).post(reverse("participants:import_retry", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == "running"
    assert not Participant.objects.exists()


def test_retry_refuses_get(coordinator: User, client_for: Any, programme: Programme) -> None:
    batch = running_batch(programme, last_beat=datetime.timedelta(hours=1))

    response = client_for(coordinator).get(reverse("participants:import_retry", args=[batch.pk]))

    assert response.status_code == 405


def test_another_programme_s_coordinator_cannot_retry(
    outsider: User, client_for: Any, programme: Programme
) -> None:
    batch = running_batch(programme, last_beat=datetime.timedelta(hours=1))
    ImportBatch.objects.filter(pk=batch.pk).update(state="failed")

    response = client_for(outsider).post(reverse("participants:import_retry", args=[batch.pk]))

    assert response.status_code == 404
    batch.refresh_from_db()
    assert batch.state == "failed"
