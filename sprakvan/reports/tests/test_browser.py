"""Real Chromium: the dashboard is accessible (axe) for coordinators and partner viewers, on a
desktop and a phone, and its period form works."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.reports.models import Goal

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
