"""The partners pages through the test client: who reaches what, and what changes."""

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.core.tests.factories import ProgrammeFactory
from sprakvan.organisations.models import Organisation, OutreachEvent, offers_mask
from sprakvan.organisations.tests.factories import OrganisationFactory, OutreachEventFactory
from sprakvan.participants.models import Participant
from sprakvan.participants.tests.factories import ParticipantFactory
from sprakvan.participants.tests.test_import import GOOD, csv_bytes, run_import
from sprakvan.participants.tests.test_intake import newcomer_form
from sprakvan.partners.models import BudgetLine, Contribution, Cost, Lead
from sprakvan.partners.tests.factories import (
    AgreementFactory,
    ContributionFactory,
    CostFactory,
    LeadFactory,
)

ClientFor = Callable[[User], Client]


@pytest.mark.parametrize(
    "name,needs_pk",
    [
        ("lead_delete", True),
        ("leads_link", False),
        ("cost_delete", True),
        ("contribution_delete", True),
        ("budget_line_delete", True),
    ],
)
def test_changes_refuse_get(
    client_for: ClientFor, coordinator: User, name: str, needs_pk: bool
) -> None:
    url = reverse(f"partners:{name}", args=[1] if needs_pk else [])
    assert client_for(coordinator).get(url).status_code == 405


def test_outsider_gets_404_for_every_row_of_the_programme(
    client_for: ClientFor,
    outsider: User,
    programme: Programme,
    referring_organisation: Organisation,
    fair: OutreachEvent,
) -> None:
    lead = LeadFactory(event=fair)
    agreement = AgreementFactory(programme=programme, document=SimpleUploadedFile("a.pdf", b"%PDF"))
    cost = CostFactory(budget_line__programme=programme)
    contribution = ContributionFactory(agreement=agreement)
    client = client_for(outsider)
    org, event = referring_organisation.pk, fair.pk
    for name, pk in [
        ("organisation_detail", org),
        ("organisation_edit", org),
        ("organisation_qr", org),
        ("outreach_detail", event),
        ("outreach_edit", event),
        ("outreach_qr", event),
        ("lead_create", event),
        ("agreement_edit", agreement.pk),
        ("agreement_document", agreement.pk),
        ("contribution_create", agreement.pk),
        ("contribution_edit", contribution.pk),
        ("budget_line_edit", cost.budget_line.pk),
    ]:
        assert client.get(reverse(f"partners:{name}", args=[pk])).status_code == 404, name
    for name, pk in [
        ("lead_delete", lead.pk),
        ("cost_delete", cost.pk),
        ("contribution_delete", contribution.pk),
        ("budget_line_delete", cost.budget_line.pk),
    ]:
        assert client.post(reverse(f"partners:{name}", args=[pk])).status_code == 404, name
    assert Lead.objects.exists() and Cost.objects.exists() and Contribution.objects.exists()
    assert BudgetLine.objects.exists()


def test_partner_viewer_sees_finances_but_not_leads_referrals_or_partners(
    client_for: ClientFor, partner_viewer: User, fair: OutreachEvent
) -> None:
    client = client_for(partner_viewer)
    assert client.get(reverse("partners:finances")).status_code == 200
    for url in [
        reverse("partners:organisation_list"),
        reverse("partners:referral_list"),
        reverse("partners:outreach_list"),
        reverse("partners:outreach_detail", args=[fair.pk]),
        reverse("partners:lead_create", args=[fair.pk]),
        reverse("partners:cost_create"),
    ]:
        assert client.get(url).status_code == 403, url


