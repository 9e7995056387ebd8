"""Sessions end after an idle time, at an absolute time, and when the user is deactivated."""

import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.middleware import LOGIN_AT, SEEN_AT
from sprakvan.accounts.models import Membership, User
from sprakvan.accounts.services import deactivate_user
from sprakvan.accounts.tests.factories import MembershipFactory
from sprakvan.core.models import AuditEvent, Programme

pytestmark = pytest.mark.django_db


def shift_session(client: Client, **seconds_ago: int) -> None:
    """Pretend the login or the last request happened this many seconds ago."""
    session = client.session
    now = int(time.time())
    for key, ago in {
        LOGIN_AT: seconds_ago.get("login", 0),
        SEEN_AT: seconds_ago.get("seen", 0),
    }.items():
        session[key] = now - ago
    session.save()


def is_logged_in(client: Client) -> bool:
    return bool(client.get("/").wsgi_request.user.is_authenticated)


def test_a_session_idle_past_the_limit_is_logged_out(
    coordinator: User, client_for: Any, settings: Any
) -> None:
    settings.SESSION_IDLE_MINUTES = 120
    alice = client_for(coordinator)
    assert is_logged_in(alice)
    shift_session(alice, seen=121 * 60, login=121 * 60)

    response = alice.get("/participants/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_logged_in(alice)


def test_a_leader_active_within_the_idle_time_stays_logged_in(
    leader: User, client_for: Any, settings: Any
) -> None:
    settings.SESSION_IDLE_MINUTES = 120
    leo = client_for(leader)
    shift_session(leo, seen=119 * 60, login=5 * 3600)

    assert is_logged_in(leo)
    assert time.time() - leo.session[SEEN_AT] < 60  # the request counted as activity


def test_a_session_past_the_absolute_limit_is_logged_out_however_active(
    coordinator: User, client_for: Any, settings: Any
) -> None:
    settings.SESSION_MAX_HOURS = 12
    alice = client_for(coordinator)
    shift_session(alice, seen=60, login=12 * 3600 + 60)

    assert not is_logged_in(alice)


def test_the_session_cookie_does_not_outlive_the_absolute_limit(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_MAX_HOURS * 3600


def test_a_deactivated_users_sessions_are_ended(
    leader: User, coordinator: User, client_for: Any
) -> None:
    leo = client_for(leader)
    assert is_logged_in(leo)

    deactivate_user(leader, by=coordinator)

    assert not is_logged_in(leo)
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(leader.pk) for s in Session.objects.all()
    )
    assert is_logged_in(client_for(coordinator))


def test_an_inactive_user_is_refused_on_the_next_request_even_with_a_live_session(
    leader: User, client_for: Any
) -> None:
    leo = client_for(leader)
    User.objects.filter(pk=leader.pk).update(is_active=False)

    assert not is_logged_in(leo)


def test_the_coordinator_removes_a_leaders_only_role_and_their_session_ends(
    leader: User, coordinator: User, client_for: Any, programme: Programme
) -> None:
    leo = client_for(leader)
    membership = Membership.objects.get(user=leader)

    response = client_for(coordinator).post(
        reverse("accounts:membership_remove", args=[membership.pk])
    )

    assert response.status_code == 302
    leader.refresh_from_db()
    assert not leader.is_active
    assert not is_logged_in(leo)
    assert set(AuditEvent.objects.filter(object_id=leader.pk).values_list("action", flat=True)) == {
        "accounts.membership.removed",
        "accounts.user.deactivated",
    }


def test_removing_one_of_two_roles_keeps_the_account_active(
    leader: User, coordinator: User, client_for: Any, other_programme: Programme
) -> None:
    MembershipFactory(user=leader, programme=other_programme, role="activity_leader")
    membership = Membership.objects.get(user=leader, programme__slug="vi-ses")

    client_for(coordinator).post(reverse("accounts:membership_remove", args=[membership.pk]))

    leader.refresh_from_db()
    assert leader.is_active
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_coordinator_cannot_remove_their_own_role(coordinator: User, client_for: Any) -> None:
    membership = Membership.objects.get(user=coordinator)

    client_for(coordinator).post(reverse("accounts:membership_remove", args=[membership.pk]))

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_coordinator_cannot_remove_another_programmes_role(
    coordinator: User, outsider: User, client_for: Any
) -> None:
    membership = Membership.objects.get(user=outsider)

    response = client_for(coordinator).post(
        reverse("accounts:membership_remove", args=[membership.pk])
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_role_needs_a_post(coordinator: User, leader: User, client_for: Any) -> None:
    membership = Membership.objects.get(user=leader)

    response = client_for(coordinator).get(
        reverse("accounts:membership_remove", args=[membership.pk])
    )

    assert response.status_code == 405


def test_a_leader_cannot_remove_roles(coordinator: User, leader: User, client_for: Any) -> None:
    membership = Membership.objects.get(user=coordinator)

    response = client_for(leader).post(reverse("accounts:membership_remove", args=[membership.pk]))

    assert response.status_code == 403
