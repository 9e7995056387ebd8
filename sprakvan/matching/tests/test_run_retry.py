"""A background matching run whose worker died shows as failed and can be retried to done."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core import jobs
from sprakvan.core.models import JobHeartbeat, Programme
from sprakvan.matching.models import ProposalRun
from sprakvan.matching.services import update_settings
from sprakvan.matching.tasks import RUN
from sprakvan.participants.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_pool(programme: Programme, coordinator: User) -> None:
    update_settings(programme, weights={}, changed_by=coordinator)
    programme.matching_settings.background_from = 0
    programme.matching_settings.save()


def dead_run(programme: Programme) -> ProposalRun:
    run = ProposalRun.objects.create(
        programme=programme, today=datetime.date(2019, 6, 1), state="running", percent=40
    )
    now = timezone.now()
    JobHeartbeat.objects.create(
        kind=RUN.name,
        object_id=run.pk,
        queued_at=now - datetime.timedelta(hours=1),
        started_at=now - datetime.timedelta(hours=1),
        beat_at=now - jobs.STALE_AFTER - datetime.timedelta(minutes=1),
    )
    return run


def test_a_run_whose_worker_died_shows_as_failed_with_a_retry_button(
    client_for: Any,
    coordinator: User,
    programme: Programme,
    large_pool: None,
    newcomer: Participant,
) -> None:
    run = dead_run(programme)

    html = client_for(coordinator).get(reverse("matching:proposals")).content.decode()

    assert "The last matching failed" in html
    assert reverse("matching:proposal_run_retry", args=[run.pk]) in html
    run.refresh_from_db()
    assert run.state == "failed"


def test_tick_fails_the_dead_run_and_retry_runs_it_to_done(
    client_for: Any,
    coordinator: User,
    programme: Programme,
    large_pool: None,
    newcomer: Participant,
    volunteer: Participant,
    django_capture_on_commit_callbacks: Any,
) -> None:
    run = dead_run(programme)
    call_command("tick")
    run.refresh_from_db()
    assert run.state == "failed"

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("matching:proposal_run_retry", args=[run.pk])
        )

    assert response["Location"] == reverse("matching:proposals")
    run.refresh_from_db()
    assert (run.state, run.percent) == ("done", 100)
    assert [p["newcomer_id"] for p in run.proposals] == [newcomer.pk]


def test_a_beating_run_stays_running(
    client_for: Any, coordinator: User, programme: Programme, large_pool: None
) -> None:
    run = dead_run(programme)
    JobHeartbeat.objects.update(beat_at=timezone.now())

    status = client_for(coordinator).get(reverse("matching:proposal_run_status", args=[run.pk]))

    assert "<progress" in status.content.decode()
    run.refresh_from_db()
    assert run.state == "running"


def test_retrying_a_run_refuses_get_and_another_programme(
    client_for: Any, coordinator: User, outsider: User, programme: Programme
) -> None:
    run = dead_run(programme)
    url = reverse("matching:proposal_run_retry", args=[run.pk])

    assert client_for(coordinator).get(url).status_code == 405
    assert client_for(outsider).post(url).status_code == 404
