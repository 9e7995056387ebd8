"""In a real Chromium: a newcomer signs up in Arabic on a phone; pages pass axe."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def test_a_newcomer_registers_in_arabic_on_a_phone_and_the_coordinator_finds_them(
    page: Any,
    live_server: Any,
    programme: Programme,
    coordinator: User,
    login_page: Callable[[User], None],
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("participants_public:choose", args=[programme.slug]))
    page.locator(".language-switcher button[value=ar]").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.goto(
        live_server.url + reverse("participants_public:register", args=[programme.slug, "nyanland"])
    )
    page.fill("#id_first_name", "Nour")
    page.fill("#id_last_name", "Haddad")
    page.check("#id_gender_0")
    page.fill("#id_birth_year", "1994")
    page.select_option("#id_district", label="Ryd")
    page.check("#id_swedish_level_1")
    page.fill("#id_phone", "0761234567")
    page.check("input[name=languages][value=ar]")
    page.locator("label.choice-card", has=page.locator("input[value=cooking]")).click()
    page.locator("input[name=availability][value='8']").check()
    page.check("#id_consent")
    # Nothing on the page is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("form.intake-form button[type=submit]").click()

    page.wait_for_url("**/anmalan/tack/**")
    nour = Participant.objects.get(first_name="Nour")
    assert (nour.preferred_language, nour.interest_slugs) == ("ar", ["cooking"])

    login_page(coordinator)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + reverse("participants:list") + "?q=Haddad")
    page.get_by_role("link", name="Nour Haddad").click()
    assert "Ryd" in page.inner_text("main")


def test_a_registration_with_errors_shows_them_and_keeps_the_answers(
    page: Any, live_server: Any, programme: Programme
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(
        live_server.url
        + reverse("participants_public:register", args=[programme.slug, "etablerad"])
    )
    page.fill("#id_first_name", "Karin")
    page.locator("form.intake-form button[type=submit]").click()

    assert page.locator("#form-errors").is_visible()
    assert page.input_value("#id_first_name") == "Karin"
    assert not Participant.objects.exists()


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_registration_page_has_no_accessibility_violations(
    page: Any, live_server: Any, programme: Programme, axe_violations: Any, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for group in ["nyanland", "etablerad"]:
        page.goto(
            live_server.url + reverse("participants_public:register", args=[programme.slug, group])
        )
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == []
    page.goto(live_server.url + reverse("participants_public:choose", args=[programme.slug]))
    assert axe_violations(page) == []


def test_the_login_page_and_the_participant_list_have_no_accessibility_violations(
    page: Any,
    live_server: Any,
    programme: Programme,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Any,
) -> None:
    page.goto(live_server.url + reverse("account_login"))
    assert axe_violations(page) == []

    for n in range(3):
        ParticipantFactory(programme=programme, first_name=f"P{n}", needs_review=n == 0)
    login_page(coordinator)
    for name in ["participants:list", "participants:waiting"]:
        page.goto(live_server.url + reverse(name))
        assert axe_violations(page) == []
    person = Participant.objects.first()
    assert person is not None
    page.goto(live_server.url + reverse("participants:detail", args=[person.pk]))
    assert axe_violations(page) == []
