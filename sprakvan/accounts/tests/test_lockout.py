"""Failed logins lock the account (not the office's address) for a cool-off; coordinators unlock."""

import logging
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sprakvan.accounts.models import User
from sprakvan.accounts.tests.factories import UserFactory
from sprakvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _axes_on(settings: Any) -> None:
    settings.AXES_ENABLED = True


def log_in(client: Client, login: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": login, "password": password})


def fail_logins(client: Client, login: str, times: int = 10) -> None:
    for _attempt in range(times):
        log_in(client, login, "wrong password")


def test_ten_failures_lock_the_account_even_with_the_right_password(
    client: Client, coordinator: User
) -> None:
    fail_logins(client, "alice@example.org")

    response = log_in(client, "alice@example.org")

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_count_however_the_address_is_capitalised(
    client: Client, coordinator: User
) -> None:
    fail_logins(client, "Alice@Example.org ", 5)
    fail_logins(client, "alice@example.org", 5)

    assert log_in(client, "alice@example.org").status_code == 429


def test_a_locked_account_does_not_lock_others_behind_the_same_address(
    client: Client, coordinator: User, leader: User
) -> None:
    fail_logins(client, "alice@example.org")

    response = log_in(client, "leo@example.org")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(leader.pk)


def test_failures_spread_over_many_accounts_lock_none_of_them(
    client: Client, coordinator: User
) -> None:
    for number in range(12):
        log_in(client, f"guess{number}@example.org", "wrong password")

    assert log_in(client, "alice@example.org").status_code == 302


def test_the_account_unlocks_by_itself_after_the_cool_off(
    client: Client, coordinator: User, settings: Any
) -> None:
    settings.AXES_COOLOFF_TIME = timedelta(minutes=60)
    fail_logins(client, "alice@example.org")
    assert log_in(client, "alice@example.org").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=61))

    assert log_in(client, "alice@example.org").status_code == 302


def test_a_failed_login_is_logged_with_the_user_id_never_the_e_mail_or_password(
    client: Client, coordinator: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        log_in(client, "alice@example.org", "hunter2-secret")

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert f"user {coordinator.pk}" in text
    assert "alice@example.org" not in text.lower()
    assert "hunter2-secret" not in text
    event = AuditEvent.objects.get(action="accounts.login.failed")
    assert event.object_id == coordinator.pk
    assert "alice" not in str(event.data) and "hunter2" not in str(event.data)


def test_a_failed_login_to_an_unknown_account_is_logged_as_a_hash(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        log_in(client, "nobody@example.org", "hunter2-secret")
        log_in(client, "NOBODY@example.org", "another-secret")

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "nobody@example.org" not in text.lower()
    assert "secret" not in text
    first, second = AuditEvent.objects.filter(action="accounts.login.failed")
    assert first.object_id is None
    assert first.data["login_hash"] == second.data["login_hash"]
    assert len(first.data["login_hash"]) == 16
    assert "@" not in str(first.data)


def test_the_coordinator_sees_a_locked_member_and_unlocks_them(
    client: Client, coordinator: User, leader: User, client_for: Any
) -> None:
    fail_logins(client, "leo@example.org")
    alice = client_for(coordinator)
    assert "Locked out" in alice.get(reverse("accounts:staff_list")).content.decode()

    response = alice.post(reverse("accounts:staff_unlock", args=[leader.pk]))

    assert response.status_code == 302
    assert "Locked out" not in alice.get(reverse("accounts:staff_list")).content.decode()
    assert log_in(client, "leo@example.org").status_code == 302
    event = AuditEvent.objects.get(action="accounts.user.unlocked")
    assert (event.actor, event.object_id) == (coordinator, leader.pk)


def test_unlocking_needs_a_post(coordinator: User, leader: User, client_for: Any) -> None:
    response = client_for(coordinator).get(reverse("accounts:staff_unlock", args=[leader.pk]))

    assert response.status_code == 405


def test_a_coordinator_cannot_unlock_another_programmes_staff(
    client: Client, coordinator: User, outsider: User, client_for: Any
) -> None:
    fail_logins(client, "olle@example.org")

    response = client_for(coordinator).post(reverse("accounts:staff_unlock", args=[outsider.pk]))

    assert response.status_code == 404
    assert log_in(client, "olle@example.org").status_code == 429


def test_a_leader_cannot_unlock_anyone(leader: User, coordinator: User, client_for: Any) -> None:
    response = client_for(leader).post(reverse("accounts:staff_unlock", args=[coordinator.pk]))

    assert response.status_code == 403


def test_the_platform_admin_sees_and_unlocks_any_locked_account(
    client: Client, outsider: User, client_for: Any
) -> None:
    admin = UserFactory(email="ada@example.org", is_staff=True, is_superuser=True)
    fail_logins(client, "olle@example.org")
    ada = client_for(admin)
    assert "olle@example.org" in ada.get(reverse("accounts:locked_list")).content.decode()

    ada.post(reverse("accounts:locked_unlock", args=[outsider.pk]))

    assert log_in(client, "olle@example.org").status_code == 302
    assert AuditEvent.objects.filter(
        action="accounts.user.unlocked", object_id=outsider.pk
    ).exists()


def test_only_the_platform_admin_sees_the_locked_accounts(
    coordinator: User, client_for: Any
) -> None:
    assert client_for(coordinator).get(reverse("accounts:locked_list")).status_code == 403
