"""Figures true for the period asked: the comparison rule, referral outcomes at the period's
end, and goals (the period's year judged at its end, the next year's only listed)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import User
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.organisations.models import Organisation
from sprakvan.participants.models import Participant
from sprakvan.participants.services import change_status
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.figures import outcomes
from sprakvan.partners.models import Referral
from sprakvan.reports import document
from sprakvan.reports.models import Goal
from sprakvan.reports.report import build, period_label
from sprakvan.reports.statistics import COMPARE_PREVIOUS, COMPARE_YEAR_EARLIER, Period

D = datetime.date
JAN_OCT = Period(D(2019, 1, 1), D(2019, 10, 31))
TODAY = D(2021, 3, 1)
DASHBOARD = reverse("reports:dashboard")
ClientFor = Callable[[User], Client]


# The comparison rule ---------------------------------------------------------------------------


def test_the_rule_is_the_same_months_a_year_earlier_or_the_period_just_before() -> None:
    assert JAN_OCT.compared_with() == Period(D(2018, 1, 1), D(2018, 10, 31))
    assert JAN_OCT.compared_with(COMPARE_YEAR_EARLIER) == JAN_OCT.year_earlier()
    assert JAN_OCT.compared_with(COMPARE_PREVIOUS) == Period(D(2018, 3, 1), D(2018, 12, 31))
    with pytest.raises(ValueError):
        JAN_OCT.compared_with("last_decade")


@pytest.mark.django_db
def test_the_dashboard_compares_with_a_year_earlier_unless_asked_otherwise(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator)
    query = "?start=2019-01-01&end=2019-10-31"
    report = client.get(DASHBOARD + query).context["report"]
    assert report.comparison == Period(D(2018, 1, 1), D(2018, 10, 31))
    previous = client.get(DASHBOARD + query + "&compare=previous")
    assert previous.context["report"].comparison == Period(D(2018, 3, 1), D(2018, 12, 31))
    # The choice travels with the exports' links and shows in the form.
    assert "compare=previous" in previous.context["query"]
    assert 'value="previous" selected' in previous.content.decode()


@pytest.mark.django_db
def test_every_table_names_its_period_and_a_comparison_names_both(
    programme: Programme,
) -> None:
    report = build(programme, JAN_OCT, today=TODAY)
    now, before = period_label(JAN_OCT), period_label(Period(D(2018, 1, 1), D(2018, 10, 31)))
    for table in report.tables():
        assert now in table.caption, table.slug
    for slug in ("key-figures", "new-pairs-per-month"):
        table = next(t for t in report.tables() if t.slug == slug)
        assert table.headers == [now, before]
        assert before in table.caption


@pytest.mark.django_db
def test_the_document_and_the_command_follow_the_rule(programme: Programme, tmp_path: Any) -> None:
    content = document.build_content(programme, JAN_OCT, today=TODAY, suppressed=False)
    pairs = next(t for t in content.tables if t.slug == "new-pairs-per-month")
    assert pairs.headers[1] == "2018-01-01 – 2018-10-31"
    args = ["report", "--programme", programme.slug, "--from", "2019-01-01", "--to", "2019-10-31"]
    call_command(*args, "--output", str(tmp_path / "a.json"))
    call_command(*args, "--compare", "previous", "--output", str(tmp_path / "b.json"))
    first = json.loads((tmp_path / "a.json").read_text())
    second = json.loads((tmp_path / "b.json").read_text())
    assert first["previous"]["period"] == {"from": "2018-01-01", "to": "2018-10-31"}
    assert second["previous"]["period"] == {"from": "2018-03-01", "to": "2018-12-31"}


# Referral outcomes at the period's end -----------------------------------------------------------


def _referred(
    programme: Programme, organisation: Organisation, on: datetime.date, **extra: Any
) -> Participant:
    person = ParticipantFactory(programme=programme, group="newcomer", registered_on=on, **extra)
    referral = Referral.objects.create(
        programme=programme,
        organisation=organisation,
        participant=person,
        consent_given_by="person",
        consent_method="phone",
        consent_date=on,
    )
    Referral.objects.filter(pk=referral.pk).update(
        created_at=datetime.datetime(on.year, on.month, on.day, 12, tzinfo=datetime.UTC)
    )
    return person


def _pair(programme: Programme, newcomer: Participant, start: datetime.date, **extra: Any) -> Pair:
    friend = ParticipantFactory(programme=programme, group="established", registered_on=start)
    return Pair.objects.create(
        programme=programme, newcomer=newcomer, established=friend, started_on=start, **extra
    )


@pytest.fixture
def histories(programme: Programme, referring_organisation: Organisation) -> dict[str, Any]:
    """Four people referred in March 2019, each with a dated history."""
    march = D(2019, 3, 12)
    # Paired in May 2019; the pair ended and the person left in 2020 (status set today, dated).
    paired = _referred(programme, referring_organisation, march)
    _pair(
        programme,
        paired,
        D(2019, 5, 6),
        state="ended",
        ended_on=D(2020, 2, 1),
        end_reason="completed",
    )
    change_status(paired, status="left", changed_by=None, on=D(2020, 2, 1))
    # Left in September 2019.
    left = _referred(
        programme,
        referring_organisation,
        march,
        status="left",
        status_changed_on=D(2019, 9, 15),
    )
    # Paired in November 2019: still waiting at the end of October.
    late = _referred(
        programme,
        referring_organisation,
        march,
        status="matched",
        status_changed_on=D(2019, 11, 4),
    )
    _pair(programme, late, D(2019, 11, 4), state="active")
    # Paused in June 2019, back on the waiting list in 2020 (the log keeps what it was).
    paused = _referred(
        programme,
        referring_organisation,
        march,
        status="paused",
        status_changed_on=D(2019, 6, 1),
    )
    change_status(paused, status="waiting", changed_by=None, on=D(2020, 4, 1))
    return {"paired": paired, "left": left, "late": late, "paused": paused}


@pytest.mark.django_db
def test_referral_outcomes_stand_as_at_the_periods_end(
    programme: Programme, histories: dict[str, Any]
) -> None:
    report = build(programme, JAN_OCT, today=TODAY)
    counts = report.current.referrals["Arbetsmarknadscentrum"]
    assert counts == {"total": 4, "matched": 1, "left": 1, "waiting": 1, "paused": 1}
    # A year on, the same referrals read as they stand at the end of 2020.
    later = build(programme, Period(D(2019, 1, 1), D(2020, 12, 31)), today=TODAY)
    assert later.current.referrals["Arbetsmarknadscentrum"] == {
        "total": 4,
        "matched": 1,
        "left": 2,
        "waiting": 1,
    }


@pytest.mark.django_db
def test_the_referral_table_names_the_outcome_got_a_pair(
    programme: Programme, histories: dict[str, Any]
) -> None:
    table = build(programme, JAN_OCT, today=TODAY).referrals_table()
    got = table.headers.index(gettext("Got a pair"))
    assert table.values[0][got] == 1
    assert "2019-10-31" in table.caption


@pytest.mark.django_db
def test_funnel_outcomes_at_a_day_leave_out_later_pairs(
    programme: Programme, histories: dict[str, Any]
) -> None:
    ids = {p.pk for p in histories.values()}
    at_end = outcomes(ids, today=TODAY, at=JAN_OCT.end)
    assert at_end[histories["paired"].pk].matched
    assert not at_end[histories["late"].pk].matched
    assert outcomes(ids, today=TODAY)[histories["late"].pk].matched


# Goals ------------------------------------------------------------------------------------------


def _goals(programme: Programme) -> None:
    Goal.objects.create(
        programme=programme,
        year=2019,
        title="Fler nya par än 2018",
        kind="more_than_last_year",
        measure="new_pairs",
    )
    Goal.objects.create(
        programme=programme,
        year=2020,
        title="Fler matchade språkvänner än 2019",
        kind="more_than_last_year",
        measure="new_pairs",
    )


def _pairs(programme: Programme, days: list[datetime.date]) -> None:
    for day in days:
        newcomer = ParticipantFactory(programme=programme, group="newcomer", registered_on=day)
        _pair(programme, newcomer, day, state="active")


@pytest.mark.django_db
def test_goals_of_the_periods_year_stand_at_its_end(programme: Programme) -> None:
    _goals(programme)
    _pairs(programme, [D(2018, 4, 1), D(2018, 5, 1)])  # 2018: two, so the target is three
    _pairs(programme, [D(2019, 2, 1), D(2019, 6, 1)])  # two by the end of October
    before = build(programme, JAN_OCT, today=TODAY, goal_years=(2019, 2020))
    ((_goal, result),) = before.goal_results
    assert (result.status, result.current, result.target) == ("at_risk", 2, 3)
    # Pairs after the period's end do not change the status it had then.
    _pairs(programme, [D(2019, 11, 5), D(2019, 12, 1), D(2020, 3, 1)])
    after = build(programme, JAN_OCT, today=TODAY, goal_years=(2019, 2020))
    ((_goal, again),) = after.goal_results
    assert again == result
    # The full year, asked for, sees them.
    year = build(programme, Period.year(2019), today=TODAY, goal_years=(2019, 2020))
    assert year.goal_results[0][1].status == "achieved"


@pytest.mark.django_db
def test_next_years_goals_carry_no_status(programme: Programme) -> None:
    _goals(programme)
    report = build(programme, JAN_OCT, today=TODAY, goal_years=(2019, 2020))
    assert 2020 not in report.goals_by_year
    assert [g.title for g in report.next_goals] == ["Fler matchade språkvänner än 2019"]
    content = document.build_content(programme, JAN_OCT, today=TODAY, suppressed=False)
    (line,) = content.goals_next_year
    assert (line.title, line.status, line.percent) == (
        "Fler matchade språkvänner än 2019",
        "",
        None,
    )
    assert [g.title for g in content.goals_this_year] == ["Fler nya par än 2018"]
    with translation.override("sv"):
        heading = gettext("Goals for %(year)s") % {"year": 2020}
    assert content.goals_next_heading == heading
    page = document.html(content)
    next_part = page.split(heading)[1].split("</ul>")[0]
    assert "Fler matchade språkvänner än 2019" in next_part
    assert "status-" not in next_part


@pytest.mark.django_db
def test_dashboard_and_document_show_the_same_goals(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    _goals(programme)
    _pairs(programme, [D(2018, 4, 1), D(2019, 2, 1)])
    response = client_for(coordinator).get(DASHBOARD + "?start=2019-01-01&end=2019-10-31")
    content = document.build_content(programme, JAN_OCT, today=TODAY, suppressed=False)
    dashboard = [(g.title, r.status) for g, r in response.context["goals"]]
    assert dashboard == [(g.title, g.status_key) for g in content.goals_this_year]
    assert [g.title for g in response.context["next_goals"]] == [
        g.title for g in content.goals_next_year
    ]
