"""The API's documentation as a plain page (`/api/docs/`), read from its OpenAPI document.

Served by the application itself: no script, no stylesheet or font from a CDN (the CSP allows
none, and a government network may reach none); Chinese throughout (gongkai.api.openapi_text).
The machine-readable document stays at `/api/openapi.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

__all__ = ["Endpoint", "Field", "Model", "Scheme", "docs_context", "docs_page", "type_text"]

_REF = "#/components/schemas/"
_SCALARS = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "object": "JSON 对象",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str
    where: str = ""


@dataclass(frozen=True)
class Reply:
    status: str
    description: str
    model: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    parameters: list[Field]
    body: str
    replies: list[Reply]


@dataclass(frozen=True)
class Scheme:
    """One way to authenticate, from the document's securitySchemes."""

    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    fields: list[Field]


_WHERE = {"path": "路径", "query": "查询参数", "header": "请求头", "cookie": "Cookie"}


def type_text(definition: dict[str, Any]) -> str:
    """A JSON schema's type in words: 日期, 整数（可为空）, ApplicantOut 的列表."""
    if "$ref" in definition:
        return str(definition["$ref"]).removeprefix(_REF)
    if "anyOf" in definition:
        kinds = [k for k in definition["anyOf"] if k.get("type") != "null"]
        nullable = len(kinds) < len(definition["anyOf"])
        text = "或".join(type_text(kind) for kind in kinds)
        return f"{text}（可为空）" if nullable else text
    if "enum" in definition:
        return "取值之一"
    kind = definition.get("type")
    if kind == "array":
        item = type_text(definition.get("items", {}))
        return f"{item} 的列表" if item.isascii() else f"{item}的列表"
    if kind == "string" and definition.get("format") == "date":
        return "日期（YYYY-MM-DD）"
    if kind == "object" and "additionalProperties" in definition:
        return f"对象（值为{type_text(definition['additionalProperties'])}）"
    return _SCALARS.get(str(kind), "任意")


def _body_model(operation: dict[str, Any]) -> str:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        return type_text(media.get("schema", {}))
    return ""


def _reply_model(response: dict[str, Any]) -> str:
    for media in response.get("content", {}).values():
        return type_text(media.get("schema", {}))
    return ""


def docs_context(schema: dict[str, Any]) -> dict[str, Any]:
    """The page's endpoints and models from the (Chinese) OpenAPI document."""
    endpoints = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            parameters = [
                Field(
                    name=p["name"],
                    type=type_text(p.get("schema", {})),
                    required=bool(p.get("required")),
                    description=str(p.get("description", "")),
                    where=_WHERE.get(p.get("in", ""), p.get("in", "")),
                )
                for p in operation.get("parameters", [])
            ]
            replies = [
                Reply(str(status), str(response.get("description", "")), _reply_model(response))
                for status, response in sorted(operation.get("responses", {}).items())
            ]
            endpoints.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=str(operation.get("summary", "")),
                    parameters=parameters,
                    body=_body_model(operation),
                    replies=replies,
                )
            )
    models = []
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        required = set(component.get("required", []))
        fields = [
            Field(
                name=field,
                type=type_text(definition),
                required=field in required,
                description=str(definition.get("description", "")),
            )
            for field, definition in component.get("properties", {}).items()
        ]
        models.append(Model(name, str(component.get("description", "")), fields))
    schemes = [
        Scheme(
            name=name,
            kind=(
                f"请求头 Authorization: {str(scheme.get('scheme', '')).capitalize()} …"
                if scheme.get("type") == "http"
                else f"Cookie {scheme.get('name', '')}"
            ),
            description=str(scheme.get("description", "")),
        )
        for name, scheme in schema.get("components", {}).get("securitySchemes", {}).items()
    ]
    info = schema.get("info", {})
    return {
        "schemes": schemes,
        "title": info.get("title", ""),
        "description": info.get("description", ""),
        "endpoints": endpoints,
        "models": models,
    }


def docs_page(request: HttpRequest, schema: dict[str, Any]) -> HttpResponse:
    return render(request, "api/docs.html", docs_context(schema))
