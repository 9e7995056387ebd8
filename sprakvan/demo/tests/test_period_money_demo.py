"""The demo's money for the source period (issue 14): the IOP's yearly contributions are the
source's (600 000 kr from the municipality, 477 600 kr from the Red Cross), and Jan–Oct 2019
costs, prorated budget and cost per new pair (÷ 71) are plausible and consistent."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Sum

from sprakvan.demo import accounts as staff_demo
from sprakvan.demo import matching as matching_demo
from sprakvan.demo import participants as participants_demo
from sprakvan.demo import partners as partners_demo
from sprakvan.partners import figures
from sprakvan.partners.models import Cost

TODAY = datetime.date(2026, 11, 26)
START, END = datetime.date(2019, 1, 1), datetime.date(2019, 10, 31)


@pytest.mark.django_db
def test_demo_money_for_jan_oct_2019_is_the_sources_and_per_new_pair_divides_by_71() -> None:
    programme = participants_demo.load(TODAY)
    staff_demo.load(programme)
    partners_demo.load(programme, today=TODAY)
    matching_demo.load(programme, today=TODAY)

    result = figures.period_finances(programme, start=START, end=END)

    [year] = result.agreements
    assert (year.agreement.starts_on, year.agreement.ends_on) == (
        datetime.date(2019, 1, 1),
        datetime.date(2021, 12, 31),
    )
    assert [(p.party, p.total) for p in year.parties] == [
        (partners_demo.MUNICIPALITY, 600_000),
        (partners_demo.RED_CROSS, 477_600),
    ]
    assert len(year.parties[1].parts) == 3  # overhead, premises, travel
    assert result.total.budget == 898_000  # 10/12 of 1 077 600
    in_period = Cost.objects.filter(
        budget_line__programme=programme, date__gte=START, date__lte=END
    ).aggregate(total=Sum("amount"))["total"]
    assert result.total.actual == in_period
    assert 800_000 < in_period < 898_000  # plausible: a little under the prorated budget
    assert result.new_pairs == 71
    assert result.cost_per_new_pair == (Decimal(in_period) / 71).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )
