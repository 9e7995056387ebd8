"""Numbers in the document's tables the Swedish way (issue 14: decimal comma, thousands)."""

import datetime
import io
import re
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from docx import Document

from sprakvan.accounts.models import User
from sprakvan.reports.numbers import NBSP, cell
from sprakvan.reports.tests.fetch import fetch_document

from .conftest import World


def test_a_cell_is_written_the_swedish_way() -> None:
    assert cell(9007) == f"9{NBSP}007"
    assert cell(15.3) == "15,3"
    assert cell(45.0) == "45,0"
    assert cell(Decimal("1234.50")) == f"1{NBSP}234,50"
    assert cell(None) == "–"
    assert cell(datetime.date(2019, 10, 31)) == "2019-10-31"
    assert cell("<5") == "<5"


def test_the_word_documents_tables_have_decimal_commas(
    world: World, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = fetch_document(client_for(coordinator), "docx", "?start=2019-01-01&end=2019-12-31")
    document = Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]

    assert not [text for text in cells if re.search(r"\d\.\d", text)]
    # The world's tables hold decimals (average attendance): written with a comma.
    assert [text for text in cells if re.fullmatch(r"\d+,\d", text)]
