"""In Chromium: a leader takes attendance on a phone; the calendar and the attendance page are
clean for axe (WCAG 2.1 A/AA)."""

import pytest
from django.urls import reverse

from sprakvan.activities.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_ticks_people_on_a_phone_without_reloading(
    page, live_server, login_page, axe_violations, leader, session, regulars
):
    page.set_viewport_size({"width": 360, "height": 740})
    login_page(leader)
    page.goto(live_server.url + reverse("activities:session_list"))
    assert axe_violations(page) == []
    page.get_by_role("link", name=session.activity.title).click()
    page.wait_for_url(f"**/activities/sessions/{session.pk}/")
    amina, omar = regulars
    page.evaluate("window.notReloaded = true")

    page.get_by_test_id(f"tick-{amina.pk}").click()
    page.locator(f'#p-{amina.pk} button[aria-pressed="true"]').wait_for()
    page.get_by_test_id(f"tick-{omar.pk}").click()
    page.locator(f'#p-{omar.pk} button[aria-pressed="true"]').wait_for()

    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#attendance-count strong").inner_text() == "2"
    assert set(
        Attendance.objects.filter(session=session).values_list("participant", flat=True)
    ) == {
        amina.pk,
        omar.pk,
    }
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert axe_violations(page) == []


def test_the_attendance_page_works_without_javascript(
    browser, live_server, leader, session, regulars
):
    from django.test import Client

    client = Client()
    client.force_login(leader)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("activities:session_attendance", args=[session.pk]))
    page.get_by_test_id(f"tick-{regulars[0].pk}").click()
    page.locator(f'#p-{regulars[0].pk} button[aria-pressed="true"]').wait_for()
    assert Attendance.objects.filter(session=session, participant=regulars[0]).exists()
    context.close()


def test_the_public_calendar_is_clean_for_axe_on_a_phone(
    page, live_server, axe_violations, programme, session
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("activities_public:calendar", args=[programme.slug]))
    assert page.get_by_role("heading", name=session.activity.title).is_visible()
    assert axe_violations(page) == []
    page.locator("#id_type").select_option("walk_and_talk")
    page.wait_for_url("**type=walk_and_talk**")
    assert page.get_by_role("heading", name=session.activity.title).count() == 0
    assert axe_violations(page) == []


def test_the_coordinators_activity_pages_are_clean_for_axe(
    page, live_server, login_page, axe_violations, coordinator, session, regulars
):
    login_page(coordinator)
    page.goto(live_server.url + reverse("activities:activity_list"))
    assert axe_violations(page) == []
    page.get_by_role("link", name=session.activity.title).click()
    page.wait_for_url(f"**/activities/{session.activity.pk}/")
    assert axe_violations(page) == []
    for name in ["activities:schedule_create", "activities:activity_edit"]:
        page.goto(live_server.url + reverse(name, args=[session.activity.pk]))
        assert axe_violations(page) == []
    page.goto(live_server.url + reverse("activities:session_print", args=[session.pk]))
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_a_leader_adds_a_regular_to_the_reminders_and_the_card_is_clean_for_axe(
    page, live_server, login_page, axe_violations, leader, activity, regulars, language
):
    from sprakvan.activities.models import ReminderSubscription

    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    login_page(leader)
    page.goto(live_server.url + reverse("activities:activity_detail", args=[activity.pk]))
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []
    amina = regulars[0]

    page.locator("#reminder-regular").select_option(str(amina.pk))
    page.locator("#reminder-regular").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.get_by_test_id(f"subscriber-{amina.pk}").wait_for()

    assert ReminderSubscription.objects.current().filter(participant=amina).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []

    page.locator("#reminders form[action$='/reminders/search/'] input[name=q]").fill("Omar")
    page.locator("#reminders form[action$='/reminders/search/'] button[type=submit]").click()
    page.wait_for_url("**/reminders/search/")
    assert page.get_by_role("button", name="Omar").count() == 1
    assert axe_violations(page) == []
