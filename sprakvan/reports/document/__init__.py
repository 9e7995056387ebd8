"""The partner-dialogue document (partssamtal): its content from the data and the coordinator's
texts, as a tagged PDF (WeasyPrint) and as Word (docxtpl, editable template in the repo).

The content is built in `content` (the activities' sentences in `activities`); `output` turns
it into the PDF and Word files, `workbook` into one Excel sheet per table.
"""

from __future__ import annotations

from .content import (
    DOCUMENT_LANGUAGE,
    Content,
    ContributionTable,
    Finances,
    GoalLine,
    MoneyRow,
    WeeklyPlace,
    build_content,
    kr,
    paragraphs,
)
from .output import (
    DOCX_TEMPLATE,
    DOCX_TYPE,
    MARKER,
    document_labels,
    docx_bytes,
    html,
    pdf_bytes,
)
from .workbook import document_tables, xlsx

__all__ = [
    "DOCUMENT_LANGUAGE",
    "DOCX_TEMPLATE",
    "DOCX_TYPE",
    "MARKER",
    "Content",
    "ContributionTable",
    "Finances",
    "GoalLine",
    "MoneyRow",
    "WeeklyPlace",
    "build_content",
    "document_labels",
    "document_tables",
    "docx_bytes",
    "html",
    "kr",
    "paragraphs",
    "pdf_bytes",
    "xlsx",
]
