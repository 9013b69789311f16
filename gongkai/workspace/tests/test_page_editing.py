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


def test_saving_stores_a_draft_the_preview_shows_it_and_only_publishing_changes_the_portal(
    client, office, bureau
):
    # given a published guide
    client.post(edit_url(), {"title": "公开指南", "body": "第一版。"})
    client.post(reverse("workspace:page_publish", args=["zmd-tjj", "guide", 1]))
    # when the office saves a new text
    saved = client.post(edit_url(), {"title": "公开指南", "body": "## 第二版\n\n- 一项"})
    # then it is a draft, and the office lands on its preview
    preview_url = reverse("workspace:page_revision", args=["zmd-tjj", "guide", 2])
    assert saved.status_code == 302 and saved["Location"] == preview_url
    preview = client.get(preview_url).content.decode()
    assert "已保存为第 2 版草稿" in preview and "尚未发布" in preview
    assert "<h2>第二版</h2>\n<ul><li>一项</li></ul>" in preview
    assert 'class="rich-text"' in preview  # the portal's own markup (pages/_page_article.html)
    # and the portal still shows the first version
    portal = client.get(reverse("portal:guide")).content.decode()
    assert "<p>第一版。</p>" in portal and "第二版" not in portal
    # the editor says a draft waits, and offers the draft's text (markup, not HTML)
    editor = client.get(edit_url()).content.decode()
    assert "第 2 版草稿尚未发布" in editor and "## 第二版\n\n- 一项</textarea>" in editor
    # when the office publishes it
    published = client.post(reverse("workspace:page_publish", args=["zmd-tjj", "guide", 2]))
    # then the portal shows it
    assert published.status_code == 302 and published["Location"] == edit_url()
    assert "已发布第 2 版政府信息公开指南" in client.get(edit_url()).content.decode()
    portal = client.get(reverse("portal:guide")).content.decode()
    assert "<h2>第二版</h2>" in portal and "第一版" not in portal
    assert list(AgencyPageRevision.objects.order_by("number").values_list("number", "source")) == [
        (1, "第一版。"),
        (2, "## 第二版\n\n- 一项"),
    ]
    publications = AuditEvent.objects.filter(action="page.publish", actor=office, agency=bureau)
    assert publications.count() == 2


def test_an_unpublished_page_is_not_on_the_portal(client, office):
    client.post(edit_url(), {"title": "公开指南", "body": "只在草稿里的文字"}, follow=True)
    portal = client.get(reverse("portal:guide")).content.decode()
    assert "只在草稿里的文字" not in portal and "尚未发布" in portal


def test_publishing_needs_a_post_and_the_right(client, office, bureau):
    client.post(edit_url(), {"title": "公开指南", "body": "草稿"})
    url = reverse("workspace:page_publish", args=["zmd-tjj", "guide", 1])
    assert client.get(url).status_code == 405
    client.force_login(make_member(agency=bureau, role=Role.HANDLER))
    assert client.post(url).status_code == 403
    assert not AuditEvent.objects.filter(action="page.publish").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "正文"}, "这个字段是必填项。"),
        ({"title": "指南", "body": ""}, "这个字段是必填项。"),
        ({"title": "指南", "body": "  \n\n  "}, "正文不能为空。"),
        ({"title": "长" * 129, "body": "正文"}, "不超过 128 字符"),
    ],
)
def test_bad_input_is_refused_in_chinese(client, office, data, message):
    response = client.post(edit_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "请按提示更正后再提交。" in html
    assert not AgencyPage.objects.exists() and not AuditEvent.objects.exists()


def test_html_typed_into_the_body_is_shown_as_text_never_as_markup(client, office):
    client.post(
        edit_url("policies"),
        {"title": "制度", "body": '<p onmouseover="x()">制度正文</p><script>alert(1)</script>'},
    )
    client.post(reverse("workspace:page_publish", args=["zmd-tjj", "policies", 1]))
    html = client.get(reverse("portal:policies")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<p onmouseover" not in html


def test_the_editor_explains_the_markup(client, office):
    html = client.get(edit_url()).content.decode()
    assert "行首“## ”为小标题" in html and "不能输入 HTML" in html


def test_page_list_shows_both_pages_and_their_state(client, office):
    client.post(edit_url(), {"title": "公开指南", "body": "正文"})
    html = client.get(reverse("workspace:page_list")).content.decode()
    assert "政府信息公开指南" in html and "政府信息公开制度" in html
    assert "尚未发布" in html and "第 1 版待发布" in html and "尚未编写" in html
    assert "门户网站所示机关" in html
