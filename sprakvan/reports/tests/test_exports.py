"""Exports keep typed text as text: a name written as a formula never runs in a spreadsheet."""

import csv
import datetime
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sprakvan.accounts.models import User
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.reports import exports
from sprakvan.reports.tables import Table

from .conftest import World

ClientFor = Callable[[User], Client]
YEAR_2019 = "?start=2019-01-01&end=2019-12-31"
FORMULA = '=HYPERLINK("http://x","y")'
DANGEROUS = [FORMULA, "+46 70 123 45 67", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


def _table() -> Table:
    return Table(
        slug="t",
        title="Names",
        label_header="Name",
        headers=["Count", "Share", "Date"],
        labels=[*DANGEROUS, "Amina"],
        values=[[-3, Decimal("-2.5"), datetime.date(2019, 5, 25)] for _ in range(7)],
        count_columns=[True, False, False],
    )


def test_a_csv_cell_that_would_be_a_formula_starts_with_a_quote_and_numbers_stay_numbers() -> None:
    text = exports.csv_bytes(_table()).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]

    assert [row[0] for row in rows] == [*("'" + d for d in DANGEROUS), "Amina"]
    assert rows[0][1:] == ["-3", "-2,5", "2019-05-25"]


def test_an_xlsx_cell_that_would_be_a_formula_is_a_string_and_numbers_stay_numbers() -> None:
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([_table()]))).active

    labels = [sheet.cell(row=r, column=1) for r in range(2, 9)]

    assert [c.value for c in labels] == [*("'" + d for d in DANGEROUS), "Amina"]
    assert all(c.data_type == "s" for c in labels)
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-3, "n")
    assert (sheet["C2"].value, sheet["C2"].data_type) == (-2.5, "n")
    assert sheet["D2"].is_date


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_outreach_event_named_as_a_formula_is_exported_as_text(
    world: World, coordinator: User, client_for: ClientFor, extension: str
) -> None:
    OutreachEvent.objects.filter(programme=world.programme).update(name=FORMULA)
    Organisation.objects.filter(programme=world.programme).update(name="@SUM(1+1)")
    client = client_for(coordinator)

    outreach, referrals = (
        client.get(reverse("reports:table_export", args=[slug, extension]) + YEAR_2019)
        for slug in ("outreach", "referrals")
    )

    if extension == "csv":
        tables = [
            list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
            for r in (outreach, referrals)
        ]
        assert [table[1][0] for table in tables] == ["'" + FORMULA, "'@SUM(1+1)"]
    else:
        cells = [load_workbook(io.BytesIO(r.content)).active["A2"] for r in (outreach, referrals)]
        assert [(c.value, c.data_type) for c in cells] == [
            ("'" + FORMULA, "s"),
            ("'@SUM(1+1)", "s"),
        ]


def test_every_sheet_name_is_unique_and_made_of_whole_words() -> None:
    titles = [
        "Avslutade språkvänspar per orsak och månad",
        "Avslutade språkvänspar per orsak och vecka",
        "Anmälda per grupp och kön",
        "Anmälda per grupp och kön",
        "Överenskommelsesammanställningsrapporten i sin helhet",
    ]
    tables = [
        Table(slug=f"t{i}", title=title, label_header="", headers=["n"], labels=["a"], values=[[1]])
        for i, title in enumerate(titles)
    ]

    names = load_workbook(io.BytesIO(exports.xlsx_bytes(tables))).sheetnames

    assert len(set(names)) == len(names) == len(titles)
    assert all(len(name) <= 31 for name in names)
    for name, title in zip(names, titles, strict=True):
        words = name.removesuffix(" 2").split()
        # Each word of the name is a whole word of the title (a single over-long word is cut).
        assert words == title.split()[: len(words)] or len(title.split()[0]) > 28, name
    assert names[3] == "Anmälda per grupp och kön 2"
