"""page_save: permission, validation in Chinese, one audit event per version, nothing deleted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.audit.models import AuditEvent
from gongkai.pages.demo import load_demo_pages
from gongkai.pages.models import AgencyPage, AgencyPageRevision, PageKind
from gongkai.pages.selectors import (
    agencies_with_pages_edited_by,
    draft_of,
    editor_text,
    page_of,
    pages_of,
    published_page_of,
    revisions_of,
)
from gongkai.pages.services import page_publish, page_save, page_save_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


def test_a_draft_is_saved_and_audited_but_the_portal_shows_nothing_until_published(bureau):
    # given
    office = make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE)
    # when the office saves a draft
    revision = page_save_draft(
        actor=office, agency=bureau, kind=PageKind.GUIDE, title=" 公开指南 ", source="第一段"
    )
    # then the revision keeps what was typed and its HTML; nothing is published
    assert (revision.number, revision.title, revision.source, revision.body) == (
        1,
        "公开指南",
        "第一段",
        "<p>第一段</p>",
    )
    assert published_page_of(agency=bureau, kind=PageKind.GUIDE) is None
    page = page_of(agency=bureau, kind=PageKind.GUIDE)
    assert page is not None and draft_of(page=page) == revision
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.agency) == ("page.save", office, bureau)
    assert event.after == {"title": "公开指南", "revision": 1, "body_chars": 10}
    # when the office publishes it
    page = page_publish(actor=office, agency=bureau, kind=PageKind.GUIDE, number=1)
    # then the portal shows it, and the act is audited
    shown = published_page_of(agency=bureau, kind=PageKind.GUIDE)
    assert shown is not None and (shown.title, shown.body, shown.updated_by) == (
        "公开指南",
        "<p>第一段</p>",
        office,
    )
    assert draft_of(page=page) is None
    published = AuditEvent.objects.get(action="page.publish")
    assert published.actor == office and published.before is None
    assert published.after == {"title": "公开指南", "revision": 1, "body_chars": 10}


def test_the_portal_keeps_the_published_text_while_a_newer_draft_waits(bureau):
    # given a published page
    page_save(actor=None, agency=bureau, kind=PageKind.GUIDE, title="指南", body="旧文字")
    # when a new draft is saved
    draft = page_save_draft(
        actor=None, agency=bureau, kind=PageKind.GUIDE, title="新指南", source="新文字"
    )
    # then the portal still shows the old text
    shown = published_page_of(agency=bureau, kind=PageKind.GUIDE)
    assert shown is not None and (shown.title, shown.body) == ("指南", "<p>旧文字</p>")
    # until the draft is published; then both versions are kept
    page_publish(actor=None, agency=bureau, kind=PageKind.GUIDE, number=draft.number)
    shown = published_page_of(agency=bureau, kind=PageKind.GUIDE)
    assert shown is not None and (shown.title, shown.body) == ("新指南", "<p>新文字</p>")
    assert [(r.number, r.body) for r in revisions_of(page=shown)] == [
        (2, "<p>新文字</p>"),
        (1, "<p>旧文字</p>"),
    ]
    second = AuditEvent.objects.filter(action="page.publish").order_by("id").last()
    assert second is not None and second.before == {"title": "指南", "revision": 1}
    # an older version can be published again (restored); the one shown cannot
    page_publish(actor=None, agency=bureau, kind=PageKind.GUIDE, number=1)
    restored = published_page_of(agency=bureau, kind=PageKind.GUIDE)
    assert restored is not None and restored.body == "<p>旧文字</p>"
    with pytest.raises(ValidationError, match="已在门户网站显示"):
        page_publish(actor=None, agency=bureau, kind=PageKind.GUIDE, number=1)
    with pytest.raises(ValidationError, match="没有第 9 版"):
        page_publish(actor=None, agency=bureau, kind=PageKind.GUIDE, number=9)


def test_saving_the_same_text_again_records_nothing(bureau):
    page_save(actor=None, agency=bureau, kind=PageKind.POLICIES, title="制度", body="同一段")
    page_save(actor=None, agency=bureau, kind=PageKind.POLICIES, title="制度", body="同一段")
    assert AgencyPageRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action="page.save").count() == 1
    assert AuditEvent.objects.filter(action="page.publish").count() == 1


def test_a_page_written_as_html_before_drafts_is_edited_as_markup(bureau):
    # given a revision saved by the old editor (HTML, no source)
    page = page_save(actor=None, agency=bureau, kind=PageKind.GUIDE, title="指南", body="x")
    old = AgencyPageRevision.objects.create(
        page=page, number=2, title="指南", body="<h2>一、概述</h2><ul><li>地址</li></ul>",
        saved_at=page.updated_at,
    )  # fmt: skip
    # then the editor gets markup for it
    assert editor_text(old) == "## 一、概述\n\n- 地址"


@pytest.mark.parametrize(
    ("title", "body", "field", "message"),
    [
        ("", "正文", "title", "标题不能为空。"),
        ("   ", "正文", "title", "标题不能为空。"),
        ("长" * 129, "正文", "title", "标题至多 128 个字。"),
        ("指南", "", "body", "正文不能为空。"),
        ("指南", "  \n\n ", "body", "正文不能为空。"),
    ],
)
def test_invalid_input_is_refused_in_chinese_and_nothing_is_written(
    bureau, title, body, field, message
):
    with pytest.raises(ValidationError) as caught:
        page_save(actor=None, agency=bureau, kind=PageKind.GUIDE, title=title, body=body)
    assert caught.value.message_dict == {field: [message]}
    assert not AgencyPage.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.DISCLOSURE_OFFICE, True),
        (Role.HANDLER, False),
        (Role.APPROVER, False),
        (Role.CONFIDENTIALITY_REVIEWER, False),
        (Role.LEADER, False),
    ],
)
def test_only_the_disclosure_office_and_administrators_may_save(bureau, role, allowed):
    actor = make_member(agency=bureau, role=role)
    if allowed:
        page_save(actor=actor, agency=bureau, kind=PageKind.GUIDE, title="指南", body="正文")
        assert AgencyPage.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            page_save(actor=actor, agency=bureau, kind=PageKind.GUIDE, title="指南", body="正文")
        assert not AgencyPage.objects.exists()
    # the selector agrees with the predicate
    assert agencies_with_pages_edited_by(user=actor).filter(pk=bureau.pk).exists() is allowed


def test_the_supervising_office_administrator_may_save_but_its_reviewer_may_not(bureau):
    admin_above = make_member(agency=bureau.parent, role=Role.ADMINISTRATOR)
    reviewer_above = make_member(agency=bureau.parent, role=Role.SUPERVISING_REVIEWER)
    office_above = make_member(agency=bureau.parent, role=Role.DISCLOSURE_OFFICE)
    page_save(actor=admin_above, agency=bureau, kind=PageKind.GUIDE, title="指南", body="正文")
    for outsider in (reviewer_above, office_above, make_user()):
        with pytest.raises(PermissionDenied):
            page_save(actor=outsider, agency=bureau, kind=PageKind.GUIDE, title="指南", body="改")
        assert not agencies_with_pages_edited_by(user=outsider).filter(pk=bureau.pk).exists()


def test_pages_and_revisions_cannot_be_deleted_or_rewritten(bureau):
    page = page_save(actor=None, agency=bureau, kind=PageKind.GUIDE, title="指南", body="正文")
    revision = page.revisions.get()
    with pytest.raises(PermissionError):
        page.delete()
    with pytest.raises(PermissionError):
        revision.delete()
    revision.body = "篡改"
    with pytest.raises(PermissionError):
        revision.save()
    # a bulk delete is stopped by the protected revisions
    with pytest.raises(ProtectedError):
        AgencyPage.objects.all().delete()
    assert AgencyPage.objects.count() == 1 and AgencyPageRevision.objects.count() == 1


def test_pages_of_lists_every_kind_written_or_not(bureau):
    page_save(actor=None, agency=bureau, kind=PageKind.POLICIES, title="制度", body="正文")
    pages = pages_of(agency=bureau)
    assert list(pages) == [PageKind.GUIDE, PageKind.POLICIES]
    policies = pages[PageKind.POLICIES]
    assert pages[PageKind.GUIDE] is None and policies is not None and policies.title == "制度"


def test_demo_pages_are_written_once_and_marked_as_a_demo(bureau):
    assert load_demo_pages(agency=bureau) == 2
    assert load_demo_pages(agency=bureau) == 0
    guide = page_of(agency=bureau, kind=PageKind.GUIDE)
    assert guide is not None and "演示数据" in guide.body and "第十二条" in guide.body
    assert AuditEvent.objects.filter(action="page.save").count() == 2
    # the demo's HTML texts were turned into the office's markup
    revision = guide.revisions.get()
    assert "<" not in revision.source and "## 一、主动公开" in revision.source
    assert 'href="/apply/"' in guide.body
