"""The demo's 政务公开事项目录: entries a statistics bureau owes, linked items, the check runs."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.publications.demo_catalogue import CATALOGUE
from gongkai.publications.models import (
    CatalogueTiming,
    DisclosureCatalogueEntry,
    PublishedItem,
)
from gongkai.publications.selectors import catalogue_dashboard

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_fills_the_draft_form_and_the_check_runs(client):
    # given the demo
    call_command("demo_data", stdout=io.StringIO())
    bureau = Agency.objects.get(code="zmd-tjj")
    entries = DisclosureCatalogueEntry.objects.filter(agency=bureau, active=True)
    # then every demo line is in the catalogue, each with a legal basis and a section
    assert sorted(entries.values_list("title", flat=True)) == sorted(e.title for e in CATALOGUE)
    assert not entries.filter(legal_basis="").exists()
    assert not entries.filter(section__isnull=True).exists()
    assert {e.timing for e in entries} == set(CatalogueTiming.values)
    # and the demo's quarterly releases were published under their entry
    quarterly = entries.get(title="全区经济运行情况（季度）")
    assert PublishedItem.objects.filter(catalogue_entry=quarterly).count() == 3
    # and the check counts them
    statuses = {s.entry.title: s for s in catalogue_dashboard(agency=bureau)}
    assert statuses["全区经济运行情况（季度）"].published == 3
    assert statuses["统计执法检查计划、检查对象和检查结果"].published == 1
    # and the office's draft form offers the entries
    client.force_login(User.objects.get(username="demo-office"))
    form = client.get(reverse("workspace:publication_new")).content.decode()
    assert "全区国民经济主要指标月度数据" in form
    # when loaded again nothing is added
    call_command("demo_data", stdout=io.StringIO())
    assert DisclosureCatalogueEntry.objects.filter(agency=bureau).count() == len(CATALOGUE)
