"""In a real Chromium, in Swedish and in Arabic: the coordinator writes a group message,
previews it, confirms and finds it in the outbox; every page passes axe."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.messaging.models import GroupMessage, Kind, Message
from sprakvan.messaging.tests.people import consenting, sending_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_coordinator_sends_a_group_message_and_sees_it_in_the_outbox(
    page: Any,
    live_server: Any,
    programme: Programme,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Any,
    language: str,
) -> None:
    sending_programme(programme)
    consenting(programme, first_name="Amal", language="ar", email=False, group="newcomer")
    consenting(programme, first_name="Sara", language="sv", email=False, group="newcomer")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login_page(coordinator)

    page.goto(live_server.url + reverse("messaging:group_new"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    page.select_option("#id_group", "newcomer")
    page.fill("#id_text_sv", "Caféet är stängt på måndag.")
    page.fill("#id_text_ar", "المقهى مغلق يوم الإثنين.")
    with page.expect_navigation():
        page.locator("button[value=preview]").click()
    assert page.locator(".group-count").inner_text() == "2"
    assert page.locator(".group-preview").count() == 2
    assert "Amal" in page.locator(".group-preview[data-language=ar]").inner_text()
    assert axe_violations(page) == []

    with page.expect_navigation():
        page.locator("button[value=confirm]").click()
    assert page.url.endswith(reverse("messaging:outbox") + "?kind=group")
    assert page.locator("tr.message-row").count() == 2
    assert axe_violations(page) == []
    assert GroupMessage.objects.count() == 1
    assert Message.objects.filter(kind=Kind.GROUP).count() == 2
