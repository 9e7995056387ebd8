"""Schemathesis against the API's OpenAPI schema on Django's WSGI app, with a coordinator's token:
no answer is a server error and every documented answer matches the schema. SQLite only (the
run is done once)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from sprakvan.api.endpoints import api

from .conftest import ApiWorld

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the schema run is done once"),
    pytest.mark.django_db,
]

# The same document /api/v1/openapi.json serves (test_docs checks that), built without a request
# so that collecting the tests needs no database.
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), cls=NinjaJSONEncoder))
)
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_a_server_error(
    case: Any, api_world: ApiWorld
) -> None:
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = api_world.programme.slug
    case.call_and_validate(
        headers={"Authorization": f"Bearer {api_world.secrets['coordinator']}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
