"""Money true for the period (issue 14): the budget prorated by the period's whole months, the
costs dated in the period, cost per pair started in the period, and the agreement's yearly
contributions per party with their parts (the source: 600 000 kr and 477 600 kr a year)."""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners import figures
from sprakvan.partners.money import prorate, prorate_lines, whole_months_by_year
from sprakvan.partners.tests.factories import (
    AgreementFactory,
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
)

D = datetime.date
JAN_OCT = {"start": D(2019, 1, 1), "end": D(2019, 10, 31)}


def test_whole_months_are_counted_per_year_and_partial_months_are_not() -> None:
    assert whole_months_by_year(D(2019, 1, 1), D(2019, 10, 31)) == {2019: 10}
    assert whole_months_by_year(D(2019, 1, 1), D(2019, 12, 31)) == {2019: 12}
    assert whole_months_by_year(D(2018, 11, 1), D(2019, 10, 31)) == {2018: 2, 2019: 10}
    assert whole_months_by_year(D(2019, 1, 15), D(2019, 3, 30)) == {2019: 1}  # only February
    assert whole_months_by_year(D(2020, 2, 1), D(2020, 2, 29)) == {2020: 1}  # a leap February
    assert whole_months_by_year(D(2019, 1, 2), D(2019, 1, 31)) == {}


def test_prorating_is_whole_kronor_and_the_lines_add_up_to_the_prorated_total() -> None:
    assert prorate(1_077_600, 10) == 898_000
    assert prorate(100, 1) == 8  # 8.33 rounds down
    assert prorate(6, 1) == 1  # 0.5 rounds half up
    assert prorate(600_000, 12) == 600_000
    assert prorate(600_000, 0) == 0
    with pytest.raises(ValueError):
        prorate(100, 13)
    shares = prorate_lines([600_000, 177_600, 240_000, 60_000], 10)
    assert shares == [500_000, 148_000, 200_000, 50_000]
    odd = prorate_lines([100, 100, 100], 1)  # 25 kr over three lines of 8.33 kr
    assert sum(odd) == prorate(300, 1) == 25 and sorted(odd) == [8, 8, 9]
    assert prorate_lines([0, 0], 10) == [0, 0]


def _pair(programme: Programme, started_on: datetime.date) -> None:
    Pair.objects.create(
        programme=programme,
        newcomer=ParticipantFactory(programme=programme),
        established=ParticipantFactory(programme=programme, group="established"),
        state="active",
        started_on=started_on,
    )


def test_a_partial_year_prorates_the_budget_and_counts_only_costs_and_pairs_in_the_period(
    programme: Programme,
) -> None:
    salary = BudgetLineFactory(programme=programme, name="Lön", amount=600_000)
    premises = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    BudgetLineFactory(programme=programme, name="Lön", amount=999_999, year=2020)
    last_year = BudgetLineFactory(programme=programme, name="Lön", amount=480_000, year=2018)
    for month in range(1, 13):
        CostFactory(budget_line=salary, date=D(2019, month, 25), amount=50_000)
    CostFactory(budget_line=premises, date=D(2019, 10, 31), amount=20_000)  # the last day: in
    CostFactory(budget_line=premises, date=D(2019, 11, 1), amount=7_000)  # after: out
    CostFactory(budget_line=last_year, date=D(2018, 12, 20), amount=40_000)  # before: out
    for started in (D(2018, 12, 31), D(2019, 1, 1), D(2019, 10, 31), D(2019, 11, 1)):
        _pair(programme, started)
    _pair(programme, D(2019, 5, 1))

    result = figures.period_finances(programme, **JAN_OCT)

    assert result.months == {2019: 10} and result.budget_months == 10
    assert not result.whole_years
    by_name = {line.name: line for line in result.lines}
    assert (by_name["Lön"].budget, by_name["Lön"].actual) == (500_000, 500_000)
    assert (by_name["Lokaler"].budget, by_name["Lokaler"].actual) == (200_000, 20_000)
    assert (result.total.budget, result.total.actual) == (700_000, 520_000)
    assert result.new_pairs == 3
    assert result.cost_per_new_pair == Decimal("173333")  # 520 000 / 3, half up
    # The yearly figures of the finances page are unchanged: all of 2019 over all its pairs.
    year = figures.year_finances(programme, 2019)
    assert (year.total.budget, year.total.actual, year.new_pairs) == (840_000, 627_000, 4)


