"""Write the editable Word template for the partner-dialogue document (run once; then edit the
.docx in Word: keep the {{ … }} and {%p … %} tags, change anything else), and the look of its
tables, which the tables filled in later (document/output.py) share.

    .venv/bin/python -m sprakvan.reports.make_docx_template
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from .charts import DOCUMENT_FONT

TARGET = Path(__file__).parent / "templates" / "reports" / "partssamtal.docx"
BLUE = RGBColor(0x1A, 0x3D, 0x6D)
GREY = RGBColor(0x44, 0x44, 0x44)
HEADER_FILL = "E6EBF2"  # the PDF's table header (document_pdf.css)
LANGUAGE = "sv-SE"
# A4 with the PDF's margins: the text is 165 mm wide.
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(25), "right": Mm(20), "bottom": Mm(22), "left": Mm(25)}
TEXT_WIDTH = 165.0
LABEL_WIDTH = Mm(38)  # the title block's labels: "Datum för mötet"
TABLE_TEXT = "Table Text"
DETAILS = "Title Details"
Body = Callable[[DocumentObject], None]


def _one_family(fonts: object) -> None:
    """One family for every script (ascii, hAnsi, cs, eastAsia), not the theme's fonts."""
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn("w:" + theme), None)  # type: ignore[attr-defined]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn("w:" + script), DOCUMENT_FONT)  # type: ignore[attr-defined]


def column_widths(columns: int) -> list[float]:
    """Millimetres per column over the text's width: the label column takes what the number
    columns leave (at most 30 mm each), so labels wrap between words, not inside them."""
    if columns == 1:
        return [TEXT_WIDTH]
    if columns == 2:
        return [TEXT_WIDTH * 0.6, TEXT_WIDTH * 0.4]
    rest = min(30.0, 100.0 / (columns - 1))
    return [TEXT_WIDTH - rest * (columns - 1)] + [rest] * (columns - 1)


def style_table(table: WordTable, *, numeric: Collection[int] = (), total: bool = False) -> None:
    """The one look of a table: grid lines, a shaded bold header row that Word repeats on
    every page (w:tblHeader), rows that do not break across pages, numbers right-aligned,
    a bold total row when `total`."""
    table.style = "Table Grid"
    table.autofit = False
    widths = column_widths(len(table.columns))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads; Word reads the cells'
    last = len(table.rows) - 1
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths[c])
            if r == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), HEADER_FILL)
                cell._tc.get_or_add_tcPr().append(shading)
            for paragraph in cell.paragraphs:
                paragraph.style = TABLE_TEXT
                if c in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r == 0 or (total and r == last):
                    for run in paragraph.runs:
                        run.bold = True


