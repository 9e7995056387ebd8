"""The erasure canary: a person with a unique name, phone, e-mail and id is put into every place
that can hold them, beside the known world of the reports tests. After `erase_participant` the
canary is found in no column of any table (every model Django knows, read through the ORM) and
in no export the reports offer (CSV, Excel, the partner-dialogue PDF and Word, the `report`
command), while every figure and every export reads the same as before. The retention purge,
which erases through the same function, keeps the figures too."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, Attendance, ReminderCode, ReminderSubscription
from sprakvan.activities.models import Session as ActivitySession
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme
from sprakvan.matching.models import CallRecord, CheckInAnswer, FollowUp, Pair
from sprakvan.messaging.models import Message
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.models import ImportBatch, Participant
from sprakvan.participants.tests.factories import ConsentFactory, ParticipantFactory
from sprakvan.partners.models import Lead, Referral
from sprakvan.privacy.models import SignInToken
from sprakvan.privacy.purge import purge_expired
from sprakvan.privacy.services import erase_participant
from sprakvan.reports.queries import report
from sprakvan.reports.report import build
from sprakvan.reports.statistics import Period, figures_as_json
from sprakvan.reports.tests.fetch import fetch_document

from .conftest import World

D = datetime.date
FIRST, LAST = "Kanariefirst", "Kanarielast"
PHONE, EMAIL, EXTERNAL = "+46709990011", "kanarie.fagel@example.org", "KAN-4711"
# Lower case: the search ignores case. The phone also as it is typed in Sweden.
CANARIES = [c.lower() for c in (FIRST, LAST, PHONE, "0709990011", "709990011", EMAIL, EXTERNAL)]
YEAR_2019 = Period.year(2019)
QUERY_2019 = "?start=2019-01-01&end=2019-12-31"
TODAY = D(2026, 1, 15)


def _canary(world: World, organisation: Organisation, coordinator: User) -> Participant:
    """The canary in every place that can hold a person (dates in 2019, inside the reports)."""
    programme = world.programme
    ryd = programme.districts.get(name="Ryd")
    person = ParticipantFactory(
        programme=programme,
        group="newcomer",
        gender="woman",
        first_name=FIRST,
        last_name=LAST,
        phone=PHONE,
        email=EMAIL,
        external_id=EXTERNAL,
        district=ryd,
        registered_on=D(2019, 4, 2),
        notes=f"{FIRST} {LAST} ringer från 0709990011",
        notes_written_on=D(2019, 4, 2),
    )
    # A second sign-up by the same person, waiting for the coordinator to merge it.
    ParticipantFactory(
        programme=programme,
        first_name=FIRST,
        last_name=LAST,
        phone=PHONE,
        email=EMAIL,
        registered_on=D(2019, 4, 20),
        possible_duplicate_of=person,
    )
    ConsentFactory(participant=person)
    ConsentFactory(participant=person, purpose="messages", channel="sms")
    ConsentFactory(participant=person, purpose="messages", channel="email")
    fair = OutreachEvent.objects.create(programme=programme, name="Rydsdagen", date=D(2019, 3, 9))
    Lead.objects.create(
        event=fair,
        first_name=FIRST,
        phone=PHONE,
        group="newcomer",
        interest=f"{LAST} vill laga mat",
        participant=person,
    )
    # The same person met at another fair, never linked: found by the phone.
    market = OutreachEvent.objects.create(programme=programme, name="Torgdagen", date=D(2019, 9, 7))
    Lead.objects.create(event=market, first_name=FIRST, phone=PHONE, group="newcomer")
    Referral.objects.create(
        programme=programme,
        organisation=organisation,
        participant=person,
        consent_given_by="person",
        consent_method="in_person",
        consent_date=D(2019, 4, 1),
    )
    pair = Pair.objects.create(
        programme=programme,
        newcomer=person,
        established=world.established[3],
        state="active",
        proposed_on=D(2019, 4, 20),
        started_on=D(2019, 5, 2),
    )
    CallRecord.objects.create(
        pair=pair, side="newcomer", outcome="agrees", called_on=D(2019, 4, 25), share_phone=True
    )
    follow_up = FollowUp.objects.create(pair=pair, kind="one_month", due_on=D(2019, 6, 2))
    CheckInAnswer.objects.create(
        follow_up=follow_up,
        participant=person,
        answer="meeting",
        comment=f"Vi fikar, hälsar {FIRST}",
        answered_at=datetime.datetime(2019, 6, 3, 18, tzinfo=datetime.UTC),
    )
    cafe = Activity.objects.get(programme=programme, title="Språkcafé Ryd")
    session = ActivitySession.objects.create(
        programme=programme,
        activity=cafe,
        date=D(2019, 5, 7),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
    )
    Attendance.objects.create(session=session, participant=person, via="qr")
    ReminderSubscription.objects.create(
        participant=person, activity=cafe, created_at=timezone.now()
    )
    ReminderCode.objects.create(
        participant=person,
        activity=cafe,
        code_hash="c" * 64,
        expires_at=timezone.now() + datetime.timedelta(minutes=15),
    )
    SignInToken.objects.create(
        participant=person,
        purpose="sign_in",
        channel="sms",
        link_hash="l" * 64,
        code_hash="k" * 64,
        created_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(minutes=30),
    )
    sent = datetime.datetime(2019, 4, 2, 12, tzinfo=datetime.UTC)
    for channel, recipient, participant in (
        ("email", EMAIL, person),
        ("sms", PHONE, person),
        ("email", EMAIL, None),  # to their address, not linked (a bounce, an old row)
    ):
        Message.objects.create(
            programme=programme,
            participant=participant,
            channel=channel,
            kind="receipt",
            language="sv",
            recipient=recipient,
            subject=f"Välkommen {FIRST}" if channel == "email" else "",
            body=f"Hej {FIRST} {LAST}! Vi ringer dig på 0709990011.",
            html_body=f"<p>Hej {FIRST} {LAST}!</p>" if channel == "email" else "",
            key=f"receipt:canary:{channel}:{participant is not None}",
            queued_at=sent,
            sent_at=sent,
            status=Message.Status.SENT,
        )
    ImportBatch.objects.create(
        programme=programme,
        uploaded_by=coordinator,
        filename="register-2019.csv",
        content=f"extern id;förnamn;efternamn;telefon\n{EXTERNAL};{FIRST};{LAST};{PHONE}\n".encode(),
        state=ImportBatch.State.DONE,
        total=1,
        processed=1,
        created=1,
    )
    # A failed import whose error quotes the row it stopped at (as a database error does).
    ImportBatch.objects.create(
        programme=programme,
        uploaded_by=coordinator,
        filename="register-2019b.csv",
        content=f"{EXTERNAL};{FIRST};{LAST};{PHONE}\n".encode(),
        state=ImportBatch.State.FAILED,
        error=f"Key (programme_id, external_id)=({programme.pk}, {EXTERNAL}) already exists.",
    )
    log_action(
        "participants.participant.viewed", programme=programme, actor=coordinator, target=person
    )
    return person


@pytest.fixture
def canary(world: World, referring_organisation: Organisation, coordinator: User) -> Participant:
    return _canary(world, referring_organisation, coordinator)


# Every table.


def _as_text(value: Any) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def texts_of_every_table() -> list[tuple[str, str, str]]:
    """Every char, text, JSON and binary value of every model Django knows (ours, Django's,
    the libraries'), as lower-case text, read through the ORM."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if value not in (None, "", b""):
                    found.append((model._meta.label, field.name, _as_text(value).lower()))
    return found


def canaries_in(texts: list[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(label, name) for label, name, text in texts if any(c in text for c in CANARIES)}


# Every export.


# A page's CSRF tokens and CSP nonces differ on every request: left out of the comparison.
ONE_TIME_VALUES = re.compile(r'((?:X-CSRFToken": |csrfmiddlewaretoken" value=|nonce=)")[^"]+')


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        f"{sheet.title}\t" + "\t".join("" if v is None else str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return "\n".join("\t".join(row) for row in rows)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "document.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def every_export(
    programme: Programme, client_for: Callable[[User], Client], users: list[User], tmp_path: Path
) -> dict[str, str]:
    """Each download the reports offer, for each user, decoded to text; and the `report`
    command's JSON and Excel."""
    slugs = [t.slug for t in build(programme, YEAR_2019, today=TODAY).tables()]
    texts: dict[str, str] = {}
    for user in users:
        client = client_for(user)
        role = user.email
        page = client.get(reverse("reports:dashboard") + QUERY_2019).text
        texts[f"{role} dashboard"] = ONE_TIME_VALUES.sub(r"\1…", page)
        for slug in ["all", *slugs]:
            url = reverse("reports:table_export", args=[slug, "xlsx"]) + QUERY_2019
            response = client.get(url)
            if response.status_code == 404:  # a table the viewer does not see
                continue
            assert response.status_code == 200, url
            texts[f"{role} {slug}.xlsx"] = _xlsx_text(response.content)
            if slug != "all":
                csv_url = reverse("reports:table_export", args=[slug, "csv"]) + QUERY_2019
                texts[f"{role} {slug}.csv"] = _csv_text(client.get(csv_url).content)
        pdf = fetch_document(client, "pdf", QUERY_2019)
        texts[f"{role} partssamtal.pdf"] = _pdf_text(pdf.content, tmp_path)
        docx = fetch_document(client, "docx", QUERY_2019)
        texts[f"{role} partssamtal.docx"] = _docx_text(docx.content)
    for fmt in ("json", "xlsx"):
        output = tmp_path / f"report.{fmt}"
        call_command(
            "report",
            *("--programme", programme.slug, "--from", "2019-01-01", "--to", "2019-12-31"),
            *("--format", fmt, "--output", str(output)),
        )
        data = output.read_bytes()
        texts[f"report command .{fmt}"] = data.decode() if fmt == "json" else _xlsx_text(data)
    return texts


def canaries_in_exports(texts: dict[str, str]) -> list[str]:
    return [name for name, text in texts.items() if any(c in text.lower() for c in CANARIES)]


def figures(programme: Programme) -> list[dict[str, Any]]:
    return [figures_as_json(f) for f in report(programme, YEAR_2019, today=TODAY)]


# The tests.


def test_the_search_sees_the_canary_in_every_place_before_erasure(canary: Participant) -> None:
    assert {
        ("participants.Participant", "first_name"),
        ("participants.Participant", "last_name"),
        ("participants.Participant", "phone"),
        ("participants.Participant", "email"),
        ("participants.Participant", "external_id"),
        ("participants.Participant", "notes"),
        ("partners.Lead", "first_name"),
        ("partners.Lead", "phone"),
        ("partners.Lead", "interest"),
        ("messaging.Message", "recipient"),
        ("messaging.Message", "subject"),
        ("messaging.Message", "body"),
        ("messaging.Message", "html_body"),
        ("participants.ImportBatch", "content"),
        ("participants.ImportBatch", "error"),
        ("matching.CheckInAnswer", "comment"),
    } <= canaries_in(texts_of_every_table())


def test_after_erasure_the_canary_is_in_no_table_and_no_export_and_every_figure_stays(
    world: World,
    canary: Participant,
    coordinator: User,
    partner_viewer: User,
    client_for: Callable[[User], Client],
    tmp_path: Path,
) -> None:
    programme = world.programme
    users = [coordinator, partner_viewer]
    figures_before = figures(programme)
    exports_before = every_export(programme, client_for, users, tmp_path)
    # The exports are read for real: they hold the programme's words and figures.
    assert "Rydsdagen" in exports_before["alice@example.org partssamtal.pdf"]
    assert "Rydsdagen" in exports_before["alice@example.org partssamtal.docx"]
    assert "Ryd" in exports_before["alice@example.org all.xlsx"]

    counts = erase_participant(canary, requested_by=coordinator, how="phone")

    assert canaries_in(texts_of_every_table()) == set()
    exports_after = every_export(programme, client_for, users, tmp_path)
    assert canaries_in_exports(exports_after) == []
    assert figures(programme) == figures_before
    assert exports_after == exports_before
    # Still counted: the rows stay, blanked.
    canary.refresh_from_db()
    assert (canary.group, canary.gender, canary.registered_on) == (
        "newcomer",
        "woman",
        D(2019, 4, 2),
    )
    assert Pair.objects.filter(newcomer=canary).exists()
    assert Attendance.objects.filter(participant=canary).count() == 1
    assert counts["participant"] == 2  # the person and their waiting second sign-up


def test_the_retention_purge_keeps_every_figure(world: World) -> None:
    """Everyone's rows reached us in 2019; in 2022 the purge anonymises all but the people
    in an active pair, and blanks the lead that never registered."""
    programme = world.programme
    Participant.objects.update(created_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC))
    Lead.objects.update(created_at=datetime.datetime(2019, 5, 25, tzinfo=datetime.UTC))
    before = figures(programme)
    current = set(
        Participant.objects.filter(programme=programme).current().values_list("pk", flat=True)
    )
    now = datetime.datetime(2022, 1, 10, 3, tzinfo=ZoneInfo("Europe/Stockholm"))

    counts = purge_expired(now=now).programmes[programme.slug]

    in_active_pairs = set(
        Pair.objects.filter(programme=programme, state="active").values_list(
            "newcomer", "established"
        )
    )
    kept = {pk for pair in in_active_pairs for pk in pair}
    erased = set(
        Participant.objects.filter(programme=programme, erased_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    # An erased person's second sign-up, waiting to be merged, is erased with them.
    duplicates = set(
        Participant.objects.filter(possible_duplicate_of__in=erased).values_list("pk", flat=True)
    )
    assert (counts["people"], counts["leads"]) == (len(current) - len(kept), 1)
    assert duplicates and erased == (current - kept) | duplicates
    assert figures(programme) == before
