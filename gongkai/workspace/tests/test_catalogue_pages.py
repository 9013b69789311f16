"""The office keeps the 政务公开事项目录 in the workspace: add, edit, retire, import; the draft
form offers the active entries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.publications.models import DisclosureCatalogueEntry
from gongkai.publications.tests.factories import make_team

pytestmark = pytest.mark.django_db


def test_the_office_adds_edits_and_retires_an_entry_and_the_draft_form_follows(client):
    team = make_team(code="tjj")
    client.force_login(team.office)
    entries = reverse("workspace:catalogue_entries", args=["tjj"])
    assert "尚未编制政务公开事项目录" in client.get(entries).content.decode()
    # when it adds an entry
    response = client.post(
        reverse("workspace:catalogue_entry_new", args=["tjj"]),
        {
            "title": "统计执法检查结果",
            "category": team.category.pk,
            "legal_basis": "条例第二十条第（六）项",
            "timing": "on_change",
            "workdays": "20",
        },
    )
    assert response.status_code == 302
    entry = DisclosureCatalogueEntry.objects.get()
    # then the draft form offers it
    form = client.get(reverse("workspace:publication_new")).content.decode()
    assert f'<option value="{entry.pk}">统计执法检查结果</option>' in form
    # when it edits the entry
    client.post(
        reverse("workspace:catalogue_entry_edit", args=["tjj", entry.pk]),
        {"title": "统计执法检查结果公示", "timing": "on_change", "workdays": "10", "version": "1"},
    )
    entry.refresh_from_db()
    assert (entry.title, entry.workdays, entry.version) == ("统计执法检查结果公示", 10, 2)
    # and retires it
    client.post(
        reverse("workspace:catalogue_entry_active", args=["tjj", entry.pk, "retire"]),
        {"version": "2"},
    )
    entry.refresh_from_db()
    assert not entry.active
    form = client.get(reverse("workspace:publication_new")).content.decode()
    assert f'<option value="{entry.pk}">统计执法检查结果公示</option>' not in form
    assert "已停用的事项" in client.get(entries).content.decode()


def test_a_stale_edit_is_refused_in_chinese(client):
    team = make_team(code="tjj")
    client.force_login(team.office)
    client.post(
        reverse("workspace:catalogue_entry_new", args=["tjj"]),
        {"title": "事项", "timing": "on_change", "workdays": "20"},
    )
    entry = DisclosureCatalogueEntry.objects.get()
    url = reverse("workspace:catalogue_entry_edit", args=["tjj", entry.pk])
    client.post(url, {"title": "改一", "timing": "on_change", "workdays": "20", "version": "1"})
    html = client.post(
        url, {"title": "改二", "timing": "on_change", "workdays": "20", "version": "1"}
    ).content.decode()
    assert "已被他人修改" in html
    entry.refresh_from_db()
    assert entry.title == "改一"


def test_an_import_with_a_bad_row_lists_it_and_stores_nothing(client):
    team = make_team(code="tjj")
    client.force_login(team.office)
    url = reverse("workspace:catalogue_import", args=["tjj"])
    bad = "公开事项,公开栏目\n部门预算,工作动态\n季度数据,没有的栏目\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("目录.csv", bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第3行: 公开栏目“没有的栏目”不是本机关的栏目" in html
    assert "未导入任何事项" in html
    assert not DisclosureCatalogueEntry.objects.exists()
    good = "公开事项,公开栏目\n部门预算,工作动态\n季度数据,gzdt\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("目录.csv", good)})
    assert response.status_code == 302
    assert DisclosureCatalogueEntry.objects.count() == 2


def test_the_import_refuses_other_file_types(client):
    team = make_team(code="tjj")
    client.force_login(team.office)
    response = client.post(
        reverse("workspace:catalogue_import", args=["tjj"]),
        {"file": SimpleUploadedFile("目录.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 400
    assert "请上传 .xlsx 或 .csv 文件" in response.content.decode()


@pytest.mark.parametrize("who", ["handler", "approver", "other agency office"])
def test_only_the_office_and_the_administrator_keep_the_catalogue(client, who):
    team = make_team(code="tjj")
    actor = {"handler": team.handler, "approver": team.approver}.get(who)
    if actor is None:
        actor = make_team().office
    client.force_login(actor)
    for url in (
        reverse("workspace:catalogue_entries", args=["tjj"]),
        reverse("workspace:catalogue_entry_new", args=["tjj"]),
        reverse("workspace:catalogue_import", args=["tjj"]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("workspace:catalogue_entry_new", args=["tjj"]),
        {"title": "事项", "timing": "on_change", "workdays": "20"},
    )
    assert response.status_code == 403
    assert not DisclosureCatalogueEntry.objects.exists()


def test_the_dashboard_links_the_keeper_to_the_entries(client):
    team = make_team(code="tjj")
    client.force_login(team.office)
    html = client.get(reverse("workspace:publication_catalogue")).content.decode()
    assert reverse("workspace:catalogue_entries", args=["tjj"]) in html
