"""In Chromium, in Arabic on a phone: Amina asks for SMS reminders from the public calendar,
types the code from the SMS and is subscribed; every page is clean for axe."""

import re

import pytest
from django.urls import reverse

from sprakvan.activities.models import ReminderSubscription
from sprakvan.messaging.models import Kind, Message
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_asks_for_reminders_in_arabic_and_every_page_is_clean_for_axe(
    page, live_server, axe_violations, programme, session
) -> None:
    amina = ParticipantFactory(
        programme=programme, first_name="Amina", phone="+46701234567", preferred_language="ar"
    )
    activity = session.activity
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("activities_public:calendar", args=[programme.slug]))
    assert page.locator("html").get_attribute("dir") == "rtl"
    request_url = reverse("activities_public:reminder_request", args=[programme.slug, activity.pk])

    page.locator(f'a[href="{request_url}"]').first.click()
    page.wait_for_url(f"**{request_url}")
    assert axe_violations(page) == []
    page.locator("#id_phone").fill("070-123 45 67")
    page.locator("form.reminder-form button[type=submit]").click()
    page.wait_for_url("**/kod/")
    assert axe_violations(page) == []

    message = Message.objects.get(participant=amina, kind=Kind.CODE)
    assert message.language == "ar"
    code = re.search(r"\b(\d{6})\b", message.body).group(1)  # type: ignore[union-attr]
    page.locator("#id_code").fill(code)
    page.locator("form.reminder-form button[type=submit]").click()
    page.wait_for_url("**/klar/")

    assert page.locator('[data-state="subscribed"]').is_visible()
    assert ReminderSubscription.objects.current().filter(participant=amina).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
