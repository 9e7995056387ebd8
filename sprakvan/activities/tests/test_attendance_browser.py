"""In Chromium, in Swedish and Arabic, on a phone and a desktop: the leader's attendance page and
the printed list tell the Hodans apart, fit the screen and are clean for axe (WCAG 2.1 A/AA)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from sprakvan.activities.labels import leader_labels
from sprakvan.activities.models import Attendance
from sprakvan.participants.tests.factories import ParticipantFactory

from .factories import SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hodans(programme, session):
    """Three Hodans of Skäggetorp who came last week; two differ only in their last name."""
    skaggetorp = programme.districts.get(name="Skäggetorp")
    earlier = SessionFactory(activity=session.activity, date=session.date - datetime.timedelta(7))
    people = [
        ParticipantFactory(
            programme=programme,
            first_name="Hodan",
            last_name=last,
            birth_year=year,
            district=skaggetorp,
        )
        for last, year in [("Ahmed", 1990), ("Ali", 1990), ("Warsame", 1984)]
    ]
    for person in people:
        Attendance.objects.create(session=earlier, participant=person)
    return people


@pytest.mark.parametrize("language", ["sv", "ar"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_attendance_page_and_printed_list_fit_and_are_clean_for_axe(
    page, live_server, login_page, axe_violations, leader, session, hodans, language, width
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 800})
    login_page(leader)
    with translation.override(language):
        labels = leader_labels(hodans)
    assert len(set(labels.values())) == len(hodans)

    page.goto(live_server.url + reverse("activities:session_attendance", args=[session.pk]))
    assert page.locator("html").get_attribute("lang") == language
    names = page.locator("#regulars bdi.tick-name").all_inner_texts()
    assert names == [labels[p.pk] for p in hodans]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    page.get_by_test_id(f"tick-{hodans[1].pk}").click()
    page.locator(f'#p-{hodans[1].pk} button[aria-pressed="true"]').wait_for()
    assert page.locator(f"#p-{hodans[1].pk} bdi.tick-name").inner_text() == labels[hodans[1].pk]

    page.goto(live_server.url + reverse("activities:session_print", args=[session.pk]))
    rows = page.locator(".sheet-table").first.locator("tbody td:nth-child(2)").all_inner_texts()
    assert rows == [labels[p.pk] for p in hodans]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
