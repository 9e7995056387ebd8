"""Real Chromium: the audit log page and archiving a programme are accessible (axe) and work."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_filters_the_audit_log(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    programme: Programme,
    coordinator: User,
    leader: User,
) -> None:
    log_action("participants.participant.viewed", programme=programme, actor=coordinator)
    log_action("access.denied", programme=programme, actor=leader, status=403)
    login_page(coordinator)

    page.goto(live_server.url + reverse("accounts:audit_log"))
    assert axe_violations(page) == []
    page.get_by_label("Action starts with").fill("access.")
    page.get_by_role("button", name="Filter").click()

    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "access.denied" in rows.first.inner_text()
    assert axe_violations(page) == []


def test_the_platform_admin_archives_a_programme_and_its_members_see_why(
    page: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    programme: Programme,
    coordinator: User,
) -> None:
    login_page(UserFactory(email="ada@example.org", is_superuser=True, is_staff=True))

    page.goto(live_server.url + reverse("accounts:programme_list"))
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Archive {programme.name}").click()
    assert page.get_by_text(f"The programme {programme.name} is archived.").is_visible()

    page.context.clear_cookies()
    login_page(coordinator)
    page.goto(live_server.url + reverse("participants:list"))
    assert page.get_by_role("heading", name="Programme archived").is_visible()
    assert axe_violations(page) == []
