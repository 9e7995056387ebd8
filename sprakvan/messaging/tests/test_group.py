"""The message to a chosen group: the filters and counts, the preview, confirming once.
Alice coordinates Vi ses; Amal (Arabic) and Sara (Swedish) are newcomers in Skäggetorp who
agreed to SMS; Erik, established in Berga, agreed to e-mail only; Nils agreed to nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.messaging.models import GroupMessage, Kind, Message
from sprakvan.messaging.segments import sms_parts
from sprakvan.messaging.services.group import SMS_PART_PRICE_ORE
from sprakvan.messaging.tests.people import consenting, sending_programme
from sprakvan.participants.models import Channel, Participant, Status
from sprakvan.participants.tests.factories import ParticipantFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db
URL = reverse("messaging:group_new")
TEXTS = {
    "text_sv": "Caféet är stängt på måndag.",
    "text_en": "The café is closed on Monday.",
    "text_ar": "المقهى مغلق يوم الإثنين.",
}


def worded(response: TestResponse, text: str) -> str:
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(text)


@pytest.fixture
def alice(client_for: Callable[[User], Client], coordinator: User) -> Client:
    return client_for(coordinator)


@pytest.fixture
def people(programme: Programme) -> dict[str, Participant]:
    sending_programme(programme)
    skaggetorp = programme.districts.get(name="Skäggetorp")
    berga = programme.districts.get(name="Berga")
    return {
        "amal": consenting(
            programme,
            first_name="Amal",
            language="ar",
            email=False,
            group="newcomer",
            district=skaggetorp,
            status=Status.WAITING,
        ),
        "sara": consenting(
            programme,
            first_name="Sara",
            language="sv",
            email=False,
            group="newcomer",
            district=skaggetorp,
            status=Status.MATCHED,
        ),
        "erik": consenting(
            programme,
            first_name="Erik",
            language="sv",
            sms=False,
            group="established",
            district=berga,
            status=Status.WAITING,
        ),
        "nils": consenting(
            programme,
            first_name="Nils",
            language="en",
            sms=False,
            email=False,
            group="established",
            district=berga,
            status=Status.WAITING,
        ),
        "left": consenting(programme, first_name="Lars", status=Status.LEFT, group="newcomer"),
    }


def preview(client: Client, **data: str) -> TestResponse:
    return client.post(URL, {**TEXTS, **data, "action": "preview"})


def confirm(client: Client, token: str, **data: str) -> TestResponse:
    return client.post(URL, {**TEXTS, **data, "token": token, "action": "confirm"})


def test_the_page_offers_the_filters_and_a_text_per_language(alice: Client) -> None:
    response = alice.get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert {"group", "district", "status", "language", "text_sv", "text_en", "text_ar"} <= set(
        form.fields
    )
    assert Status.LEFT not in dict(form.fields["status"].choices)
    assert worded(response, "Message to a group") in response.content.decode()


def test_the_preview_counts_people_languages_and_how_they_can_be_reached(
    alice: Client, people: dict[str, Participant], other_programme: Programme
) -> None:
    ParticipantFactory(programme=other_programme, group="newcomer")

    response = preview(alice)

    summary = response.context["summary"]
    assert {p.first_name for p in summary.people} == {"Amal", "Sara", "Erik", "Nils"}
    assert dict(summary.languages) == {"ar": 1, "sv": 2, "en": 1}
    assert (summary.by_sms, summary.by_email, summary.unreachable) == (2, 1, 1)
    assert response.context["token"]


def test_each_filter_narrows_the_people(
    alice: Client, people: dict[str, Participant], programme: Programme
) -> None:
    berga = programme.districts.get(name="Berga")

    def chosen(**filters: str) -> set[str]:
        return {p.first_name for p in preview(alice, **filters).context["summary"].people}

    assert chosen(group="newcomer") == {"Amal", "Sara"}
    assert chosen(district=str(berga.pk)) == {"Erik", "Nils"}
    assert chosen(status=Status.MATCHED) == {"Sara"}
    assert chosen(language="ar") == {"Amal"}
    assert chosen(group="newcomer", status=Status.WAITING) == {"Amal"}


def test_the_preview_shows_each_language_on_a_real_person_with_parts_and_cost(
    alice: Client, people: dict[str, Participant], programme: Programme
) -> None:
    response = preview(alice, group="newcomer")

    summary = response.context["summary"]
    previews = {p.language: p for p in summary.previews}
    assert set(previews) == {"ar", "sv"}
    arabic = previews["ar"]
    assert arabic.person == people["amal"]
    with translation.override("ar"):
        stop = gettext("Reply STOP for no more SMS.")
    assert arabic.text == (
        f"مرحبا Amal! تحياتنا من {programme.name}.\nالمقهى مغلق يوم الإثنين.\n{stop}"
    )
    assert previews["sv"].text.startswith(f"Hej Sara! Hälsningar från {programme.name}.\n")
    expected_parts = sms_parts(arabic.text).parts + sms_parts(previews["sv"].text).parts
    assert summary.sms_parts == expected_parts
    assert summary.cost_ore == expected_parts * SMS_PART_PRICE_ORE
    assert arabic.text.splitlines()[1] in response.content.decode()
    assert not Message.objects.exists()


def test_the_coordinators_text_may_greet_each_person_by_name(
    alice: Client, people: dict[str, Participant]
) -> None:
    response = preview(alice, language="ar", text_ar="{{ first_name }}، المقهى مغلق.")

    (shown,) = response.context["summary"].previews
    assert shown.text.splitlines()[1] == "Amal، المقهى مغلق."


def test_a_language_among_the_people_without_a_text_is_refused(
    alice: Client, people: dict[str, Participant]
) -> None:
    response = alice.post(URL, {"text_sv": "Hej!", "group": "newcomer", "action": "preview"})

    assert response.context["token"] == ""
    assert response.context["form"].errors["text_ar"]
    assert 'value="confirm"' not in response.content.decode()  # no send button


def test_an_unknown_variable_in_the_text_is_refused(alice: Client) -> None:
    response = preview(alice, text_sv="Hej {{ friend_phone }}")

    assert "text_sv" in response.context["form"].errors
    assert response.context["summary"] is None


def test_confirming_queues_one_message_per_person_once(
    alice: Client, people: dict[str, Participant], programme: Programme, coordinator: User
) -> None:
    token = preview(alice).context["token"]

    first = confirm(alice, token)
    again = confirm(alice, token)

    assert first.status_code == again.status_code == 302
    assert first["Location"] == reverse("messaging:outbox") + "?kind=group"
    group = GroupMessage.objects.get()
    assert (group.programme, group.count, group.created_by) == (programme, 4, coordinator)
    assert group.texts == {"sv": TEXTS["text_sv"], "en": TEXTS["text_en"], "ar": TEXTS["text_ar"]}
    sent = Message.objects.filter(kind=Kind.GROUP)
    assert sorted(sent.values_list("key", flat=True)) == sorted(
        f"group:{group.pk}:participant:{people[name].pk}"
        for name in ["amal", "sara", "erik", "nils"]
    )
    amal = sent.get(participant=people["amal"])
    assert (amal.channel, amal.language, amal.status) == (Channel.SMS, "ar", Message.Status.QUEUED)
    assert "المقهى مغلق يوم الإثنين." in amal.body
    erik = sent.get(participant=people["erik"])
    assert (erik.channel, erik.language) == (Channel.EMAIL, "sv")
    assert AuditEvent.objects.filter(action="messaging.group.sent").count() == 1


def test_a_person_without_consent_is_not_reachable_and_gets_a_cancelled_row(
    alice: Client, people: dict[str, Participant], programme: Programme
) -> None:
    nils = people["nils"]
    nils.phone = "+46701112233"
    nils.save()
    response = preview(alice, language="en")
    assert response.context["summary"].unreachable == 1

    confirm(alice, response.context["token"], language="en")

    message = Message.objects.get(participant=nils)
    assert (message.status, message.reason) == (Message.Status.CANCELLED, "no_consent")


def test_a_confirm_after_the_text_changed_shows_the_new_preview_and_sends_nothing(
    alice: Client, people: dict[str, Participant]
) -> None:
    token = preview(alice).context["token"]

    response = confirm(alice, token, text_sv="Något annat.")

    assert response.status_code == 200
    assert not GroupMessage.objects.exists()
    assert not Message.objects.exists()
    assert response.context["token"] not in ("", token)


def test_a_confirm_without_a_preview_sends_nothing(
    alice: Client, people: dict[str, Participant]
) -> None:
    response = confirm(alice, "made-up")

    assert response.status_code == 200
    assert not GroupMessage.objects.exists()


def test_a_confirm_after_the_people_changed_sends_nothing(
    alice: Client, people: dict[str, Participant], programme: Programme
) -> None:
    token = preview(alice).context["token"]
    consenting(programme, first_name="Ny", language="sv")

    confirm(alice, token)

    assert not GroupMessage.objects.exists()


def test_another_programmes_coordinator_never_sees_our_people(
    client_for: Callable[[User], Client], outsider: User, people: dict[str, Participant]
) -> None:
    response = preview(client_for(outsider))

    assert response.status_code == 200
    assert response.context["summary"].people == []
    assert response.context["token"] == ""