def _styles(document: DocumentObject) -> None:
    """Liberation Sans everywhere, as the PDF and the charts; Swedish for proofing."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _one_family(rpr.get_or_add_rFonts())
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    for attribute in ("val", "eastAsia", "bidi"):
        language.set(qn("w:" + attribute), LANGUAGE)
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, colour in (
        ("Title", 20, BLUE),
        ("Heading 1", 14, BLUE),
        ("Heading 2", 11.5, BLUE),
        ("Heading 3", 10.5, BLUE),
        ("Caption", 9.5, None),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = colour or RGBColor(0x11, 0x11, 0x11)
        style.font.italic = False
        style.font.bold = name != "Title"
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 2"].paragraph_format.space_before = Pt(12)
    styles["Caption"].paragraph_format.space_before = Pt(8)
    styles["Caption"].paragraph_format.space_after = Pt(4)
    table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(9.5)
    table_text.paragraph_format.space_before = Pt(1)
    table_text.paragraph_format.space_after = Pt(1)
    table_text.paragraph_format.line_spacing = 1.0
    details = styles.add_style(DETAILS, WD_STYLE_TYPE.PARAGRAPH)
    details.base_style = normal
    details.font.size = Pt(9.5)
    details.paragraph_format.space_after = Pt(2)
    details.paragraph_format.left_indent = LABEL_WIDTH
    details.paragraph_format.first_line_indent = -LABEL_WIDTH
    details.paragraph_format.tab_stops.add_tab_stop(LABEL_WIDTH)
    for name in (
        "Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet",
        "Table Grid", "Footer", "Header", TABLE_TEXT, DETAILS,
    ):  # fmt: skip
        _one_family(styles[name].element.get_or_add_rPr().get_or_add_rFonts())
    for fonts in styles.element.iter(qn("w:rFonts")):  # the styles not used yet, too
        _one_family(fonts)


def _page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    section.top_margin, section.right_margin = MARGINS["top"], MARGINS["right"]
    section.bottom_margin, section.left_margin = MARGINS["bottom"], MARGINS["left"]
    core = document.core_properties
    core.author, core.comments, core.title, core.language = "", "", "", LANGUAGE


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, a result Word updates, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", "1")):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind == "end":
            run.add_text(text or "")
            run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        run._r.append(element)


def _page_number_footer(document: DocumentObject) -> None:
    """ "… · Sida N av M": N and M are Word fields, so Word numbers the pages."""
    footer = document.styles["Footer"]
    footer.font.size, footer.font.color.rgb = Pt(8), GREY
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("{{ c.programme }} · {{ c.period_text }} · {{ labels.page }} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" {{ labels.of }} ")
    _field(paragraph, "NUMPAGES")


@contextmanager
def _block(document: DocumentObject, opening: str, closing: str = "endif") -> Iterator[None]:
    """{%p if … %} … {%p endif %} (or for … endfor) around what the `with` adds."""
    document.add_paragraph("{%p " + opening + " %}")
    yield
    document.add_paragraph("{%p " + closing + " %}")


def _if(document: DocumentObject, condition: str, text: str) -> Paragraph:
    with _block(document, "if " + condition):
        return document.add_paragraph(text)


def _loop(document: DocumentObject, loop: str, body: str, style: str | None = None) -> None:
    with _block(document, loop, "endfor"):
        document.add_paragraph(body, style=style)


def _section(
    document: DocumentObject,
    label: str,
    text: str,
    *,
    parts: Sequence[str] | None = (),
    body: Body | None = None,
) -> None:
    """A section: its heading, the coordinator's text (c.<text>) first, then the parts made
    from the data (`body`). Left out, heading too, when it has no text and none of `parts`;
    `parts=None` for a section that is always there (it says itself when it has nothing)."""
    shown = None if parts is None else "if " + " or ".join(["c." + text, *parts])
    with _block(document, shown) if shown else nullcontext():
        document.add_heading("{{ labels." + label + " }}", level=1)
        _loop(document, "for p in c." + text, "{{ p }}")
        if body is not None:
            body(document)


def caption(document: DocumentObject, title: str, note: str | None = None) -> None:
    """A table's (or a chart's) one caption: its title, and a note beneath when there is one."""
    paragraph = document.add_paragraph("{{ " + title + " }}", style="Caption")
    if note is not None:
        paragraph.add_run("{% if " + note + " %}").add_break()
        run = paragraph.add_run("{{ " + note + " }}{% endif %}")
        run.bold = False
        run.font.size = Pt(8.5)


def _table(
    document: DocumentObject,
    loop: str,
    headers: Sequence[str],
    cells: Sequence[str],
    *,
    footer: Sequence[str] = (),
    numeric: Collection[int] = (),
) -> None:
    """A table: a header row of labels, one body row of expressions that repeats with
    {%tr for … %}, and a total row of expressions when `footer`."""
    rows = [["labels." + h for h in headers], ["%tr " + loop], cells, ["%tr endfor"]]
    table = document.add_table(rows=len(rows) + bool(footer), cols=len(headers))
    for row, texts in zip(table.rows, [*rows, footer] if footer else rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            tag = "{" + text + " %}" if text.startswith("%") else "{{ " + text + " }}"
            cell.paragraphs[0].add_run(tag)
    style_table(table, numeric=numeric, total=bool(footer))


def _activities(document: DocumentObject) -> None:
    """The kinds of activity, where and how many, the weekly cafés, the fairs, the referrers."""
    _loop(document, "for line in c.activity_lines", "{{ line }}", style="List Bullet")
    _if(document, "c.activities_in_brief", "{{ c.activities_in_brief }}")
    with _block(document, "if c.weekly"):
        caption(document, "labels.weekly")
        _table(document, "for w in c.weekly", ["place", "how_often"], ["w.place", "w.frequency"])
    with _block(document, "if activity_types"):
        caption(document, "labels.activity_types")
        headers = ["activity_type", "sessions", "attendance"]
        cells = ["row.0", "row.1", "row.2"]
        _table(document, "for row in activity_types", headers, cells, numeric=(1, 2))
        document.add_paragraph("{%p elif not c.activity_lines %}")
        document.add_paragraph("{{ labels.no_sessions }}")
    with _block(document, "if c.fairs"):
        document.add_heading("{{ labels.fairs }}", level=2)
        _loop(document, "for fair in c.fairs", "{{ fair }}", style="List Bullet")
    _if(document, "c.referrers", "{{ c.referrers }}")


def _results(document: DocumentObject) -> None:
    """The source's "Utfall" lines, then the figures: each chart with its table under one
    caption, then the tables that have no chart (the §table:…§ markers become tables)."""
    caption(document, "captions.results")
    _table(document, "for r in c.results", ["measure", "value"], ["r.0", "r.1"])
    _if(document, "c.suppressed", "{{ labels.suppressed }}").runs[0].font.size = Pt(8.5)
    with _block(document, "if charts or tables"):
        document.add_heading("{{ labels.figures }}", level=2)
        with _block(document, "for chart in charts", "endfor"):
            caption(document, "chart.title", "chart.note")
            document.add_paragraph("{{ chart.image }}").paragraph_format.keep_with_next = True
            document.add_paragraph("{{ chart.table }}")
        with _block(document, "for t in tables", "endfor"):
            caption(document, "t.title", "t.note")
            document.add_paragraph("{{ t.table }}")


def _future(document: DocumentObject) -> None:
    """What is in preparation, the year's goals and how they went, next year's goals."""
    with _block(document, "if c.next_steps"):
        document.add_heading("{{ labels.next_steps }}", level=2)
        _loop(document, "for line in c.next_steps", "{{ line }}", style="List Bullet")
    with _block(document, "if goals"):
        caption(document, "captions.goals", "c.goals_as_of_text")
        headers, cells = ["goal", "status", "progress"], ["g.title", "g.status", "g.progress"]
        _table(document, "for g in goals", headers, cells, numeric=(2,))
    # The next year's goals: no status, but "(i förberedelse)" as in the PDF.
    with _block(document, "if c.goals_next_year"):
        document.add_heading("{{ c.goals_next_heading }}", level=2)
        goal = "{{ g.title }}{% if g.status %} ({{ g.status|lower }}){% endif %}"
        _loop(document, "for g in c.goals_next_year", goal, style="List Bullet")


def _money(document: DocumentObject) -> None:
    """The money in brief, each agreement's yearly contributions per party with the parts
    beneath (after a dash), the period's budget against its costs and how the budget was
    prorated: all money in Word tables, none without rows."""
    with _block(document, "if c.finances"):
        with _block(document, "if c.finances.key_figures"):
            caption(document, "captions.money_in_brief")
            loop = "for x in c.finances.key_figures"
            _table(document, loop, ["item", "item_value"], ["x.0", "x.1"], numeric=(1,))
        with _block(document, "for t in c.finances.contributions if t.rows", "endfor"):
            caption(document, "t.caption")
            _table(
                document,
                "for row in t.rows",
                ["party_covers", "per_year"],
                ["('– ' if row.part else '') ~ row.label", "row.amount"],
                footer=["labels.total", "t.total"],
                numeric=(1,),
            )
        with _block(document, "if c.finances.lines"):
            caption(document, "c.finances.budget_caption")
            f = "c.finances."
            _table(
                document,
                "for x in c.finances.lines",
                ["budget_line", "budget_period", "actual_period"],
                ["x.0", "x.1", "x.2"],
                footer=["labels.total", f + "budget_total", f + "actual_total"],
                numeric=(1, 2),
            )
            document.add_paragraph("{{ c.finances.budget_note }}").runs[0].font.size = Pt(8.5)
        document.add_paragraph("{%p else %}")
        document.add_paragraph("{{ labels.no_finances }}")


def _title_block(document: DocumentObject) -> None:
    """Kicker, programme, parties; the period, the meeting's date when known, the day it was
    produced and who took part, each label before a tab."""
    kicker = document.add_paragraph().add_run("{{ labels.title|upper }}")
    kicker.font.size, kicker.font.color.rgb = Pt(9), GREY
    document.add_paragraph("{{ c.programme }}", style="Title")
    _if(document, "c.organisations", "{{ c.organisations }}")

    def field(label: str, value: str) -> None:
        paragraph = document.add_paragraph(style=DETAILS)
        paragraph.add_run(label).bold = True
        paragraph.add_run().add_tab()
        paragraph.add_run(value)

    field("{{ labels.period }}", "{{ c.period_text }}")
    with _block(document, "if meeting_date"):
        field("{{ labels.meeting_date }}", "{{ meeting_date }}")
    field("{{ labels.generated }}", "{{ generated_on }}")
    with _block(document, "for line in c.participants", "endfor"):
        field("{% if loop.first %}{{ labels.participants }}{% endif %}", "{{ line }}")


def _signatures(document: DocumentObject) -> None:
    with _block(document, "for line in c.signatures", "endfor"):
        signature = document.add_paragraph("______________________________\n{{ line }}")
        signature.paragraph_format.space_before = Pt(30)
        signature.paragraph_format.keep_together = True


def make() -> Path:
    document = Document()
    _styles(document)
    _page(document)
    _title_block(document)
    # The sections in the PDF's order (document_pdf.html), each text first.
    _section(document, "background", "background")
    _section(document, "activities", "activities_text", parts=None, body=_activities)
    _section(document, "results", "results_text", parts=None, body=_results)
    future_parts = ["c.next_steps", "c.goals_this_year", "c.goals_next_year"]
    _section(document, "future", "future", parts=future_parts, body=_future)
    _section(document, "finances", "finances_text", parts=None, body=_money)
    _section(document, "summary", "summary")
    _signatures(document)
    _page_number_footer(document)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(make())
