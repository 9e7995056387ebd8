"""In a real Chromium on a phone-sized screen: the statement in Swedish and Arabic fits the
screen and axe finds nothing, before and after a report sent without a description."""

from typing import Any

import pytest
from django.urls import reverse

from sprakvan.core.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 360


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_statement_and_its_form_pass_axe_on_a_phone(
    page: Any, live_server: Any, programme: Programme, axe_violations: Any, language: str
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    url = reverse("accessibility_public:statement", args=[programme.slug])
    page.goto(live_server.url + url + "?sida=/vi-ses/anmalan/")

    assert page.get_attribute("html", "lang") == language
    assert page.input_value("#id_page") == "/vi-ses/anmalan/"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert axe_violations(page) == []

    page.fill("#id_contact", "kim@example.org")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_load_state("load")

    # autofocus moves focus to the error summary at the first rendering after the load.
    page.wait_for_function("document.activeElement.id === 'form-errors'", timeout=5000)
    assert page.locator("#id_description").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_contact") == "kim@example.org"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert axe_violations(page) == []
