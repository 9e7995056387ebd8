"""The statistics endpoint gives the dashboard's own figures, suppressed for a partner's token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sprakvan.accounts.models import User
from sprakvan.api.models import TokenRole
from sprakvan.reports.tables import Table
from sprakvan.reports.tests.conftest import World

from .conftest import Call, token_for

PERIOD = {"start": "2019-01-01", "end": "2019-12-31"}


def _plain(table: Table) -> list[list[Any]]:
    _headers, rows = table.full()
    return [[None if v is None else str(v) for v in row[1:]] for row in rows]


def _api_plain(table: dict[str, Any]) -> list[list[Any]]:
    return [[None if v is None else str(v) for v in row] for row in table["values"]]


@pytest.mark.parametrize(
    ("persona", "role"),
    [("coordinator", TokenRole.COORDINATOR), ("partner_viewer", TokenRole.PARTNER_VIEWER)],
)
def test_statistics_equal_the_dashboards_for_the_same_period_and_role(
    world: World,
    coordinator: User,
    client_for: Callable[[User], Client],
    call: Call,
    persona: str,
    role: str,
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(persona)
    page = client_for(user).get(reverse("reports:dashboard"), PERIOD)
    dashboard = page.context["by_slug"]
    _token, secret = token_for(world.programme, role, coordinator)
    body = call("GET", f"/programmes/{world.programme.slug}/statistics", secret, PERIOD).json()
    by_slug = {t["slug"]: t for t in body["tables"]}
    assert set(by_slug) == set(dashboard)
    for slug, table in dashboard.items():
        assert _api_plain(by_slug[slug]) == _plain(table), slug
    assert body["suppressed"] == (role == TokenRole.PARTNER_VIEWER)
    assert (body["start"], body["end"]) == (PERIOD["start"], PERIOD["end"])


def test_a_partner_viewers_token_gets_small_counts_hidden(
    world: World, coordinator: User, call: Call
) -> None:
    slug = world.programme.slug
    exact = call(
        "GET",
        f"/programmes/{slug}/statistics",
        token_for(world.programme, TokenRole.COORDINATOR, coordinator)[1],
        PERIOD,
    ).json()
    hidden = call(
        "GET",
        f"/programmes/{slug}/statistics",
        token_for(world.programme, TokenRole.PARTNER_VIEWER, coordinator)[1],
        PERIOD,
    ).json()
    exact_cells = {c for t in exact["tables"] for row in t["values"] for c in map(str, row)}
    hidden_cells = {c for t in hidden["tables"] for row in t["values"] for c in map(str, row)}
    assert exact_cells != hidden_cells
    assert "1" in exact_cells and "1" not in hidden_cells


def test_a_period_that_ends_before_it_starts_is_refused(
    world: World, coordinator: User, call: Call
) -> None:
    secret = token_for(world.programme, TokenRole.COORDINATOR, coordinator)[1]
    response = call(
        "GET",
        f"/programmes/{world.programme.slug}/statistics",
        secret,
        {"start": "2019-12-31", "end": "2019-01-01"},
    )
    assert response.status_code == 422
