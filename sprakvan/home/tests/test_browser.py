"""In Chromium: the coordinator's home in Swedish and Arabic, on a desktop and a phone, is clean
for axe, fits the screen, and its counts lead to the lists."""

from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

from .worlds import add_things

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_coordinators_home_is_clean_and_fits_in_both_languages(
    page: Any,
    context: Any,
    live_server: Any,
    login_page: Any,
    axe_violations: Any,
    coordinator: User,
    leader: User,
    programme: Programme,
    referring_organisation: Organisation,
    language: str,
    width: int,
) -> None:
    add_things(programme, organisation=referring_organisation, leader=leader)
    login_page(coordinator)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(f'a[href="{reverse("matching:pair_list")}?state=proposed"]').click()
    page.wait_for_url("**/matching/pairs/?state=proposed")
    assert axe_violations(page) == []
