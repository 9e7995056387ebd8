"""Staff accounts: login, invitations, roles."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import Invitation, Membership, User
from sprakvan.accounts.services import invitation_token
from sprakvan.core.models import Programme
from sprakvan.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_staff_log_in_with_e_mail_and_password(client: Client, coordinator: User) -> None:
    response = client.post(
        reverse("account_login"),
        {"login": "alice@example.org", "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert client.get("/").context["user"] == coordinator


def test_nobody_can_sign_up_without_an_invitation(client: Client) -> None:
    client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": "Zx9!kk_aa11", "password2": "Zx9!kk_aa11"},
    )

    assert not User.objects.filter(email="x@example.org").exists()


def test_a_coordinator_invites_a_leader_who_accepts_and_gets_the_role(
    coordinator: User, client_for: Any, programme: Programme, frozen_now: Any
) -> None:
    # The token is signed with the second it was made; the mail's and ours must be the same.
    client_for(coordinator).post(
        reverse("accounts:staff_list"),
        {"email": "Lina@Example.org", "first_name": "Lina", "role": "activity_leader"},
    )

    invitation = Invitation.objects.get()
    assert invitation.email == "lina@example.org"
    (message,) = mail.outbox
    link = reverse("accounts:invitation_accept", args=[invitation_token(invitation)])
    assert link in message.body

    guest = Client()
    response = guest.post(
        link, {"first_name": "Lina", "last_name": "Ek", "password": "a-long-enough-secret-42"}
    )

    assert response.status_code == 302
    lina = User.objects.get(email="lina@example.org")
    assert Membership.objects.filter(
        user=lina, programme=programme, role="activity_leader"
    ).exists()
    assert (
        guest.post(link, {"first_name": "Again", "password": "a-long-enough-secret-42"}).status_code
        == 404
    )


def test_a_referrer_invitation_needs_an_organisation(
    coordinator: User, client_for: Any, programme: Programme
) -> None:
    response = client_for(coordinator).post(
        reverse("accounts:staff_list"), {"email": "r@example.org", "role": "referrer"}
    )

    assert "must belong to an organisation" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_organisation_of_another_programme_cannot_be_chosen(
    coordinator: User, client_for: Any, other_programme: Programme
) -> None:
    foreign = Organisation.objects.create(programme=other_programme, name="Foreign", kind="other")

    client_for(coordinator).post(
        reverse("accounts:staff_list"),
        {"email": "r@example.org", "role": "referrer", "organisation": foreign.pk},
    )

    assert not Invitation.objects.exists()


def test_a_tampered_invitation_link_is_refused(client: Client) -> None:
    response = client.get(reverse("accounts:invitation_accept", args=["1:forged:sig"]))

    assert response.status_code == 404


def test_only_coordinators_see_the_staff_page(leader: User, client_for: Any) -> None:
    assert client_for(leader).get(reverse("accounts:staff_list")).status_code == 403
