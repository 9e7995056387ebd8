"""Poster links stay long-lived but revocable: the coordinator rotates an organisation's or a
fair's link secret and every link printed before stops working, kindly."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.core.models import AuditEvent, Programme
from sprakvan.organisations.models import Organisation, OutreachEvent
from sprakvan.participants.models import Participant
from sprakvan.participants.sources import make_source_token, read_source_token
from sprakvan.participants.tests.test_intake import newcomer_form
from sprakvan.partners.services import rotate_link

ClientFor = Callable[[User], Client]


def sign_up_url(programme: Programme, token: str, group: str = "nyanland") -> str:
    return reverse("participants_public:register", args=[programme.slug, group]) + f"?via={token}"


def choose_url(programme: Programme, token: str) -> str:
    return reverse("participants_public:choose", args=[programme.slug]) + f"?via={token}"


def link_of(client: Client, page: str, pk: int) -> str:
    link: str = client.get(reverse(page, args=[pk])).context["link"]
    return link.split("via=")[1]


def test_each_organisation_and_event_gets_its_own_secret_on_create(
    programme: Programme, referring_organisation: Organisation, fair: OutreachEvent
) -> None:
    other = Organisation.objects.create(programme=programme, name="Bibliotek", kind="library")

    secrets = {referring_organisation.link_secret, other.link_secret, fair.link_secret}

    assert len(secrets) == 3
    assert all(len(secret) >= 20 for secret in secrets)


def test_a_referral_link_works_until_rotated_then_only_the_new_one_works(
    client_for: ClientFor, coordinator: User, referring_organisation: Organisation
) -> None:
    staff = client_for(coordinator)
    programme = referring_organisation.programme
    old = link_of(staff, "partners:organisation_detail", referring_organisation.pk)
    assert read_source_token(old, programme).organisation == referring_organisation

    response = staff.post(
        reverse("partners:organisation_link_rotate", args=[referring_organisation.pk])
    )

    assert response.status_code == 302
    new = link_of(staff, "partners:organisation_detail", referring_organisation.pk)
    assert new != old
    assert read_source_token(old, programme).revoked
    assert read_source_token(new, programme).organisation == referring_organisation
    event = AuditEvent.objects.get(action="partners.organisation.link_rotated")
    assert (event.object_id, event.actor, event.data) == (
        referring_organisation.pk,
        coordinator,
        {},
    )


def test_an_old_poster_shows_a_friendly_page_and_offers_the_plain_sign_up(
    client: Client, referring_organisation: Organisation
) -> None:
    programme = referring_organisation.programme
    old = make_source_token(organisation=referring_organisation)
    rotate_link(referring_organisation, rotated_by=None)

    for url in [choose_url(programme, old), sign_up_url(programme, old)]:
        response = client.get(url)
        assert response.status_code == 410, url
        html = response.content.decode()
        assert "This link is no longer valid" in html
        # The button leads to the plain sign-up, with no source at all.
        assert f'href="{reverse("participants_public:choose", args=[programme.slug])}">' in html


def test_the_friendly_page_speaks_the_visitors_language(
    client: Client, referring_organisation: Organisation
) -> None:
    programme = referring_organisation.programme
    old = make_source_token(organisation=referring_organisation)
    rotate_link(referring_organisation, rotated_by=None)
    client.post(reverse("set_language"), {"language": "ar"})

    response = client.get(choose_url(programme, old))

    assert response.status_code == 410
    assert 'lang="ar"' in response.content.decode()


def test_a_sign_up_through_an_old_link_registers_nothing_with_that_source(
    client: Client, referring_organisation: Organisation
) -> None:
    programme = referring_organisation.programme
    old = make_source_token(organisation=referring_organisation)
    rotate_link(referring_organisation, rotated_by=None)
    # A form opened before the rotation and sent after it.
    client.post(sign_up_url(programme, old), newcomer_form(programme))

    person = Participant.objects.get()
    assert (person.source, person.source_organisation) == ("self_registration", None)


def test_a_fair_link_works_until_rotated_then_only_the_new_one_works(
    client_for: ClientFor, client: Client, coordinator: User, fair: OutreachEvent
) -> None:
    staff = client_for(coordinator)
    programme = fair.programme
    old = link_of(staff, "partners:outreach_detail", fair.pk)
    assert client.get(sign_up_url(programme, old)).status_code == 200

    response = staff.post(reverse("partners:outreach_link_rotate", args=[fair.pk]))

    assert response.status_code == 302
    new = link_of(staff, "partners:outreach_detail", fair.pk)
    assert client.get(sign_up_url(programme, old)).status_code == 410
    assert client.get(sign_up_url(programme, new)).status_code == 200
    client.post(sign_up_url(programme, new), newcomer_form(programme))
    assert Participant.objects.get().source_event == fair
    event = AuditEvent.objects.get(action="partners.outreach.link_rotated")
    assert (event.object_id, event.actor) == (fair.pk, coordinator)


def test_the_qr_code_follows_the_rotation(
    client_for: ClientFor, coordinator: User, fair: OutreachEvent
) -> None:
    staff = client_for(coordinator)
    before = staff.get(reverse("partners:outreach_qr", args=[fair.pk]))

    staff.post(reverse("partners:outreach_link_rotate", args=[fair.pk]))

    after = staff.get(reverse("partners:outreach_qr", args=[fair.pk]))
    assert before.content != after.content
    assert after["Cache-Control"] == "no-store"


def test_the_pages_offer_the_rotation_with_a_warning_about_old_posters(
    client_for: ClientFor,
    coordinator: User,
    referring_organisation: Organisation,
    fair: OutreachEvent,
) -> None:
    staff = client_for(coordinator)
    for page, name, pk in [
        ("partners:organisation_detail", "organisation_link_rotate", referring_organisation.pk),
        ("partners:outreach_detail", "outreach_link_rotate", fair.pk),
    ]:
        html = staff.get(reverse(page, args=[pk])).content.decode()
        assert f'action="{reverse(f"partners:{name}", args=[pk])}"' in html
        assert "old posters will stop working" in html


@pytest.mark.parametrize("name", ["organisation_link_rotate", "outreach_link_rotate"])
def test_rotation_refuses_get(
    client_for: ClientFor,
    coordinator: User,
    referring_organisation: Organisation,
    fair: OutreachEvent,
    name: str,
) -> None:
    pk = referring_organisation.pk if name.startswith("organisation") else fair.pk
    secrets = (referring_organisation.link_secret, fair.link_secret)

    response = client_for(coordinator).get(reverse(f"partners:{name}", args=[pk]))

    assert response.status_code == 405
    referring_organisation.refresh_from_db()
    fair.refresh_from_db()
    assert (referring_organisation.link_secret, fair.link_secret) == secrets


def test_another_programmes_coordinator_cannot_rotate_our_links(
    client_for: ClientFor,
    outsider: User,
    referring_organisation: Organisation,
    fair: OutreachEvent,
) -> None:
    client = client_for(outsider)
    secrets = (referring_organisation.link_secret, fair.link_secret)

    organisation = client.post(
        reverse("partners:organisation_link_rotate", args=[referring_organisation.pk])
    )
    event = client.post(reverse("partners:outreach_link_rotate", args=[fair.pk]))

    assert (organisation.status_code, event.status_code) == (404, 404)
    referring_organisation.refresh_from_db()
    fair.refresh_from_db()
    assert (referring_organisation.link_secret, fair.link_secret) == secrets


@pytest.mark.parametrize("persona", ["partner_viewer", "leader", "referrer"])
def test_other_roles_of_the_programme_cannot_rotate_links(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    referring_organisation: Organisation,
    fair: OutreachEvent,
    persona: str,
) -> None:
    client = client_for(request.getfixturevalue(persona))
    secrets = (referring_organisation.link_secret, fair.link_secret)

    organisation = client.post(
        reverse("partners:organisation_link_rotate", args=[referring_organisation.pk])
    )
    event = client.post(reverse("partners:outreach_link_rotate", args=[fair.pk]))

    assert (organisation.status_code, event.status_code) == (403, 403)
    referring_organisation.refresh_from_db()
    fair.refresh_from_db()
    assert (referring_organisation.link_secret, fair.link_secret) == secrets
