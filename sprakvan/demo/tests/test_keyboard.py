"""By keyboard alone, and at 320 px (the 400 % zoom of WCAG's reflow rule): a newcomer signs up
and a participant checks in at the door (issue 16). No mouse: Tab moves the focus, Space ticks,
Enter follows a link or sends the form. Each step fails if the control cannot be reached."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sprakvan.activities import checkin
from sprakvan.activities.models import Attendance
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import Programme
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOST_TABS = 150


def tab_to(page: Any, selector: str) -> None:
    """Press Tab until the focus is on an element matching `selector`."""
    for _press in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def press_on(page: Any, selector: str, key: str) -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("language", "width"), [("sv", 1280), ("ar", 360), ("ti", 320)])
def test_a_newcomer_signs_up_by_keyboard_alone(
    page: Any, live_server: Any, programme: Programme, language: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("participants_public:choose", args=[programme.slug]))
    fits(page, width)
    newcomer = reverse("participants_public:register", args=[programme.slug, "nyanland"])
    press_on(page, f'a[href="{newcomer}"]', "Enter")
    page.wait_for_url(f"**{newcomer}")
    fits(page, width)

    type_into(page, "#id_first_name", "Nour")
    type_into(page, "#id_last_name", "Haddad")
    press_on(page, "input[name=gender]", "Space")
    type_into(page, "#id_birth_year", "1994")
    type_into(page, "#id_phone", "070-123 45 67")
    press_on(page, "input[name=swedish_level]", "Space")
    press_on(page, "input[name=interests]", "Space")
    press_on(page, "#id_consent", "Space")
    press_on(page, "#id_consent_sms", "Space")
    press_on(page, "form.intake-form button[type=submit]", "Enter")
    page.wait_for_url("**/tack/**")
    fits(page, width)

    person = Participant.objects.get(first_name="Nour")
    assert (person.last_name, person.birth_year) == ("Haddad", 1994)
    assert person.preferred_language == language
    assert person.gender and person.swedish_level and person.interests


@pytest.mark.parametrize(("language", "width"), [("sv", 1280), ("fa-af", 320)])
def test_a_participant_checks_in_at_the_door_by_keyboard_alone(
    page: Any, live_server: Any, programme: Programme, language: str, width: int
) -> None:
    today = timezone.localdate()
    activity = ActivityFactory(programme=programme, title="Språkcafé Ryd")
    session = SessionFactory(activity=activity, date=today, start_time=datetime.time(17))
    person = ParticipantFactory(programme=programme, phone="+46701234567")
    page.set_viewport_size({"width": width, "height": 800})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    token = checkin.make_token(session.pk)
    page.goto(live_server.url + reverse("activities_public:checkin", args=[programme.slug, token]))
    fits(page, width)

    type_into(page, "#id_who", "070-123 45 67")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-state=checked_in]")
    fits(page, width)

    assert Attendance.objects.filter(session=session, participant=person).exists()
