"""Programmes: created by the platform admin in the UI or by command; switching between them."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import MembershipFactory, UserFactory
from sprakvan.core.models import Programme

pytestmark = pytest.mark.django_db


def test_create_programme_command_creates_the_programme_and_its_districts(capsys: Any) -> None:
    call_command(
        "create_programme",
        "norrkoping",
        "--name",
        "Språkvän Norrköping",
        "--district",
        "Hageby",
        "--district",
        "Navestad",
    )

    programme = Programme.objects.get(slug="norrkoping")
    assert programme.name == "Språkvän Norrköping"
    assert sorted(d.name for d in programme.districts.all()) == ["Hageby", "Navestad"]
    assert "2 districts" in capsys.readouterr().out


def test_create_programme_command_refuses_a_taken_slug(programme: Programme) -> None:
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_programme", programme.slug, "--name", "Again")


def test_a_platform_admin_creates_a_programme_in_the_ui(client_for: Any) -> None:
    admin = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)

    response = client_for(admin).post(
        reverse("accounts:programme_create"),
        {
            "name": "Språkvän Motala",
            "slug": "motala",
            "city": "Motala",
            "districts": "Centrum\nBrunnsvik\n",
        },
    )

    assert response.status_code == 302
    assert Programme.objects.get(slug="motala").districts.count() == 2


def test_a_coordinator_cannot_create_programmes(coordinator: User, client_for: Any) -> None:
    response = client_for(coordinator).post(
        reverse("accounts:programme_create"), {"name": "X", "slug": "x"}
    )

    assert response.status_code == 403
    assert not Programme.objects.filter(slug="x").exists()


def test_a_user_in_two_programmes_switches_between_them(
    coordinator: User, other_programme: Programme, client_for: Any
) -> None:
    MembershipFactory(user=coordinator, programme=other_programme, role="coordinator")
    client: Client = client_for(coordinator)

    client.post(reverse("accounts:programme_switch"), {"programme": other_programme.slug})

    assert client.get(reverse("core:home")).context["current_programme"] == other_programme


def test_switching_to_a_programme_without_a_role_changes_nothing(
    coordinator: User, programme: Programme, other_programme: Programme, client_for: Any
) -> None:
    client: Client = client_for(coordinator)

    client.post(reverse("accounts:programme_switch"), {"programme": other_programme.slug})

    assert client.get(reverse("core:home")).context["current_programme"] == programme


def test_the_staff_menu_follows_the_role(
    coordinator: User, partner_viewer: User, client_for: Any
) -> None:
    coordinator_menu = {n for n, _u, _l in client_for(coordinator).get("/").context["staff_menu"]}
    viewer_menu = {n for n, _u, _l in client_for(partner_viewer).get("/").context["staff_menu"]}

    assert "participants:list" in coordinator_menu
    assert "participants:list" not in viewer_menu


def test_the_public_programme_page_links_to_the_sign_up(
    client: Client, programme: Programme
) -> None:
    html = client.get(reverse("core:programme_page", args=[programme.slug])).content.decode()

    assert reverse("participants_public:choose", args=[programme.slug]) in html


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_every_page_names_its_language_and_direction(
    client: Client, programme: Programme, language: str
) -> None:
    client.post(reverse("set_language"), {"language": language})

    html = client.get("/").content.decode()

    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_pages_carry_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("slug", ["reports", "audit", "staff", "admin", "platform"])
def test_a_programme_cannot_take_an_address_of_the_platform(client_for: Any, slug: str) -> None:
    admin = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)

    response = client_for(admin).post(
        reverse("accounts:programme_create"), {"name": "Shadow", "slug": slug, "city": "X"}
    )

    assert response.status_code == 200
    assert "already an address of the platform" in response.content.decode()
    assert not Programme.objects.filter(slug=slug).exists()
    with pytest.raises(CommandError, match="already an address of the platform"):
        call_command("create_programme", slug, "--name", "Shadow")
