"""In a real Chromium: public and staff pages log no Content Security Policy error to the
console (htmx's indicator <style> was one, on almost every page; issue 15)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_errors(page: Any, url: str) -> list[str]:
    """The console's CSP complaints while `url` loads and its scripts start."""
    messages: list[str] = []

    def record(message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "violates" in text:
            messages.append(text)

    page.on("console", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # htmx reads its configuration once it has run: make sure it has.
    assert page.evaluate("typeof htmx") == "object"
    page.remove_listener("console", record)
    return messages


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_public_pages_log_no_csp_errors(
    page: Any, live_server: Any, programme: Programme, language: str, axe_violations: Any
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for address in [
        reverse("core:home"),
        reverse("core:programme_page", args=[programme.slug]),
        reverse("participants_public:register", args=[programme.slug, "nyanland"]),
        reverse("activities_public:calendar", args=[programme.slug]),
    ]:
        assert _csp_errors(page, live_server.url + address) == [], address
        assert axe_violations(page) == [], address


def test_staff_pages_log_no_csp_errors(
    page: Any,
    live_server: Any,
    coordinator: User,
    leader: User,
    login_page: Callable[[User], None],
    axe_violations: Any,
) -> None:
    login_page(coordinator)
    for address in [
        reverse("participants:list"),
        reverse("matching:pair_list"),
        reverse("reports:dashboard"),
    ]:
        assert _csp_errors(page, live_server.url + address) == [], address
        assert axe_violations(page) == [], address
    page.context.clear_cookies()
    login_page(leader)
    address = reverse("activities:activity_list")
    assert _csp_errors(page, live_server.url + address) == [], address
    assert axe_violations(page) == [], address
