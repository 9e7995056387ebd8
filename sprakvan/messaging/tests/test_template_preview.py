"""The template editor's preview counts the SMS as it is sent: with the line on how to stop that
ends every SMS, shown under the preview. Alice coordinates the programme."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.messaging.models import MessageTemplate
from sprakvan.messaging.segments import sms_parts
from sprakvan.messaging.services import settings_for

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

# 150 GSM characters: one SMS part alone, two once the stop line is added.
ONE_PART_ALONE = "Hej! " + "Välkommen till språkcafé. " * 5 + "x" * 15


@pytest.fixture
def alice(client_for: Callable[[User], Client], coordinator: User) -> Client:
    return client_for(coordinator)


def _preview(alice: Client, kind: str, language: str, body: str) -> TestResponse:
    return alice.post(
        reverse("messaging:template_edit", args=[kind, language]),
        {"subject": "", "body": body, "action": "preview"},
    )


def test_the_preview_counts_the_stop_line_in_the_sms_parts(alice: Client) -> None:
    assert sms_parts(ONE_PART_ALONE).parts == 1

    response = _preview(alice, "group", "sv", ONE_PART_ALONE)

    assert response.status_code == 200
    with translation.override("sv"):
        line = gettext("Reply STOP for no more SMS.")
    assert response.context["stop_line"] == line
    assert response.context["parts"] == sms_parts(f"{ONE_PART_ALONE}\n{line}")
    assert response.context["parts"].parts == 2
    assert escape(line) in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_sender_name_shows_the_phone_to_stop_by_in_the_templates_language(
    alice: Client, programme: Programme
) -> None:
    settings = settings_for(programme)
    settings.sms_sender = "Sprakvan"
    settings.stop_contact = "013-20 60 00"
    settings.save()

    response = _preview(alice, "group", "ar", "مرحبا {{ first_name }}!")

    with translation.override("ar"):
        line = gettext("No more SMS? Call or text %(phone)s.") % {"phone": "013-20 60 00"}
    page = response.content.decode()
    assert "013-20 60 00" in line
    assert escape(line) in page
    sent = f"{response.context['preview'].text}\n{line}"
    assert response.context["parts"] == sms_parts(sent)
    assert response.context["parts"].encoding == "UCS-2"


def test_without_a_preview_there_is_no_stop_line(alice: Client) -> None:
    response = alice.get(reverse("messaging:template_edit", args=["group", "sv"]))

    assert response.context["stop_line"] == ""
    assert 'class="border rounded p-2 mb-2 stop-line"' not in response.content.decode()
