"""The coordinator's messaging pages: the outbox and what she does to a message, the template
editor, the settings. Alice coordinates Vi ses; Leo leads an activity; Petra reads reports;
Olle coordinates Norrköping."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import Kind, Message, MessageTemplate
from sprakvan.messaging.services import settings_for
from sprakvan.messaging.tests.people import consenting
from sprakvan.participants.models import Channel, Participant, Status
from sprakvan.participants.tests.factories import ParticipantFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

# "Today" is read by the test and the code: a frozen clock keeps midnight out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
Status_ = Message.Status


def make_message(person: Participant, **fields: Any) -> Message:
    values: dict[str, Any] = {
        "programme": person.programme,
        "participant": person,
        "channel": Channel.SMS,
        "kind": Kind.REMINDER,
        "language": "sv",
        "body": "Hej! Språkcafé i morgon kl. 17.",
        "status": Status_.SENT,
        "queued_at": timezone.now(),
        "key": f"test:{Message.objects.count() + 1}",
    }
    values.update(fields)
    return Message.objects.create(**values)


def worded(response: TestResponse, text: str) -> str:
    """A text of the pages in the language the page was shown in."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(text)


@pytest.fixture
def alice(client_for: Callable[[User], Client], coordinator: User) -> Client:
    return client_for(coordinator)


@pytest.fixture
def amal(programme: Programme) -> Participant:
    return consenting(programme, first_name="Amal", last_name="Haddad")


# Access


@pytest.mark.parametrize("persona", ["leader", "partner_viewer"])
@pytest.mark.parametrize(
    "name", ["messaging:outbox", "messaging:template_list", "messaging:settings"]
)
def test_only_the_coordinator_reaches_the_messaging_pages(
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
    coordinator: User,
    persona: str,
    name: str,
) -> None:
    user: User = request.getfixturevalue(persona)
    assert client_for(user).get(reverse(name)).status_code == 403
    assert client_for(coordinator).get(reverse(name)).status_code == 200


def test_another_programmes_coordinator_cannot_cancel_or_retry_our_message(
    client_for: Callable[[User], Client], outsider: User, amal: Participant
) -> None:
    message = make_message(amal, status=Status_.UNKNOWN)
    olle = client_for(outsider)
    for name in ["messaging:message_cancel", "messaging:message_retry"]:
        assert olle.post(reverse(name, args=[message.pk])).status_code == 404
    message.refresh_from_db()
    assert message.status == Status_.UNKNOWN
    assert Message.objects.count() == 1


def test_another_programmes_messages_are_not_in_our_outbox(
    alice: Client, amal: Participant, other_programme: Programme
) -> None:
    make_message(amal, body="ours")
    theirs = ParticipantFactory(programme=other_programme, first_name="Zeynep")
    make_message(theirs, body="theirs")
    page = alice.get(reverse("messaging:outbox"))
    assert [row.message.participant for row in page.context["rows"]] == [amal]


# The outbox


def test_the_outbox_filters_by_kind_status_channel_and_date(
    alice: Client, amal: Participant
) -> None:
    now = timezone.now()
    reminder = make_message(amal)
    receipt = make_message(amal, kind=Kind.RECEIPT, channel=Channel.EMAIL, status=Status_.FAILED)
    old = make_message(amal, queued_at=now - datetime.timedelta(days=40))

    def shown(**query: str) -> set[int]:
        page = alice.get(reverse("messaging:outbox"), query)
        return {row.message.pk for row in page.context["rows"]}

    assert shown() == {reminder.pk, receipt.pk, old.pk}
    assert shown(kind="receipt") == {receipt.pk}
    assert shown(status="sent") == {reminder.pk, old.pk}
    assert shown(channel="sms") == {reminder.pk, old.pk}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert shown(start=since) == {reminder.pk, receipt.pk}
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert shown(end=until) == {old.pk}


