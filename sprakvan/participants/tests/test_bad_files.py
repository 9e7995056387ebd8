"""Bad files through the import page: a clear message for the coordinator, never a 500."""

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from sprakvan.accounts.models import User
from sprakvan.core.spreadsheets import SpreadsheetError
from sprakvan.participants.importer import read_rows
from sprakvan.participants.models import ImportBatch, Participant

pytestmark = pytest.mark.django_db
HEADER = "external_id;group;first_name;registered_on\n"


def zip_bomb() -> bytes:
    """An "XLSX" whose one part inflates to 101 MB of zeros: about 100 KB on disk."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        block = bytes(1024 * 1024)
        for _ in range(101):
            part.write(block)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["external_id", "group", "first_name", "registered_on"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def huge_dimension_xlsx() -> bytes:
    """A small sheet that claims to span A1:XFD1048576 and has its one row at the bottom."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace('<dimension ref="A1:D1"/>', '<dimension ref="A1:XFD1048576"/>')
                text = text.replace('<row r="1"', '<row r="1048576"').replace(
                    'r="A1"', 'r="A1048576"'
                )
                data = text.encode()
            archive.writestr(item, data)
    return out.getvalue()


BAD_FILES = {
    "binary": ("people.csv", bytes(range(256)) * 40),
    "xlsx named csv": ("people.csv", xlsx_bytes()),
    "long cell": (
        "people.csv",
        (HEADER + "A1;newcomer;" + "x" * 10_000_000 + ";2019-01-01\n").encode(),
    ),
    "no known encoding": ("people.csv", HEADER.encode() + b"A1;newcomer;\x81\x8d\x8f;2019-01-01\n"),
    "zip bomb": ("people.xlsx", zip_bomb()),
    "not a zip": ("people.xlsx", b"external_id,group\n1,newcomer\n"),
    "utf-16": ("people.csv", HEADER.encode("utf-16")),
    "too many lines": ("people.csv", (HEADER + "\n" * 60_000).encode()),
    "huge dimension": ("people.xlsx", huge_dimension_xlsx()),
}
MESSAGES = {
    "binary": "not a CSV text file",
    "xlsx named csv": "not a CSV text file",
    "long cell": "cell is too long",
    "no known encoding": "not text in UTF-8 or Windows-1252",
    "zip bomb": "would unpack to far more than its size",
    "not a zip": "not a readable XLSX spreadsheet",
    "utf-16": "not a CSV text file",
    "too many lines": "more than 50000 rows",
    "huge dimension": "more than 50000 rows",
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_a_spreadsheet_error(kind: str) -> None:
    name, content = BAD_FILES[kind]

    with pytest.raises(SpreadsheetError, match=MESSAGES[kind]):
        read_rows(name, content)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_uploaded_shows_its_problem_on_the_preview_and_imports_nothing(
    coordinator: User, client_for: Any, kind: str
) -> None:
    name, content = BAD_FILES[kind]
    client: Client = client_for(coordinator)

    upload = client.post(
        reverse("participants:import"), {"file": SimpleUploadedFile(name, content)}
    )
    batch = ImportBatch.objects.get()
    preview = client.get(upload["Location"])
    confirm = client.post(reverse("participants:import_confirm", args=[batch.pk]))

    assert upload.status_code == 302
    assert preview.status_code == 200
    assert MESSAGES[kind] in preview.content.decode()
    assert confirm.status_code == 302 and confirm["Location"] == upload["Location"]
    assert ImportBatch.objects.get().state == "previewed"
    assert not Participant.objects.exists()


def test_a_file_over_the_upload_limit_is_a_form_error(
    coordinator: User, client_for: Any, settings: Any
) -> None:
    settings.UPLOAD_MAX_MB = 1
    content = (HEADER + "A1;newcomer;Amina;2019-01-01\n" * 40_000).encode()

    response = client_for(coordinator).post(
        reverse("participants:import"), {"file": SimpleUploadedFile("big.csv", content)}
    )

    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()
