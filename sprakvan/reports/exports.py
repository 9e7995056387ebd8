"""Tables to Excel (real number and date cells, bold frozen header) and CSV (";", UTF-8 BOM).

Every text cell goes through `inert` and is written as text, so a name typed as a formula
stays text in Excel and LibreOffice.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sprakvan.core.spreadsheets import inert

from .tables import Table, Value

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _cell(value: Value) -> Value:
    if isinstance(value, Decimal):
        return float(value)
    return inert(value)


# Excel allows 31 characters in a sheet name; room is kept for " 2", " 3" on a repeated name.
SHEET_NAME_LENGTH = 28


def _whole_words(text: str, length: int) -> str:
    """The text cut to at most `length` characters at a word boundary (never mid-word)."""
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0].rstrip(" ,–-")
    return cut if cut and len(cut) <= length else text[:length]


def _sheet_name(title: str, taken: set[str]) -> str:
    """A readable, unique sheet name: the table's title in whole words."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split())
    name = _whole_words(name, SHEET_NAME_LENGTH) or "Tabell"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{_whole_words(name, SHEET_NAME_LENGTH - 3)} {n}", n + 1
    taken.add(candidate)
    return candidate


def xlsx_bytes(tables: Iterable[Table]) -> bytes:
    """One sheet per table."""
    # openpyxl when a workbook is asked for, not when the URL map loads (test_import_weight).
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, taken))
        headers, rows = table.full()
        _append(sheet, headers)
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            _append(sheet, row)
        widths = [len(str(h)) for h in headers]
        for row_number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                widths[column - 1] = max(widths[column - 1], len(str(value or "")))
                if isinstance(value, datetime.date):
                    sheet.cell(row=row_number, column=column).number_format = "yyyy-mm-dd"
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    if not book.sheetnames:
        book.create_sheet("Tabell")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet: Worksheet, values: Sequence[Value]) -> None:
    """One row; text cells typed as strings, which openpyxl would otherwise guess from a "="."""
    sheet.append([_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _csv_value(value: Value) -> str:
    value = inert(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        # Swedish Excel reads a decimal comma.
        return str(value).replace(".", ",")
    return str(value)


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers, rows = table.full()
    writer.writerow([_csv_value(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
