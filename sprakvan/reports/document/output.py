"""The document's files: a tagged PDF from the print template, Word from the docx template."""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from sprakvan.core.pdf import html_to_pdf

from ..charts import Chart
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
# A table this long may break across pages (its header row repeats); a shorter one is kept
# together on one page, with its caption.
KEEP_TOGETHER_ROWS = 25


def _insert_tables(data: bytes, tables: dict[str, Table], charts: list[Chart]) -> bytes:
    """Replace each marker paragraph by its table (the look of style_table, numbers through
    numbers.cell, a bold total row), keep short tables on one page with their caption, and
    give each chart (in the document's order) its description as alternative text."""
    from docx import Document
    from docx.oxml.ns import qn

    from ..make_docx_template import style_table  # python-docx: only when a document is made

    doc = Document(io.BytesIO(data))
    for paragraph in list(doc.paragraphs):
        text = paragraph.text.strip()
        if not (text.startswith("§table:") and text.endswith("§")):
            continue
        table = tables.get(text[len("§table:") : -1])
        if table is not None and not table.is_empty:
            headers, rows = table.full()
            grid = doc.add_table(rows=1 + len(rows), cols=len(headers))
            for cell, header in zip(grid.rows[0].cells, headers, strict=True):
                cell.paragraphs[0].add_run(str(header))
            for word_row, row in zip(grid.rows[1:], rows, strict=True):
                for c, (cell, value) in enumerate(zip(word_row.cells, row, strict=True)):
                    cell.paragraphs[0].add_run(str(value) if c == 0 else number_cell(value))
            total = table.column_totals or table.has_total_row
            style_table(grid, numeric=range(1, len(headers)), total=total)
            paragraph._p.addnext(grid._tbl)
        paragraph._p.getparent().remove(paragraph._p)
    for grid in doc.tables:
        if len(grid.rows) <= KEEP_TOGETHER_ROWS:
            for upper in grid.rows[:-1]:
                for upper_cell in upper.cells:
                    for cell_paragraph in upper_cell.paragraphs:
                        cell_paragraph.paragraph_format.keep_with_next = True
    pictures = doc.element.body.iter(qn("wp:docPr"))
    for picture, chart in zip(pictures, charts, strict=False):
        picture.set("descr", chart.description)
        picture.set("title", chart.title)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def docx_bytes(content: Content) -> bytes:
    """Fill the editable Word template (templates/reports/partssamtal.docx; its maker is
    reports/make_docx_template.py): the sections as in the PDF, every table with one caption
    and a repeating header row, numbers the Swedish way, one font."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = DocxTemplate(str(DOCX_TEMPLATE))
    shown = [chart for chart in content.charts if not chart.table.is_empty]
    with translation.override(DOCUMENT_LANGUAGE):
        charts = [
            {
                "title": chart.title,
                "note": chart.table.caption,
                "image": InlineImage(template, io.BytesIO(chart.image("png")), width=Mm(150)),
                "table": MARKER.format(chart.slug),
            }
            for chart in shown
        ]
        period = {"period": content.period_text}
        context = {
            "c": content,
            "labels": document_labels(),
            "captions": {
                "results": _("Results %(period)s") % period,
                "goals": _("Goals for %(year)s and how they went") % {"year": content.year},
                "money_in_brief": _("Money in brief, %(period)s") % period,
            },
            "charts": charts,
            "tables": [
                {"title": t.title, "note": t.caption, "table": MARKER.format(t.slug)}
                for t in content.figure_tables
                if not t.is_empty
            ],
            "activity_types": [
                [label, *(number_cell(v) for v in values)]
                for label, *values in content.activity_types
            ],
            "goals": [
                {
                    "title": g.title,
                    "status": g.status,
                    "progress": "–" if g.percent is None else number_cell(g.percent) + "\xa0%",
                }
                for g in content.goals_this_year
            ],
            "meeting_date": f"{content.meeting_date:%Y-%m-%d}" if content.meeting_date else "",
            "generated_on": f"{content.generated_on:%Y-%m-%d}",
        }
        template.render(context, autoescape=True)
        properties = template.docx.core_properties
        properties.title = f"{_('Partner dialogue')} · {content.programme} · {content.period_text}"
        properties.subject = content.organisations
        properties.author = content.organisations or content.programme
        properties.language = "sv-SE"
    buffer = io.BytesIO()
    template.save(buffer)
    return _insert_tables(buffer.getvalue(), {t.slug: t for t in content.tables}, shown)


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
        "no_sessions": _("No sessions recorded for this period."),
        "next_steps": _("Activities in preparation"),
        "no_finances": _("No agreement or budget recorded."),
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
