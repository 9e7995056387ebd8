"""The document's money is true for the period (issue 14): a Jan–Oct document shows the
agreement's yearly contributions per party with their parts, the agreement period, 10/12 of the
year's budget (said in a note), the costs dated in Jan–Oct and their cost per new pair; the PDF
and the Word file carry the same, the Word file as tables."""

import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx import Document

from sprakvan.core.models import Programme
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.partners.tests.factories import (
    AgreementFactory,
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
)
from sprakvan.reports.document import Content, MoneyRow, build_content, docx_bytes, html, kr
from sprakvan.reports.statistics import Period

from .conftest import World

D = datetime.date
JAN_OCT = Period(D(2019, 1, 1), D(2019, 10, 31))


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def _money(programme: Programme) -> None:
    """The source's IOP (600 000 + 477 600 kr a year) and a 2019 budget paid monthly."""
    agreement = AgreementFactory(programme=programme, title="Vi ses! IOP")
    municipality = OrganisationFactory(programme=programme, name="Linköpings kommun")
    red_cross = OrganisationFactory(programme=programme, name="Röda Korset Linköping Södra")
    ContributionFactory(agreement=agreement, party=municipality, amount=600_000)
    for covers, form, amount in (
        ("overhead", "in_kind", 177_600),
        ("premises", "in_kind", 240_000),
        ("travel", "cash", 60_000),
    ):
        ContributionFactory(
            agreement=agreement, party=red_cross, covers=covers, form=form, amount=amount
        )
    salary = BudgetLineFactory(programme=programme, name="Lön", amount=600_000)
    premises = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    for month in range(1, 13):
        CostFactory(budget_line=salary, date=D(2019, month, 25), amount=50_000)
        CostFactory(budget_line=premises, date=D(2019, month, 1), amount=20_000)


@pytest.fixture
def content(world: World) -> Content:
    _money(world.programme)
    return build_content(world.programme, JAN_OCT, today=D(2020, 1, 15), suppressed=False)


def test_the_documents_money_is_the_periods(content: Content) -> None:
    f = content.finances
    assert f is not None
    in_kind = sv("In kind")
    in_kind = in_kind[:1].lower() + in_kind[1:]  # "i natura" inside the brackets
    [contributions] = f.contributions
    assert contributions.rows == [
        MoneyRow("Linköpings kommun", kr(600_000)),
        MoneyRow(sv("Project-leader salary"), kr(600_000), part=True),
        MoneyRow("Röda Korset Linköping Södra", kr(477_600)),
        MoneyRow(f"{sv('Overhead')} ({in_kind})", kr(177_600), part=True),
        MoneyRow(f"{sv('Premises')} ({in_kind})", kr(240_000), part=True),
        MoneyRow(sv("Travel"), kr(60_000), part=True),
    ]
    assert contributions.total == kr(1_077_600)
    assert "2019" in contributions.caption and "Vi ses! IOP" in contributions.caption
    # 10/12 of each budget line; the costs of January to October only (not Nov, Dec).
    assert f.lines == [
        ("Lokaler", kr(200_000), kr(200_000)),
        ("Lön", kr(500_000), kr(500_000)),
    ]
    assert (f.budget_total, f.actual_total) == (kr(700_000), kr(700_000))
    with translation.override("sv"):
        assert gettext("%(months)d/12 of %(year)d") % {"months": 10, "year": 2019} in (
            f.budget_note
        )
    # The world's pairs that started in Jan–Oct 2019: two (one from 2018 runs on, not new).
    assert f.key_figures == [
        (sv("Agreement period"), "2019-01-01 – 2021-12-31"),
        (sv("Actual costs in the period"), kr(700_000)),
        (sv("New language-friend pairs in the period"), "2"),
        (sv("Cost per new language-friend pair"), kr(350_000)),
    ]
    assert f.cost_per_pair == kr(350_000)


def test_the_pdf_and_the_word_file_show_the_periods_money(content: Content) -> None:
    assert content.finances is not None
    page = html(content)
    assert content.finances.budget_note in page
    assert "477\xa0600\xa0kr" in page and "2019-01-01 – 2021-12-31" in page
    document = Document(io.BytesIO(docx_bytes(content)))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "{{" not in texts and "{%" not in texts
    assert content.finances.budget_note in texts
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Röda Korset Linköping Södra", kr(477_600)] in rows
    assert [f"– {sv('Travel')}", kr(60_000)] in rows
    assert [sv("Total"), kr(1_077_600)] in rows
    assert ["Lön", kr(500_000), kr(500_000)] in rows
    assert [sv("Total"), kr(700_000), kr(700_000)] in rows
    assert [sv("Cost per new language-friend pair"), kr(350_000)] in rows
