"""The staff page with its unlock and remove buttons, and the lockout page, pass axe."""

from collections.abc import Callable
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from sprakvan.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_staff_page_with_a_locked_member_has_no_accessibility_violations(
    page: Any,
    live_server: Any,
    coordinator: User,
    leader: User,
    login_page: Callable[[User], None],
    axe_violations: Any,
) -> None:
    AccessAttempt.objects.create(
        username=leader.email, ip_address="127.0.0.1", user_agent="", failures_since_start=10
    )
    login_page(coordinator)

    page.goto(live_server.url + reverse("accounts:staff_list"))

    assert page.get_by_role("button", name="Unlock").count() == 1
    assert axe_violations(page) == []


def test_the_lockout_page_has_no_accessibility_violations(
    page: Any, live_server: Any, coordinator: User, settings: Any, axe_violations: Any
) -> None:
    settings.AXES_ENABLED = True
    page.goto(live_server.url + reverse("account_login"))
    for _attempt in range(10):
        page.fill("input[name=login]", "alice@example.org")
        page.fill("input[name=password]", "wrong password")
        page.click('form[action="/accounts/login/"] button[type=submit]')
        if "Too many failed logins" in page.content():
            break

    assert page.get_by_role("heading", name="Too many failed logins").count() == 1
    assert axe_violations(page) == []
