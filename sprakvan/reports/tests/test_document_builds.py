"""The partner-dialogue PDF and Word files are built by the worker, with progress, and kept
until the data or the texts change."""

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sprakvan.accounts.models import User
from sprakvan.core import jobs
from sprakvan.core.models import JobHeartbeat
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.reports.models import DocumentBuild, Goal
from sprakvan.reports.services import save_document_text, save_goal
from sprakvan.reports.tasks import BUILD
from sprakvan.reports.tests.fetch import fetch_document

from .conftest import KNOWN_NAME, KNOWN_PHONE, World

pytestmark = pytest.mark.django_db

PERIOD = "?start=2019-01-01&end=2019-12-31"
PDF_URL = reverse("reports:document_download", args=["pdf"]) + PERIOD


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _write(world: World, coordinator: User, summary: str) -> None:
    save_document_text(
        programme=world.programme,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        values={"summary": summary},
        saved_by=coordinator,
    )


def test_asking_for_the_pdf_queues_a_build_and_shows_its_progress_then_the_file(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.get(PDF_URL)

    assert response.status_code == 200
    assert not response.has_header("Content-Disposition")
    build = DocumentBuild.objects.get()
    assert (build.state, build.format, build.suppressed) == ("queued", "pdf", False)
    html = response.content.decode()
    assert 'role="status"' in html
    assert reverse("reports:document_build", args=[build.pk]) in html  # polled by htmx
    assert len(queued) == 1

    queued[0]()  # the worker takes it up (the tests' task backend runs it at once)

    build.refresh_from_db()
    assert (build.state, build.percent) == ("done", 100)
    response = client.get(PDF_URL)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="partssamtal-' in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Vi ses! Språkvänner" in text
    assert "10 (6" in text and "8 (5" in text  # 10 newcomers (6 women …), 8 established


def test_a_second_request_gets_the_kept_file_without_a_second_build(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(coordinator)
    first = fetch_document(client, "pdf", PERIOD)
    build = DocumentBuild.objects.get()

    with django_assert_max_num_queries(28):
        second = client.get(PDF_URL)

    assert second.content == first.content
    assert DocumentBuild.objects.get().pk == build.pk
    assert DocumentBuild.objects.get().finished_at == build.finished_at


def test_new_data_makes_the_next_request_build_anew(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    assert "10 (6" in _pdf_text(fetch_document(client, "pdf", PERIOD).content)
    old = DocumentBuild.objects.get()
    ParticipantFactory(
        programme=world.programme,
        group="newcomer",
        gender="woman",
        registered_on=datetime.date(2019, 4, 1),
    )

    text = _pdf_text(fetch_document(client, "pdf", PERIOD).content)

    assert "11 (7" in text
    new = DocumentBuild.objects.get()  # the stale file went when the new one was asked for
    assert new.pk != old.pk and new.inputs_key != old.inputs_key


def test_a_changed_text_makes_the_next_request_build_anew(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    _write(world, coordinator, "Partnerskapet fungerar bra.")
    assert "Partnerskapet fungerar bra." in _pdf_text(fetch_document(client, "pdf", PERIOD).content)

    _write(world, coordinator, "Partnerskapet växer.")

    text = _pdf_text(fetch_document(client, "pdf", PERIOD).content)
    assert "Partnerskapet växer." in text and "fungerar bra" not in text


def test_a_changed_goal_a_row_without_a_timestamp_makes_the_next_request_build_anew(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    goal = save_goal(
        goal=Goal(
            programme=world.programme,
            year=2019,
            title="Fler språkvänner",
            kind="more_than_last_year",
            measure="new_pairs",
        ),
        saved_by=coordinator,
    )
    client = client_for(coordinator)
    assert "Fler språkvänner" in _pdf_text(fetch_document(client, "pdf", PERIOD).content)

    goal.title = "Många fler språkvänner"
    save_goal(goal=goal, saved_by=coordinator)

    assert "Många fler språkvänner" in _pdf_text(fetch_document(client, "pdf", PERIOD).content)


def test_the_word_file_is_built_and_kept_apart_from_the_pdf(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    fetch_document(client, "pdf", PERIOD)
    response = fetch_document(client, "docx", PERIOD)

    assert response.content[:2] == b"PK"
    assert sorted(DocumentBuild.objects.values_list("format", flat=True)) == ["docx", "pdf"]


def test_a_partner_viewer_gets_a_suppressed_build_of_their_own_and_never_the_coordinators(
    world: World,
    coordinator: User,
    partner_viewer: User,
    client_for: Callable[[User], Client],
) -> None:
    fetch_document(client_for(coordinator), "pdf", PERIOD)
    exact = DocumentBuild.objects.get()
    viewer = client_for(partner_viewer)

    text = _pdf_text(fetch_document(viewer, "pdf", PERIOD).content)

    assert KNOWN_NAME not in text and KNOWN_PHONE not in text
    ours = DocumentBuild.objects.exclude(pk=exact.pk).get()
    assert ours.suppressed and not exact.suppressed
    assert viewer.get(reverse("reports:document_build", args=[exact.pk])).status_code == 404
    assert viewer.get(reverse("reports:document_build", args=[ours.pk])).status_code == 200


def test_another_programmes_coordinator_gets_404_on_a_build(
    world: World, coordinator: User, outsider: User, client_for: Callable[[User], Client]
) -> None:
    fetch_document(client_for(coordinator), "pdf", PERIOD)
    build = DocumentBuild.objects.get()
    client = client_for(outsider)

    assert client.get(reverse("reports:document_build", args=[build.pk])).status_code == 404
    retry = client.post(reverse("reports:document_build_retry", args=[build.pk]))
    assert retry.status_code == 404


def test_a_leader_may_not_ask_for_the_document(
    world: World, leader: User, client_for: Callable[[User], Client]
) -> None:
    assert client_for(leader).get(PDF_URL).status_code == 403
    assert not DocumentBuild.objects.exists()


def _dead_build(world: World) -> DocumentBuild:
    """A build whose worker stopped beating long ago."""
    build = DocumentBuild.objects.get()
    DocumentBuild.objects.filter(pk=build.pk).update(state="running", percent=10)
    now = timezone.now()
    JobHeartbeat.objects.update_or_create(
        kind=BUILD.name,
        object_id=build.pk,
        defaults={
            "queued_at": now - datetime.timedelta(hours=1),
            "started_at": now - datetime.timedelta(hours=1),
            "beat_at": now - jobs.STALE_AFTER - datetime.timedelta(minutes=1),
        },
    )
    return build


def test_a_build_whose_worker_died_shows_a_clear_error_and_a_retry_builds_it(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.get(PDF_URL)  # queued; its worker never finishes
    build = _dead_build(world)

    html = client.get(PDF_URL).content.decode()

    assert "The document could not be built" in html
    retry_url = reverse("reports:document_build_retry", args=[build.pk])
    assert retry_url in html
    build.refresh_from_db()
    assert build.state == "failed"
    assert client.get(retry_url).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)

    assert response["Location"] == reverse("reports:document_build", args=[build.pk])
    build.refresh_from_db()
    assert build.state == "done"
    assert client.get(PDF_URL)["Content-Type"] == "application/pdf"
    assert DocumentBuild.objects.count() == 1


def test_the_progress_fragment_polls_while_building_and_links_the_file_when_done(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.get(PDF_URL)
    build = DocumentBuild.objects.get()
    status_url = reverse("reports:document_build", args=[build.pk])

    waiting = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert waiting.lstrip().startswith('<div id="build-progress"')  # the fragment alone
    assert 'hx-trigger="every 2s"' in waiting and "<progress" in waiting

    queued[0]()
    done = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in done
    assert f'href="{PDF_URL.replace("&", "&amp;")}"' in done


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_builds_the_queued_document(
    world: World, coordinator: User, client_for: Callable[[User], Client], settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(coordinator)
    client.get(PDF_URL)
    assert DocumentBuild.objects.get().state == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert DocumentBuild.objects.get().state == "done"
    assert "10 (6" in _pdf_text(client.get(PDF_URL).content)


def test_the_daily_tick_deletes_the_files_of_earlier_days_and_keeps_todays(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(coordinator)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    with (
        time_machine.travel(yesterday, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.get(PDF_URL)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("reports:document_download", args=["docx"]) + PERIOD)
    assert set(DocumentBuild.objects.values_list("format", "state")) == {
        ("pdf", "done"),
        ("docx", "done"),
    }

    call_command("tick", stdout=io.StringIO())

    assert list(DocumentBuild.objects.values_list("format", flat=True)) == ["docx"]
    assert client.get(PDF_URL).status_code == 200  # asked for again, built anew
    assert DocumentBuild.objects.filter(format="pdf").exists()
