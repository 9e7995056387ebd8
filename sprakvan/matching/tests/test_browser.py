"""In a real Chromium: the coordinator proposes, calls, confirms and sees the pair active."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.matching.models import Pair
from sprakvan.participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_proposes_calls_confirms_and_sees_the_pair_active(
    page: Any,
    live_server: Any,
    newcomer: Participant,
    volunteer: Participant,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
) -> None:
    login_page(coordinator)
    page.goto(live_server.url + reverse("matching:proposals"))
    proposal = page.locator(f"#proposal-{newcomer.pk}")
    assert "both in Skäggetorp" in proposal.inner_text()
    assert axe_violations(page) == []

    # Other candidates open in place (htmx), then the proposal is kept without a reload.
    proposal.get_by_role("link", name="Other volunteers").click()
    page.get_by_text("No other candidate fits.").wait_for()
    proposal.get_by_role("button", name="Keep for calling").click()
    page.get_by_text("are kept for calling").wait_for()
    assert Pair.objects.get().state == "proposed"
    page.get_by_role("link", name="Open the pair to record the calls").click()

    page.wait_for_url("**/matching/pairs/*/")
    assert axe_violations(page) == []
    for side, said in (("newcomer", "was recorded"), ("established", "is now active")):
        page.select_option("#id_call-side", side)
        page.select_option("#id_call-outcome", "agrees")
        page.get_by_role("button", name="Record the call").click()
        page.get_by_role("status").get_by_text(said).wait_for()

    assert page.inner_text("#pair-state") == "Active"
    assert Pair.objects.get().state == "active"
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("matching:pair_list"))
    assert "Nadia" in page.inner_text("main")
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("matching:follow_ups"))
    assert axe_violations(page) == []


def test_proposal_page_works_without_javascript(
    browser: Any,
    live_server: Any,
    newcomer: Participant,
    volunteer: Participant,
    coordinator: User,
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(coordinator)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("matching:proposals"))

    page.get_by_role("button", name="Keep for calling").click()

    page.get_by_text("are kept for calling").wait_for()
    assert Pair.objects.get().state == "proposed"
    context.close()
