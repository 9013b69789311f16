"""The 解读 picker of the draft form: the agency's public items only, checked on the server,
kept across edits, and linked both ways on the portal once published."""

from __future__ import annotations

import re
from typing import cast

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from gongkai.publications.models import ItemRevision, PublishedItem
from gongkai.publications.services import (
    WorkflowError,
    item_create_draft,
    item_revise,
    item_withdraw,
)
from gongkai.publications.tests.factories import content, draft, make_team, publish_revision
from gongkai.publications.tests.factories import published as publish
from gongkai.workspace.publications.forms import ItemDraftForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team(code="ws-jd")


def options(html: str) -> dict[str, str]:
    """The 解读 select's options: value → label."""
    select = html[html.index('name="explainer"') :].split("</select>")[0]
    return dict(re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select))


def choices(form: ItemDraftForm) -> list[object]:
    field = form.fields["explainer"]
    assert isinstance(field, forms.ModelChoiceField)
    return [value for value, _ in cast("list[tuple[object, str]]", field.choices)]


def fields(team, **extra):
    return {"title": "关于调整最低工资标准的通知", "category": team.category.pk, **extra}


def test_the_select_offers_the_agencys_public_items_only(client: Client, team):
    # given a public item, a draft and a withdrawn item here, and a public item elsewhere
    explainer = publish(team, title="《关于调整最低工资标准的通知》解读")
    draft(team, title="尚未发布的解读")
    gone = publish(team, title="已撤回的解读")
    item_withdraw(item=gone, actor=team.office, seen_version=gone.version, reason="有误")
    elsewhere = publish(make_team(code="ws-jd-2"), title="外单位的解读")
    client.force_login(team.handler)

    # when the author opens a new draft
    offered = options(client.get(reverse("workspace:publication_new")).content.decode())

    # then only the agency's public item is offered, besides "none"
    assert offered == {
        "": "（不关联解读）",
        str(explainer.pk): f"《关于调整最低工资标准的通知》解读（{explainer.index_number}）",
    }
    assert str(elsewhere.pk) not in offered


def test_the_chosen_interpretation_is_saved_and_kept_when_editing(client: Client, team):
    explainer = publish(team, title="政策解读")
    client.force_login(team.handler)
    response = client.post(
        reverse("workspace:publication_new"), fields(team, explainer=explainer.pk)
    )
    assert response.status_code == 302
    item = PublishedItem.objects.get(title="关于调整最低工资标准的通知")
    assert item.explainer == explainer
    # the edit page shows it chosen, and does not offer the item as its own interpretation
    page = client.get(reverse("workspace:publication_edit", args=[item.pk])).content.decode()
    assert re.search(rf'<option value="{explainer.pk}" selected>', page)
    other = publish(team, title="另一条公开信息")
    item_revise(item=other, actor=team.handler, seen_version=other.version, reason="更新")
    page = client.get(reverse("workspace:publication_edit", args=[other.pk])).content.decode()
    assert str(other.pk) not in options(page)


def test_a_forged_choice_is_refused_with_a_chinese_message(client: Client, team):
    elsewhere = publish(make_team(code="ws-jd-3"), title="外单位的信息")
    unpublished = draft(team, title="本机关的草稿")
    client.force_login(team.handler)
    for forged in (elsewhere.pk, unpublished.pk, 999999):
        response = client.post(reverse("workspace:publication_new"), fields(team, explainer=forged))
        assert response.status_code == 400
        assert "解读须为本机关已在门户网站公开的其他信息，请重新选择。" in response.content.decode()
    assert not PublishedItem.objects.filter(title="关于调整最低工资标准的通知").exists()


def test_the_form_refuses_the_item_as_its_own_interpretation(team):
    item = publish(team)
    form = ItemDraftForm(fields(team, explainer=item.pk), agency_id=team.agency.pk, item_id=item.pk)
    assert not form.is_valid()
    assert form.errors["explainer"] == ["解读须为本机关已在门户网站公开的其他信息，请重新选择。"]


def test_the_service_refuses_an_interpretation_not_public(team):
    unpublished = draft(team, title="草稿")
    with pytest.raises(WorkflowError, match="已在门户网站公开"):
        item_create_draft(
            actor=team.handler, agency=team.agency, content=content(team, explainer=unpublished)
        )
    assert not ItemRevision.objects.filter(title="我局召开统计工作会议").exists()


def test_the_portal_links_a_document_and_its_interpretation_both_ways(client: Client, team):
    # given an interpretation, and a document drafted with it through the form and published
    explainer = publish(team, title="最低工资标准调整政策解读")
    client.force_login(team.handler)
    client.post(reverse("workspace:publication_new"), fields(team, explainer=explainer.pk))
    document = publish_revision(team, PublishedItem.objects.get(title=fields(team)["title"]))
    client.logout()

    # then each public page links to the other
    page = client.get(f"/items/{document.pk}/").content.decode()
    assert f'政策解读：<a href="/items/{explainer.pk}/">最低工资标准调整政策解读</a>' in page
    page = client.get(f"/items/{explainer.pk}/").content.decode()
    assert f'相关文件：<a href="/items/{document.pk}/">关于调整最低工资标准的通知</a>' in page


def test_the_select_lists_the_latest_but_accepts_any_public_item(team, monkeypatch):
    # given a select listing one item, and two public items
    monkeypatch.setattr("gongkai.workspace.publications.forms.EXPLAINER_CHOICES", 1)
    older = publish(team, title="较早的解读")
    newer = publish(team, title="最近的解读")

    # then the latest is listed, the older one accepted all the same
    form = ItemDraftForm(fields(team, explainer=older.pk), agency_id=team.agency.pk)
    assert choices(form) == ["", newer.pk]
    assert form.is_valid() and form.cleaned_data["explainer"] == older
    # and when it is the current choice, it is listed too
    form = ItemDraftForm(agency_id=team.agency.pk, initial={"explainer": older.pk})
    assert choices(form) == ["", newer.pk, older.pk]
