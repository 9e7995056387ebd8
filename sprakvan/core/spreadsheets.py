"""Reading CSV and XLSX uploads into rows of text safely, and writing cells that stay inert.

Shared by every importer: UTF-8 (with or without BOM) or Windows-1252, `;` or `,` between
columns (whichever the header row uses more), the first sheet of an XLSX file, blank rows
skipped, date cells as YYYY-MM-DD. A file that is not text, has an overlong cell, too many
rows, or is a ZIP that would inflate far beyond its size is a `SpreadsheetError` with a
message for the coordinator, never another exception. Every export writes its text through
`inert`, so a cell never becomes a live formula.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

# Generous for a programme's people and pairs, small enough to keep one request's memory bounded.
MAX_ROWS = 50_000  # lines, blank ones included
MAX_COLUMNS = 100
MAX_CELL_CHARS = 10_000
# An XLSX is a ZIP of XML: its parts may unpack to at most this many bytes in all, and no part
# may be more than MAX_RATIO times its packed size (XML packs well, a real sheet 10-50 times).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
# OWASP's CSV injection rule: text starting with one of these becomes a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters no text file has (tab, line breaks and form feed are fine).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")


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


def inert[T](value: T) -> T | str:
    """Text that a spreadsheet would read as a formula, with a quote in front; numbers, dates
    and other text unchanged. Every CSV and XLSX writer passes its cells through this."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
    ]


def _column(header: str, aliases: Mapping[str, str]) -> str:
    name = header.strip().lower()
    return aliases.get(name, name.replace(" ", "_"))


def _kept(rows: Iterable[Sequence[str]]) -> list[list[str]]:
    """The non-blank rows, refusing a file with too many rows or an overlong cell. Reads lazily:
    a sheet may claim a dimension of a million rows, which must fail fast, not fill memory."""
    table: list[list[str]] = []
    for line, cells in enumerate(rows, start=1):
        if line > MAX_ROWS:
            raise _too_many_rows()
        if any(len(c) > MAX_CELL_CHARS for c in cells):
            raise SpreadsheetError(
                _("Row %(row)s has a cell longer than %(chars)s characters.")
                % {"row": line, "chars": MAX_CELL_CHARS}
            )
        if any(c.strip() for c in cells):
            table.append(list(cells[:MAX_COLUMNS]))
    return table


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(rows)s rows. Split it into smaller files.") % {"rows": MAX_ROWS}
    )


def _csv_table(content: bytes) -> list[list[str]]:
    text = _decoded(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)

    def rows() -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as exc:
            # The csv module refuses a cell past its own limit (128 KiB) before we can count it.
            raise SpreadsheetError(
                _("Line %(line)s cannot be read as CSV: a cell is too long or badly quoted.")
                % {"line": reader.line_num}
            ) from exc

    return _kept(rows())


def _decoded(content: bytes) -> str:
    not_text = SpreadsheetError(
        _("The file is not a CSV text file. Save it as “CSV UTF-8” and try again.")
    )
    if b"\x00" in content:  # a binary file, or text in UTF-16
        raise not_text
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise SpreadsheetError(
                _(
                    "The file is not text in UTF-8 or Windows-1252. Save it as “CSV UTF-8” and try again."
                )
            ) from None
    if len(CONTROL_CHARACTERS.findall(text)) > max(2, len(text) // 100):
        raise not_text
    return text


def _check_zip(content: bytes) -> None:
    """Refuse a ZIP bomb before openpyxl unpacks anything: sizes come from the ZIP's directory,
    and `zipfile` never inflates a part past its stated size."""
    unreadable = SpreadsheetError(_("The file is not a readable XLSX spreadsheet."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise unreadable from exc
    too_big = sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES or any(
        p.file_size > MAX_RATIO * max(p.compress_size, 1) for p in parts
    )
    if too_big:
        raise SpreadsheetError(
            _("The XLSX file would unpack to far more than its size; it cannot be read.")
        )


def _xlsx_table(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            if (sheet.max_row or 0) > MAX_ROWS:
                raise _too_many_rows()
            # A bound on columns: a sheet may claim a dimension 16,384 columns wide.
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            return _kept([_cell_text(v) for v in row] for row in rows)
        finally:
            workbook.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key, value) for a damaged file
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from exc


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
