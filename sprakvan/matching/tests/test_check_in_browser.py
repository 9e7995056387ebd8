"""In a real Chromium: a newcomer answers her check-in in Arabic on a phone; axe is clean."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.core.models import Programme
from sprakvan.matching.models import CheckInAnswer, Pair
from sprakvan.matching.services.check_ins import check_in_token
from sprakvan.matching.tests.factories import PairFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def test_a_newcomer_answers_her_check_in_in_arabic_on_a_phone(
    page: Any,
    live_server: Any,
    programme: Programme,
    axe_violations: Callable[[Any], list[str]],
) -> None:
    pair = PairFactory(
        programme=programme,
        started_on=datetime.date(2026, 3, 2),
        newcomer__first_name="Amal",
        newcomer__preferred_language="ar",
        established__first_name="Britt",
    )
    page.set_viewport_size(PHONE)
    token = check_in_token(pair, pair.newcomer, months=1)
    page.goto(live_server.url + reverse("matching_public:check_in", args=[programme.slug, token]))

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "Britt" in page.inner_text("main")
    assert axe_violations(page) == []
    # Nothing on the page is wider than the phone, and each button is a large touch target.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for button in page.locator("button[name=answer]").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 280

    page.fill("textarea[name=comment]", "لم نلتق بعد")
    page.locator("button[name=answer][value=not_met]").click()

    page.locator("[data-state=answered]").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    answer = CheckInAnswer.objects.get()
    assert (answer.answer, answer.comment) == ("not_met", "لم نلتق بعد")
    pair.refresh_from_db()
    assert pair.check_in_flag == Pair.Flag.NOT_MET
