"""The portal's 政府信息公开指南 and 政府信息公开制度 pages, and the home page's links to them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.tests.factories import make_agency
from gongkai.pages.models import PageKind
from gongkai.pages.services import page_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


@pytest.mark.parametrize(
    ("url", "label"), [("/guide/", "政府信息公开指南"), ("/policies/", "政府信息公开制度")]
)
def test_an_unwritten_page_says_it_is_not_published_yet(client, bureau, url, label):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{label}</h1>" in html
    assert f"驻马店经济开发区统计局的{label}尚未发布。" in html


def test_a_written_page_shows_its_title_text_and_date(client, bureau):
    page_save(
        actor=None, agency=bureau, kind=PageKind.GUIDE, title="统计局公开指南", body="申请方式……"
    )
    html = client.get("/guide/").content.decode()
    assert "<h1>统计局公开指南</h1>" in html and "<p>申请方式……</p>" in html
    assert "更新时间" in html and "尚未发布" not in html


def test_the_portal_shows_only_its_own_agency_pages(client, bureau):
    # the committee's own guide is not the bureau's portal's guide
    page_save(actor=None, agency=bureau.parent, kind=PageKind.GUIDE, title="管委会指南", body="x")
    assert "管委会指南" not in client.get("/guide/").content.decode()


def test_without_an_agency_the_pages_say_so(client):
    html = client.get("/guide/").content.decode()
    assert "本网站尚未设置机关。" in html


def test_home_links_to_the_guide_and_the_policies(client, bureau):
    html = client.get("/").content.decode()
    assert f'href="{reverse("portal:guide")}"' in html
    assert f'href="{reverse("portal:policies")}"' in html


@pytest.mark.parametrize("url", ["/guide/", "/policies/"])
def test_the_pages_are_read_only(client, bureau, url):
    assert client.post(url).status_code == 405


def test_the_guide_always_names_the_online_application_whatever_the_office_wrote(client, bureau):
    # given a guide that speaks only of applying in person
    page_save(
        actor=None, agency=bureau, kind=PageKind.GUIDE, title="公开指南", body="请到办公室申请。"
    )
    # then the guide page still points to the online form and the tracking page
    html = client.get("/guide/").content.decode()
    assert "网上申请政府信息公开" in html
    assert 'href="/apply/"' in html.split('id="online-heading"')[1]
    assert 'href="/track/"' in html.split('id="online-heading"')[1]
    # and the policies page does not carry it
    assert "网上申请政府信息公开" not in client.get("/policies/").content.decode()


def test_the_demo_guide_names_the_online_form(client, bureau):
    from gongkai.pages.demo import load_demo_pages

    load_demo_pages(agency=bureau)
    article = client.get("/guide/").content.decode().split("<article")[1].split("</article>")[0]
    assert "在线提交" in article and 'href="/apply/"' in article
