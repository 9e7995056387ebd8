"""Write the editable Word template for the partner-dialogue document (run once; then edit the
.docx in Word: keep the {{ … }} and {%p … %} tags, change anything else).

    .venv/bin/python -m sprakvan.reports.make_docx_template
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

TARGET = Path(__file__).parent / "templates" / "reports" / "partssamtal.docx"
BLUE = RGBColor(0x1A, 0x3D, 0x6D)


def _page_number_footer(document: DocumentObject) -> None:
    """A footer "{{ labels.page }} N": N is a Word PAGE field, so Word numbers the pages."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("{{ c.programme }} · {{ c.period_text }} · {{ labels.page }} ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _table(document: DocumentObject, headers: list[str], cells: list[str], loop: str) -> None:
    """A bordered table whose one body row repeats with {%tr for … %}."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _loop(document: DocumentObject, loop: str, body: str, style: str | None = None) -> None:
    document.add_paragraph("{%p " + loop + " %}")
    document.add_paragraph(body, style=style)
    document.add_paragraph("{%p endfor %}")


def _text_section(document: DocumentObject, name: str) -> None:
    """A section of the coordinator's text only: left out, heading too, when there is none."""
    document.add_paragraph("{%p if c." + name + " %}")
    document.add_heading("{{ labels." + name + " }}", level=1)
    _loop(document, "for p in c." + name, "{{ p }}")
    document.add_paragraph("{%p endif %}")


def _money_table(
    document: DocumentObject, headers: list[str], cells: list[str], loop: str, footer: list[str]
) -> None:
    """A money table: header row, one body row repeated with {%tr for … %}, a bold total row."""
    table = document.add_table(rows=5, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for cell, text in zip(table.rows[4].cells, footer, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _money(document: DocumentObject) -> None:
    """The finances: the key figures, each agreement's yearly contributions per party with the
    parts beneath (indented by a dash), the period's budget against its costs, and the note on
    how the budget was prorated; all money in Word tables."""
    document.add_heading("{{ labels.finances }}", level=1)
    document.add_paragraph("{%p if c.finances %}")
    document.add_paragraph("{{ labels.money_in_brief }}", style="Caption")
    _table(
        document,
        ["{{ labels.item }}", "{{ labels.item_value }}"],
        ["{{ x.0 }}", "{{ x.1 }}"],
        "for x in c.finances.key_figures",
    )
    document.add_paragraph("{%p for t in c.finances.contributions %}")
    document.add_paragraph("{{ t.caption }}", style="Caption")
    _money_table(
        document,
        ["{{ labels.party_covers }}", "{{ labels.per_year }}"],
        ["{% if row.part %}– {% endif %}{{ row.label }}", "{{ row.amount }}"],
        "for row in t.rows",
        ["{{ labels.total }}", "{{ t.total }}"],
    )
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if c.finances.lines %}")
    document.add_paragraph("{{ c.finances.budget_caption }}", style="Caption")
    _money_table(
        document,
        ["{{ labels.budget_line }}", "{{ labels.budget_period }}", "{{ labels.actual_period }}"],
        ["{{ x.0 }}", "{{ x.1 }}", "{{ x.2 }}"],
        "for x in c.finances.lines",
        ["{{ labels.total }}", "{{ c.finances.budget_total }}", "{{ c.finances.actual_total }}"],
    )
    document.add_paragraph("{{ c.finances.budget_note }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ labels.no_data }}")
    document.add_paragraph("{%p endif %}")


def make() -> Path:
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Liberation Serif"
    styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = BLUE
        styles[name].font.name = "Liberation Sans"

    kicker = document.add_paragraph()
    kicker.add_run("{{ labels.title }}").bold = True
    document.add_paragraph("{{ c.programme }}", style="Title")
    document.add_paragraph("{{ c.organisations }}")
    meta = document.add_table(rows=3, cols=2)
    meta.style = "Table Grid"
    rows = [
        ("{{ labels.period }}", "{{ c.period_text }}"),
        ("{{ labels.meeting_date }}", "{{ meeting_date }}"),
        ("{{ labels.generated }}", "{{ generated_on }}"),
    ]
    for row, (label, value) in zip(meta.rows, rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = value
    document.add_paragraph("{{ labels.participants }}", style="Heading 2")
    _loop(document, "for line in c.participants", "{{ line }}")

    _text_section(document, "background")

    document.add_heading("{{ labels.activities }}", level=1)
    document.add_paragraph("{{ labels.activity_types }}", style="Heading 2")
    _table(
        document,
        ["{{ labels.activity_type }}", "{{ labels.sessions }}", "{{ labels.attendance }}"],
        ["{{ row.0 }}", "{{ row.1 }}", "{{ row.2 }}"],
        "for row in c.activity_types",
    )
    document.add_paragraph("{{ labels.weekly }}", style="Heading 2")
    _table(
        document,
        ["{{ labels.place }}", "{{ labels.how_often }}"],
        ["{{ w.place }}", "{{ w.frequency }}"],
        "for w in c.weekly",
    )
    document.add_paragraph("{{ labels.fairs }}", style="Heading 2")
    _loop(document, "for fair in c.fairs", "{{ fair.0 }} ({{ fair.1 }})", style="List Bullet")

    document.add_heading("{{ labels.results }}", level=1)
    _table(
        document,
        ["{{ labels.measure }}", "{{ labels.value }}"],
        ["{{ r.measure }}", "{{ r.value }}"],
        "for r in results",
    )
    document.add_paragraph("{%p if c.suppressed %}")
    document.add_paragraph("{{ labels.suppressed }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ labels.figures }}", style="Heading 2")
    document.add_paragraph("{%p for chart in charts %}")
    document.add_paragraph("{{ chart.title }}", style="Heading 3")
    document.add_paragraph("{{ chart.image }}")
    document.add_paragraph("{{ chart.table }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for t in tables %}")
    document.add_paragraph("{{ t.title }}", style="Heading 3")
    document.add_paragraph("{{ t.table }}")
    document.add_paragraph("{%p endfor %}")

    document.add_heading("{{ labels.future }}", level=1)
    _loop(document, "for p in c.future", "{{ p }}")
    document.add_paragraph("{{ labels.goals_this_year }} {{ c.year }}", style="Heading 2")
    document.add_paragraph("{{ c.goals_as_of_text }}")
    _table(
        document,
        ["{{ labels.goal }}", "{{ labels.status }}", "{{ labels.progress }}"],
        ["{{ g.title }}", "{{ g.status }}", "{{ g.percent }} %"],
        "for g in c.goals_this_year",
    )
    # The next year's goals: plain goals, no status (heading "Delmål för 2020").
    document.add_paragraph("{%p if c.goals_next_year %}")
    document.add_paragraph("{{ c.goals_next_heading }}", style="Heading 2")
    _loop(document, "for g in c.goals_next_year", "{{ g.title }}", style="List Bullet")
    document.add_paragraph("{%p endif %}")

    _money(document)

    _text_section(document, "summary")
    document.add_paragraph("{{ labels.signatures }}", style="Heading 2")
    _loop(document, "for line in c.signatures", "______________________________\n{{ line }}")

    _page_number_footer(document)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(make())
