"""In Chromium, in Swedish and Arabic, wide and narrow: the question before ending a pair opens
as a dialog, is reached and left by keyboard, and passes axe."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.matching.models import Pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_IN_DIALOG = "document.activeElement.closest('dialog[open]') !== null"


@pytest.mark.parametrize("language", ["sv", "ar"])
@pytest.mark.parametrize("width", [1280, 360])
def test_ending_a_pair_asks_in_an_accessible_dialog(
    page: Any,
    context: Any,
    live_server: Any,
    active_pair: Pair,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    language: str,
    width: int,
) -> None:
    login_page(coordinator)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + reverse("matching:pair_detail", args=[active_pair.pk]))
    with translation.override(language):
        title, back = _("End this pair?"), _("Go back without changing anything")
    opener = page.locator(
        f'a[href="{reverse("matching:pair_end_confirm", args=[active_pair.pk])}"]'
    )

    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=title)
    dialog.wait_for()
    assert page.evaluate(FOCUSED_IN_DIALOG)
    assert axe_violations(page) == []

    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('href')") == opener.get_attribute(
        "href"
    )

    opener.click()
    dialog.wait_for()
    dialog.get_by_role("button", name=back).click()
    dialog.wait_for(state="detached")
    active_pair.refresh_from_db()
    assert active_pair.state == Pair.State.ACTIVE
    assert page.evaluate("document.documentElement.scrollWidth") <= width
