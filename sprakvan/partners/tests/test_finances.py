"""The finances pages through the test client: the agreement, contributions, budget, costs."""

from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from sprakvan.accounts.models import User
from sprakvan.core.concurrency import version_of
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.organisations.models import OutreachEvent
from sprakvan.organisations.tests.factories import OrganisationFactory
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.partners.models import (
    Agreement,
    BudgetLine,
    Contribution,
    Cost,
)
from sprakvan.partners.tests.factories import (
    BudgetLineFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
)

ClientFor = Callable[[User], Client]


def test_finances_page_shows_no_personal_data_and_formats_money(
    client_for: ClientFor, partner_viewer: User, programme: Programme, fair: OutreachEvent
) -> None:
    ParticipantFactory(programme=programme, first_name="Hemligsson", source_event=fair)
    LeadFactory(event=fair, first_name="Leadsdottir")
    line = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    CostFactory(budget_line=line, amount=1_250, description="Hallbokning")
    ContributionFactory(agreement__programme=programme, amount=477_600)
    body = (
        client_for(partner_viewer).get(reverse("partners:finances") + "?year=2019").content.decode()
    )
    assert "240\xa0000\xa0kr" in body
    assert "1\xa0250\xa0kr" in body
    assert "477\xa0600\xa0kr" in body
    assert "Hemligsson" not in body and "Leadsdottir" not in body
    assert "Hallbokning" not in body  # the cost list is the coordinator's
    assert reverse("partners:cost_create") not in body


def test_coordinator_records_the_agreement_with_its_document_and_contributions(
    client_for: ClientFor,
    coordinator: User,
    partner_viewer: User,
    programme: Programme,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    kommun = OrganisationFactory(programme=programme, name="Linköpings kommun")
    red_cross = OrganisationFactory(programme=programme, name="Röda Korset")
    client = client_for(coordinator)
    response = client.post(
        reverse("partners:agreement_create"),
        {
            "title": "Vi ses!",
            "kind": "iop",
            "parties": [kommun.pk, red_cross.pk],
            "starts_on": "2019-01-01",
            "ends_on": "2021-12-31",
            "purpose": "Ett mer inkluderande Linköping",
            "document": SimpleUploadedFile("iop.pdf", b"%PDF-1.4 signed"),
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert set(agreement.parties.all()) == {kommun, red_cross}
    url = reverse("partners:contribution_create", args=[agreement.pk])
    client.post(
        url,
        {
            "party": kommun.pk,
            "year": 2019,
            "amount": 600000,
            "covers": "project_leader",
            "form": "cash",
        },
    )
    outside = client.post(
        url, {"party": kommun.pk, "year": 2022, "amount": 1, "covers": "other", "form": "cash"}
    )
    assert outside.status_code == 200
    assert list(Contribution.objects.values_list("year", "amount")) == [(2019, 600_000)]
    download = client_for(partner_viewer).get(
        reverse("partners:agreement_document", args=[agreement.pk])
    )
    assert isinstance(download, FileResponse)
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"


def test_agreement_end_may_not_come_before_its_start(
    client_for: ClientFor, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("partners:agreement_create"),
        {"title": "X", "kind": "iop", "starts_on": "2021-01-01", "ends_on": "2019-01-01"},
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_coordinator_records_budget_lines_and_costs_in_whole_kronor(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    client = client_for(coordinator)
    client.post(
        reverse("partners:budget_line_create"), {"year": 2019, "name": "Lokaler", "amount": 240000}
    )
    line = BudgetLine.objects.get()
    response = client.post(
        reverse("partners:cost_create"),
        {"budget_line": line.pk, "date": "2019-02-01", "amount": "1250", "description": "Hall"},
    )
    assert response["Location"] == reverse("partners:finances") + "?year=2019"
    fractional = client.post(
        reverse("partners:cost_create"),
        {"budget_line": line.pk, "date": "2019-02-01", "amount": "12.50", "description": "Fika"},
    )
    wrong_year = client.post(
        reverse("partners:cost_create"),
        {"budget_line": line.pk, "date": "2020-02-01", "amount": "10", "description": "Fika"},
    )
    assert fractional.status_code == 200 and wrong_year.status_code == 200
    assert list(Cost.objects.values_list("amount", flat=True)) == [1250]
    cost = Cost.objects.get()
    client.post(reverse("partners:cost_delete", args=[cost.pk]))
    assert not Cost.objects.exists()


def test_coordinator_changes_and_removes_a_contribution(
    client_for: ClientFor, coordinator: User, partner_viewer: User, programme: Programme
) -> None:
    contribution = ContributionFactory(agreement__programme=programme)
    contribution.agreement.parties.add(contribution.party)
    edit = reverse("partners:contribution_edit", args=[contribution.pk])
    client = client_for(coordinator)
    assert edit in client.get(reverse("partners:finances") + "?year=2019").content.decode()
    assert (
        edit
        not in (
            client_for(partner_viewer).get(reverse("partners:finances") + "?year=2019")
        ).content.decode()
    )
    assert client_for(partner_viewer).get(edit).status_code == 403
    values = {
        "party": contribution.party.pk,
        "year": 2019,
        "amount": "477600",
        "covers": "project_leader",
        "form": "cash",
        "version": version_of(contribution),
    }

    outside = client.post(edit, {**values, "year": 2025, "amount": "1"})
    assert outside.status_code == 200
    assert "The year is outside the agreement" in outside.content.decode()
    contribution.refresh_from_db()
    assert (contribution.year, contribution.amount) == (2019, 600_000)

    response = client.post(edit, values)
    assert response["Location"] == reverse("partners:finances") + "?year=2019"
    contribution.refresh_from_db()
    assert contribution.amount == 477_600
    assert AuditEvent.objects.filter(action="partners.contribution.changed").count() == 1

    client.post(reverse("partners:contribution_delete", args=[contribution.pk]))
    assert not Contribution.objects.exists()
    assert AuditEvent.objects.filter(action="partners.contribution.deleted").count() == 1


def test_coordinator_changes_a_budget_line_and_removes_it_only_without_costs(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    line = BudgetLineFactory(programme=programme, name="Lokaler", amount=240_000)
    BudgetLineFactory(programme=programme, name="Lön")
    client = client_for(coordinator)
    edit = reverse("partners:budget_line_edit", args=[line.pk])

    version = version_of(line)
    taken = client.post(edit, {"year": 2019, "name": "Lön", "amount": "1", "version": version})
    assert taken.status_code == 200
    assert "already has a budget line with this name" in taken.content.decode()
    client.post(
        edit, {"year": 2019, "name": "Lokaler och fika", "amount": "250000", "version": version}
    )
    line.refresh_from_db()
    assert (line.name, line.amount) == ("Lokaler och fika", 250_000)

    cost = CostFactory(budget_line=line)
    refused = client.post(reverse("partners:budget_line_delete", args=[line.pk]), follow=True)
    assert "has costs recorded against it" in refused.content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()

    client.post(reverse("partners:cost_delete", args=[cost.pk]))
    client.post(reverse("partners:budget_line_delete", args=[line.pk]))
    assert list(BudgetLine.objects.values_list("name", flat=True)) == ["Lön"]
