"""The portal's 主动公开 pages: home, category listings, item pages, 法定主动公开内容, search,
feeds, the sitemap and the OpenSearch description."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.publications.models import Article20Item, Category
from gongkai.publications.services import ItemContent, item_import_published, item_withdraw
from gongkai.publications.tests.factories import draft, make_team, published
from gongkai.search.index import search_index_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team(code="portal-a")


def _imported(team, title, body, *, year=2024, category=None, **extra):
    item = item_import_published(
        agency=team.agency,
        content=ItemContent(title=title, body=body, category=category or team.category, **extra),
        published_at=timezone.make_aware(dt.datetime(year, 5, 1, 9, 0)),
        reason="测试",
    )
    search_index_item(item)
    return item


def test_home_lists_the_categories_and_the_latest_items(client, team):
    _imported(team, "关于2024年招生工作的通知", "招生工作安排如下。")
    html = client.get("/").content.decode()
    assert "最新信息" in html and "关于2024年招生工作的通知" in html
    assert f'href="/categories/{team.category.slug}/"' in html
    assert 'rel="search" type="application/opensearchdescription+xml"' in html
    assert 'action="/search/"' in html


def test_a_category_lists_its_public_items_twenty_a_page(client, team):
    for n in range(25):
        _imported(team, f"工作动态第{n}号", "正文")
    draft(team, title="尚未发布的草稿")
    first = client.get(f"/categories/{team.category.slug}/").content.decode()
    assert "共 25 条" in first and "第 1 / 2 页" in first and "尚未发布的草稿" not in first
    second = client.get(f"/categories/{team.category.slug}/?page=2").content.decode()
    assert second.count('<a href="/items/') == 5
    assert client.get("/categories/no-such/").status_code == 404


def test_a_category_filters_by_year(client, team):
    _imported(team, "二〇二三年的信息", "正文", year=2023)
    _imported(team, "二〇二四年的信息", "正文", year=2024)
    html = client.get(f"/categories/{team.category.slug}/?year=2023").content.decode()
    assert "二〇二三年的信息" in html and "二〇二四年的信息" not in html


def test_an_item_page_shows_the_index_number_block(client, team):
    item = published(
        team,
        title="关于印发某办法的通知",
        body="<p>第一条 为了规范管理。</p>",
        document_number="测〔2024〕1号",
        subject="综合政务",
        date_written=dt.date(2024, 3, 1),
    )
    html = client.get(f"/items/{item.pk}/").content.decode()
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "主题分类", "文号", "有效性"):
        assert f'<th scope="row">{label}</th>' in html
    assert item.index_number in html and "测〔2024〕1号" in html and "2024年3月1日" in html
    assert "有效" in html and "<p>第一条 为了规范管理。</p>" in html


def test_a_withdrawn_item_shows_the_notice_instead_of_the_body(client, team):
    item = published(team, title="某公示", body="公示内容原文")
    item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="信息有误")
    html = client.get(f"/items/{item.pk}/").content.decode()
    assert "撤回说明" in html and "撤回理由：信息有误" in html
    assert "公示内容原文" not in html


def test_a_draft_has_no_public_page(client, team):
    item = draft(team)
    assert client.get(f"/items/{item.pk}/").status_code == 404


def test_statutory_content_maps_article_20_items_to_categories(client, team):
    Category.objects.create(
        agency=team.agency, name="统计数据", slug="tjsj", article20_item=Article20Item.STATISTICS
    )
    html = client.get("/statutory/").content.decode()
    assert "（四）国民经济和社会发展统计信息" in html
    assert '<a href="/categories/tjsj/">统计数据</a>' in html


def test_search_finds_two_character_words_and_marks_them(client, team):
    _imported(team, "城南片区拆迁补偿公告", "拆迁补偿标准如下。")
    _imported(team, "招生简章", "今年招生人数。")
    html = client.get("/search/", {"q": "拆迁"}).content.decode()
    assert "找到 1 条信息" in html
    assert "城南片区<mark>拆迁</mark>补偿公告" in html
    assert 'value="拆迁"' in html  # the query stays in the box


def test_search_says_more_than_the_window_when_counting_stopped(client, team, monkeypatch):
    # counting stops one past the ranked window; the page says "more than" the window
    monkeypatch.setattr("gongkai.search.backends.RANK_WINDOW", 2)
    monkeypatch.setattr("gongkai.search.selectors.RANK_WINDOW", 2)
    for n in range(3):
        _imported(team, f"招生简章之{n + 1}", "今年招生人数。")
    html = client.get("/search/", {"q": "招生"}).content.decode()
    assert "找到超过 2 条信息" in html
    assert "简章之3" in html and "简章之1" not in html  # only the newest are ranked


def test_search_without_matches_says_so(client, team):
    _imported(team, "招生简章", "今年招生人数。")
    html = client.get("/search/", {"q": "地铁"}).content.decode()
    assert "没有找到包含“地铁”的信息" in html


def test_search_filters_by_category_and_year_and_escapes_the_query(client, team):
    other = Category.objects.create(agency=team.agency, name="通知公告", slug="tzgg")
    _imported(team, "招生工作动态", "招生", year=2023)
    _imported(team, "招生通知", "招生", year=2024, category=other)
    html = client.get("/search/", {"q": "招生", "category": "tzgg"}).content.decode()
    assert "找到 1 条信息" in html and "<mark>招生</mark>通知" in html
    html = client.get("/search/", {"q": "招生", "year": "2023"}).content.decode()
    assert "找到 1 条信息" in html and "<mark>招生</mark>工作动态" in html
    html = client.get("/search/", {"q": "<script>招生"}).content.decode()
    assert "<script>招生" not in html


def test_the_search_page_without_a_query_shows_the_form(client, team):
    response = client.get("/search/")
    assert response.status_code == 200
    assert '<label for="search-q">' in response.content.decode()
    assert 'id="results-heading"' not in response.content.decode()


def test_a_year_or_a_category_without_a_word_lists_those_items_newest_first(client, team):
    # given items of two years in two categories
    other = Category.objects.create(agency=team.agency, name="通知公告", slug="tzgg")
    _imported(team, "二〇二三年的工作动态", "正文", year=2023)
    _imported(team, "二〇二三年的通知", "正文", year=2023, category=other)
    _imported(team, "二〇二四年的通知", "正文", year=2024, category=other)
    # when a year alone is chosen, then that year's items are listed
    html = client.get("/search/", {"year": "2023"}).content.decode()
    assert "2023年：共 2 条信息" in html
    assert "二〇二三年的工作动态" in html and "二〇二三年的通知" in html
    assert "二〇二四年的通知" not in html
    # when a category alone is chosen, then its items are listed, the newest first
    html = client.get("/search/", {"category": "tzgg"}).content.decode()
    assert "通知公告：共 2 条信息" in html
    assert html.index("二〇二四年的通知") < html.index("二〇二三年的通知")
    # when both narrow to nothing, then the page says so instead of staying blank
    html = client.get("/search/", {"category": "tzgg", "year": "2022"}).content.decode()
    assert "共 0 条信息" in html and "暂无公开信息" in html


def test_a_category_feed_is_atom(client, team):
    _imported(team, "招生简章", "今年招生人数。")
    response = client.get(f"/categories/{team.category.slug}/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>招生简章</title>" in body and 'xmlns="http://www.w3.org/2005/Atom"' in body


def test_the_sitemap_lists_the_items_and_sections(client, team):
    item = _imported(team, "招生简章", "今年招生人数。")
    body = client.get("/sitemap.xml").content.decode()
    assert f"/items/{item.pk}/</loc>" in body and "/guide/</loc>" in body


def test_the_opensearch_description_points_at_the_search_page(client, team):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "/search/?q={searchTerms}" in response.content.decode()


def test_a_document_and_its_interpretation_link_to_each_other_while_public(client, team):
    # given a published document whose 解读 is a published item
    explainer = published(team, title="政策解读：统计调查制度")
    document = published(team, title="统计调查制度", explainer=explainer)
    # then each page links to the other
    html = client.get(f"/items/{document.pk}/").content.decode()
    assert f'政策解读：<a href="/items/{explainer.pk}/">政策解读：统计调查制度</a>' in html
    html = client.get(f"/items/{explainer.pk}/").content.decode()
    assert f'相关文件：<a href="/items/{document.pk}/">统计调查制度</a>' in html
    # when the interpretation is withdrawn, the document no longer points to it
    item_withdraw(item=explainer, actor=team.office, seen_version=explainer.version, reason="有误")
    assert "政策解读：" not in client.get(f"/items/{document.pk}/").content.decode()
    # when the document is withdrawn, its interpretation no longer points back
    explained = published(team, title="另一份解读")
    document = published(team, title="另一份文件", explainer=explained)
    item_withdraw(item=document, actor=team.office, seen_version=document.version, reason="有误")
    assert "相关文件：" not in client.get(f"/items/{explained.pk}/").content.decode()
