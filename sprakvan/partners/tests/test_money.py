"""Money in whole kronor: formatting, budget against actual, cost per pair (never float)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners import figures
from sprakvan.partners.money import LineFigures, kr, per_unit, split_exactly, totals
from sprakvan.partners.tests.factories import BudgetLineFactory, ContributionFactory, CostFactory


def test_kr_groups_thousands_with_non_breaking_spaces() -> None:
    assert kr(1250) == "1\xa0250\xa0kr"
    assert kr(477_600) == "477\xa0600\xa0kr"
    assert kr(Decimal("999.5")) == "1\xa0000\xa0kr"
    assert kr(0) == "0\xa0kr"
    assert kr(None) == "–"


def test_kr_refuses_floats() -> None:
    with pytest.raises(TypeError):
        kr(1250.0)  # type: ignore[arg-type]  # the wrong type is what the test sends


def test_budget_line_figures_and_totals_are_whole_kronor() -> None:
    lines = [LineFigures("Lön", 600_000, 600_000), LineFigures("Lokaler", 240_000, 250_000)]
    total = totals(lines)
    assert (total.budget, total.actual, total.remaining) == (840_000, 850_000, -10_000)
    assert isinstance(total.actual, int)
    assert lines[1].over_budget and not lines[0].over_budget
    assert lines[1].used_percent == 104
    assert LineFigures("Tom", 0, 10).used_percent is None


def test_per_unit_rounds_half_up_to_whole_kronor_in_decimal() -> None:
    assert per_unit(1_077_600, 71) == Decimal("15177")
    assert per_unit(5, 2) == Decimal("3")
    assert per_unit(100, 0) is None
    assert per_unit(100, None) is None
    assert isinstance(per_unit(10, 3), Decimal)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.integers(0, 10_000_000), st.lists(st.integers(1, 1000), min_size=1, max_size=8))
def test_split_exactly_adds_up_to_the_total(total: int, weights: list[int]) -> None:
    shares = split_exactly(total, weights)
    assert sum(shares) == total
    assert all(isinstance(s, int) for s in shares)


def test_year_finances_adds_budget_costs_contributions_and_cost_per_pair(
    programme: Programme,
) -> None:
    salary = BudgetLineFactory(programme=programme, name="Lön", amount=600_000)
    premises = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    BudgetLineFactory(programme=programme, name="Next year", amount=5, year=2020)
    CostFactory.create_batch(12, budget_line=salary, amount=50_000)
    CostFactory(budget_line=premises, amount=240_001)
    ContributionFactory(agreement__programme=programme, amount=600_000)
    for i in range(3):
        Pair.objects.create(
            programme=programme,
            newcomer=ParticipantFactory(programme=programme),
            established=ParticipantFactory(programme=programme, group="established"),
            state="active",
            started_on=datetime.date(2019, 2 + i, 1),
        )
    result = figures.year_finances(programme, 2019)
    assert result.total.budget == 840_000
    assert result.total.actual == 840_001
    assert result.contributions_total == 600_000
    assert result.new_pairs == 3
    assert result.active_participants == 6
    assert result.cost_per_new_pair == Decimal("280000")
    assert result.cost_per_active_participant == Decimal("140000")


def test_active_participants_counts_a_person_in_two_pairs_once_and_skips_other_years(
    programme: Programme,
) -> None:
    eva = ParticipantFactory(programme=programme, group="established", capacity=2)
    for started, ended in [
        (datetime.date(2019, 1, 1), None),
        (datetime.date(2017, 1, 1), datetime.date(2018, 6, 1)),
    ]:
        Pair.objects.create(
            programme=programme,
            newcomer=ParticipantFactory(programme=programme),
            established=eva,
            state="ended" if ended else "active",
            started_on=started,
            ended_on=ended,
            end_reason="completed" if ended else "",
        )
    assert figures.active_participants(programme, 2019) == 2


def test_active_participants_adds_people_who_came_to_a_session_held_in_the_year(
    programme: Programme,
) -> None:
    from sprakvan.activities.models import Activity, Attendance, Session

    cafe = Activity.objects.create(programme=programme, type="language_cafe", title="Språkcafé")
    held, cancelled, last_year = (
        Session.objects.create(
            programme=programme,
            activity=cafe,
            date=day,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            status=status,
        )
        for day, status in [
            (datetime.date(2019, 3, 4), "planned"),
            (datetime.date(2019, 3, 11), "cancelled"),
            (datetime.date(2018, 3, 4), "planned"),
        ]
    )
    amal, eva, ola = ParticipantFactory.create_batch(3, programme=programme)
    Pair.objects.create(
        programme=programme,
        newcomer=amal,
        established=ParticipantFactory(programme=programme, group="established"),
        state="active",
        started_on=datetime.date(2019, 1, 1),
    )
    Attendance.objects.create(session=held, participant=amal)
    Attendance.objects.create(session=held, participant=eva)
    Attendance.objects.create(session=cancelled, participant=ola)
    Attendance.objects.create(session=last_year, participant=ola)
    assert figures.active_participants(programme, 2019) == 3
