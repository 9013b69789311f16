"""The portal's home page at `/` presents the agency."""

from __future__ import annotations

import pytest

from gongkai.agencies.tests.factories import make_agency

pytestmark = pytest.mark.django_db


def test_home_shows_the_agency_and_its_supervising_office(client):
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>驻马店经济开发区统计局</h1>" in html
    assert "上级机关：驻马店经济开发区管理委员会" in html
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html


def test_home_without_any_agency_says_how_to_create_one(client):
    html = client.get("/").content.decode()
    assert "尚未设置机关" in html and "gongkai agencies create" in html


def test_home_accepts_only_safe_methods(client):
    assert client.post("/").status_code == 405


def test_unknown_pages_are_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
