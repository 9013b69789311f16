"""The API's documentation: a page served by the application (nothing from a CDN), in Chinese,
and an OpenAPI document that names what 401, 403, 409 and 422 mean."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_is_local_and_chinese(client):
    # when anyone opens the documentation
    response = client.get("/api/docs/")

    # then it is a page of this site: no outside script, style or font
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html.replace('<script src="/static/', "")
    # it lists each endpoint, its parameters and its answers, in Chinese
    assert "GET /api/applications/" in html
    assert "POST /api/applications/{tracking_code}/actions/{action}" in html
    assert "跳过的条数，0 至 1000000000" in html
    for meaning in ("未认证", "CSRF 校验失败", "已被他人更新", "输入有误"):
        assert meaning in html
    assert 'id="model-ErrorOut"' in html and "openapi.json" in html


def test_the_openapi_document_names_the_error_answers_in_chinese(client):
    schema = client.get("/api/openapi.json").json()
    act = schema["paths"]["/api/applications/{tracking_code}/actions/{action}"]["post"]
    for status in ("401", "403", "409", "422"):
        answer = act["responses"][status]
        assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
        assert re.search(r"[\u4e00-\u9fff]", answer["description"]), status
    listing = schema["paths"]["/api/applications/"]["get"]["responses"]
    assert {"401", "422"} <= set(listing)
    action = next(p for p in act["parameters"] if p["name"] == "action")
    assert "assign（交办承办股室）" in action["description"]
    assert "One thing" not in str(schema)  # no English docstring


def test_the_docs_say_how_another_system_uses_its_token(client):
    # the OpenAPI document names both ways in, with Chinese descriptions
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["ApiTokenAuth"]["description"],
    }
    assert "gk_" in schemes["ApiTokenAuth"]["description"]
    assert "会话" in schemes["SessionAuth"]["description"]
    listing = schema["paths"]["/api/applications/"]["get"]
    assert {"ApiTokenAuth": []} in listing["security"]
    assert "令牌" in listing["responses"]["401"]["description"]
    act = schema["paths"]["/api/applications/{tracking_code}/actions/{action}"]["post"]
    assert "不能办理" in act["responses"]["403"]["description"]

    # and the page shows them: the header to send, what a token sees, its 401
    html = client.get("/api/docs/").content.decode()
    assert "Authorization: Bearer gk_…" in html
    assert "个人信息一律脱敏" in html and "ApiTokenAuth" in html
    assert 'WWW-Authenticate: Bearer error="invalid_token"' in html.replace("&quot;", '"')
