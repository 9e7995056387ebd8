"""In Chromium: the coordinator's home in Swedish and Arabic, on a desktop and a phone, is clean
for axe, fits the screen, and its counts lead to the lists."""

from typing import Any

import pytest
from django.test import Client
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


def test_the_review_and_referral_links_and_their_filters_work_without_javascript(
    browser: Any,
    live_server: Any,
    coordinator: User,
    programme: Programme,
    referring_organisation: Organisation,
) -> None:
    """With scripts off, the review count leads to the filtered list, and its form's Show
    button changes the filter; the new referrals count leads to the received ones."""
    add_things(programme, organisation=referring_organisation)
    client = Client()
    client.force_login(coordinator)
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.locator(f'a[href="{reverse("participants:list")}?status=review&sort=-waited"]').click()
        page.wait_for_url("**/participants/?status=review&sort=-waited")
        assert page.locator("tbody tr").count() == 3  # add_things' three marked people
        page.locator("select[name=status]").select_option("all")
        page.locator("form[method=get] button[type=submit]").click()
        page.wait_for_url("**/participants/?*status=all*")
        assert page.locator("select[name=status]").input_value() == "all"

        page.goto(live_server.url + "/")
        page.locator(f'a[href="{reverse("partners:referral_list")}?status=received"]').click()
        page.wait_for_url("**/referrals/?status=received")
        assert page.locator("tbody tr").count() == 1
    finally:
        context.close()
