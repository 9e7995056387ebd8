"""Erasure: a canary person is put into every table that can hold them; afterwards the canary
is found nowhere, the consents remain (withdrawn), and the person's links stop working."""

from __future__ import annotations

import datetime
import html
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.activities.models import ReminderCode, ReminderSubscription
from sprakvan.activities.tests.factories import ActivityFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import CheckInAnswer, FollowUp
from sprakvan.matching.services.check_ins import check_in_token
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Message
from sprakvan.messaging.services.email import unsubscribe_token
from sprakvan.organisations.models import Organisation
from sprakvan.organisations.tests.factories import OutreachEventFactory
from sprakvan.participants.models import Consent, ImportBatch, Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.partners.models import Lead, Referral
from sprakvan.partners.tests.factories import LeadFactory, ReferralFactory
from sprakvan.privacy.services import erase_participant

FIRST, LAST = "Canaryfirst", "Canarylast"
PHONE, EMAIL = "+46709998877", "canary.bird@example.org"
CANARIES = [FIRST, LAST, PHONE, "709998877", EMAIL]


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Any:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Canary:
    person: Participant
    message: Message
    check_in_url: str


@pytest.fixture
def canary(programme: Programme, referring_organisation: Organisation) -> Canary:
    person = ParticipantFactory(
        programme=programme,
        first_name=FIRST,
        last_name=LAST,
        phone=PHONE,
        email=EMAIL,
        external_id="X-17",
        notes=f"{FIRST} prefers Tuesdays",
    )
    ConsentFactory(participant=person)
    ConsentFactory(participant=person, purpose="messages", channel="sms")
    event = OutreachEventFactory(programme=programme)
    LeadFactory(event=event, first_name=FIRST, phone=PHONE, interest=LAST, participant=person)
    # A lead at another fair, not linked, with the same number: the same person.
    LeadFactory(event=OutreachEventFactory(programme=programme), first_name=FIRST, phone=PHONE)
    ReferralFactory(organisation=referring_organisation, programme=programme, participant=person)
    message = Message.objects.create(
        programme=programme,
        participant=person,
        channel="email",
        kind="receipt",
        language="en",
        recipient=EMAIL,
        subject=f"Welcome {FIRST}",
        body=f"Hi {FIRST} {LAST}!",
        html_body=f"<p>Hi {FIRST}</p>",
        key="receipt:canary:email",
        queued_at=timezone.now(),
        status=Message.Status.SENT,
    )
    Message.objects.create(
        programme=programme,
        participant=person,
        channel="sms",
        kind="receipt",
        language="en",
        recipient=PHONE,
        body=f"Hi {FIRST}!",
        key="receipt:canary:sms",
        queued_at=timezone.now(),
    )
    ImportBatch.objects.create(
        programme=programme,
        filename="register.csv",
        content=f"first_name;last_name;phone\n{FIRST};{LAST};{PHONE}\n".encode(),
        state=ImportBatch.State.DONE,
    )
    pair = PairFactory(programme=programme, newcomer=person)
    follow_up = FollowUp.objects.create(
        pair=pair, kind=FollowUp.Kind.ONE_MONTH, due_on=datetime.date(2019, 4, 10)
    )
    CheckInAnswer.objects.create(
        follow_up=follow_up,
        participant=person,
        answer="meeting",
        comment=f"{LAST} is kind",
        answered_at=timezone.now(),
    )
    activity = ActivityFactory(programme=programme)
    ReminderSubscription.objects.create(
        participant=person, activity=activity, created_at=timezone.now()
    )
    ReminderCode.objects.create(
        participant=person,
        activity=activity,
        code_hash="x" * 64,
        expires_at=timezone.now() + datetime.timedelta(minutes=30),
    )
    token = check_in_token(pair, person, months=1)
    check_in_url = reverse(
        "matching_public:check_in", kwargs={"programme_slug": programme.slug, "token": token}
    )
    return Canary(person, message, check_in_url)


