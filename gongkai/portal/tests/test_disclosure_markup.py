"""Accessible markup on the 主动公开 pages (GB/T 37668): one h1, no skipped heading levels,
a label for every field, the skip link, the language; no resource from another site."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.publications.services import ItemContent, item_import_published
from gongkai.publications.tests.factories import make_team
from gongkai.search.models import SearchDocument

pytestmark = pytest.mark.django_db


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.fields: list[str] = []
        self.labels: set[str] = set()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.fields.append(a.get("id") or "")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"] or "")
        for key in ("src", "href"):
            if tag in ("script", "link", "img") and a.get(key):
                self.sources.append(a[key] or "")


@pytest.fixture
def pages(client):
    team = make_team(code="a11y")
    item = item_import_published(
        agency=team.agency,
        content=ItemContent(title="招生简章", body="今年招生。", category=team.category),
        published_at=timezone.make_aware(dt.datetime(2024, 5, 1, 9)),
        reason="测试",
    )
    call_command("search", "reindex", stdout=io.StringIO())
    return [
        "/",
        f"/categories/{team.category.slug}/",
        f"/items/{item.pk}/",
        "/search/?q=招生",
        "/search/",
        "/statutory/",
    ]


def test_every_page_has_accessible_structure(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        markup = Markup()
        markup.feed(html)
        assert '<html lang="zh-CN">' in html and 'class="skip-link" href="#main"' in html, url
        assert markup.headings.count(1) == 1, url
        steps = zip(markup.headings, markup.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), (url, markup.headings)
        assert all(f and f in markup.labels for f in markup.fields), (url, markup.fields)
        assert all(s.startswith("/") for s in markup.sources), (url, markup.sources)  # no CDN


def test_reindex_command_rebuilds_the_index(pages):
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("search", "reindex", stdout=out)
    assert "已重建索引：1 条信息" in out.getvalue()
    assert SearchDocument.objects.count() == 1


def test_portal_pages_load_no_script(client, pages):
    # the portal needs no JavaScript: htmx (51 KB) is the workspace's alone
    for url in [*pages, "/apply/", "/track/"]:
        markup = Markup()
        markup.feed(client.get(url).content.decode())
        assert not [s for s in markup.sources if s.endswith(".js")], url
    markup = Markup()
    markup.feed(client.get("/workspace/login/").content.decode())
    assert any(s.endswith("htmx-2.min.js") for s in markup.sources)


def test_an_error_page_keeps_the_site_header_and_footer(client, pages):
    html = client.get("/no-such-page/").content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    footer = html.split('<footer class="site-footer">')[1].split("</footer>")[0]
    assert 'class="site-title"' in header and "政府信息公开" in header
    assert "<p>" in footer


def test_a_category_with_only_a_dimension_prints_no_dangling_separator(client):
    from gongkai.publications.models import Category

    team = make_team(code="dim")
    dimension = Category._meta.get_field("dimension").choices[0][0]  # type: ignore[index]
    category = Category.objects.create(
        agency=team.agency, name="执行公开栏目", slug="zxgk", dimension=dimension
    )
    html = client.get(f"/categories/{category.slug}/").content.decode()
    line = html.split('<p class="muted">')[1].split("</p>")[0]
    assert line.strip() and not line.strip().startswith("·")
