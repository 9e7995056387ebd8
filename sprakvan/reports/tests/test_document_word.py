"""The partner-dialogue Word file is complete and well made (issue 14): Word headings in the
PDF's order, real tables with one caption and a repeating bold header row and never without
rows, numbers the Swedish way, the money per party, the meeting date, next year's goals in
preparation marked, one font family, and no section with nothing in it."""

import datetime
import io
import re
from dataclasses import replace
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.partners.tests.factories import AgreementFactory, ContributionFactory
from sprakvan.reports.charts import DOCUMENT_FONT
from sprakvan.reports.document import Content, GoalLine, build_content, docx_bytes
from sprakvan.reports.document import document_labels as labels
from sprakvan.reports.goals import IN_PREPARATION, STATUS_LABELS
from sprakvan.reports.models import DocumentText
from sprakvan.reports.statistics import Period
from sprakvan.reports.tables import Table

from .conftest import World

D = datetime.date
JAN_OCT = Period(D(2019, 1, 1), D(2019, 10, 31))
NBSP = "\xa0"


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def sv_labels() -> dict[str, str]:
    with translation.override("sv"):
        return labels()


def _texts(world: World, **fields: Any) -> None:
    """The coordinator's text for every section, a meeting date and two signatures."""
    values = {
        "meeting_date": D(2019, 11, 20),
        "participants": "Anna Andersson, Linköpings kommun",
        "background": "Bakgrundstext.",
        "activities": "Aktivitetstext.",
        "results": "Resultattext.",
        "future": "Framtidstext.",
        "finances": "Ekonomitext.",
        "summary": "Sammanfattningstext.",
        "signatures": "Anna Andersson, Linköpings kommun\nBo Berg, Röda Korset",
    }
    values.update(fields)
    DocumentText.objects.create(
        programme=world.programme, period_start=JAN_OCT.start, period_end=JAN_OCT.end, **values
    )


def _money(world: World) -> None:
    agreement = AgreementFactory(programme=world.programme, title="Vi ses! IOP")
    municipality = OrganisationFactory(programme=world.programme, name="Linköpings kommun")
    red_cross = OrganisationFactory(programme=world.programme, name="Röda Korset Linköping Södra")
    ContributionFactory(agreement=agreement, party=municipality, amount=600_000)
    for covers, amount in (("premises", 240_000), ("travel", 60_000)):
        ContributionFactory(agreement=agreement, party=red_cross, covers=covers, amount=amount)


def _content(world: World, *, suppressed: bool = False) -> Content:
    return build_content(world.programme, JAN_OCT, today=D(2020, 1, 15), suppressed=suppressed)


