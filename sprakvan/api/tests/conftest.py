"""The API's test world: one activity with a session, two participants in a pair, one tick, and
a token per role, plus a revoked one and another programme's."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from sprakvan.accounts.models import User
from sprakvan.activities.models import Activity, Attendance, Session
from sprakvan.activities.tests.factories import ActivityFactory, SessionFactory
from sprakvan.api.models import ROLE_SCOPES, ApiToken, TokenRole
from sprakvan.api.services import create_token, revoke_token
from sprakvan.core.models import Programme
from sprakvan.matching.models import Pair
from sprakvan.matching.tests.factories import PairFactory
from sprakvan.participants.models import Participant

# Reports' known world (for comparing with the dashboard) and its English labels.
from sprakvan.reports.tests.conftest import _english, world  # noqa: F401

API = "/api/v1"


@dataclass
class ApiWorld:
    programme: Programme
    activity: Activity
    session: Session
    pair: Pair
    newcomer: Participant
    established: Participant
    attendance: Attendance
    secrets: dict[str, str | None]  # the persona's name → its secret (None: no token)


def token_for(programme: Programme, role: str, by: User, name: str = "") -> tuple[ApiToken, str]:
    return create_token(
        programme, name=name or role, role=role, scopes=ROLE_SCOPES[role], created_by=by
    )


@pytest.fixture
def api_world(
    programme: Programme, other_programme: Programme, coordinator: User, outsider: User
) -> ApiWorld:
    activity = ActivityFactory(programme=programme)
    session = SessionFactory(activity=activity, date=datetime.date(2026, 3, 9))
    pair = PairFactory(programme=programme)
    attendance = Attendance.objects.create(session=session, participant=pair.established)
    revoked, revoked_secret = token_for(programme, TokenRole.COORDINATOR, coordinator, "old")
    revoke_token(revoked, revoked_by=coordinator)
    return ApiWorld(
        programme=programme,
        activity=activity,
        session=session,
        pair=pair,
        newcomer=pair.newcomer,
        established=pair.established,
        attendance=attendance,
        secrets={
            "coordinator": token_for(programme, TokenRole.COORDINATOR, coordinator)[1],
            "partner_viewer": token_for(programme, TokenRole.PARTNER_VIEWER, coordinator)[1],
            "door": token_for(programme, TokenRole.DOOR, coordinator)[1],
            "no_token": None,
            "revoked": revoked_secret,
            "other_programme": token_for(other_programme, TokenRole.COORDINATOR, outsider)[1],
        },
    )


Call = Callable[..., Any]


@pytest.fixture
def call(client: Client) -> Call:
    """One request to the API with a secret (or none) as the bearer token."""

    def request(method: str, path: str, secret: str | None, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        if method == "POST":
            return client.post(API + path, body, content_type="application/json", headers=headers)
        assert body is None or isinstance(body, dict)
        return client.get(API + path, body or {}, headers=headers)

    return request
