"""Download my data: the JSON holds every inventoried field, the PDF is in the person's
language, and neither says anything about anyone else (the friend by first name only)."""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from sprakvan.accounts.models import User
from sprakvan.activities.models import Attendance
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.matching.models import CallRecord, CheckInAnswer, FollowUp
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.messaging.models import Message
from sprakvan.organisations.models import Organisation
from sprakvan.organisations.tests.factories import OutreachEventFactory
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.partners.tests.factories import LeadFactory, ReferralFactory
from sprakvan.privacy import export, export_pdf
from sprakvan.privacy.inventory import INVENTORY
from sprakvan.privacy.session import sign_in

NOW = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)
FRIEND_LAST, FRIEND_PHONE, FRIEND_EMAIL = "Friendlastname", "+46701112233", "friend@example.org"
THIRD_FIRST, THIRD_LAST = "Thirdfirstname", "Thirdlastname"


@dataclass
class People:
    person: Participant
    friend: Participant
    third: Participant


@pytest.fixture
def people(programme: Programme, coordinator: User, referring_organisation: Organisation) -> People:
    district = programme.districts.get(name="Ryd")
    event = OutreachEventFactory(programme=programme, name="Rydsmässan")
    person = ParticipantFactory(
        programme=programme,
        first_name="Amal",
        last_name="Haddad",
        phone="+46705550101",
        email="amal@example.org",
        district=district,
        languages=0b101,  # Swedish and Arabic
        interests=0b11,
        swedish_level=2,
        preferred_language="sv",
        source="fair",
        source_event=event,
        source_organisation=referring_organisation,
        notes=f"Friend {FRIEND_LAST} calls on 070-111 22 33",
    )
    friend = ParticipantFactory(
        programme=programme,
        group="established",
        first_name="Birgitta",
        last_name=FRIEND_LAST,
        phone=FRIEND_PHONE,
        email=FRIEND_EMAIL,
    )
    third = ParticipantFactory(programme=programme, first_name=THIRD_FIRST, last_name=THIRD_LAST)
    ConsentFactory(participant=person, recorded_by=coordinator)
    ConsentFactory(
        participant=person,
        purpose="messages",
        channel="sms",
        withdrawn_at=datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC),
    )
    ConsentFactory(participant=person, text_version="import")
    batch = ImportBatch.objects.create(
        programme=programme, filename="anmalningar-2018.xlsx", state=ImportBatch.State.DONE
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=datetime.datetime(2019, 3, 1, 11, 50, tzinfo=datetime.UTC)
    )
    batch.refresh_from_db()
    person.import_batch = batch
    person.save(update_fields=["import_batch"])
    ImportBatch.objects.create(programme=programme, filename="later.xlsx", state="done")
    pair = PairFactory(programme=programme, newcomer=person, established=friend)
    # A proposal with the third person that never started: it names nobody.
    PairFactory(
        programme=programme,
        newcomer=person,
        established=third,
        state="ended",
        started_on=None,
        ended_on=datetime.date(2019, 2, 20),
        end_reason="declined",
    )
    CallRecord.objects.create(
        pair=pair, side="newcomer", outcome="agrees", called_on=datetime.date(2019, 3, 5)
    )
    follow_up = FollowUp.objects.create(
        pair=pair, kind=FollowUp.Kind.ONE_MONTH, due_on=datetime.date(2019, 4, 10)
    )
    CheckInAnswer.objects.create(
        follow_up=follow_up,
        participant=person,
        answer="meeting",
        comment=f"{FRIEND_LAST} is kind",
        answered_at=NOW,
    )
    CheckInAnswer.objects.create(
        follow_up=follow_up, participant=friend, answer="stopped", answered_at=NOW
    )
    session = SessionFactory(activity=ActivityFactory(programme=programme, title="Språkcafé Ryd"))
    Attendance.objects.create(session=session, participant=person)
    Attendance.objects.create(session=session, participant=third)
    Message.objects.create(
        programme=programme,
        participant=person,
        channel="sms",
        kind="introduction",
        language="sv",
        recipient=str(person.phone),
        body=f"Hej Amal! Din språkvän: Birgitta {FRIEND_LAST}. Telefon: 070-111 22 33.",
        key="introduction:export-test",
        queued_at=NOW,
        status=Message.Status.SENT,
    )
    Message.objects.create(
        programme=programme,
        participant=third,
        channel="sms",
        kind="receipt",
        language="sv",
        recipient=str(third.phone),
        body=f"Hej {THIRD_FIRST}!",
        key="receipt:third",
        queued_at=NOW,
    )
    ReferralFactory(organisation=referring_organisation, programme=programme, participant=person)
    LeadFactory(event=event, first_name="Amal", phone="+46705550101", participant=person)
    return People(person, friend, third)