def texts_of_every_table() -> list[tuple[str, str, str]]:
    """Every text, char, JSON and binary value of every model of our apps, as text."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("sprakvan."):
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if isinstance(value, memoryview | bytes):
                    value = bytes(value).decode(errors="replace")
                found.append((model._meta.label, field.name, str(value)))
    return found


def canaries_in(rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(label, name) for label, name, text in rows if any(c in text for c in CANARIES)]


def test_the_search_finds_the_canary_before_erasure(canary: Canary) -> None:
    where = set(canaries_in(texts_of_every_table()))
    assert {
        ("participants.Participant", "first_name"),
        ("partners.Lead", "phone"),
        ("messaging.Message", "recipient"),
        ("messaging.Message", "body"),
        ("participants.ImportBatch", "content"),
        ("matching.CheckInAnswer", "comment"),
    } <= where


def test_after_erasure_the_canary_is_found_nowhere(canary: Canary, coordinator: User) -> None:
    counts = erase_participant(canary.person, requested_by=coordinator, how="phone")

    assert canaries_in(texts_of_every_table()) == []
    assert counts == {
        "participant": 1,
        "consents_withdrawn": 2,
        "leads": 2,
        "referrals": 1,
        "messages": 2,
        "import_batches": 1,
        "check_in_comments": 1,
        "reminder_subscriptions": 1,
        "reminder_codes": 1,
        "sign_in_tokens": 0,
    }


def test_the_counted_rows_stay(canary: Canary) -> None:
    person = canary.person
    erase_participant(person, requested_by=None, how="operator")
    person.refresh_from_db()
    assert person.erased_at is not None
    assert (person.group, person.gender, person.registered_on) == (
        "newcomer",
        "woman",
        datetime.date(2019, 3, 1),
    )
    assert Referral.objects.get().participant == person
    assert Lead.objects.filter(participant=person).count() == 1
    sent = Message.objects.get(pk=canary.message.pk)
    assert (sent.kind, sent.channel, sent.status, sent.recipient, sent.body) == (
        "receipt",
        "email",
        canary.message.status,
        "",
        "",
    )
    assert not ReminderSubscription.objects.filter(participant=person).exists()
    assert not ReminderCode.objects.filter(participant=person).exists()


def test_the_consent_rows_remain_withdrawn(canary: Canary) -> None:
    now = timezone.now()
    erase_participant(canary.person, requested_by=None, how="operator", now=now)
    consents = Consent.objects.filter(participant=canary.person)
    assert consents.count() == 2
    assert {c.withdrawn_at for c in consents} == {now}
    assert {c.given_at for c in consents} == {
        datetime.datetime(2019, 3, 1, 12, tzinfo=datetime.UTC)
    }


def test_the_audit_log_holds_how_and_counts_only(canary: Canary, coordinator: User) -> None:
    erase_participant(canary.person, requested_by=coordinator, how="paper")
    event = AuditEvent.objects.get(action="privacy.participant.erased")
    assert (event.actor_id, event.object_id) == (coordinator.pk, canary.person.pk)
    assert event.data["how"] == "paper"
    assert event.data["counts"]["messages"] == 2
    assert not [e for e in AuditEvent.objects.all() if any(c in str(e.data) for c in CANARIES)]


def test_the_check_in_link_stops_working(canary: Canary, client: Client) -> None:
    assert client.get(canary.check_in_url).status_code == 200
    erase_participant(canary.person, requested_by=None, how="operator")
    assert client.get(canary.check_in_url).status_code == 404
    response = client.post(canary.check_in_url, {"answer": "stopped", "comment": FIRST})
    assert response.status_code == 404
    assert not CheckInAnswer.objects.filter(comment=FIRST).exists()


def test_the_unsubscribe_link_stops_working(canary: Canary, client: Client) -> None:
    url = reverse("messaging_public:unsubscribe", args=[unsubscribe_token(canary.message)])
    assert client.get(url).status_code == 200
    erase_participant(canary.person, requested_by=None, how="operator")
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_the_coordinator_sees_the_counts_and_erases(
    canary: Canary, client_for: Any, coordinator: User
) -> None:
    client = client_for(coordinator)
    detail = reverse("participants:detail", args=[canary.person.pk])
    url = reverse("privacy:erase", args=[canary.person.pk])
    assert url == f"/privacy/erase/{canary.person.pk}/"
    assert url in client.get(detail).content.decode()

    page = client.get(url).content.decode()
    assert _("Leads from outreach events") in page
    assert _("By phone") in page

    assert client.post(url, {"how": "carrier pigeon"}).status_code == 400
    canary.person.refresh_from_db()
    assert canary.person.erased_at is None

    response = client.post(url, {"how": "phone", "note": "Her son called"}, follow=True)
    assert response.redirect_chain == [(detail, 302)]
    done = html.escape(_("The person's data was erased. They are still counted."))
    assert done in response.content.decode()
    canary.person.refresh_from_db()
    assert canary.person.erased_at is not None
    event = AuditEvent.objects.get(action="privacy.participant.erased")
    assert (event.actor_id, event.data["how"]) == (coordinator.pk, "phone: Her son called")


def test_another_programmes_participant_is_404(
    client_for: Any, outsider: User, canary: Canary
) -> None:
    client = client_for(outsider)
    url = reverse("privacy:erase", args=[canary.person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"how": "phone"}).status_code == 404
    canary.person.refresh_from_db()
    assert canary.person.erased_at is None


def test_a_leader_is_refused(client_for: Any, leader: User, canary: Canary) -> None:
    url = reverse("privacy:erase", args=[canary.person.pk])
    assert client_for(leader).post(url, {"how": "phone"}).status_code == 403
    canary.person.refresh_from_db()
    assert canary.person.erased_at is None


def test_the_command_erases_by_id_and_prints_counts_only(
    canary: Canary, programme: Programme
) -> None:
    out = io.StringIO()
    call_command(
        "erase_participant", "--programme", programme.slug, "--external-id", "X-17", stdout=out
    )
    printed = out.getvalue()
    assert "participant: 1" in printed and "messages: 2" in printed
    assert not [c for c in CANARIES if c in printed]
    assert canaries_in(texts_of_every_table()) == []
    assert AuditEvent.objects.get(action="privacy.participant.erased").data["how"] == "operator"


def test_the_command_refuses_an_unknown_or_foreign_person(
    canary: Canary, other_programme: Programme
) -> None:
    with pytest.raises(CommandError):
        call_command(
            "erase_participant",
            "--programme",
            other_programme.slug,
            "--participant-id",
            str(canary.person.pk),
        )
    canary.person.refresh_from_db()
    assert canary.person.erased_at is None