def test_the_coordinator_is_told_when_sms_wait_for_tomorrows_budget(
    alice: Client, amal: Participant
) -> None:
    make_message(amal, status=Status_.HELD, reason="budget")
    make_message(amal, status=Status_.HELD, reason="quiet_hours")
    page = alice.get(reverse("messaging:outbox"))
    assert page.context["over_budget"] == 1
    assert 'href="?status=held"' in page.content.decode()


def test_the_outbox_counts_failed_and_unknown_messages_and_links_to_them(
    alice: Client, amal: Participant
) -> None:
    make_message(amal, status=Status_.FAILED, reason="rejected")
    make_message(amal, status=Status_.UNKNOWN, reason="provider_unclear")
    make_message(amal, status=Status_.UNKNOWN, reason="stale")
    page = alice.get(reverse("messaging:outbox"))
    assert (page.context["failed"], page.context["unknown"]) == (1, 2)
    html = page.content.decode()
    assert 'href="?status=failed"' in html
    assert 'href="?status=unknown"' in html
    # The reason in words, not its code.
    assert worded(page, "Refused by the provider") in html


def test_the_outbox_shows_the_months_sms_parts_and_cost_in_kronor(
    alice: Client, amal: Participant
) -> None:
    now = timezone.now()
    make_message(amal, parts=2, cost=7000, sending_at=now)
    make_message(amal, parts=1, cost=3500, sending_at=now)
    # Not sent: counts nothing.
    make_message(amal, status=Status_.QUEUED, parts=None, cost=None)
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=3)
    make_message(
        amal,
        parts=3,
        cost=10500,
        sending_at=timezone.make_aware(datetime.datetime.combine(last_month, datetime.time(12))),
    )
    page = alice.get(reverse("messaging:outbox"))
    this, last = page.context["months"]
    assert (this.parts, str(this.kronor)) == (3, "1.05")
    assert (last.parts, str(last.kronor)) == (3, "1.05")
    assert "0,70 kr" in page.content.decode()  # one row's cost, in Swedish


