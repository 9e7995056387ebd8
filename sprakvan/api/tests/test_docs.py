"""The API's OpenAPI schema and its docs page, served from our own static files."""

from __future__ import annotations

import json
import re

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


def test_the_docs_page_reads_out_every_endpoint_and_schema_without_any_script(
    client: Client,
) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            assert f"<code>{method.upper()} {path}</code>" in body
            # Each body an operation names links to that schema's section on the page.
            for answer in spec["responses"].values():
                ref = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if "$ref" in ref:
                    name = ref["$ref"].rsplit("/", 1)[-1]
                    assert f'href="#schema-{name}"' in body
                    assert f'id="schema-{name}"' in body
    assert "array of ActivityOut" in body
    assert "string (date) or null" in body
    # Our own layout, in the visitor's language, and no script beyond the site's own files.
    arabic = client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<section aria-labelledby="schema-ErrorOut" lang="en" dir="ltr">' in arabic
    assert re.findall(r"<script(?![^>]*src=)[^>]*>", body) == []
    assert "swagger" not in body.lower()
