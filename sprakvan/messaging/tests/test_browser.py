"""In a real Chromium: the coordinator reads the outbox, cancels a held message and edits a
template with a preview, in Swedish and in Arabic; every page passes axe."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.messaging.models import Kind, Message, MessageTemplate
from sprakvan.messaging.tests.people import consenting
from sprakvan.participants.models import Channel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_coordinator_cancels_a_held_message_and_edits_a_template(
    page: Any,
    live_server: Any,
    programme: Programme,
    coordinator: User,
    login_page: Callable[[User], None],
    axe_violations: Any,
    language: str,
) -> None:
    amal = consenting(programme, first_name="Amal", last_name="Haddad", language="ar")
    held = Message.objects.create(
        programme=programme,
        participant=amal,
        channel=Channel.SMS,
        kind=Kind.REMINDER,
        language="ar",
        body="مرحبا",
        key="reminder:session:1:participant:1",
        status=Message.Status.HELD,
        reason="quiet_hours",
        queued_at=timezone.now(),
    )
    Message.objects.create(
        programme=programme,
        participant=amal,
        channel=Channel.SMS,
        kind=Kind.RECEIPT,
        language="ar",
        body="شكرا",
        key="receipt:participant:1",
        status=Message.Status.FAILED,
        reason="rejected",
        parts=1,
        cost=3500,
        queued_at=timezone.now(),
        sending_at=timezone.now(),
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    login_page(coordinator)

    page.goto(live_server.url + reverse("messaging:outbox"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator(
            f"form[action='{reverse('messaging:message_cancel', args=[held.pk])}'] button"
        ).click()
    held.refresh_from_db()
    assert held.status == Message.Status.CANCELLED
    assert page.locator("tr.message-row[data-status=cancelled]").count() == 1
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("messaging:template_list"))
    assert axe_violations(page) == []
    page.locator("a[data-kind=reminder][data-language=ar]").click()
    page.wait_for_url("**/templates/reminder/ar/")
    page.fill("#id_body", "مرحبا {{ first_name }}، {{ activity }} {{ date }} {{ time }}")
    page.locator("button[value=preview]").click()
    page.wait_for_selector(".preview")
    assert "مرحبا Amal" in page.inner_text(".preview-text")
    assert "UCS-2" in page.inner_text(".sms-parts")
    assert not MessageTemplate.objects.exists()
    assert axe_violations(page) == []

    page.locator("button[value=save]").click()
    page.wait_for_url("**/messages/templates/")
    assert MessageTemplate.objects.get(kind="reminder", language="ar").body.startswith("مرحبا")

    page.goto(live_server.url + reverse("messaging:settings"))
    assert axe_violations(page) == []
