"""In a real Chromium: a sign-up sent with mistakes puts focus on the list of errors, marks
each wrong field and ties its message to it; the required fields carry the "*" the form
promises. In Swedish and Arabic, on a phone and a desktop."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.core.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BOOTSTRAP_DANGER = "rgb(220, 53, 69)"


def _description(page: Any, element: Any) -> str:
    """The text of every element the field's aria-describedby names."""
    ids = (element.get_attribute("aria-describedby") or "").split()
    return " ".join(page.inner_text(f"#{id_}") for id_ in ids)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["sv", "ar"])
def test_a_sign_up_with_mistakes_focuses_the_error_summary_and_marks_the_fields(
    page: Any,
    live_server: Any,
    programme: Programme,
    axe_violations: Any,
    language: str,
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    url = reverse("participants_public:register", args=[programme.slug, "nyanland"])
    page.goto(live_server.url + url)
    assert page.locator("#form-errors").count() == 0, "no errors before sending"
    # The required fields say so, as the text above the form promises.
    assert page.inner_text("label[for=id_first_name]").strip().endswith("*")
    assert not page.inner_text("label[for=id_email]").strip().endswith("*")
    page.fill("#id_first_name", "Nour")
    page.fill("#id_birth_year", "1850")
    page.locator("form.intake-form button[type=submit]").click()
    page.wait_for_load_state("load")

    assert page.evaluate("document.activeElement.id") == "form-errors"
    summary = page.locator("#form-errors")
    with translation.override(language):
        assert gettext("Please check the form") in summary.inner_text()
        required = gettext("This field is required.")
    birth_year = page.locator("#id_birth_year")
    assert birth_year.get_attribute("aria-invalid") == "true"
    message = page.locator("#" + (birth_year.get_attribute("aria-describedby") or "none"))
    assert message.is_visible() and "1990" in _description(page, birth_year)
    assert birth_year.evaluate("e => getComputedStyle(e).borderColor") == BOOTSTRAP_DANGER
    phone = page.locator("#id_phone")
    assert phone.get_attribute("aria-invalid") == "true"
    assert required in _description(page, phone)
    # A radio group with no answer: its fieldset is outlined and described by the message.
    level = page.locator("fieldset.field-invalid", has=page.locator("#id_swedish_level_0"))
    assert required in _description(page, level)
    assert page.locator("#id_swedish_level_0").get_attribute("aria-invalid") == "true"
    # Fields without mistakes are left alone, and keep what was written.
    assert page.locator("#id_first_name").get_attribute("aria-invalid") is None
    assert page.input_value("#id_first_name") == "Nour"
    # Each error links to its field: following the link puts the cursor there.
    summary.locator("a[href='#id_phone']").click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    summary.locator("a[href='#id_swedish_level_0']").click()
    assert page.evaluate("document.activeElement.id") == "id_swedish_level_0"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
