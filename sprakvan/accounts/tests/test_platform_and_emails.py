"""The platform admin opens a programme and invites its first coordinator; the password-reset
e-mail greets with the programme's name; staff pages keep wide tables in their own region;
the audit log speaks in sentences and isolates names."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sprakvan.accounts.models import Invitation, Membership, User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.audit import log_action
from sprakvan.core.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: None) -> User:
    return UserFactory(email="root@example.org", first_name="Ada", is_superuser=True, is_staff=True)


def test_creating_a_programme_leads_to_inviting_its_first_coordinator(
    client_for: Callable[[User], Client], admin: User
) -> None:
    client = client_for(admin)
    client.cookies["django_language"] = "sv"

    created = client.post(
        reverse("accounts:programme_create"),
        {"name": "Språkvän Motala", "slug": "motala", "city": "Motala", "districts": "Centrum"},
    )
    programme = Programme.objects.get(slug="motala")
    page = client.get(created["Location"])

    assert created["Location"] == reverse("accounts:programme_detail", args=[programme.pk])
    with translation.override("sv"):
        assert gettext("Invite the first coordinator") in page.content.decode()


def test_the_platform_admin_invites_a_coordinator_who_gets_the_role_on_accepting(
    client_for: Callable[[User], Client], admin: User, programme: Programme
) -> None:
    response = client_for(admin).post(
        reverse("accounts:programme_detail", args=[programme.pk]),
        {"email": "Cora@Example.org", "first_name": "Cora"},
    )
    invitation = Invitation.objects.get(programme=programme)
    page = client_for(admin).get(reverse("accounts:programme_detail", args=[programme.pk]))

    assert response.status_code == 302
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "cora@example.org",
        "coordinator",
        admin,
    )
    assert mail.outbox[0].to == ["cora@example.org"]
    assert "<bdi>cora@example.org</bdi>" in page.content.decode()


def test_an_archived_programme_gets_no_invitation(
    client_for: Callable[[User], Client], admin: User, programme: Programme
) -> None:
    client = client_for(admin)
    client.post(reverse("accounts:programme_archive", args=[programme.pk]))

    client.post(
        reverse("accounts:programme_detail", args=[programme.pk]),
        {"email": "cora@example.org", "first_name": "Cora"},
    )

    assert not Invitation.objects.filter(programme=programme).exists()


def test_a_coordinator_cannot_open_the_platform_programme_page(
    client_for: Callable[[User], Client], coordinator: User, programme: Programme
) -> None:
    response = client_for(coordinator).post(
        reverse("accounts:programme_detail", args=[programme.pk]),
        {"email": "cora@example.org", "first_name": "Cora"},
    )

    assert response.status_code in (403, 404)
    assert not Invitation.objects.exists()


def test_the_programme_list_links_each_programme_and_scrolls_in_its_own_region(
    client_for: Callable[[User], Client], admin: User, programme: Programme
) -> None:
    html = client_for(admin).get(reverse("accounts:programme_list")).content.decode()

    assert reverse("accounts:programme_detail", args=[programme.pk]) in html
    assert 'class="table-scroll" tabindex="0" role="region"' in html
    assert f"<bdi>{programme.name}</bdi>" in html


def test_the_staff_page_scrolls_its_table_and_isolates_names(
    client_for: Callable[[User], Client], coordinator: User
) -> None:
    html = client_for(coordinator).get(reverse("accounts:staff_list")).content.decode()

    assert 'class="table-scroll" tabindex="0" role="region"' in html
    assert f"<bdi>{coordinator.get_full_name()}</bdi>" in html
    assert "<bdi>alice@example.org</bdi>" in html


def test_the_password_reset_email_greets_with_the_programme_name(
    client: Client, coordinator: User, programme: Programme, settings: object
) -> None:
    client.post(reverse("account_reset_password"), {"email": coordinator.email})

    message = mail.outbox[0]
    assert f"[{programme.name}]" in message.subject
    assert programme.name in message.body.splitlines()[0]
    assert "testserver" not in message.body.splitlines()[0]


def test_someone_in_two_programmes_is_greeted_with_the_sites_name(
    client: Client, coordinator: User, other_programme: Programme
) -> None:
    Membership.objects.create(user=coordinator, programme=other_programme, role="coordinator")

    client.post(reverse("account_reset_password"), {"email": coordinator.email})

    assert "Språkvän" in mail.outbox[0].body.splitlines()[0]
    assert "testserver" not in mail.outbox[0].body.splitlines()[0]


def test_the_audit_log_shows_a_sentence_for_each_action(
    client_for: Callable[[User], Client], coordinator: User, programme: Programme
) -> None:
    log_action("matching.pair.confirmed", programme=programme, actor=coordinator)
    client = client_for(coordinator)
    client.cookies["django_language"] = "sv"

    html = client.get(reverse("accounts:audit_log")).content.decode()

    with translation.override("sv"):
        assert f"<td>{gettext('The pair was confirmed')}<br>" in html
    assert f"<bdi>{coordinator}</bdi>" in html