def test_the_outbox_list_takes_a_fixed_number_of_queries(
    alice: Client, amal: Participant, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        make_message(amal)
    with django_assert_max_num_queries(14):
        response = alice.get(reverse("messaging:outbox"))
    assert len(response.context["rows"]) == 30


# Cancel and send again


def test_the_coordinator_cancels_a_held_message(
    alice: Client, coordinator: User, amal: Participant
) -> None:
    message = make_message(amal, status=Status_.HELD, reason="quiet_hours")
    response = alice.post(
        reverse("messaging:message_cancel", args=[message.pk]), {"query": "status=held"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:outbox") + "?status=held"
    message.refresh_from_db()
    assert (message.status, message.reason) == (Status_.CANCELLED, "cancelled_by_staff")
    event = AuditEvent.objects.get(action="messaging.message.cancelled")
    assert (event.actor_id, event.object_id) == (coordinator.pk, message.pk)


def test_a_sent_message_cannot_be_cancelled(alice: Client, amal: Participant) -> None:
    message = make_message(amal, status=Status_.SENT)
    response = alice.post(reverse("messaging:message_cancel", args=[message.pk]), follow=True)
    message.refresh_from_db()
    assert message.status == Status_.SENT
    shown = [str(note) for note in response.context["messages"]]
    assert shown == ["Only a queued, held or unknown message can be cancelled."]


def test_cancel_and_retry_refuse_get(alice: Client, amal: Participant) -> None:
    message = make_message(amal, status=Status_.UNKNOWN)
    for name in ["messaging:message_cancel", "messaging:message_retry"]:
        assert alice.get(reverse(name, args=[message.pk])).status_code == 405


def test_sending_again_makes_a_new_message_with_a_key_of_its_own(
    alice: Client, coordinator: User, amal: Participant
) -> None:
    message = make_message(amal, status=Status_.UNKNOWN, key="reminder:session:9:participant:1")
    alice.post(reverse("messaging:message_retry", args=[message.pk]))
    alice.post(reverse("messaging:message_retry", args=[message.pk]))

    retries = Message.objects.exclude(pk=message.pk).order_by("pk")
    assert [retry.key for retry in retries] == [
        "reminder:session:9:participant:1:retry:1",
        "reminder:session:9:participant:1:retry:2",
    ]
    assert all(retry.body == message.body for retry in retries)
    assert {retry.status for retry in retries} <= {Status_.QUEUED, Status_.SENT, Status_.HELD}
    message.refresh_from_db()
    assert message.status == Status_.UNKNOWN  # the old row stays as it was
    assert AuditEvent.objects.filter(action="messaging.message.retried").count() == 2


def test_a_delivered_message_is_not_sent_again(alice: Client, amal: Participant) -> None:
    message = make_message(amal, status=Status_.DELIVERED)
    alice.post(reverse("messaging:message_retry", args=[message.pk]))
    assert Message.objects.count() == 1


# Templates


def test_the_template_list_shows_which_texts_are_the_programmes_own(
    alice: Client, programme: Programme
) -> None:
    MessageTemplate.objects.create(programme=programme, kind=Kind.REMINDER, language="ar", body="x")
    page = alice.get(reverse("messaging:template_list"))
    cells = {
        (kind, code): changed
        for kind, _label, row in page.context["rows"]
        for code, _n, changed in row
    }
    assert len(cells) == len(Kind.values) * len(settings.LANGUAGES)
    assert cells[(Kind.REMINDER, "ar")] is True
    assert cells[(Kind.REMINDER, "sv")] is False


def test_the_editor_starts_from_the_default_text(alice: Client) -> None:
    from sprakvan.messaging.defaults import DEFAULTS

    page = alice.get(reverse("messaging:template_edit", args=["reminder", "ar"]))
    assert page.context["form"]["body"].value() == DEFAULTS[Kind.REMINDER]["ar"][1]
    assert "place" in page.context["variables"]


def test_a_preview_renders_on_a_real_participant_and_saves_nothing(
    alice: Client, programme: Programme
) -> None:
    ParticipantFactory(programme=programme, first_name="Gone", status=Status.LEFT)
    ParticipantFactory(programme=programme, first_name="Nour")
    response = alice.post(
        reverse("messaging:template_edit", args=["reminder", "sv"]),
        {
            "subject": "Påminnelse",
            "body": "Hej {{ first_name }}! {{ activity }} kl. {{ time }}.",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    assert response.context["preview"].text == "Hej Nour! Språkcafé kl. 17:00."
    assert (response.context["parts"].parts, response.context["parts"].encoding) == (1, "GSM-7")
    assert not response.context["too_long"]
    assert not MessageTemplate.objects.exists()


def test_a_preview_above_two_sms_parts_warns(alice: Client, amal: Participant) -> None:
    body = "{{ first_name }}, " + "مرحبا بكم في مقهى اللغة. " * 8
    response = alice.post(
        reverse("messaging:template_edit", args=["group", "ar"]),
        {"body": body, "action": "preview"},
    )
    assert response.context["parts"].encoding == "UCS-2"
    assert response.context["parts"].parts > 2
    assert response.context["too_long"]
    assert worded(response, "More than two SMS parts") in response.content.decode()


def test_saving_stores_the_template_and_back_to_default_removes_it(
    alice: Client, coordinator: User, programme: Programme
) -> None:
    url = reverse("messaging:template_edit", args=["receipt", "en"])
    response = alice.post(
        url, {"subject": "Thanks", "body": "Hi {{ first_name }}!", "action": "save"}
    )
    assert response.status_code == 302
    saved = MessageTemplate.objects.get(programme=programme, kind="receipt", language="en")
    assert (saved.subject, saved.body, saved.updated_by) == (
        "Thanks",
        "Hi {{ first_name }}!",
        coordinator,
    )

    # Saving again from the page updates the same row.
    version = alice.get(url).context["form"]["version"].value()
    alice.post(
        url, {"subject": "", "body": "Hello {{ first_name }}", "action": "save", "version": version}
    )
    assert MessageTemplate.objects.get().body == "Hello {{ first_name }}"

    alice.post(url, {"action": "reset"})
    assert not MessageTemplate.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="messaging.template.").count() == 3


def test_a_template_saved_by_someone_else_meanwhile_is_a_conflict(
    alice: Client, programme: Programme
) -> None:
    template = MessageTemplate.objects.create(
        programme=programme, kind="group", language="sv", body="Hej!"
    )
    url = reverse("messaging:template_edit", args=["group", "sv"])
    version = alice.get(url).context["form"]["version"].value()
    template.body = "Hej alla!"
    template.save()
    response = alice.post(url, {"body": "Hej du!", "action": "save", "version": version})
    assert response.status_code == 409
    assert MessageTemplate.objects.get().body == "Hej alla!"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Hej {{ phone }}!", "phone"),
        ("Hej {{ first_name }} {% if friend_first_name %}x{% endif %}", "friend_first_name"),
        ("{% if first_name %}Hej", "cannot be read"),
        ('{% include "base.html" %}', "include"),
    ],
)
def test_a_template_with_an_unknown_variable_or_bad_syntax_is_refused(
    alice: Client, body: str, named: str
) -> None:
    response = alice.post(
        reverse("messaging:template_edit", args=["receipt", "sv"]),
        {"body": body, "action": "save"},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["body"])
    assert named in errors
    assert not MessageTemplate.objects.exists()


def test_an_unknown_kind_or_language_is_not_found(alice: Client) -> None:
    assert alice.get(reverse("messaging:template_edit", args=["spam", "sv"])).status_code == 404
    assert alice.get(reverse("messaging:template_edit", args=["receipt", "xx"])).status_code == 404


# Settings

SETTINGS = {
    "sms_sender": "Sprakvan",
    "stop_contact": "013-20 00 00",
    "email_sender_name": "Vi ses",
    "quiet_start": "09:00",
    "quiet_end": "19:30",
    "daily_sms_budget": "300",
    "kinds_enabled": ["receipt", "reminder"],
}


def settings_version(alice: Client) -> str:
    return str(alice.get(reverse("messaging:settings")).context["form"]["version"].value())


def test_the_settings_are_saved(alice: Client, programme: Programme) -> None:
    response = alice.post(
        reverse("messaging:settings"), {**SETTINGS, "version": settings_version(alice)}
    )
    assert response.status_code == 302
    saved = settings_for(programme)
    assert (saved.sms_sender, saved.email_sender_name) == ("Sprakvan", "Vi ses")
    assert (saved.quiet_start, saved.quiet_end) == (datetime.time(9), datetime.time(19, 30))
    assert (saved.daily_sms_budget, saved.kinds_enabled) == (300, ["receipt", "reminder"])
    page = alice.get(reverse("messaging:settings"))
    assert page.context["one_way"]
    assert AuditEvent.objects.filter(action="messaging.settings.changed").exists()


def test_a_sender_name_needs_a_phone_for_stopping(alice: Client, programme: Programme) -> None:
    response = alice.post(
        reverse("messaging:settings"),
        {**SETTINGS, "stop_contact": "", "version": settings_version(alice)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["stop_contact"]
    assert settings_for(programme).sms_sender == ""


@pytest.mark.parametrize("sender", ["Språkvän", "1abc", "+4670", "ab"])
def test_a_bad_sms_sender_is_refused(alice: Client, programme: Programme, sender: str) -> None:
    response = alice.post(
        reverse("messaging:settings"),
        {**SETTINGS, "sms_sender": sender, "version": settings_version(alice)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["sms_sender"]
    assert settings_for(programme).sms_sender == ""


# The participant's page


def test_the_participants_page_lists_their_messages(alice: Client, amal: Participant) -> None:
    sent = make_message(amal, queued_at=timezone.now() - datetime.timedelta(days=2))
    make_message(amal, kind=Kind.RECEIPT, status=Status_.DELIVERED)
    page = alice.get(reverse("participants:detail", args=[amal.pk]))
    section = page.content.decode().split("participant-messages")[1].split("</ul>")[0]
    assert section.count("<li>") == 2
    assert timezone.localtime(sent.queued_at).strftime("%Y-%m-%d %H:%M") in section
