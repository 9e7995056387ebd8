"""The authorization matrix: every route × method × role gives the status its row says, with
Vi ses' objects and with another programme's; a route without a row fails the build."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .authorization import (
    ALLOWED,
    LOGIN,
    NOT_OURS,
    REDIRECT,
    TABLE,
    Cell,
    Expect,
    Matrix,
    cells,
)

OWN_CODE = "sprakvan."


def _routes() -> dict[str, list[tuple[str, str]]]:
    """Every route the resolver knows: its name with namespaces (or its pattern when it has no
    name) → the full patterns and view modules under that name."""
    found: dict[str, list[tuple[str, str]]] = {}

    def walk(patterns: list[Any], prefix: str, namespaces: list[str]) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                key = ":".join([*namespaces, pattern.name]) if pattern.name else route
                module = getattr(pattern.callback, "__module__", "") or ""
                found.setdefault(key, []).append((route, module))

    walk(get_resolver().url_patterns, "", [])
    return found


def _not_ours(route: str, module: str) -> bool:
    return any(route.startswith(prefix) for prefix in NOT_OURS) and not module.startswith(OWN_CODE)


def test_every_route_has_a_row() -> None:
    """Deny by default: a new route of ours breaks the build until the table says who may use it."""
    missing = [
        f"{name} ({', '.join(route for route, _m in found)})"
        for name, found in sorted(_routes().items())
        if name not in TABLE and not all(_not_ours(route, module) for route, module in found)
    ]
    assert not missing, (
        "These routes have no row in sprakvan/demo/tests/authorization.py (TABLE); add one "
        "saying what each role gets:\n  " + "\n  ".join(missing)
    )


def test_every_row_is_one_route() -> None:
    routes = _routes()
    stale = [name for name in TABLE if name not in routes]
    shared = [
        f"{name}: {[route for route, _m in found]}"
        for name, found in routes.items()
        if name in TABLE and len(found) > 1
    ]
    assert not stale, f"These rows name no route (renamed or removed?): {stale}"
    assert not shared, f"These names reach several routes; the table tests only one: {shared}"


def test_rows_of_routes_that_are_not_ours_lie_under_their_prefix() -> None:
    routes = _routes()
    for name, row in TABLE.items():
        if row.not_ours:
            assert row.not_ours in NOT_OURS
            assert all(route.startswith(row.not_ours) for route, _m in routes[name]), name


def _answer(response: HttpResponseBase) -> Expect:
    if response.status_code != 302:
        return response.status_code
    if urlsplit(response["Location"]).path == reverse(django_settings.LOGIN_URL):
        return LOGIN
    return REDIRECT


def _matches(answer: Expect, expected: Expect) -> bool:
    if expected == ALLOWED:
        return answer == REDIRECT or (isinstance(answer, int) and answer not in DENIED)
    return answer == expected


DENIED = {403, 404, 405}


def _close(response: HttpResponseBase) -> None:
    """Release a file response's file, without the signal that would close the database
    connection (which holds the module's data in an open transaction), as the test client does."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _roles_only(settings: Any) -> None:
    # The second factor has its own tests; the matrix checks what each role may reach.
    settings.MFA_REQUIRED = False


@pytest.mark.parametrize("cell", cells(), ids=lambda cell: cell.id)
def test_each_role_gets_what_the_table_says(cell: Cell, matrix: Matrix, db: None) -> None:
    row = TABLE[cell.name]
    world = matrix.other_side if cell.other_side else matrix.own
    client = Client()
    if cell.role in matrix.sessions:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = matrix.sessions[cell.role]
    url = reverse(cell.name, kwargs=row.address_kwargs(world))
    if cell.method == "GET":
        response = client.get(url, row.query(world) if row.query else {})
    else:
        response = client.post(url, row.data(world) if row.data else {})
    answer = _answer(response)
    _close(response)
    expected = row.expected(cell.method, cell.role, other_side=cell.other_side)
    side = " (the other programme's object)" if cell.other_side else ""
    assert _matches(answer, expected), (
        f"{cell.role} {cell.method} {url}{side}: the table says {expected}, the app gave {answer}"
    )
