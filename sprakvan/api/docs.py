"""The API's docs page: the OpenAPI schema read out as an HTML page in the site's own layout.

Swagger UI, which django-ninja ships, fails WCAG 2.1 AA (contrast, nested controls, no
language); this page shows the same schema, rendered on the server, with no script at all.
The schema's own words (summaries, field names) are English and marked so (lang="en").
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

Json = dict[str, Any]


def type_of(schema: Json) -> str:
    """A JSON schema's type in a few words: "string (date)", "integer or null", "array of X"."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_of(option) for option in schema["anyOf"])
    kind = str(schema.get("type", "object"))
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(value) for value in schema["enum"])
    return f"{kind} ({schema['format']})" if "format" in schema else kind


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    where: str = ""
    description: str = ""


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    body: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    secured: bool
    parameters: list[Field]
    body: str
    responses: list[Response]


def _body(content: Json | None) -> str:
    schema = (content or {}).get("application/json", {}).get("schema")
    return type_of(schema) if schema else ""


def operations(schema: Json) -> list[Operation]:
    found = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            parameters = [
                Field(
                    name=p["name"],
                    type=type_of(p.get("schema", {})),
                    required=bool(p.get("required")),
                    where=p["in"],
                    description=p.get("description", ""),
                )
                for p in spec.get("parameters", [])
            ]
            responses = [
                Response(status, r.get("description", ""), _body(r.get("content")))
                for status, r in spec.get("responses", {}).items()
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=spec["operationId"],
                    summary=spec.get("summary", ""),
                    description=spec.get("description", ""),
                    secured=bool(spec.get("security")),
                    parameters=parameters,
                    body=_body(spec.get("requestBody", {}).get("content")),
                    responses=responses,
                )
            )
    return found


def schemas(schema: Json) -> list[tuple[str, list[Field]]]:
    """Each named schema with its fields, for the operations' bodies to point at."""
    named = []
    for name, spec in schema.get("components", {}).get("schemas", {}).items():
        required = set(spec.get("required", []))
        fields = [
            Field(
                name=field,
                type=type_of(value),
                required=field in required,
                description=value.get("description", ""),
            )
            for field, value in spec.get("properties", {}).items()
        ]
        named.append((name, fields))
    return named


class Reference(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "api/reference.html",
            {
                "info": schema["info"],
                "operations": operations(schema),
                "schemas": schemas(schema),
                "openapi_url": self.get_openapi_url(api, kwargs),
            },
        )
