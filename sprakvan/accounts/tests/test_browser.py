"""The staff page, the lockout page and the second-factor set-up and login pass axe."""

import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axes.models import AccessAttempt
from django.urls import reverse

from sprakvan.accounts.models import User

PASSWORD = "correct horse battery staple"  # the factories' password

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


def _totp_code(secret: str) -> str:
    """The code an authenticator app shows now, waiting out a window about to close."""
    if 30 - time.time() % 30 < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_coordinator_sets_up_totp_and_logs_in_with_a_code_in_the_browser(
    page: Any, live_server: Any, coordinator: User, settings: Any, axe_violations: Any
) -> None:
    settings.MFA_REQUIRED = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    login_form = 'form[action="/accounts/login/"]'

    def password_login() -> None:
        page.goto(live_server.url + reverse("account_login"))
        page.fill("input[name=login]", "alice@example.org")
        page.fill("input[name=password]", PASSWORD)
        page.click(f"{login_form} button[type=submit]")

    password_login()
    page.goto(live_server.url + reverse("participants:list"))
    # Sent to the set-up; allauth asks for the password once more before adding a factor.
    assert axe_violations(page) == []
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").first.click()
    assert page.url.endswith(reverse("mfa_activate_totp"))
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", _totp_code(secret))
    page.locator("main button[type=submit]").first.click()
    page.goto(live_server.url + reverse("participants:list"))
    assert page.get_by_role("heading", name="Participants").count() == 1

    page.context.clear_cookies()
    password_login()
    assert page.url.endswith(reverse("mfa_authenticate"))
    assert axe_violations(page) == []
    page.fill("input[name=code]", _totp_code(secret))
    page.locator("main button[type=submit]").first.click()
    page.goto(live_server.url + reverse("participants:list"))
    assert page.get_by_role("heading", name="Participants").count() == 1
