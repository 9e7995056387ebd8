"""The partner-dialogue document opens as PDF and Word and holds the results table."""

import io
import json
from collections.abc import Callable

from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from pypdf import PdfReader

from sprakvan.accounts.models import User
from sprakvan.reports.models import DocumentText
from sprakvan.reports.tests.fetch import fetch_document

from .conftest import KNOWN_NAME, KNOWN_PHONE, World

PERIOD = "?start=2019-01-01&end=2019-12-31"


def _texts(world: World) -> None:
    DocumentText.objects.create(
        programme=world.programme,
        period_start="2019-01-01",
        period_end="2019-12-31",
        participants="Anna Andersson, Linköpings kommun",
        background="Insatsen är ett samarbete mellan kommunen och Röda Korset.",
        summary="Partnerskapet fungerar bra.",
    )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_opens_and_holds_the_results_and_the_coordinators_texts(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    _texts(world)
    response = fetch_document(client_for(coordinator), "pdf", PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.root_object.get("/MarkInfo", {}).get("/Marked"), "a tagged PDF"
    text = _pdf_text(response.content)
    assert "Vi ses! Språkvänner" in text
    assert "10 (6" in text and "8 (5" in text  # 10 newcomers (6 women …), 8 established
    assert "Anna Andersson, Linköpings kommun" in text
    assert "Partnerskapet fungerar bra." in text
    assert "Bergadagen" in text


def test_the_word_document_opens_and_holds_the_results_table(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    _texts(world)
    response = fetch_document(client_for(coordinator), "docx", PERIOD)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Vi ses! Språkvänner" in paragraphs
    assert "Insatsen är ett samarbete mellan kommunen och Röda Korset." in paragraphs
    assert "{{" not in paragraphs and "{%" not in paragraphs
    results = next(
        table
        for table in document.tables
        if any(row.cells[-1].text.startswith("10 (6") for row in table.rows)
    )
    values = [row.cells[-1].text for row in results.rows][1:]
    # Newcomers, established, new pairs, active pairs (labels are in the document language).
    assert [v.split(" ")[0] for v in values] == ["10", "8", "2", "3"]
    assert len(document.inline_shapes) >= 1, "the charts are in the document"


def test_the_partner_viewers_document_has_no_personal_data_and_hides_small_counts(
    world: World, partner_viewer: User, client_for: Callable[[User], Client]
) -> None:
    response = fetch_document(client_for(partner_viewer), "pdf", PERIOD)
    text = _pdf_text(response.content)
    assert KNOWN_NAME not in text and KNOWN_PHONE not in text
    assert "10 (6" in text  # 10 newcomers, 6 women: both 5 or more
    assert "<5" in text  # 3 men, 1 of another gender


def test_the_report_command_writes_the_documented_json(world: World, tmp_path) -> None:
    target = tmp_path / "report.json"
    call_command(
        "report",
        "--programme", "vi-ses",
        "--from", "2019-01-01",
        "--to", "2019-12-31",
        "--format", "json",
        "--output", str(target),
    )  # fmt: skip
    data = json.loads(target.read_text())
    assert data["registrations"]["newcomer"] == {
        "total": 10,
        "woman": 6,
        "man": 3,
        "another": 1,
        "undisclosed": 0,
    }
    assert data["registrations"]["established"]["total"] == 8
    assert (data["pairs"]["new"], data["pairs"]["active"]) == (2, 3)
    assert data["previous"]["period"] == {"from": "2018-01-01", "to": "2018-12-31"}


def test_the_report_command_writes_excel_pdf_and_word(world: World, tmp_path) -> None:
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF"), ("docx", b"PK")):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "report", "--programme", "vi-ses", "--from", "2019-01-01", "--to", "2019-12-31",
            "--format", fmt, "--output", str(target),
        )  # fmt: skip
        assert target.read_bytes().startswith(magic)


def test_a_section_of_only_free_text_without_text_is_left_out(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    """No "no text written yet" placeholder and no empty heading (issue 14): with no texts the
    background and summary sections are not printed; with texts they are."""
    client = client_for(coordinator)
    with translation.override("sv"):
        headings = [gettext("Background"), gettext("Summary")]
        placeholder = gettext("No text written yet.")

    def documents() -> tuple[str, list[str]]:
        pdf = fetch_document(client, "pdf", PERIOD)
        docx = fetch_document(client, "docx", PERIOD)
        word = Document(io.BytesIO(docx.content))
        word_headings = [
            p.text for p in word.paragraphs if p.style and p.style.name.startswith("Heading")
        ]
        return _pdf_text(pdf.content), word_headings

    pdf_text, word_headings = documents()
    assert placeholder not in pdf_text
    for heading in headings:
        assert heading not in pdf_text.splitlines()
        assert heading not in word_headings

    _texts(world)
    pdf_text, word_headings = documents()
    for heading in headings:
        assert heading in pdf_text.splitlines()
        assert heading in word_headings
