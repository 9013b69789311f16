"""The publishing path on the workspace: draft, submit, approve, review, publish, withdraw,
retire; stale versions, the author-cannot-approve rule, the scan's findings and overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.publications.models import PublishedItem, Validity
from gongkai.publications.services import item_approve, item_submit
from gongkai.publications.tests.factories import ALL_CLEAR, draft, make_team, published

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"  # a valid resident id number (check digit X)


@pytest.fixture
def team():
    return make_team(code="ws-pub")


def act(client, item, action, **data):
    item.refresh_from_db()
    payload = {f"{action}-version": item.version}
    payload.update({f"{action}-{key}": value for key, value in data.items()})
    return client.post(reverse("workspace:publication_act", args=[item.pk, action]), payload)


def test_a_handler_drafts_an_item_with_an_attachment(client, team):
    client.force_login(team.handler)
    response = client.post(
        reverse("workspace:publication_new"),
        {
            "title": "关于2024年招生工作的通知",
            "category": team.category.pk,
            "body": "招生工作安排如下。\n\n一、报名时间。",
            "date_written": "2024-03-01",
            "document_number": "",
            "attachment": SimpleUploadedFile("说明.txt", "附件说明文字".encode()),
        },
    )
    item = PublishedItem.objects.get(title="关于2024年招生工作的通知")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:publication_detail", args=[item.pk])
    assert item.state == "draft" and item.attachments.count() == 1
    assert item.body.startswith("<p>招生工作安排如下。</p>")
    mine = client.get(reverse("workspace:publication_list") + "?view=mine").content.decode()
    assert "关于2024年招生工作的通知" in mine


def test_the_body_is_sanitised(client, team):
    client.force_login(team.handler)
    client.post(
        reverse("workspace:publication_new"),
        {"title": "标题", "category": team.category.pk, "body": "<p>正文</p><script>x()</script>"},
    )
    assert "<script>" not in PublishedItem.objects.get(title="标题").body


def test_editing_a_draft_with_a_stale_version_is_refused(client, team):
    item = draft(team)
    client.force_login(team.handler)
    url = reverse("workspace:publication_edit", args=[item.pk])
    fields = {"title": "新标题", "category": team.category.pk, "body": "正文"}
    assert client.post(url, {**fields, "version": item.version}).status_code == 302
    response = client.post(url, {**fields, "title": "又一个标题", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "新标题"  # the second save saw an old version: nothing written


def test_the_whole_path_through_the_pages(client, team):
    item = draft(team, title="某项工作动态", body="今年拆迁补偿工作进展顺利。")
    client.force_login(team.handler)
    assert act(client, item, "submit").status_code == 302
    client.force_login(team.approver)
    assert act(client, item, "approve").status_code == 302
    client.force_login(team.reviewer)
    page = client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()
    assert "已审查，不涉及国家秘密" in page
    assert act(
        client, item, "review_clear",
        no_state_secrets="on", no_personal_information="on", no_trade_secrets="on",
    ).status_code == 302  # fmt: skip
    client.force_login(team.office)
    assert act(client, item, "publish").status_code == 302
    item.refresh_from_db()
    assert item.is_public and item.index_number
    assert act(client, item, "withdraw", reason="内容有误").status_code == 302
    item.refresh_from_db()
    assert item.state == "withdrawn" and item.withdrawal_reason == "内容有误"


def test_the_author_cannot_approve_their_own_item(client, team):
    from gongkai.agencies.models import Membership, Role

    Membership.objects.create(user=team.handler, agency=team.agency, role=Role.APPROVER)
    item = draft(team)
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    client.force_login(team.handler)
    response = act(client, item, "approve")
    assert response.status_code == 400
    assert "不能审核自己的信息" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "submitted"


def test_a_resident_id_number_needs_an_override_with_a_reason(client, team):
    item = draft(team, body=f"联系人身份证号 {ID_NUMBER}。")
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    client.force_login(team.reviewer)
    page = client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()
    findings = page[page.index('<ul id="findings">') :].split("</ul>")[0]
    assert "居民身份证号码" in findings and ID_NUMBER not in findings  # the excerpt is masked
    checklist = {
        "no_state_secrets": "on",
        "no_personal_information": "on",
        "no_trade_secrets": "on",
    }
    refused = act(client, item, "review_clear", **checklist)
    assert refused.status_code == 400 and "尚未处理" in refused.content.decode()
    cleared = act(client, item, "review_clear", override_0="系公开的法人代表信息", **checklist)
    assert cleared.status_code == 302
    item.refresh_from_db()
    assert item.state == "cleared"


def test_publishing_later_schedules_the_item(client, team):
    item = draft(team)
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    from gongkai.publications.services import item_review_clear

    item = item_review_clear(
        item=item, actor=team.reviewer, seen_version=item.version, checklist=ALL_CLEAR
    )
    client.force_login(team.office)
    later = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert act(client, item, "publish", at=later).status_code == 302
    item.refresh_from_db()
    assert item.state == "scheduled" and item.scheduled_at is not None


def test_retiring_a_document(client, team):
    item = published(team, document_number="测〔2024〕2号", date_written=dt.date(2024, 1, 5))
    client.force_login(team.office)
    response = act(
        client, item, "retire", validity="repealed", on="2024-06-01", reason="已被新文件替代"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED and item.validity_changed_on == dt.date(2024, 6, 1)


def test_an_action_the_role_may_not_take_is_forbidden(client, team):
    item = draft(team)
    client.force_login(team.approver)
    assert act(client, item, "submit").status_code == 403
    assert act(client, item, "no-such-action").status_code == 404


def test_an_action_on_a_stale_version_is_refused_and_nothing_written(client, team):
    item = draft(team)
    client.force_login(team.handler)
    stale = item.version
    item_submit(item=item, actor=team.handler, seen_version=item.version)
    item.refresh_from_db()
    # The draft was submitted meanwhile; the reject form of an approver with the old version:
    client.force_login(team.approver)
    response = client.post(
        reverse("workspace:publication_act", args=[item.pk, "reject"]),
        {"reject-version": stale, "reject-reason": "补充材料"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "submitted"


def test_the_catalogue_dashboard(client, team):
    from gongkai.publications.services import catalogue_entry_create

    catalogue_entry_create(
        actor=team.office, agency=team.agency, title="机构职能", category=team.category
    )
    client.force_login(team.office)
    html = client.get(reverse("workspace:publication_catalogue")).content.decode()
    assert "机构职能" in html and "20个工作日" in html


def test_a_revision_is_edited_and_reviewed_as_the_new_version(client, team):
    from gongkai.publications.services import item_revise

    item = published(team, title="旧标题", body="旧正文")
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="更新数据")
    client.force_login(team.handler)
    url = reverse("workspace:publication_edit", args=[item.pk])
    assert 'value="旧标题"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "新标题",
            "category": team.category.pk,
            "body": "新正文",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "旧标题"  # the public version stays until the new one is published
    page = client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()
    assert "新正文" in page and "门户网站仍显示第1版" in page and "新标题：新标题" in page


def test_a_draft_names_its_catalogue_entry(client, team):
    from gongkai.publications.services import catalogue_entry_create

    entry = catalogue_entry_create(
        actor=team.office, agency=team.agency, title="统计公报", category=team.category
    )
    client.force_login(team.handler)
    client.post(
        reverse("workspace:publication_new"),
        {"title": "统计公报2024", "category": team.category.pk, "catalogue_entry": entry.pk},
    )
    assert PublishedItem.objects.get(title="统计公报2024").catalogue_entry == entry
