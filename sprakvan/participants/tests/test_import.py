"""Importing participants from CSV and XLSX: all or nothing, idempotent, clear errors."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.participants.importer import _availability, check_rows, import_rows, read_rows
from sprakvan.participants.models import ImportBatch, Participant

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "participants-example.csv"
HEADER = "external_id;group;first_name;last_name;gender;birth_year;phone;district;languages;registered_on"


def csv_bytes(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode()


GOOD = [
    "A1;newcomer;Amina;Hussein;woman;1991;070-123 45 67;Skäggetorp;ar;2019-02-03",
    "A2;established;Karin;Lund;woman;1962;0731234567;Innerstaden;en;2019-02-10",
]


def run_import(programme: Programme, content: bytes, name: str = "people.csv") -> Any:
    checked = check_rows(programme, read_rows(name, content))
    assert checked.ok, checked.errors
    return import_rows(programme, checked.rows)


def test_a_good_file_imports_every_row(programme: Programme) -> None:
    result = run_import(programme, csv_bytes(*GOOD))

    assert (result.created, result.updated) == (2, 0)
    amina = Participant.objects.get(external_id="A1")
    assert str(amina.phone) == "+46701234567"
    assert amina.district is not None
    assert amina.district.name == "Skäggetorp"
    assert amina.source == "import"
    assert amina.consents.count() == 1


def test_one_bad_row_imports_nothing_and_names_the_row_and_the_field(
    programme: Programme,
) -> None:
    bad = "A3;newcomer;Omar;Ali;man;1988;0701112233;Atlantis;ar;2019-02-11"
    checked = check_rows(programme, read_rows("x.csv", csv_bytes(*GOOD, bad)))

    assert not checked.ok
    (error,) = checked.errors
    assert (error.row, error.field) == (4, "district")
    assert "Atlantis" in str(error) and "Row 4" in str(error)
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ("A3;martian;Omar;;man;;;;;2019-02-11", "group"),
        ("A3;newcomer;;;man;;;;;2019-02-11", "first_name"),
        ("A3;newcomer;Omar;;robot;;;;;2019-02-11", "gender"),
        ("A3;newcomer;Omar;;man;19x8;;;;2019-02-11", "birth_year"),
        ("A3;newcomer;Omar;;man;;12;;;2019-02-11", "phone"),
        ("A3;newcomer;Omar;;man;;;;xx;2019-02-11", "languages"),
        ("A3;newcomer;Omar;;man;;;;;11/02/2019", "registered_on"),
        ("A1;newcomer;Omar;;man;;;;;2019-02-11", "external_id"),
    ],
)
def test_each_kind_of_bad_cell_is_reported_on_its_field(
    programme: Programme, cells: str, field: str
) -> None:
    checked = check_rows(programme, read_rows("x.csv", csv_bytes(GOOD[0], cells)))

    assert [(e.row, e.field) for e in checked.errors] == [(3, field)]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    programme: Programme,
) -> None:
    run_import(programme, csv_bytes(*GOOD))
    before = list(Participant.objects.order_by("pk").values())

    result = run_import(programme, csv_bytes(*GOOD))

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Participant.objects.order_by("pk").values()) == before


def test_a_row_without_a_known_id_matches_an_existing_person_by_phone(
    programme: Programme,
) -> None:
    run_import(programme, csv_bytes(GOOD[0]))

    result = run_import(
        programme, csv_bytes("NEW-ID;newcomer;Amina;Hussein;woman;1991;+46701234567;;;2019-02-03")
    )

    assert (result.created, result.updated) == (0, 1)
    assert Participant.objects.get().external_id == "NEW-ID"


def test_a_missing_required_column_is_a_file_error(programme: Programme) -> None:
    from sprakvan.core.spreadsheets import SpreadsheetError

    with pytest.raises(SpreadsheetError, match="registered_on"):
        read_rows("x.csv", b"external_id;group;first_name\nA;newcomer;B\n")


def test_swedish_headers_and_words_are_understood(programme: Programme) -> None:
    content = "id,grupp,förnamn,kön,anmäld,stadsdel\nS1,nyanländ,Lina,kvinna,2019-05-01,Ryd\n"

    run_import(programme, content.encode())

    lina = Participant.objects.get()
    assert lina.district is not None
    assert (lina.group, lina.gender, lina.district.name) == ("newcomer", "woman", "Ryd")


def test_an_xlsx_file_with_date_cells_imports(programme: Programme) -> None:
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["external_id", "group", "first_name", "registered_on", "birth_year"])
    sheet.append(["X1", "established", "Per", datetime.datetime(2019, 4, 2), 1970])  # noqa: DTZ001 - openpyxl refuses aware datetimes
    buffer = io.BytesIO()
    workbook.save(buffer)

    run_import(programme, buffer.getvalue(), name="people.xlsx")

    per = Participant.objects.get()
    assert (per.registered_on, per.birth_year) == (datetime.date(2019, 4, 2), 1970)


def test_the_documented_example_file_imports(programme: Programme) -> None:
    run_import(programme, EXAMPLE.read_bytes())

    amina = Participant.objects.get(external_id="X-101")
    assert set(amina.interest_slugs) == {"cooking", "walking"}
    assert amina.wish_gender == "woman" and amina.swedish_level == 2
    assert Participant.objects.get(external_id="X-102").capacity == 2


@given(
    st.sets(
        st.tuples(
            st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
            st.sampled_from(["morning", "afternoon", "evening"]),
        )
    )
)
def test_availability_codes_round_trip_into_distinct_bits(slots: set[tuple[str, str]]) -> None:
    errors: list[tuple[object, ...]] = []
    mask = _availability(";".join(f"{d}-{p}" for d, p in slots), lambda *a: errors.append(a))

    assert not errors
    assert bin(mask).count("1") == len(slots)


def test_the_command_imports_and_a_dry_run_saves_nothing(
    programme: Programme, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(*GOOD))

    call_command("import_participants", str(path), "--programme", programme.slug, "--dry-run")
    assert not Participant.objects.exists()

    call_command("import_participants", str(path), "--programme", programme.slug)
    assert Participant.objects.count() == 2
    assert "2/2 rows (100 %)" in capsys.readouterr().out


def test_the_command_refuses_a_file_with_a_bad_row(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(GOOD[0], "A9;newcomer;X;;man;;;Atlantis;;2019-01-01"))

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_participants", str(path), "--programme", programme.slug)
    assert not Participant.objects.exists()


def test_upload_preview_and_confirm_in_the_ui(
    coordinator: User, client_for: Any, programme: Programme
) -> None:
    client: Client = client_for(coordinator)
    upload = SimpleUploadedFile("people.csv", csv_bytes(*GOOD), content_type="text/csv")

    response = client.post(reverse("participants:import"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("participants:import_preview", args=[batch.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "2 rows are ready to import." in preview
    assert not Participant.objects.exists()

    client.post(reverse("participants:import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert (batch.state, batch.created, batch.content) == ("done", 2, b"")
    assert Participant.objects.filter(programme=programme).count() == 2
    # Each person remembers the upload they came from (their data export names it).
    assert set(Participant.objects.values_list("import_batch", flat=True)) == {batch.pk}


def test_the_preview_lists_every_error_and_offers_no_import(
    coordinator: User, client_for: Any
) -> None:
    client: Client = client_for(coordinator)
    bad = csv_bytes(GOOD[0], "A9;newcomer;X;;man;;;Atlantis;;2019-01-01")
    client.post(reverse("participants:import"), {"file": SimpleUploadedFile("p.csv", bad)})

    html = client.get(reverse("participants:import_preview", args=[ImportBatch.objects.get().pk]))

    assert "Row 3, district" in html.content.decode()
    assert (
        reverse("participants:import_confirm", args=[ImportBatch.objects.get().pk])
        not in html.content.decode()
    )


def test_a_large_import_runs_as_a_task_and_reports_progress(
    coordinator: User,
    client_for: Any,
    programme: Programme,
    django_capture_on_commit_callbacks: Any,
) -> None:
    rows = [f"B{i};newcomer;P{i};;woman;;;;;2019-03-01" for i in range(400)]
    client: Client = client_for(coordinator)
    client.post(
        reverse("participants:import"), {"file": SimpleUploadedFile("big.csv", csv_bytes(*rows))}
    )
    batch = ImportBatch.objects.get()

    # The task is queued once the request's writes are committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:import_confirm", args=[batch.pk]))
    page = client.get(reverse("participants:import_progress", args=[batch.pk]))

    assert "400 new" in page.content.decode()
    assert Participant.objects.count() == 400


def test_another_programme_s_import_batch_is_404(
    outsider: User, client_for: Any, coordinator: User, programme: Programme
) -> None:
    batch = ImportBatch.objects.create(programme=programme, filename="x.csv", content=b"")

    client = client_for(outsider)

    assert client.get(reverse("participants:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("participants:import_confirm", args=[batch.pk])).status_code == 404
