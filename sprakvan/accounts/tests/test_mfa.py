"""With MFA_REQUIRED, staff set up a second factor before any staff page; codes work once."""

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    validate_totp_code,
)
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.models import Programme

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def mfa_required(settings: Any) -> None:
    settings.MFA_REQUIRED = True


def current_code(secret: str, steps: int = 0) -> str:
    """The TOTP code of this 30-second window (or `steps` windows away); tests that use it stop
    the clock (frozen_now), so the window cannot close between making and checking the code."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def with_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def password_login(client: Client, email: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


@pytest.mark.parametrize("persona", ["coordinator", "leader", "partner_viewer", "referrer"])
@pytest.mark.parametrize("url", ["/", "/participants/", "/staff/", "/reports/"])
def test_staff_without_a_second_factor_are_sent_to_set_it_up(
    mfa_required: None, persona: str, url: str, request: pytest.FixtureRequest, client_for: Any
) -> None:
    user = request.getfixturevalue(persona)

    response = client_for(user).get(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_set_up_pages_and_logout_are_reachable_without_a_second_factor(
    mfa_required: None, coordinator: User, client_for: Any
) -> None:
    alice = client_for(coordinator)

    assert alice.get(reverse("mfa_index")).status_code == 200
    assert alice.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in alice.session


def test_a_coordinator_activates_totp_and_then_gets_in(
    mfa_required: None, client: Client, coordinator: User, frozen_now: Any
) -> None:
    assert password_login(client, "alice@example.org").status_code == 302
    assert client.get("/participants/")["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before an authenticator is added.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert client.get("/participants/").status_code == 200


def test_login_asks_for_the_code_and_a_used_code_is_refused_the_second_time(
    mfa_required: None, coordinator: User, settings: Any, frozen_now: Any
) -> None:
    # allauth remembers used codes in the cache (shared Redis in production); a private cache
    # here, so a parallel test run clearing the shared file cache cannot interfere.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    secret = with_totp(coordinator)
    first, second = Client(), Client()

    assert password_login(first, "alice@example.org")["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in first.session
    code = current_code(secret)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert first.get("/participants/").status_code == 200

    password_login(second, "alice@example.org")
    replay = second.post(reverse("mfa_authenticate"), {"code": code})

    assert replay.status_code == 200
    assert "_auth_user_id" not in second.session
    assert validate_totp_code(secret, code)  # still in its window: refused because it was used


@pytest.mark.parametrize(("steps", "accepted"), [(-1, True), (1, True), (-2, False), (2, False)])
def test_a_code_of_the_step_before_or_after_counts_and_no_further(
    mfa_required: None, coordinator: User, frozen_now: Any, steps: int, accepted: bool
) -> None:
    secret = with_totp(coordinator)
    client = Client()
    password_login(client, "alice@example.org")

    client.post(reverse("mfa_authenticate"), {"code": current_code(secret, steps)})

    assert ("_auth_user_id" in client.session) is accepted


def test_the_demo_offers_the_second_factor_without_requiring_it(
    settings: Any, client: Client, coordinator: User, client_for: Any
) -> None:
    settings.MFA_REQUIRED = False

    assert client_for(coordinator).get("/participants/").status_code == 200
    assert "not required" in client.get(reverse("account_login")).content.decode()


def test_production_login_page_does_not_call_the_second_factor_optional(
    mfa_required: None, client: Client
) -> None:
    assert "not required" not in client.get(reverse("account_login")).content.decode()


def test_the_admin_needs_the_second_factor_too(mfa_required: None, client_for: Any) -> None:
    ada = UserFactory(email="ada@example.org", is_staff=True, is_superuser=True)

    response = client_for(ada).get("/admin/")

    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_admin_login_page_goes_through_allauth(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_public_pages_are_never_redirected(
    mfa_required: None, coordinator: User, client_for: Any, programme: Programme
) -> None:
    alice = client_for(coordinator)

    # The unsubscribe link of an e-mail is public (messaging_public) wherever it is opened.
    urls = [
        f"/{programme.slug}/anmalan/",
        f"/{programme.slug}/",
        "/i18n/setlang/",
        "/m/unsubscribe/x/",
    ]
    for url in urls:
        response = alice.get(url)
        assert response.get("Location") != reverse("mfa_activate_totp"), url
