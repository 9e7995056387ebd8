"""An invitation link works once: used or replaced by a newer invitation, it is refused."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import Invitation, Membership, User
from sprakvan.accounts.services import invitation_token
from sprakvan.core.models import Programme

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {"first_name": "Lina", "last_name": "Ek", "password": "a-long-enough-secret-42"}


def invite(client: Client, email: str, role: str = "activity_leader") -> str:
    client.post(reverse("accounts:staff_list"), {"email": email, "role": role})
    invitation = Invitation.objects.filter(email=email.lower()).order_by("pk").last()
    assert invitation is not None
    return reverse("accounts:invitation_accept", args=[invitation_token(invitation)])


def test_an_accepted_invitation_link_is_refused(coordinator: User, client_for: Any) -> None:
    link = invite(client_for(coordinator), "lina@example.org")
    assert Client().post(link, NEW_ACCOUNT).status_code == 302

    assert Client().get(link).status_code == 404
    assert Client().post(link, {**NEW_ACCOUNT, "first_name": "Mallory"}).status_code == 404
    assert User.objects.get(email="lina@example.org").first_name == "Lina"


def test_an_invitation_replaced_by_a_newer_one_is_refused(
    coordinator: User, client_for: Any
) -> None:
    alice = client_for(coordinator)
    old_link = invite(alice, "lina@example.org")
    new_link = invite(alice, "lina@example.org", role="partner_viewer")

    assert Client().get(old_link).status_code == 404
    assert Client().post(old_link, NEW_ACCOUNT).status_code == 404
    assert not User.objects.filter(email="lina@example.org").exists()
    assert Client().post(new_link, NEW_ACCOUNT).status_code == 302
    assert Membership.objects.get(user__email="lina@example.org").role == "partner_viewer"


def test_the_staff_page_lists_only_the_newest_pending_invitation(
    coordinator: User, client_for: Any
) -> None:
    alice = client_for(coordinator)
    invite(alice, "lina@example.org")
    invite(alice, "lina@example.org", role="partner_viewer")

    page = alice.get(reverse("accounts:staff_list")).content.decode()

    assert page.count("lina@example.org") == 1


def test_an_invitation_to_an_existing_account_grants_the_role_but_does_not_log_in(
    coordinator: User, outsider: User, client_for: Any, programme: Programme
) -> None:
    link = invite(client_for(coordinator), "olle@example.org", role="partner_viewer")
    guest = Client()
    assert 'name="password"' not in guest.get(link).content.decode()

    response = guest.post(link)

    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in guest.session
    assert Membership.objects.filter(
        user=outsider, programme=programme, role="partner_viewer"
    ).exists()
