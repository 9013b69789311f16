"""The disclosure office edits the guide and policies; every version is kept and audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent
from gongkai.pages.models import AgencyPage, AgencyPageRevision

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


@pytest.fixture
def office(client, bureau):
    user = make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE)
    client.force_login(user)
    return user


def edit_url(kind: str = "guide") -> str:
    return reverse("workspace:page_edit", args=["zmd-tjj", kind])


def test_an_unwritten_page_offers_a_title_and_says_it_is_not_published(client, office):
    html = client.get(edit_url()).content.decode()
    assert 'value="驻马店经济开发区统计局政府信息公开指南"' in html
    assert "尚未编写" in html and "尚未发布" in html


def test_saving_publishes_on_the_portal_and_keeps_each_version(client, office, bureau):
    # when the office saves twice
    first = client.post(edit_url(), {"title": "公开指南", "body": "第一版。"})
    second = client.post(edit_url(), {"title": "公开指南", "body": "第二版。\n\n第二段。"})
    # then
    assert first.status_code == second.status_code == 302
    assert first["Location"] == edit_url()
    # the editor confirms, lists both versions, and the first one can still be read
    editor = client.get(edit_url()).content.decode()
    assert "已保存政府信息公开指南，门户网站即时显示新内容。" in editor
    assert "第 2 版" in editor and "第 1 版" in editor
    old = client.get(reverse("workspace:page_revision", args=["zmd-tjj", "guide", 1]))
    assert "<p>第一版。</p>" in old.content.decode()
    # and the portal shows the newest
    portal = client.get(reverse("portal:guide")).content.decode()
    assert "<h1>公开指南</h1>" in portal
    assert "<p>第二版。</p>\n<p>第二段。</p>" in portal and "第一版" not in portal
    assert list(AgencyPageRevision.objects.order_by("number").values_list("number", "body")) == [
        (1, "<p>第一版。</p>"),
        (2, "<p>第二版。</p>\n<p>第二段。</p>"),
    ]
    assert AuditEvent.objects.filter(action="page.save", actor=office, agency=bureau).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "正文"}, "这个字段是必填项。"),
        ({"title": "指南", "body": ""}, "这个字段是必填项。"),
        ({"title": "指南", "body": "<p> </p><script>x()</script>"}, "正文不能为空。"),
        ({"title": "长" * 129, "body": "正文"}, "不超过 128 字符"),
    ],
)
def test_bad_input_is_refused_in_chinese(client, office, data, message):
    response = client.post(edit_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "请按提示更正后再提交。" in html
    assert not AgencyPage.objects.exists() and not AuditEvent.objects.exists()


def test_script_typed_into_the_body_never_reaches_the_portal(client, office):
    client.post(
        edit_url("policies"),
        {"title": "制度", "body": '<p onmouseover="x()">制度正文</p><script>alert(1)</script>'},
    )
    html = client.get(reverse("portal:policies")).content.decode()
    assert "<p>制度正文</p>" in html
    assert "alert(1)" not in html and "onmouseover" not in html


def test_the_editor_shows_the_allowed_tags_as_text(client, office):
    html = client.get(edit_url()).content.decode()
    assert "&lt;strong&gt;" in html and "<strong>" not in html.split("正文")[-1].split("</form>")[0]


def test_page_list_shows_both_pages_and_their_state(client, office):
    client.post(edit_url(), {"title": "公开指南", "body": "正文"})
    html = client.get(reverse("workspace:page_list")).content.decode()
    assert "政府信息公开指南" in html and "政府信息公开制度" in html
    assert "公开指南" in html and "尚未编写" in html and "门户网站所示机关" in html
