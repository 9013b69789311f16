"""Anonymous portal pages from the cache (gongkai/portal/caching.py): what is stored, what
never is, and that every change to public content shows on the next request; and the
portal pages' queries, constant in the number of items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.pages.models import PageKind
from gongkai.pages.services import page_save
from gongkai.publications.services import ItemContent, item_import_published, item_withdraw
from gongkai.publications.services.catalogue import category_create
from gongkai.publications.tests.factories import make_team, published

pytestmark = pytest.mark.django_db

HEADER = "X-Portal-Cache"


@pytest.fixture
def team():
    return make_team(code="portal-cache")


def _imported(team, title, *, year=2024, month=5):
    return item_import_published(
        agency=team.agency,
        content=ItemContent(title=title, body="正文", category=team.category),
        published_at=timezone.make_aware(dt.datetime(year, month, 1, 9, 0)),
        reason="测试",
    )


def test_anonymous_pages_are_served_from_the_cache(client, team):
    item = _imported(team, "缓存的信息")
    for path in ("/", f"/categories/{team.category.slug}/", f"/items/{item.pk}/", "/guide/"):
        assert client.get(path)[HEADER] == "miss"
        second = client.get(path)
        assert second[HEADER] == "hit" and second.status_code == 200
    assert client.get(f"/categories/{team.category.slug}/?year=2024")[HEADER] == "miss"


def test_a_query_parameter_not_the_pages_own_is_not_cached(client, team):
    assert HEADER not in client.get("/", {"utm_source": "x"})
    assert HEADER not in client.get(f"/categories/{team.category.slug}/", {"x": "1"})


def test_form_pages_and_signed_in_visitors_are_never_cached(client, team):
    for path in ("/apply/", "/track/"):
        for _ in range(2):
            response = client.get(path)
            assert response.status_code == 200 and HEADER not in response
            assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
    assert not [key for key in cache._cache if "portal:page" in key]  # type: ignore[attr-defined]
    client.force_login(team.office)
    assert HEADER not in client.get("/") and HEADER not in client.get("/")


def test_a_published_item_shows_at_once(client, team):
    assert "新发布的信息" not in client.get("/").content.decode()
    item = published(team, title="新发布的信息")
    assert "新发布的信息" in client.get("/").content.decode()
    assert "新发布的信息" in client.get(f"/categories/{team.category.slug}/").content.decode()
    assert client.get(f"/items/{item.pk}/").status_code == 200


def test_a_withdrawn_items_page_shows_the_notice_at_once(client, team):
    item = published(team, title="某公示", body="公示内容原文")
    assert "公示内容原文" in client.get(f"/items/{item.pk}/").content.decode()
    assert client.get(f"/items/{item.pk}/")[HEADER] == "hit"
    item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="信息有误")
    html = client.get(f"/items/{item.pk}/").content.decode()
    assert "撤回说明" in html and "公示内容原文" not in html
    assert "某公示" not in client.get("/").content.decode()


def test_agency_page_and_category_changes_show_at_once(client, team):
    client.get("/guide/")
    page_save(actor=None, agency=team.agency, kind=PageKind.GUIDE, title="指南", body="新的指南")
    assert "新的指南" in client.get("/guide/").content.decode()
    client.get("/")
    category_create(actor=None, agency=team.agency, name="通知公告", slug="tzgg")
    assert "通知公告" in client.get("/").content.decode()


@pytest.fixture
def no_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.usefixtures("no_cache")
@pytest.mark.parametrize("count", [3, 30])
def test_portal_pages_make_the_same_queries_for_few_or_many_items(
    client, team, django_assert_num_queries, count
):
    items = [_imported(team, f"信息{n}", year=2020 + n % 5, month=1 + n % 12) for n in range(count)]
    explainer = published(team, title="解读")
    items[0].explainer = explainer
    items[0].save()
    slug = team.category.slug
    for path, queries in (
        ("/", 3),
        (f"/categories/{slug}/", 8),
        (f"/categories/{slug}/?year=2022&page=1", 8),
        (f"/items/{items[0].pk}/", 4),
        (f"/items/{explainer.pk}/", 4),
    ):
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200
