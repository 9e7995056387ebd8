"""Reading CSV and XLSX uploads into rows of text, and naming a bad cell by row and column.

Shared by every importer: UTF-8 (with or without BOM) or Windows-1252, `;` or `,` between
columns (whichever the header row uses more), the first sheet of an XLSX file, blank rows
skipped, date cells as YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong format, empty, missing columns)."""


@dataclass
class RowError:
    row: int  # the spreadsheet's row number: the header is row 1
    field: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


def read_rows(
    filename: str,
    content: bytes,
    *,
    required: Sequence[str],
    aliases: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """Rows as dicts of stripped strings keyed by column name (lower case, `aliases` applied)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.endswith(".csv"):
        table = _csv_table(content)
    else:
        raise SpreadsheetError(_("Choose a .csv or .xlsx file."))
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    aliases = aliases or {}
    header = [_column(h, aliases) for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise SpreadsheetError(
            _("The header row lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return [
        {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        for cells in table[1:]
        if any(c.strip() for c in cells)
    ]


def _column(header: str, aliases: Mapping[str, str]) -> str:
    name = header.strip().lower()
    return aliases.get(name, name.replace(" ", "_"))


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_table(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from exc
    sheet = workbook.worksheets[0]
    return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