def test_a_period_over_a_new_year_prorates_each_year_by_its_own_months(
    programme: Programme,
) -> None:
    BudgetLineFactory(programme=programme, name="Lön", amount=480_000, year=2018)
    BudgetLineFactory(programme=programme, name="Lön", amount=600_000, year=2019)
    result = figures.period_finances(programme, start=D(2018, 11, 1), end=D(2019, 10, 31))
    assert result.months == {2018: 2, 2019: 10}
    assert [(line.name, line.budget, line.actual) for line in result.lines] == [
        ("Lön", 80_000 + 500_000, 0)
    ]
    assert result.new_pairs == 0 and result.cost_per_new_pair is None
    whole = figures.period_finances(programme, start=D(2019, 1, 1), end=D(2019, 12, 31))
    assert whole.whole_years and whole.total.budget == 600_000


def _source_agreement(programme: Programme) -> None:
    """The source document's IOP: the municipality pays the project leader, the Red Cross
    overhead, premises and travel; 2020 and another programme's agreement must not count."""
    agreement = AgreementFactory(programme=programme, title="Vi ses! IOP")
    municipality = OrganisationFactory(programme=programme, name="Linköpings kommun")
    red_cross = OrganisationFactory(programme=programme, name="Röda Korset Linköping Södra")
    agreement.parties.set([municipality, red_cross])
    for year in (2019, 2020):
        ContributionFactory(agreement=agreement, party=municipality, year=year, amount=600_000)
        for covers, form, amount in (
            ("overhead", "in_kind", 177_600),
            ("premises", "in_kind", 240_000),
            ("travel", "cash", 60_000),
        ):
            ContributionFactory(
                agreement=agreement,
                party=red_cross,
                year=year,
                covers=covers,
                form=form,
                amount=amount,
            )
    ContributionFactory(amount=1)  # another programme's agreement
    AgreementFactory(programme=programme, starts_on=D(2016, 1, 1), ends_on=D(2018, 12, 31))


def test_the_period_shows_the_agreements_yearly_contributions_per_party_with_their_parts(
    programme: Programme,
) -> None:
    _source_agreement(programme)
    result = figures.period_finances(programme, **JAN_OCT)
    [year] = result.agreements
    assert (year.agreement.title, year.year, year.total) == ("Vi ses! IOP", 2019, 1_077_600)
    assert [(p.party, p.total) for p in year.parties] == [
        ("Linköpings kommun", 600_000),
        ("Röda Korset Linköping Södra", 477_600),
    ]
    assert [(c.covers, c.amount) for c in year.parties[1].parts] == [
        ("overhead", 177_600),
        ("premises", 240_000),
        ("travel", 60_000),
    ]
    # Contributions are yearly: a Jan–Oct period shows the year's, not 10/12 of them.
    assert (
        figures.period_finances(programme, start=D(2019, 3, 1), end=D(2019, 3, 31))
        .agreements[0]
        .total
        == 1_077_600
    )


def test_the_finances_page_shows_each_partys_yearly_total(
    client_for: Callable[[User], Client], partner_viewer: User, programme: Programme
) -> None:
    _source_agreement(programme)
    page = client_for(partner_viewer).get(reverse("partners:finances") + "?year=2019")
    html = page.content.decode()
    table = html.split("Each party's total per year", 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r"<td[^>]*>(\d{4})</td><th[^>]*>(?:<bdi>)?([^<]+)(?:</bdi>)?</th><td>([^<]+)</td>", table
    )
    assert rows == [
        ("2019", "Linköpings kommun", "600\xa0000\xa0kr"),
        ("2019", "Röda Korset Linköping Södra", "477\xa0600\xa0kr"),
        ("2020", "Linköpings kommun", "600\xa0000\xa0kr"),
        ("2020", "Röda Korset Linköping Södra", "477\xa0600\xa0kr"),
    ]