def test_coordinator_creates_and_edits_an_organisation_with_what_they_do(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    client = client_for(coordinator)
    response = client.post(
        reverse("partners:organisation_create"),
        {
            "name": "Tekniska Verken",
            "kind": "municipal_company",
            "offer_choices": ["popup", "premises"],
            "contact_name": "Anna Ström",
        },
    )
    organisation = Organisation.objects.get(name="Tekniska Verken")
    assert response["Location"] == reverse("partners:organisation_detail", args=[organisation.pk])
    assert organisation.programme == programme
    assert organisation.offers == offers_mask(["popup", "premises"])
    assert organisation.offer_slugs == ["premises", "popup"]
    client.post(
        reverse("partners:organisation_edit", args=[organisation.pk]),
        {"name": "Tekniska Verken", "kind": "municipal_company", "offer_choices": ["marketing"]},
    )
    organisation.refresh_from_db()
    assert organisation.offer_slugs == ["marketing"]
    changed = AuditEvent.objects.filter(action="partners.organisation.changed").get()
    assert changed.data == {"fields": ["contact_name", "offers"]}
    assert list(Organisation.objects.offering("marketing")) == [organisation]


def test_organisation_names_are_unique_in_a_programme(
    client_for: ClientFor, coordinator: User, referring_organisation: Organisation
) -> None:
    response = client_for(coordinator).post(
        reverse("partners:organisation_create"),
        {"name": "arbetsmarknadscentrum", "kind": "other"},
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == 1


def test_organisation_page_lists_referrals_and_a_referral_link_with_qr(
    client_for: ClientFor,
    coordinator: User,
    referring_organisation: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(
            reverse("partners:organisation_detail", args=[referring_organisation.pk])
        )
    assert response.status_code == 200
    link = response.context["link"]
    assert "/vi-ses/anmalan/?via=" in link
    from sprakvan.participants.sources import read_source_token

    token = link.split("via=")[1]
    source = read_source_token(token, referring_organisation.programme)
    assert source.organisation == referring_organisation
    qr = client.get(reverse("partners:organisation_qr", args=[referring_organisation.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<svg")


def test_organisation_list_pins_its_queries(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    OrganisationFactory.create_batch(20, programme=programme)
    client = client_for(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("partners:organisation_list"))
    assert len(response.context["organisations"]) == 20


def test_coordinator_creates_an_outreach_event_with_co_organiser_and_staff(
    client_for: ClientFor, coordinator: User, programme: Programme, leader: User
) -> None:
    frivillig = OrganisationFactory(programme=programme, name="Frivilligcentrum")
    response = client_for(coordinator).post(
        reverse("partners:outreach_create"),
        {
            "name": "Engagemangsdag",
            "kind": "fair",
            "date": "2019-04-06",
            "place": "Stadsbiblioteket",
            "district": programme.districts.get(name="Innerstaden").pk,
            "co_organiser": frivillig.pk,
            "staff_present": [coordinator.pk, leader.pk],
            "notes": "Tillsammans med Frivilligcentrum",
        },
    )
    event = OutreachEvent.objects.get(name="Engagemangsdag")
    assert response["Location"] == reverse("partners:outreach_detail", args=[event.pk])
    assert event.co_organiser == frivillig
    assert set(event.staff_present.all()) == {coordinator, leader}


def test_capturing_a_lead_links_a_person_who_already_registered_with_that_phone(
    client_for: ClientFor, coordinator: User, programme: Programme, fair: OutreachEvent
) -> None:
    person = ParticipantFactory(
        programme=programme, phone="+46701112233", registered_on=datetime.date(2019, 3, 10)
    )
    client = client_for(coordinator)
    url = reverse("partners:lead_create", args=[fair.pk])
    response = client.post(
        url,
        {"phone": "070-111 22 33", "first_name": "Amal", "group": "newcomer", "interest": "fika"},
    )
    assert response.status_code == 302 and response["Location"] == url
    client.post(url, {"phone": "0739876543", "first_name": "Jonas", "group": "established"})
    amal, jonas = Lead.objects.order_by("id")
    assert amal.participant == person and amal.created_by == coordinator
    assert jonas.participant is None


def test_a_lead_needs_a_phone(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    response = client_for(coordinator).post(
        reverse("partners:lead_create", args=[fair.pk]), {"first_name": "Amal", "group": "newcomer"}
    )
    assert response.status_code == 200
    assert not Lead.objects.exists()


def test_link_leads_links_people_who_registered_after_the_fair(
    client_for: ClientFor, coordinator: User, programme: Programme, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair, phone="+46701112233")
    LeadFactory(event=fair, phone="+46705550000")
    person = ParticipantFactory(programme=programme, phone="+46701112233")
    response = client_for(coordinator).post(reverse("partners:leads_link"))
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.participant == person
    assert Lead.objects.filter(participant__isnull=True).count() == 1


def test_a_lead_is_linked_as_soon_as_the_person_signs_up(
    client: Client, programme: Programme, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair, phone="+46701234567")
    other = LeadFactory(event=fair, phone="+46705550000")

    response = client.post(
        reverse("participants_public:register", args=[programme.slug, "nyanland"]),
        newcomer_form(programme, phone="070-123 45 67"),
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    other.refresh_from_db()
    assert lead.participant == Participant.objects.get(phone="+46701234567")
    assert other.participant is None


def test_a_lead_is_linked_when_the_person_is_imported(
    programme: Programme, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair, phone="+46701234567")
    elsewhere = LeadFactory(
        event=OutreachEventFactory(programme=ProgrammeFactory()), phone="+46701234567"
    )

    run_import(programme, csv_bytes(GOOD[0]))

    lead.refresh_from_db()
    elsewhere.refresh_from_db()
    assert lead.participant == Participant.objects.get(external_id="A1")
    assert elsewhere.participant is None  # another programme's lead stays its own


def test_link_leads_never_redirects_to_another_site(
    client_for: ClientFor, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("partners:leads_link"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("partners:outreach_list")


def test_coordinator_removes_a_lead(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    lead = LeadFactory(event=fair)
    response = client_for(coordinator).post(reverse("partners:lead_delete", args=[lead.pk]))
    assert response["Location"] == reverse("partners:outreach_detail", args=[fair.pk])
    assert not Lead.objects.exists()


def test_outreach_list_pins_its_queries_and_marks_events_bringing_established(
    client_for: ClientFor,
    coordinator: User,
    programme: Programme,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    events = [
        OutreachEvent.objects.create(
            programme=programme, name=f"Dag {i}", date=datetime.date(2019, 5, i + 1)
        )
        for i in range(10)
    ]
    for event in events:
        LeadFactory.create_batch(3, event=event)
    ParticipantFactory(programme=programme, group="established", source_event=events[4])
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("partners:outreach_list") + "?year=2019")
    best = [event for event, _counts, is_best in response.context["rows"] if is_best]
    assert best == [events[4]]
    assert response.context["total"].leads == 30


def test_outreach_page_has_the_event_registration_link(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    from sprakvan.participants.sources import read_source_token

    response = client_for(coordinator).get(reverse("partners:outreach_detail", args=[fair.pk]))
    token = response.context["link"].split("via=")[1]
    assert read_source_token(token, fair.programme).event == fair


def test_public_partner_page_lists_names_but_no_contacts(
    client: Client, programme: Programme
) -> None:
    OrganisationFactory(
        programme=programme, name="Linkstep", kind="project", contact_name="Privat Person"
    )
    response = client.get(reverse("partners_public:partner_list", args=[programme.slug]))
    body = response.content.decode()
    assert "Linkstep" in body and "Privat Person" not in body
    assert client.get(reverse("partners_public:partner_list", args=["nope"])).status_code == 404


def test_organisation_page_lists_the_venues_and_activities_it_provides(
    client_for: ClientFor, coordinator: User, programme: Programme
) -> None:
    from sprakvan.activities.models import Activity, Venue

    library = OrganisationFactory(programme=programme, name="Ekholmens bibliotek", kind="library")
    Venue.objects.create(programme=programme, name="Biblioteket i Ekholmen", provider=library)
    Activity.objects.create(
        programme=programme,
        type="language_cafe",
        title="Språkcafé Ekholmen",
        host_organisation=library,
    )
    Venue.objects.create(programme=programme, name="Repslagaregatan")
    body = (
        client_for(coordinator)
        .get(reverse("partners:organisation_detail", args=[library.pk]))
        .content.decode()
    )
    assert "Biblioteket i Ekholmen" in body and "Språkcafé Ekholmen" in body
    assert "Repslagaregatan" not in body
