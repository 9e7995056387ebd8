"""The coordinator's token pages: a secret shown once and stored hashed, revoking, the rate
limit and the audit trail of API requests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.api.auth import REQUESTS_PER_HOUR
from sprakvan.api.models import ApiToken, TokenRole
from sprakvan.core.models import AuditEvent, Programme

from .conftest import ApiWorld, Call, token_for

ClientFor = Callable[[User], Client]
TOKENS = reverse("api:token_list")
SECRET = re.compile(r"sv_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


def test_a_new_tokens_secret_is_shown_once_and_only_its_hash_is_stored(
    programme: Programme, coordinator: User, client_for: ClientFor, call: Call
) -> None:
    client = client_for(coordinator)
    response = client.post(
        TOKENS, {"name": "Kommunens statistik", "role": "coordinator", "scopes": ["pairs:read"]}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = SECRET.search(response.content.decode())
    assert match is not None
    secret = match.group()
    token = ApiToken.objects.get(programme=programme)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"sv_{token.key_prefix}_")
    assert token.scopes == ["pairs:read"]
    stored = [str(v) for v in ApiToken.objects.values().get()]
    stored += [str(e.data) for e in AuditEvent.objects.all()]
    assert not any(secret in value for value in stored)
    listing = client.get(TOKENS).content.decode()
    assert token.key_prefix in listing and secret not in listing
    assert call("GET", "/pairs", secret).status_code == 200
    assert AuditEvent.objects.filter(action="api.token.created", object_id=token.pk).exists()


def test_a_scope_the_role_may_not_have_is_refused(
    programme: Programme, coordinator: User, client_for: ClientFor
) -> None:
    response = client_for(coordinator).post(
        TOKENS, {"name": "Dörren", "role": "door", "scopes": ["participants:read"]}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_only_the_coordinator_reaches_the_token_pages(
    programme: Programme, leader: User, partner_viewer: User, client_for: ClientFor
) -> None:
    for user in (leader, partner_viewer):
        assert client_for(user).get(TOKENS).status_code == 403
        assert client_for(user).post(TOKENS, {"name": "x", "role": "door"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_stops_the_token_at_once(
    api_world: ApiWorld, coordinator: User, client_for: ClientFor, call: Call
) -> None:
    token, secret = token_for(api_world.programme, TokenRole.COORDINATOR, coordinator, "Kommun")
    client = client_for(coordinator)
    revoke = reverse("api:token_revoke", args=[token.pk])
    assert client.get(revoke).status_code == 405
    confirm = client.get(reverse("api:token_revoke_confirm", args=[token.pk]))
    assert confirm.status_code == 200 and revoke in confirm.content.decode()
    assert call("GET", "/pairs", secret).status_code == 200
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert call("GET", "/pairs", secret).status_code == 401
    assert AuditEvent.objects.filter(action="api.token.revoked", object_id=token.pk).count() == 1


def test_a_coordinator_of_another_programme_cannot_revoke_its_tokens(
    api_world: ApiWorld, coordinator: User, outsider: User, client_for: ClientFor
) -> None:
    token, _secret = token_for(api_world.programme, TokenRole.DOOR, coordinator, "Dörrplattan Ryd")
    client = client_for(outsider)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.name not in client.get(TOKENS).content.decode()


def test_a_token_past_its_hourly_limit_gets_429_with_retry_after(
    api_world: ApiWorld, call: Call
) -> None:
    secret = api_world.secrets["coordinator"]
    assert secret is not None
    token = ApiToken.objects.get(key_prefix=secret.split("_")[1])
    assert call("GET", "/pairs", secret).status_code == 200
    cache.set(f"api:token:{token.pk}", REQUESTS_PER_HOUR, 3600)
    response = call("GET", "/pairs", secret)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_person_level_reads_and_writes_are_audited_with_route_and_status(
    api_world: ApiWorld, call: Call
) -> None:
    before = AuditEvent.objects.filter(action="api.request").count()
    call("GET", "/participants", api_world.secrets["coordinator"])
    body = {"session": api_world.session.pk, "participant": api_world.newcomer.pk}
    call("POST", "/attendance", api_world.secrets["door"], body)
    call("POST", "/attendance", api_world.secrets["door"], body)
    events = AuditEvent.objects.filter(action="api.request").order_by("id")[before:]
    assert [(e.data["route"], e.data["status"]) for e in events] == [
        ("participants", 200),
        ("attendance_record", 201),
        ("attendance_record", 200),
    ]


def test_recording_attendance_twice_keeps_one_row(api_world: ApiWorld, call: Call) -> None:
    body = {"session": api_world.session.pk, "participant": api_world.newcomer.pk}
    first = call("POST", "/attendance", api_world.secrets["door"], body)
    second = call("POST", "/attendance", api_world.secrets["coordinator"], body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["recorded_at"] == second.json()["recorded_at"]
    assert api_world.session.attendances.filter(participant=api_world.newcomer).count() == 1


def test_participants_carry_no_names_or_contact_details(api_world: ApiWorld, call: Call) -> None:
    items = call("GET", "/participants", api_world.secrets["coordinator"]).json()["items"]
    assert {item["id"] for item in items} == {api_world.newcomer.pk, api_world.established.pk}
    assert set(items[0]) == {"id", "group", "status", "district", "registered_on", "languages"}


def test_lists_are_paginated_and_filtered(api_world: ApiWorld, call: Call) -> None:
    secret = api_world.secrets["coordinator"]
    page = call("GET", "/participants", secret, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    established = call("GET", "/participants", secret, {"group": "established"}).json()
    assert [i["id"] for i in established["items"]] == [api_world.established.pk]
    slug = api_world.programme.slug
    sessions = call("GET", f"/programmes/{slug}/sessions", None, {"start": "2026-03-10"}).json()
    assert sessions["count"] == 0
    sessions = call(
        "GET", f"/programmes/{slug}/sessions", None, {"activity": api_world.activity.pk}
    )
    assert [s["id"] for s in sessions.json()["items"]] == [api_world.session.pk]
