"""Fuzzing the two doors strangers' data comes in by: the public sign-up and the import parser.

Whatever arrives, the answer is a page (never a 500) or the importer's own error, and a
refused sign-up or import writes nothing at all.
"""

import datetime
import io
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sprakvan.core.models import AuditEvent, Programme
from sprakvan.core.spreadsheets import SpreadsheetError
from sprakvan.participants.importer import COLUMNS, SWEDISH_HEADERS, check_rows, read_rows
from sprakvan.participants.models import Consent, ImportBatch, Participant
from sprakvan.participants.tasks import run_import_batch

pytestmark = pytest.mark.django_db
# Moderate example counts keep all four under a few seconds; CI runs them on every push.


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Cells worth trying: real column words and values next to arbitrary text.
WORDS = [
    *COLUMNS,
    *SWEDISH_HEADERS,
    "newcomer",
    "established",
    "nyanländ",
    "woman",
    "2019-02-03",
    "070-123 45 67",
    "Skäggetorp",
    "ar;en",
    "mon-evening",
    '=HYPERLINK("http://x","y")',
    "",
]
cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=30))
tables = st.lists(st.lists(cells, min_size=1, max_size=8), min_size=1, max_size=8)


def counts() -> tuple[int, int, int]:
    return Participant.objects.count(), Consent.objects.count(), AuditEvent.objects.count()


def import_through_the_task(programme: Programme, name: str, content: bytes) -> None:
    """The whole path a confirmed import takes; a failed import must leave no trace."""
    try:
        rows = read_rows(name, content)
    except SpreadsheetError:
        return
    check_rows(programme, rows)
    batch = ImportBatch.objects.create(
        programme=programme, filename=name, content=content, state="running", total=len(rows)
    )
    before = counts()
    run_import_batch.call(batch.pk)
    batch.refresh_from_db()
    assert batch.state in ("done", "failed")
    if batch.state == "failed":
        assert batch.error
        assert counts() == before


def csv_text(table: list[list[str]], header: list[str], delimiter: str) -> str:
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ';,"\n\r') else cell

    return "\n".join(delimiter.join(quoted(c) for c in row) for row in [header, *table])


@fuzz(60)
@given(content=st.binary(max_size=600), name=st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_arbitrary_bytes_give_the_importer_s_error_or_rows(
    programme: Programme, content: bytes, name: str
) -> None:
    import_through_the_task(programme, name, content)


@fuzz(30)
@given(
    table=tables,
    header=st.lists(st.sampled_from(COLUMNS), min_size=4, max_size=10),
    delimiter=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_arbitrary_csv_text_imports_wholly_or_not_at_all(
    programme: Programme, table: list[list[str]], header: list[str], delimiter: str, encoding: str
) -> None:
    text = csv_text(
        table, ["external_id", "group", "first_name", "registered_on", *header], delimiter
    )
    content = text.encode(encoding, errors="replace")

    import_through_the_task(programme, "x.csv", content)


xlsx_values = st.one_of(
    cells.map(lambda s: "".join(c for c in s if c >= " " or c in "\t\n")),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.none(),
)


@fuzz(20)
@given(table=st.lists(st.lists(xlsx_values, min_size=1, max_size=6), min_size=1, max_size=6))
def test_arbitrary_xlsx_cells_import_wholly_or_not_at_all(
    programme: Programme, table: list[list[Any]]
) -> None:
    book = Workbook()
    book.active.append(["external_id", "group", "first_name", "registered_on", "phone", "email"])
    for row in table:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)

    import_through_the_task(programme, "x.xlsx", buffer.getvalue())


SIGN_UP_FIELDS = [
    "first_name",
    "last_name",
    "gender",
    "birth_year",
    "district",
    "swedish_level",
    "phone",
    "email",
    "wish_gender",
    "wish_age_min",
    "wish_age_max",
    "heard_about",
    "consent",
    "consent_sms",
    "consent_email",
    "is_family",
    "accepts_family",
    "capacity",
    "website",
]
LIST_FIELDS = ["languages", "interests", "availability"]


@fuzz(30)
@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            **{name: st.text(max_size=40) for name in SIGN_UP_FIELDS},
            **{name: st.lists(st.text(max_size=8), max_size=3) for name in LIST_FIELDS},
        },
    ),
    group=st.sampled_from(["nyanland", "etablerad"]),
    via=st.text(max_size=30),
)
def test_the_public_sign_up_answers_any_text_with_a_page_and_writes_all_or_nothing(
    programme: Programme,
    settings: Any,
    values: dict[str, Any],
    group: str,
    via: str,
) -> None:
    settings.REGISTRATION_RATE_PER_HOUR = 10_000
    before = counts()
    url = reverse("participants_public:register", args=[programme.slug, group])

    response = Client().post(f"{url}?{urlencode({'via': via})}", values)

    assert response.status_code in (200, 302)
    people, consents, _events = counts()
    if response.status_code == 200:
        assert (people, consents) == before[:2]
    else:
        assert people - before[0] in (0, 1)
        assert (consents > before[1]) == (people > before[0])