def signed_in_client(person: Participant) -> Client:
    client = Client()
    request = RequestFactory().get("/")
    request.session = client.session
    sign_in(request, person)
    session: SessionBase = request.session
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key or ""
    return client


def download_url(programme: Programme, fmt: str) -> str:
    return reverse("privacy_public:download", kwargs={"programme_slug": programme.slug, "fmt": fmt})


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "export.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return unicodedata.normalize("NFKC", text)


def visible(text: str) -> str:
    """The text without format characters (joiners, direction marks), which a PDF's text layer
    does not keep, in NFKC (Arabic letters may come back as presentation forms)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def others_details(people: People) -> list[str]:
    """What must never appear about the friend or the third person (the friend's first name may)."""
    return [
        FRIEND_LAST,
        FRIEND_PHONE,
        "701112233",
        "070-111 22 33",
        FRIEND_EMAIL,
        THIRD_FIRST,
        THIRD_LAST,
        str(people.third.phone),
        "Alice",  # the coordinator who recorded a consent
    ]


def test_json_participant_keys_are_the_inventorys_participant_fields(people: People) -> None:
    data = export.collect(people.person, now=NOW)
    expected = {f.field for f in INVENTORY if f.model == "participants.Participant"}
    assert set(data["participant"]) == expected


def test_json_gives_codes_with_labels_and_iso_dates(people: People) -> None:
    data = json.loads(export.to_json(export.collect(people.person, now=NOW)))
    participant = data["participant"]
    assert [item["code"] for item in participant["languages"]] == ["sv", "ar"]
    with translation.override("sv"):
        assert participant["languages"][1]["label"] == gettext("Arabic")
        assert participant["group"] == {"code": "newcomer", "label": gettext("Newcomer")}
    assert participant["registered_on"] == "2019-03-01"
    assert participant["district"]["label"] == "Ryd"
    assert datetime.datetime.fromisoformat(data["exported_at"]) == NOW
    consents = data["consents"]
    assert [c["recorded_by"]["code"] for c in consents] == ["coordinator", "self", "self"]
    assert consents[1]["withdrawn_at"].startswith("2026-05-01")
    assert consents[0]["text_version"] == "2026-01"
    assert data["origin"]["import"] == {
        "filename": "anmalningar-2018.xlsx",
        "imported_on": "2019-03-01",
    }
    assert data["origin"]["outreach_event"]["name"] == "Rydsmässan"
    assert [a["activity"] for a in data["attendance"]] == ["Språkcafé Ryd"]


def test_the_friend_appears_by_first_name_only_and_other_people_not_at_all(
    people: People, tmp_path: Path
) -> None:
    data = export.collect(people.person, now=NOW)
    assert [p["friend_first_name"] for p in data["pairs"]] == ["Birgitta", None]
    # Only the person's own answers and messages.
    assert [a["answer"]["code"] for p in data["pairs"] for a in p["check_in_answers"]] == [
        "meeting"
    ]
    assert [m["kind"]["code"] for m in data["messages"]] == ["introduction"]
    text = export.to_json(data).decode()
    pdf = pdf_text(export_pdf.to_pdf(data), tmp_path)
    assert "Birgitta" in text and "Birgitta" in pdf
    for detail in others_details(people):
        assert detail not in text, detail
        assert detail not in pdf, detail
    # The person's own details are there.
    assert "Haddad" in text and "Haddad" in pdf


def test_the_pdf_is_in_swedish(people: People, tmp_path: Path) -> None:
    response = signed_in_client(people.person).get(download_url(people.person.programme, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    with translation.override("sv"):
        heading, arabic = gettext("Messages"), gettext("Arabic")
    assert heading != "Messages"
    assert heading in text
    assert arabic in text  # a language in words, not its code


def test_the_pdf_is_in_arabic_for_a_person_who_reads_arabic(people: People, tmp_path: Path) -> None:
    Participant.objects.filter(pk=people.person.pk).update(preferred_language="ar")
    response = signed_in_client(people.person).get(download_url(people.person.programme, "pdf"))
    text = pdf_text(response.content, tmp_path)
    with translation.override("ar"):
        heading = unicodedata.normalize("NFKC", gettext("Messages"))
    assert heading != "Messages"
    assert heading in text


def test_the_json_download_is_an_attachment_never_cached_and_audited(people: People) -> None:
    response = signed_in_client(people.person).get(download_url(people.person.programme, "json"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="sprakvan-my-data-\d{4}-\d{2}-\d{2}\.json"', disposition
    )
    assert json.loads(response.content)["participant"]["first_name"] == "Amal"
    event = AuditEvent.objects.get(action="privacy.export.downloaded")
    assert (event.object_id, event.actor_id, event.data) == (
        people.person.pk,
        None,
        {"format": "json"},
    )


def test_the_download_asks_to_sign_in_first(people: People) -> None:
    response = Client().get(download_url(people.person.programme, "json"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "privacy_public:sign_in", kwargs={"programme_slug": people.person.programme.slug}
    )
    assert not AuditEvent.objects.filter(action="privacy.export.downloaded").exists()


def test_an_unknown_format_is_404(people: People) -> None:
    response = signed_in_client(people.person).get(download_url(people.person.programme, "xml"))
    assert response.status_code == 404


def test_the_coordinator_downloads_a_persons_data_for_them(
    people: People, coordinator: User, client_for: Any
) -> None:
    url = reverse("privacy:export", args=[people.person.pk, "pdf"])
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="privacy.export.downloaded")
    assert (event.object_id, event.actor_id, event.data) == (
        people.person.pk,
        coordinator.pk,
        {"format": "pdf"},
    )


def test_another_programmes_participant_is_404_on_the_staff_route(
    coordinator: User, other_programme: Programme, client_for: Any
) -> None:
    stranger = ParticipantFactory(programme=other_programme)
    response = client_for(coordinator).get(reverse("privacy:export", args=[stranger.pk, "json"]))
    assert response.status_code == 404


def test_a_leader_may_not_download_a_persons_data(
    people: People, leader: User, client_for: Any
) -> None:
    response = client_for(leader).get(reverse("privacy:export", args=[people.person.pk, "json"]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="privacy.export.downloaded").exists()


def test_the_participant_page_links_to_the_download(
    people: People, coordinator: User, client_for: Any
) -> None:
    response = client_for(coordinator).get(reverse("participants:detail", args=[people.person.pk]))
    assert reverse("privacy:export", args=[people.person.pk, "json"]) in response.content.decode()
    assert reverse("privacy:export", args=[people.person.pk, "pdf"]) in response.content.decode()


def test_the_filename_carries_the_date_only() -> None:
    assert export.filename("json", now=NOW) == "sprakvan-my-data-2026-11-30.json"
    assert timezone.is_aware(NOW)


@pytest.mark.parametrize(
    ("language", "first_name", "last_name"),
    [("ti", "ሰላም", "ተስፋይ"), ("fa-af", "زهرا", "احمدی")],
)
def test_the_pdf_in_tigrinya_and_dari_gives_its_text_back_and_says_its_language(
    people: People, tmp_path: Path, language: str, first_name: str, last_name: str
) -> None:
    """Ge'ez and Arabic script come out of the PDF as text (the fonts are embedded, not boxes),
    and the tagged PDF names its language."""
    Participant.objects.filter(pk=people.person.pk).update(
        preferred_language=language, first_name=first_name, last_name=last_name
    )
    response = signed_in_client(people.person).get(download_url(people.person.programme, "pdf"))
    text = pdf_text(response.content, tmp_path)
    with translation.override(language):
        heading, swedish = gettext("Messages"), gettext("Swedish")
    with translation.override("sv"):
        assert heading != gettext("Messages"), "the heading is translated"

    for expected in (heading, swedish, first_name, last_name):
        assert visible(expected) in visible(text), expected
    catalog = PdfReader(io.BytesIO(response.content)).root_object
    assert catalog["/Lang"] == language
    assert catalog.get("/MarkInfo", {}).get("/Marked"), "a tagged PDF"
