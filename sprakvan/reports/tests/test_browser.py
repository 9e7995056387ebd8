"""Real Chromium: the dashboard is accessible (axe) for coordinators and partner viewers, on a
desktop and a phone, and its period form works."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.reports.models import DocumentBuild, Goal

from .conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_is_accessible_and_its_period_can_be_chosen(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    world: World,
    coordinator: User,
) -> None:
    Goal.objects.create(
        programme=world.programme,
        year=2019,
        title="Fler nya par än 2018",
        kind="more_than_last_year",
        measure="new_pairs",
    )
    login_page(coordinator)
    page.goto(live_server.url + reverse("reports:dashboard"))
    assert axe_violations(page) == []
    page.locator("#id_start").fill("2019-01-01")
    page.locator("#id_end").fill("2019-12-31")
    page.get_by_role("button", name="Show").click()
    page.get_by_role(
        "table", name="Registrations by group and gender, 2019-01-01 – 2019-12-31"
    ).wait_for()
    assert page.get_by_role("strong").filter(has_text="Fler nya par än 2018").is_visible()
    assert axe_violations(page) == []


def test_the_partner_viewers_dashboard_is_accessible_on_a_phone(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    world: World,
    partner_viewer: User,
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    login_page(partner_viewer)
    page.goto(live_server.url + reverse("reports:dashboard") + "?start=2019-01-01&end=2019-12-31")
    assert page.get_by_text("<5").first.is_visible()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("reports:document") + "?start=2019-01-01&end=2019-12-31")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_pdf_builds_in_the_background_and_its_progress_turns_into_the_download(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    world: World,
    coordinator: User,
    settings: Any,
    width: int,
    tmp_path: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page.set_viewport_size({"width": width, "height": 800})
    login_page(coordinator)
    page.goto(live_server.url + reverse("reports:document") + "?start=2019-01-01&end=2019-12-31")
    page.get_by_role("link", name="Download as PDF").click()

    progress = page.get_by_role("status")
    progress.get_by_text("Waiting for a worker").wait_for()
    assert page.get_by_role("progressbar").is_visible()
    page.screenshot(path=str(tmp_path / f"document-build-{width}-queued.png"), full_page=True)
    assert axe_violations(page) == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    link = progress.get_by_role("link", name="Download as PDF")
    link.wait_for()  # htmx polled the progress every two seconds
    page.screenshot(path=str(tmp_path / f"document-build-{width}-done.png"), full_page=True)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert DocumentBuild.objects.get().state == "done"
