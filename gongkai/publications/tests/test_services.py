"""The path to publication through the services: events, audit, refusals, index numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.applications.procedure.identity import resident_id_check_character
from gongkai.audit.models import AuditEvent
from gongkai.publications.models import ConfidentialityReview, ItemEvent, ItemRevision, Validity
from gongkai.publications.services import (
    ConcurrentChange,
    ReviewChecklist,
    UnresolvedFindings,
    WorkflowError,
    item_approve,
    item_attach,
    item_findings,
    item_publish,
    item_reject,
    item_retire,
    item_review_clear,
    item_review_reject,
    item_revise,
    item_submit,
    item_update_draft,
    item_withdraw,
    publish_due_scheduled,
)
from gongkai.publications.tests.factories import (
    ALL_CLEAR,
    cleared,
    content,
    draft,
    make_team,
    published,
)
from gongkai.publications.workflow import State

pytestmark = pytest.mark.django_db

BODY17 = "41172119900307123"
VALID_ID = BODY17 + resident_id_check_character(BODY17)


def test_the_whole_path_publishes_with_an_index_number_events_and_audit() -> None:
    # given a team
    team = make_team(code="tjj")
    # when an item is drafted, submitted, approved, cleared and published
    item = published(team)
    # then it is public with the year's first index number
    year = timezone.localdate().year
    assert item.state == State.PUBLISHED
    assert item.is_public
    assert item.index_number == f"tjj/{year}-00001"
    assert item.public_revision_number == 1
    # and each step left one event and one audit event
    actions = list(ItemEvent.objects.filter(item=item).values_list("action", flat=True))
    assert actions == ["create", "submit", "approve", "review_clear", "publish"]
    audited = AuditEvent.objects.filter(object_type="publications.publisheditem")
    assert audited.count() == 5


def test_the_author_cannot_approve_their_own_item() -> None:
    # given an approver who also drafted the item (holding the handler role too)
    team = make_team()
    from gongkai.agencies.models import Membership, Role

    Membership.objects.create(user=team.approver, agency=team.agency, role=Role.HANDLER)
    item = draft(team)
    item = item_update_draft(
        item=item, actor=team.approver, seen_version=item.version, content=content(team)
    )
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    # when they try to approve it, then refused and nothing changes
    with pytest.raises(WorkflowError, match="不能审核自己的信息"):
        item_approve(item=item, actor=team.approver, seen_version=item.version)
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


def test_an_item_with_a_resident_id_number_cannot_be_published_without_an_override() -> None:
    # given an approved item whose body carries a valid resident id number
    team = make_team()
    item = draft(team, body=f"经查，当事人（身份证号{VALID_ID}）已整改。")
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    # when the reviewer clears it without an override, then refused
    with pytest.raises(UnresolvedFindings) as refused:
        item_review_clear(
            item=item, actor=team.reviewer, seen_version=item.version, checklist=ALL_CLEAR
        )
    (finding,) = refused.value.findings
    # and it cannot be published either
    with pytest.raises(WorkflowError):
        item_publish(item=item, actor=team.office, seen_version=item.version)
    # an override without a reason does not count
    with pytest.raises(UnresolvedFindings):
        item_review_clear(
            item=item,
            actor=team.reviewer,
            seen_version=item.version,
            checklist=ALL_CLEAR,
            overrides={finding.key: " "},
        )
    # when the finding is overridden with a reason, it clears and can be published
    item = item_review_clear(
        item=item,
        actor=team.reviewer,
        seen_version=item.version,
        checklist=ALL_CLEAR,
        overrides={finding.key: "已取得本人书面同意"},
    )
    review = ConfidentialityReview.objects.get(item=item)
    assert review.overrides == {finding.key: "已取得本人书面同意"}
    assert VALID_ID not in str(review.findings)
    item = item_publish(item=item, actor=team.office, seen_version=item.version)
    assert item.is_public


def test_the_scan_reads_text_attachments() -> None:
    team = make_team()
    item = draft(team)
    item_attach(
        item=item,
        actor=team.handler,
        seen_version=item.version,
        name="名单.txt",
        data="联系人电话 13812345678\n".encode(),
    )
    item.refresh_from_db()
    assert item.revision_number == 2
    (finding,) = item_findings(item)
    assert finding.source.startswith("attachment:")


def test_the_checklist_must_be_answered() -> None:
    team = make_team()
    item = draft(team)
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    with pytest.raises(WorkflowError, match="个人隐私"):
        item_review_clear(
            item=item,
            actor=team.reviewer,
            seen_version=item.version,
            checklist=ReviewChecklist(True, False, True),
        )


def test_rejections_need_a_reason_and_send_the_item_back_to_draft() -> None:
    team = make_team()
    item = item_submit(item=draft(team), actor=team.handler, seen_version=1)
    with pytest.raises(WorkflowError, match="理由"):
        item_reject(item=item, actor=team.approver, seen_version=item.version, reason="")
    item = item_reject(
        item=item, actor=team.approver, seen_version=item.version, reason="数据需核实"
    )
    assert item.state == State.DRAFT
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    item = item_review_reject(
        item=item, actor=team.reviewer, seen_version=item.version, reason="含内部工作信息"
    )
    assert item.state == State.DRAFT
    assert ItemEvent.objects.filter(item=item, reason="含内部工作信息").count() == 1


def test_a_stale_version_is_refused_and_nothing_is_written() -> None:
    team = make_team()
    item = draft(team)
    stale = item.version
    item_update_draft(
        item=item, actor=team.handler, seen_version=stale, content=content(team, title="新标题")
    )
    with pytest.raises(ConcurrentChange):
        item_submit(item=item, actor=team.handler, seen_version=stale)
    assert ItemEvent.objects.filter(item=item, action="submit").count() == 0


def test_someone_without_a_role_is_refused() -> None:
    team = make_team()
    other = make_team()
    item = item_submit(item=draft(team), actor=team.handler, seen_version=1)
    with pytest.raises(PermissionDenied):
        item_approve(item=item, actor=other.approver, seen_version=item.version)


def test_a_revision_goes_through_the_path_while_the_public_version_stays() -> None:
    # given a published item
    team = make_team()
    item = published(team, title="旧标题")
    number = item.index_number
    # when a new version is started and edited
    item = item_revise(item=item, actor=team.handler, seen_version=item.version, reason="数据更正")
    item = item_update_draft(
        item=item,
        actor=team.handler,
        seen_version=item.version,
        content=content(team, title="新标题"),
    )
    # then the public still sees the old version
    assert (item.state, item.is_public, item.title) == (State.DRAFT, True, "旧标题")
    # when the new version passes the path and is published
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item = item_approve(item=item, actor=team.approver, seen_version=item.version)
    item = item_review_clear(
        item=item, actor=team.reviewer, seen_version=item.version, checklist=ALL_CLEAR
    )
    item = item_publish(item=item, actor=team.office, seen_version=item.version)
    # then it replaces the public version; the number stays; every version is kept
    assert (item.title, item.index_number, item.public_revision_number) == ("新标题", number, 3)
    assert list(ItemRevision.objects.filter(item=item).values_list("title", flat=True)) == [
        "旧标题",
        "旧标题",
        "新标题",
    ]


def test_withdrawal_needs_a_reason_and_keeps_the_item() -> None:
    team = make_team()
    item = published(team)
    with pytest.raises(WorkflowError):
        item_withdraw(item=item, actor=team.office, seen_version=item.version, reason=" ")
    item = item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="信息有误")
    assert (item.state, item.is_public, item.withdrawal_reason) == (
        State.WITHDRAWN,
        False,
        "信息有误",
    )
    assert item.withdrawn_at is not None
    assert item.index_number is not None


def test_a_draft_cannot_be_withdrawn() -> None:
    team = make_team()
    item = draft(team)
    with pytest.raises(WorkflowError, match="尚未发布"):
        item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="x")


def test_retiring_a_document_sets_its_validity_and_keeps_it_public() -> None:
    team = make_team()
    item = published(team, document_number="驻开统〔2023〕1号", date_written=dt.date(2023, 3, 1))
    assert item.validity == Validity.IN_FORCE
    item = item_retire(
        item=item,
        actor=team.office,
        seen_version=item.version,
        validity=Validity.REPEALED,
        on=dt.date(2024, 1, 1),
        reason="已被新文件替代",
    )
    assert (item.validity, item.validity_changed_on, item.is_public) == (
        Validity.REPEALED,
        dt.date(2024, 1, 1),
        True,
    )


def test_an_item_that_is_not_a_document_cannot_be_retired() -> None:
    team = make_team()
    item = published(team)
    with pytest.raises(WorkflowError, match="文号"):
        item_retire(
            item=item,
            actor=team.office,
            seen_version=item.version,
            validity=Validity.RETIRED,
            on=dt.date(2024, 1, 1),
            reason="过期",
        )


def test_scheduled_publication_waits_for_its_time() -> None:
    # given a cleared item scheduled for tomorrow
    team = make_team()
    item = cleared(team)
    later = timezone.now() + dt.timedelta(days=1)
    item = item_publish(item=item, actor=team.office, seen_version=item.version, at=later)
    assert (item.state, item.is_public, item.index_number) == (State.SCHEDULED, False, None)
    # when the command runs before the time, nothing; after it, published by the system
    assert publish_due_scheduled() == []
    (done,) = publish_due_scheduled(now=later + dt.timedelta(minutes=1))
    assert (done.state, done.is_public, done.published_at) == (State.PUBLISHED, True, later)
    event = ItemEvent.objects.get(item=done, action="publish_due")
    assert event.actor is None


def test_index_numbers_count_per_agency_and_never_repeat() -> None:
    team = make_team(code="a1")
    other = make_team(code="b2")
    numbers = [published(team).index_number for _ in range(3)] + [published(other).index_number]
    year = timezone.localdate().year
    assert numbers == [
        f"a1/{year}-00001",
        f"a1/{year}-00002",
        f"a1/{year}-00003",
        f"b2/{year}-00001",
    ]


def test_the_index_number_pattern_is_configurable(settings: object) -> None:
    settings.GONGKAI_INDEX_NUMBER_PATTERN = "{agency_code}-{year}-{seq:04d}"  # type: ignore[attr-defined]
    team = make_team(code="zz")
    assert published(team).index_number == f"zz-{timezone.localdate().year}-0001"


def test_an_agency_s_index_number_prefix_is_its_own_setting() -> None:
    # given an agency whose 索引号 begin with its 统一社会信用代码
    from gongkai.agencies.admin_services import agency_update
    from gongkai.agencies.models import AgencyKind

    team = make_team(code="zmd-tjj")
    agency = team.agency
    agency_update(
        actor=None,
        agency=agency,
        code=agency.code,
        name=agency.name,
        kind=AgencyKind(agency.kind),
        parent=agency.parent,
        index_prefix="11411700mb1234567x",
    )
    team.agency.refresh_from_db()
    # then its items are numbered under that prefix, upper case
    year = timezone.localdate().year
    assert published(team).index_number == f"11411700MB1234567X/{year}-00001"


def test_the_body_is_sanitised_and_its_plain_text_kept_for_search() -> None:
    team = make_team()
    item = draft(
        team, body='<p>第一段<script>alert(1)</script></p><p onclick="x">第二段 &amp; 附注</p>'
    )
    assert "script" not in item.body and "onclick" not in item.body
    assert item.body_text == "第一段\n第二段 & 附注"
