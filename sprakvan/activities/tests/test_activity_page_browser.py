"""In Chromium: an activity's public page with its picture sequence, in Swedish and in Arabic
(right to left), on a phone and a laptop — clean for axe, never wider than the screen, the
sequence reading in the page's direction, and printed without buttons, three pictures a row."""

import datetime

import pytest
from django.urls import reverse

from sprakvan.activities import services

from .factories import SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PICTURES = ["meet", "walk", "look", "fika", "goodbye"]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_activity_page_fits_passes_axe_and_prints_its_pictures(
    page, live_server, axe_violations, programme, activity, today, language
):
    for picture in PICTURES:
        services.add_picture_step(
            activity, picture=picture, note="Vid den stora trappan vid torget", added_by=None
        )
    SessionFactory(activity=activity, date=today + datetime.timedelta(days=2))
    cancelled = SessionFactory(activity=activity, date=today + datetime.timedelta(days=9))
    services.cancel_session(cancelled, cancelled_by=None, note="Ledaren är sjuk")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    url = reverse("activities_public:activity", args=[programme.slug, activity.pk])

    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + url)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        steps = page.get_by_test_id("picture-step")
        assert steps.count() == len(PICTURES)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page) == []
        first, second = (steps.nth(i).bounding_box() for i in (0, 1))
        assert first and second
        if first["y"] == second["y"]:  # side by side: the second follows in reading order
            if language == "ar":
                assert second["x"] < first["x"]
            else:
                assert second["x"] > first["x"]
        assert page.locator("button[data-print]").is_visible()  # its script showed it

    page.emulate_media(media="print")
    assert not page.locator("button[data-print]").is_visible()
    assert not page.locator(".activity-actions").is_visible()
    assert not page.locator("header").is_visible()
    tops = [steps.nth(i).bounding_box()["y"] for i in range(len(PICTURES))]  # type: ignore[index]
    assert tops[0] == tops[1] == tops[2] < tops[3] == tops[4]  # three a row on the sheet