def _word(content: Content) -> DocumentObject:
    return Document(io.BytesIO(docx_bytes(content)))


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _rows(table: WordTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _headings(document: DocumentObject, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if _style(p) == f"Heading {level}"]


@pytest.fixture
def full(world: World) -> DocumentObject:
    """The document with every text written and money recorded."""
    _texts(world)
    _money(world)
    goal = GoalLine("Fler språkvänspar", "Uppnått", "achieved", 1234)
    return _word(replace(_content(world), goals_this_year=[goal]))


def test_the_sections_are_word_headings_in_the_pdfs_order_each_text_first(
    full: DocumentObject, world: World
) -> None:
    words = sv_labels()
    sections = ["background", "activities", "results", "future", "finances", "summary"]
    assert _headings(full, 1) == [words[s] for s in sections]
    assert [p.text for p in full.paragraphs if _style(p) == "Title"] == [world.programme.name]
    assert words["figures"] in _headings(full, 2)
    # The coordinator's text comes right after its section's heading, before the data's parts.
    texts = ["Bakgrundstext.", "Aktivitetstext.", "Resultattext.", "Framtidstext."]
    texts += ["Ekonomitext.", "Sammanfattningstext."]
    paragraphs = [p.text for p in full.paragraphs]
    for section, text in zip(sections, texts, strict=True):
        assert paragraphs[paragraphs.index(words[section]) + 1] == text


@pytest.mark.parametrize("suppressed", [False, True], ids=["coordinator", "partner viewer"])
def test_every_table_has_a_bold_header_row_word_repeats_and_numbered_rows_beneath_it(
    world: World, suppressed: bool
) -> None:
    _money(world)
    document = _word(_content(world, suppressed=suppressed))
    assert len(document.tables) >= 8
    for table in document.tables:
        header = table.rows[0]
        properties = header._tr.trPr
        assert properties is not None and properties.find(qn("w:tblHeader")) is not None
        runs = [run for cell in header.cells for p in cell.paragraphs for run in p.runs]
        assert runs and all(run.bold for run in runs), _rows(table)[0]
        assert len(table.rows) >= 2, f"a table of headers only: {_rows(table)}"
        for row in table.rows[1:]:
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
        for values in _rows(table)[1:]:
            for value in values[1:]:  # suppressed counts too: "9 007", never "9007"
                assert not re.fullmatch(r"-?\d{4,}", value), values


def test_every_table_has_one_caption_above_it_and_a_chart_shares_its_tables(
    full: DocumentObject, world: World
) -> None:
    captions: list[str] = []
    since_table: list[str] = []
    pictures = 0
    for block in full.iter_inner_content():
        if isinstance(block, WordTable):
            assert len(since_table) == 1, f"{since_table} above {_rows(block)[0]}"
            captions += since_table
            since_table = []
        elif _style(block) == "Caption":
            since_table.append(block.text.split("\n")[0])
        elif block._p.xpath(".//w:drawing"):
            pictures += 1
            assert since_table, "a chart stands under its table's caption"
    assert since_table == [], "a caption with no table beneath"
    assert pictures >= 1
    # The chart of registrations and its table: one caption, the chart's title.
    registrations = next(t for t in _content(world).tables if t.slug == "registrations")
    assert captions.count(registrations.title) == 1
    assert len(captions) == len(set(captions))
    goals = sv("Goals for %(year)s and how they went") % {"year": 2019}
    [(i, rows)] = [(i, _rows(t)) for i, t in enumerate(full.tables) if _rows(t)[0][0] == sv("Goal")]
    assert captions[i] == goals
    assert rows[1] == ["Fler språkvänspar", "Uppnått", f"1{NBSP}234{NBSP}%"]


def test_an_empty_table_is_left_out_with_its_caption(world: World) -> None:
    content = _content(world)
    empty = Table("nothing", "En tom tabell", "Rad", ["Antal"], [], [])
    content = replace(content, tables=[*content.tables, empty], goals_this_year=[])
    document = _word(content)
    texts = [p.text for p in document.paragraphs]
    assert not any("En tom tabell" in text for text in texts)
    goals = sv("Goals for %(year)s and how they went") % {"year": 2019}
    assert not any(goals in text for text in texts)
    assert all(len(table.rows) >= 2 for table in document.tables)


def test_numbers_are_written_the_swedish_way_in_every_cell(world: World) -> None:
    content = _content(world)
    decimals = Table("decimals", "Decimaltal", "Rad", ["Värde", "Antal"], ["A"], [[1234.5, 9007]])
    # A partner viewer's table holds its counts as display strings ("9007", "<5").
    viewer = Table("viewer", "Dolda", "Rad", ["Antal", "Antal"], ["B"], [[9007, 3]]).for_viewer()
    document = _word(replace(content, tables=[*content.tables, decimals, viewer]))
    rows = [row for table in document.tables for row in _rows(table)]
    assert ["A", f"1{NBSP}234,5", f"9{NBSP}007"] in rows
    assert ["B", f"9{NBSP}007", "<5"] in rows
    for row in rows:
        for value in row[1:]:
            assert not re.fullmatch(r"-?\d{4,}", value), row
            assert not re.fullmatch(r"-?\d+\.\d+", value), row


def test_the_money_tables_hold_each_party_with_its_parts(full: DocumentObject) -> None:
    [table] = [t for t in full.tables if _rows(t)[0][0] == sv("Party and what it covers")]
    kr = f"{NBSP}kr"
    assert _rows(table)[1:] == [
        ["Linköpings kommun", f"600{NBSP}000{kr}"],
        [f"– {sv('Project-leader salary')}", f"600{NBSP}000{kr}"],
        ["Röda Korset Linköping Södra", f"300{NBSP}000{kr}"],
        [f"– {sv('Premises')}", f"240{NBSP}000{kr}"],
        [f"– {sv('Travel')}", f"60{NBSP}000{kr}"],
        [sv("Total"), f"900{NBSP}000{kr}"],
    ]
    money_in_brief = sv("Money in brief, %(period)s") % {"period": "2019-01-01 – 2019-10-31"}
    assert money_in_brief in [p.text for p in full.paragraphs if _style(p) == "Caption"]


def test_the_meeting_date_stands_in_the_title_block_when_known(world: World) -> None:
    label = sv("Date of the meeting")
    without = _word(_content(world))
    assert not any(p.text.startswith(label) for p in without.paragraphs)
    _texts(world)
    document = _word(_content(world))
    assert f"{label}\t2019-11-20" in [p.text for p in document.paragraphs]
    assert f"{sv('Produced')}\t2020-01-15" in [p.text for p in document.paragraphs]


def test_a_next_year_goal_in_preparation_shows_the_marker(world: World) -> None:
    with translation.override("sv"):
        status = str(STATUS_LABELS[IN_PREPARATION])
    goals = [GoalLine("Språkcafé i Ryd", status, IN_PREPARATION), GoalLine("Fler språkvänner")]
    document = _word(replace(_content(world), goals_next_year=goals))
    bullets = [p.text for p in document.paragraphs if _style(p) == "List Bullet"]
    assert f"Språkcafé i Ryd ({status.lower()})" in bullets
    assert "Fler språkvänner" in bullets


def test_one_font_family_for_the_whole_document(full: DocumentObject) -> None:
    """Liberation Sans for every script in every style and run, never a theme's font."""
    normal = full.styles["Normal"].element.rPr.rFonts
    scripts = ("ascii", "hAnsi", "cs", "eastAsia")
    assert {normal.get(qn(f"w:{s}")) for s in scripts} == {DOCUMENT_FONT}
    parts = [full.styles.element, full.element, full.sections[0].footer._element]
    fonts = [f for part in parts for f in part.iter(qn("w:rFonts"))]
    assert len(fonts) > 10
    for element in fonts:
        named = {k.split("}")[1]: v for k, v in element.attrib.items()}
        assert not any("Theme" in k or "theme" in k for k in named), named
        assert set(named.values()) == {DOCUMENT_FONT}, named
    for name in ("Heading 1", "Caption", "Title", "List Bullet", "Table Grid"):
        assert full.styles[name].font.name == DOCUMENT_FONT


def test_a_section_without_text_and_without_generated_parts_is_left_out(world: World) -> None:
    future = sv_labels()["future"]
    empty = replace(_content(world), future=[], next_steps=[], goals_this_year=[])
    assert future not in _headings(_word(replace(empty, goals_next_year=[])), 1)
    steps = replace(empty, goals_next_year=[], next_steps=["Språkcafé i Ryd från januari."])
    document = _word(steps)
    assert future in _headings(document, 1)
    assert sv_labels()["next_steps"] in _headings(document, 2)
