"""The API's OpenAPI schema and its docs page, served from our own static files."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.test import Client
from ninja.responses import NinjaJSONEncoder

from sprakvan.api.endpoints import api


def test_the_openapi_schema_lists_every_endpoint(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.json()
    built = json.loads(
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), cls=NinjaJSONEncoder)
    )
    assert served == built
    assert set(served["paths"]) == {
        "/api/v1/programmes/{slug}/statistics",
        "/api/v1/programmes/{slug}/activities",
        "/api/v1/programmes/{slug}/sessions",
        "/api/v1/participants",
        "/api/v1/pairs",
        "/api/v1/attendance",
    }


def test_the_docs_page_loads_only_our_own_static_files_and_no_inline_script(
    client: Client,
) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources and all(s.startswith(settings.STATIC_URL) for s in sources), sources
    scripts = re.findall(r"<script([^>]*)>", body)
    assert all("src=" in attrs or "application/json" in attrs for attrs in scripts), scripts
    assert "'unsafe-inline'" not in response.get("Content-Security-Policy", "")
