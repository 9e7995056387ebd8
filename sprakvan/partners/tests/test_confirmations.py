"""Asking before deleting a lead, a contribution, a budget line or a cost; naming what changed."""

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sprakvan.accounts.models import User
from sprakvan.core.bidi import named
from sprakvan.core.models import Programme
from sprakvan.organisations.models import OutreachEvent
from sprakvan.partners.models import BudgetLine, Contribution, Cost, Lead
from sprakvan.partners.money import kr
from sprakvan.partners.tests.factories import (
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
)

ClientFor = Callable[[User], Client]


def texts(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_lead_question_names_the_person_and_removes_nothing(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair, first_name="Samira")

    response = client_for(coordinator).get(reverse("partners:lead_delete_confirm", args=[lead.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert _("Remove this lead?") in body
    assert "<bdi>Samira</bdi>" in body and f"<bdi>{fair.name}</bdi>" in body
    assert f'action="{reverse("partners:lead_delete", args=[lead.pk])}"' in body
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_removing_a_lead_says_who_was_removed(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair, first_name="Samira")

    response = client_for(coordinator).post(reverse("partners:lead_delete", args=[lead.pk]))

    assert not Lead.objects.filter(pk=lead.pk).exists()
    assert texts(response) == [
        named(
            _("%(name)s was removed from the leads of %(event)s."), name="Samira", event=fair.name
        )
    ]


def test_the_outreach_page_asks_before_removing_a_lead(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair)

    body = (
        client_for(coordinator)
        .get(reverse("partners:outreach_detail", args=[fair.pk]))
        .content.decode()
    )

    assert reverse("partners:lead_delete_confirm", args=[lead.pk]) in body
    assert f'action="{reverse("partners:lead_delete", args=[lead.pk])}"' not in body


def test_the_cost_question_and_the_removal_name_the_cost(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    line = BudgetLineFactory(programme=programme, name="Lokaler", year=2019)
    cost = CostFactory(budget_line=line, amount=1_250, description="Hallbokning")
    client = client_for(coordinator)

    question = client.get(reverse("partners:cost_delete_confirm", args=[cost.pk]))
    assert "<bdi>Hallbokning</bdi>" in question.content.decode()
    assert Cost.objects.filter(pk=cost.pk).exists()

    response = client.post(reverse("partners:cost_delete", args=[cost.pk]))
    assert not Cost.objects.filter(pk=cost.pk).exists()
    assert texts(response) == [
        named(
            _("The cost %(cost)s of %(amount)s was removed from %(line)s."),
            cost="Hallbokning",
            amount=kr(1_250),
            line="Lokaler",
        )
    ]


def test_the_budget_line_question_and_the_removal_name_the_line(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    line = BudgetLineFactory(programme=programme, name="Fika", year=2019)
    client = client_for(coordinator)

    question = client.get(reverse("partners:budget_line_delete_confirm", args=[line.pk]))
    assert _("Remove this budget line?") in question.content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()

    response = client.post(reverse("partners:budget_line_delete", args=[line.pk]))
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert texts(response) == [named(_("The budget line %(line)s was removed."), line="Fika")]


def test_the_budget_line_question_says_its_costs_must_go_first(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    line = BudgetLineFactory(programme=programme, name="Lokaler", year=2019)
    CostFactory(budget_line=line)

    body = (
        client_for(coordinator)
        .get(reverse("partners:budget_line_delete_confirm", args=[line.pk]))
        .content.decode()
    )

    assert (
        named(_("%(line)s has costs recorded against it: remove them first."), line="Lokaler")
        in body
    )


def test_the_contribution_question_and_the_removal_name_the_party_and_year(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    contribution = ContributionFactory(agreement__programme=programme, amount=477_600)
    client = client_for(coordinator)

    question = client.get(reverse("partners:contribution_delete_confirm", args=[contribution.pk]))
    assert f"<bdi>{contribution.party.name}</bdi>" in question.content.decode()
    assert Contribution.objects.filter(pk=contribution.pk).exists()

    response = client.post(reverse("partners:contribution_delete", args=[contribution.pk]))
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    assert texts(response) == [
        named(
            _("The contribution of %(amount)s from %(party)s for %(year)s was removed."),
            amount=kr(477_600),
            party=contribution.party.name,
            year=contribution.year,
        )
    ]


@pytest.mark.usefixtures("frozen_now")  # "this year" here and in the page, even at New Year
def test_finances_open_on_the_current_year_even_with_only_older_figures(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    BudgetLineFactory(programme=programme, name="Lokaler", year=2019)
    this_year = timezone.localdate().year

    body = client_for(coordinator).get(reverse("partners:finances")).content.decode()

    assert f'href="?year={this_year}" aria-current="page"' in body
    assert 'href="?year=2019" aria-current' not in body
    assert "Lokaler" not in body
