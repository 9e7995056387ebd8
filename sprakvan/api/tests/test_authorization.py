"""Every endpoint × every kind of caller → the status it gets, like the staff pages' matrix.

Callers: a coordinator's token, a partner viewer's, a door tablet's, no token, a revoked
token, and the coordinator's token of another programme (which must never see Vi ses' rows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sprakvan.activities.models import Attendance

from .conftest import ApiWorld, Call

CALLERS = ["coordinator", "partner_viewer", "door", "no_token", "revoked", "other_programme"]
PUBLIC = dict.fromkeys(CALLERS, 200)
COORDINATOR_READ = {
    "coordinator": 200,
    "partner_viewer": 403,
    "door": 403,
    "no_token": 401,
    "revoked": 401,
    "other_programme": 200,  # answered with its own programme's rows, none of Vi ses'
}

Request = Callable[[ApiWorld], tuple[str, str, Any]]
ENDPOINTS: dict[str, tuple[Request, dict[str, int]]] = {
    "statistics": (
        lambda w: ("GET", f"/programmes/{w.programme.slug}/statistics", None),
        {
            "coordinator": 200,
            "partner_viewer": 200,
            "door": 403,
            "no_token": 401,
            "revoked": 401,
            "other_programme": 404,
        },
    ),
    "activities": (lambda w: ("GET", f"/programmes/{w.programme.slug}/activities", None), PUBLIC),
    "sessions": (lambda w: ("GET", f"/programmes/{w.programme.slug}/sessions", None), PUBLIC),
    "participants": (lambda w: ("GET", "/participants", None), COORDINATOR_READ),
    "pairs": (lambda w: ("GET", "/pairs", None), COORDINATOR_READ),
    "attendance": (
        lambda w: ("GET", "/attendance", {"session": w.session.pk}),
        {**COORDINATOR_READ, "other_programme": 404},
    ),
    "attendance_record": (
        lambda w: ("POST", "/attendance", {"session": w.session.pk, "participant": w.newcomer.pk}),
        {
            "coordinator": 201,
            "partner_viewer": 403,
            "door": 201,
            "no_token": 401,
            "revoked": 401,
            "other_programme": 404,
        },
    ),
}
CELLS = [(endpoint, caller) for endpoint in ENDPOINTS for caller in CALLERS]


@pytest.mark.parametrize(("endpoint", "caller"), CELLS)
def test_each_caller_gets_the_status_its_cell_says(
    api_world: ApiWorld, call: Call, endpoint: str, caller: str
) -> None:
    build, expected = ENDPOINTS[endpoint]
    method, path, body = build(api_world)
    response = call(method, path, api_world.secrets[caller], body)
    assert response.status_code == expected[caller], response.content
    ticked = Attendance.objects.filter(
        session=api_world.session, participant=api_world.newcomer
    ).exists()
    assert ticked == (endpoint == "attendance_record" and expected[caller] == 201)


@pytest.mark.parametrize("endpoint", ["participants", "pairs"])
def test_another_programmes_token_sees_none_of_its_rows(
    api_world: ApiWorld, call: Call, endpoint: str
) -> None:
    own = call("GET", f"/{endpoint}", api_world.secrets["coordinator"]).json()
    other = call("GET", f"/{endpoint}", api_world.secrets["other_programme"]).json()
    assert own["count"] >= 1
    assert other == {"items": [], "count": 0}


def test_a_token_cannot_read_another_programmes_statistics_by_its_slug(
    api_world: ApiWorld, call: Call, other_programme: Any
) -> None:
    response = call(
        "GET", f"/programmes/{other_programme.slug}/statistics", api_world.secrets["coordinator"]
    )
    assert response.status_code == 404


def test_public_lists_of_an_unknown_programme_are_404(api_world: ApiWorld, call: Call) -> None:
    assert call("GET", "/programmes/no-such-place/activities", None).status_code == 404
    assert call("GET", "/programmes/no-such-place/sessions", None).status_code == 404


def test_another_programmes_session_or_participant_cannot_be_ticked(
    api_world: ApiWorld, call: Call, other_programme: Any
) -> None:
    from sprakvan.participants.tests.factories import ParticipantFactory

    stranger = ParticipantFactory(programme=other_programme)
    body = {"session": api_world.session.pk, "participant": stranger.pk}
    response = call("POST", "/attendance", api_world.secrets["door"], body)
    assert response.status_code == 404
    assert not Attendance.objects.filter(participant=stranger).exists()
