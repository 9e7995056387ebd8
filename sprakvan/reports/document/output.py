"""The document's files: a tagged PDF from the print template, Word from the docx template."""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.core.pdf import html_to_pdf

from ..numbers import cell as number_cell
from ..tables import Table
from .content import DOCUMENT_LANGUAGE, Content

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_TEMPLATE = Path(__file__).parents[1] / "templates" / "reports" / "partssamtal.docx"


def html(content: Content) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(
            "reports/document_pdf.html", {"c": content, "LANGUAGE_CODE": DOCUMENT_LANGUAGE}
        )


def pdf_bytes(content: Content) -> bytes:
    """A tagged PDF (PDF/UA-1: structure tags, language, title) from the print template."""
    return html_to_pdf(html(content))


MARKER = "§table:{}§"


def _insert_tables(data: bytes, tables: dict[str, Table]) -> bytes:
    """Replace each marker paragraph by its table: header row bold, Table Grid borders."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    for paragraph in list(doc.paragraphs):
        text = paragraph.text.strip()
        if not (text.startswith("§table:") and text.endswith("§")):
            continue
        table = tables.get(text[len("§table:") : -1])
        if table is None:
            continue
        headers, rows = table.full()
        grid = doc.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(str(header)).bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = number_cell(value)
        paragraph._p.addnext(grid._tbl)
        paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def docx_bytes(content: Content) -> bytes:
    """Fill the editable Word template (templates/reports/partssamtal.docx)."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = DocxTemplate(str(DOCX_TEMPLATE))
    with translation.override(DOCUMENT_LANGUAGE):
        png_charts = []
        for chart in content.charts:
            png = chart.image("png")
            png_charts.append(
                {
                    "title": chart.title,
                    "image": InlineImage(template, io.BytesIO(png), width=Mm(150)),
                    "table": MARKER.format(chart.slug),
                }
            )
        charted = {c.slug for c in content.charts}
        context = {
            "c": content,
            "title": _("Partner dialogue"),
            "labels": document_labels(),
            "results": [{"measure": m, "value": v} for m, v in content.results],
            "charts": png_charts,
            "tables": [
                {"title": t.title, "table": MARKER.format(t.slug)}
                for t in content.tables
                if t.slug not in charted
            ],
            "meeting_date": f"{content.meeting_date:%Y-%m-%d}" if content.meeting_date else "",
            "generated_on": f"{content.generated_on:%Y-%m-%d}",
        }
        template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return _insert_tables(buffer.getvalue(), {t.slug: t for t in content.tables})


def document_labels() -> dict[str, str]:
    """The headings and fixed phrases, through gettext (Swedish in the document)."""
    return {
        "title": _("Partner dialogue"),
        "period": _("Period"),
        "generated": _("Produced"),
        "meeting_date": _("Date of the meeting"),
        "participants": _("Participants"),
        "background": _("Background"),
        "activities": _("Activities"),
        "activity_types": _("Activities held in the period"),
        "activity_type": _("Activity"),
        "sessions": _("Sessions"),
        "attendance": _("Attendance"),
        "weekly": _("Districts with weekly language cafés"),
        "place": _("Where"),
        "how_often": _("How often"),
        "fairs": _("Fairs and outreach events"),
        "results": _("Results"),
        "measure": _("Measure"),
        "value": _("Outcome"),
        "future": _("Future"),
        "goals": _("Goals"),
        "goals_this_year": _("Goals for the year and how they went"),
        "goals_next_year": _("Goals for next year"),
        "goal": _("Goal"),
        "status": _("Status"),
        "progress": _("Progress"),
        "finances": _("Finances"),
        "party": _("Party"),
        "covers": _("Covers"),
        "amount": _("Amount"),
        "budget_line": _("Budget line"),
        "budget": _("Budget"),
        "actual": _("Actual"),
        "total": _("Total"),
        "cost_per_pair": _("Cost per new language-friend pair"),
        # The money tables (issue 14: true for the period).
        "money_in_brief": _("Money in brief"),
        "item": _("Item"),
        "item_value": _("Value"),
        "party_covers": _("Party and what it covers"),
        "per_year": _("Amount per year"),
        "budget_period": _("Budget for the period"),
        "actual_period": _("Actual in the period"),
        "summary": _("Summary"),
        "signatures": _("Signatures"),
        "figures": _("Figures and charts"),
        "no_data": _("No data recorded for this part."),
        "suppressed": _(
            "Counts from 1 to 4 are shown as <5, and some further cells as – (or, rarely, a "
            "total as ×), so that no person can be identified."
        ),
        "page": _("Page"),
        "of": _("of"),
    }
