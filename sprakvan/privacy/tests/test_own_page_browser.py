"""In Chromium on a 360-px phone: Amina, new in Sweden, signs in with the link from her SMS,
changes the times she can meet, downloads her data and turns SMS off; her page is clean for
axe in Swedish and in Arabic (right to left) and never scrolls sideways."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sprakvan.core.models import Programme
from sprakvan.messaging.models import Message
from sprakvan.messaging.tests.people import sending_programme
from sprakvan.participants.models import Consent, ConsentPurpose, Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.privacy.signin import parse_address, request_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
GIVEN = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)


def language(page: Any, live_server: Any, code: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])


def no_sideways_scroll(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_newcomer_signs_in_on_her_phone_changes_her_times_downloads_and_turns_sms_off(
    page: Any,
    live_server: Any,
    programme: Programme,
    axe_violations: Callable[[Any], list[str]],
) -> None:
    sending_programme(programme)
    amina = ParticipantFactory(
        programme=programme,
        first_name="Amina",
        phone="+46701234567",
        district=programme.districts.get(name="Skäggetorp"),
        availability=1 << 3,  # Tuesday morning
        preferred_language="ar",
    )
    ConsentFactory(participant=amina, purpose=ConsentPurpose.REGISTRATION, given_at=GIVEN)
    ConsentFactory(
        participant=amina, purpose=ConsentPurpose.MESSAGES, channel="sms", given_at=GIVEN
    )
    page.set_viewport_size(PHONE)
    language(page, live_server, "sv")

    # The link from her SMS, through the sign-in service.
    address = parse_address("070-123 45 67")
    assert address is not None
    token = request_sign_in(programme, address=address, now=timezone.now())
    assert token is not None
    body = Message.objects.get(key=f"sign_in:token:{token.pk}").body
    found = re.search(r"/[\w-]+/mina-sidor/in/[^/\s]+/", body)
    assert found
    page.goto(live_server.url + found.group(0))
    page.locator('[data-action="sign-in"]').click()
    own_page = reverse("privacy_public:own_page", args=[programme.slug])
    page.wait_for_url(f"**{own_page}")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Amina" in page.inner_text("main")
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)

    # Her times: the registration's grid; Monday evening instead of Tuesday morning.
    page.locator(f'a[href="{reverse("privacy_public:own_times", args=[programme.slug])}"]').click()
    page.wait_for_url("**/tider/")
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    page.locator("#id_availability_3").uncheck()
    page.locator("#id_availability_2").check()
    page.locator("form.own-form button[type=submit]").click()
    page.wait_for_url(f"**{own_page}#about-you")
    amina.refresh_from_db()
    assert amina.availability == 1 << 2

    # Download the JSON file.
    with page.expect_download() as download_info:
        page.locator('[data-download="json"]').click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert "Amina" in json.dumps(data, ensure_ascii=False)

    # SMS off with one tap: the consent row is dated withdrawn.
    page.locator('[data-channel="sms"] button[type=submit]').click()
    page.wait_for_url(f"**{own_page}#messages-we-send")
    assert page.locator('[data-channel="sms"]').get_attribute("data-state") == "off"
    sms = Consent.objects.get(participant=amina, channel="sms")
    assert sms.withdrawn_at is not None

    # The same pages in Arabic: right to left, clean, no sideways scroll.
    language(page, live_server, "ar")
    page.goto(live_server.url + own_page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    page.goto(live_server.url + reverse("privacy_public:own_times", args=[programme.slug]))
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    assert Participant.objects.get(pk=amina.pk).availability == 1 << 2
