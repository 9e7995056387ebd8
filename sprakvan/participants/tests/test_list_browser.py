"""In a real Chromium at 360 and 1280 px, in Swedish and Arabic: the participant list and the
staff page fit the screen (wide tables scroll in their own region) and pass axe."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [360, 1280]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_participant_list_and_staff_page_fit_and_pass_axe(
    page: Any,
    context: Any,
    live_server: Any,
    login_page: Callable[[User], None],
    axe_violations: Callable[[Any], list[str]],
    programme: Programme,
    coordinator: User,
    leader: User,
    language: str,
) -> None:
    ParticipantFactory(
        programme=programme,
        first_name="Olof",
        last_name="Larsson-Åkerström",
        registered_on=datetime.date(2020, 1, 1),
    )
    ParticipantFactory(programme=programme, first_name="Gone", status="left")
    login_page(coordinator)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name in ("participants:list", "accounts:staff_list"):
            page.goto(live_server.url + reverse(name))
            assert page.locator("html").get_attribute("lang") == language
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} at {width}px is {scroll}px wide"
            assert axe_violations(page) == [], f"{name} at {width}px"
            if name == "participants:list":
                assert page.locator("tbody bdi", has_text="Olof").count() == 1
                assert page.locator("tbody", has_text="Gone").count() == 0
