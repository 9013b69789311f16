"""Each role's home lists what waits for that person (issue 11, items 6 and 9).

The disclosure office: applications waiting for 确认收到 with their age in working days, and
received ones not yet handed to a section; a handler: its own open cases by due date; an
author: its returned drafts with the reason first; the approver: items to approve and cases to
decide; the confidentiality reviewer: items to review; every empty queue says so in a sentence.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.applications.models import Application
from gongkai.applications.services import application_assign, application_submit
from gongkai.applications.tests.factories import make_office, person, registered
from gongkai.holidays.selectors import official_calendar
from gongkai.publications.services import item_approve, item_create_draft, item_reject, item_submit
from gongkai.publications.tests.factories import content, make_team

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return str(client.get(reverse("workspace:home")).content.decode())


def queue(html: str, key: str) -> str:
    """The HTML of one queue's card on the home page ('' when absent)."""
    found = re.search(rf'<section class="card queue" id="queue-{key}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def some_workdays_ago(n: int) -> dt.date:
    """A day from which exactly `n` working days have passed up to today."""
    calendar, day = official_calendar(), timezone.localdate()
    while calendar.workdays_between(day, timezone.localdate()).days < n:
        day -= dt.timedelta(days=1)
    return day


def test_the_office_sees_online_applications_waiting_for_confirmation_with_their_age(client):
    # given an online application submitted three working days ago and never confirmed
    office = make_office()
    submitted = application_submit(
        agency=office.agency, applicant=person(description="请公开2025年本区规模以上工业企业名录")
    ).application
    arrived = some_workdays_ago(3)
    Application.objects.filter(pk=submitted.pk).update(
        arrived_at=timezone.make_aware(dt.datetime.combine(arrived, dt.time(10)))
    )
    # when the office opens its home
    card = queue(home(client, office.office), "unconfirmed")
    # then it is listed, with its first words and its age in working days
    assert submitted.tracking_code in card
    assert "请公开2025年本区规模以上工业企业名录" in card
    written = f"{arrived.year}年{arrived.month}月{arrived.day}日"  # as people write a date
    assert f"网上提交于 {written}，已等待 3 个工作日" in card
    assert "张三" not in card  # no personal data in a list
    # and a handler, who cannot confirm receipt, has no such queue
    assert queue(home(client, office.handler), "unconfirmed") == ""


def test_the_office_sees_received_cases_not_yet_handed_to_a_section(client):
    office = make_office()
    waiting = registered(office, timezone.localdate(), description="申请公开统计执法检查结果")
    handed = registered(office, timezone.localdate())
    application_assign(
        application=handed, actor=office.office, seen_version=handed.version, section=office.section
    )
    card = queue(home(client, office.office), "unassigned")
    assert waiting.tracking_code in card and "申请公开统计执法检查结果" in card
    assert handed.tracking_code not in card


def test_a_handler_sees_its_own_open_cases_earliest_due_first(client):
    # given two cases of the handler, one of a colleague in another section, and a decided one
    office = make_office()
    other = make_section(agency=office.agency, name="综合股")
    colleague = make_member(agency=office.agency, role=Role.HANDLER, section=other)
    today = timezone.localdate()
    later = registered(office, today)
    sooner = registered(office, today - dt.timedelta(days=10))
    theirs = registered(office, today - dt.timedelta(days=12))
    for case, section, handler in [
        (later, office.section, office.handler),
        (sooner, office.section, office.handler),
        (theirs, other, colleague),
    ]:
        application_assign(
            application=case,
            actor=office.office,
            seen_version=case.version,
            section=section,
            handler=handler,
        )
    # when the handler opens its home
    card = queue(home(client, office.handler), "mine")
    # then its two cases are listed, the one due sooner first, with the days left
    assert card.index(sooner.tracking_code) < card.index(later.tracking_code)
    assert theirs.tracking_code not in card
    assert "剩 " in card and "个工作日" in card


def test_an_author_sees_its_returned_draft_with_the_reason_first(client):
    team = make_team()
    item = item_create_draft(
        actor=team.handler, agency=team.agency, content=content(team, title="2025年统计公报")
    )
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item_reject(
        item=item, actor=team.approver, seen_version=item.version, reason="请补充数据来源。"
    )
    card = queue(home(client, team.handler), "returned")
    assert "2025年统计公报" in card
    assert card.index("退回修改：请补充数据来源。") < card.index("2025年统计公报")
    # the approver who sent it back has nothing of it waiting
    assert "2025年统计公报" not in home(client, team.approver)


def test_approver_and_confidentiality_reviewer_see_the_items_waiting_for_their_step(client):
    team = make_team()
    to_approve = item_create_draft(
        actor=team.handler, agency=team.agency, content=content(team, title="待审核的公告")
    )
    item_submit(item=to_approve, actor=team.handler, seen_version=to_approve.version)
    to_review = item_create_draft(
        actor=team.handler, agency=team.agency, content=content(team, title="待保密审查的公报")
    )
    to_review = item_submit(item=to_review, actor=team.handler, seen_version=to_review.version)
    item_approve(item=to_review, actor=team.approver, seen_version=to_review.version)
    approver_home = home(client, team.approver)
    assert "待审核的公告" in queue(approver_home, "approve")
    assert "待保密审查的公报" not in queue(approver_home, "approve")
    reviewer_home = home(client, team.reviewer)
    assert "待保密审查的公报" in queue(reviewer_home, "secrecy")
    assert "待审核的公告" not in reviewer_home


def test_an_approver_is_not_shown_an_item_it_wrote(client):
    team = make_team()
    author = make_member(agency=team.agency, role=Role.DISCLOSURE_OFFICE, user=team.approver)
    item = item_create_draft(actor=author, agency=team.agency, content=content(team, title="自拟"))
    item_submit(item=item, actor=author, seen_version=item.version)
    assert "自拟" not in queue(home(client, team.approver), "approve")


def test_approver_and_leader_see_the_cases_they_may_decide(client):
    office = make_office()
    case = registered(office, timezone.localdate(), description="申请公开年度统计公报底稿")
    for user in (office.approver, office.leader):
        card = queue(home(client, user), "decide")
        assert case.tracking_code in card and "申请公开年度统计公报底稿" in card


@pytest.mark.parametrize(
    ("role", "key", "sentence"),
    [
        (Role.HANDLER, "mine", "您目前没有承办中的申请。"),
        (Role.HANDLER, "returned", "没有退回给您修改的草稿。"),
        (Role.DISCLOSURE_OFFICE, "unconfirmed", "没有待确认收到的申请。"),
        (Role.DISCLOSURE_OFFICE, "unassigned", "没有待交办的申请。"),
        (Role.DISCLOSURE_OFFICE, "publish", "没有待发布的信息。"),
        (Role.APPROVER, "approve", "没有待您审核的信息。"),
        (Role.APPROVER, "decide", "没有待作出答复决定的申请。"),
        (Role.CONFIDENTIALITY_REVIEWER, "secrecy", "没有待保密审查的信息。"),
    ],
)
def test_an_empty_queue_says_so_in_plain_chinese(client, role, key, sentence):
    agency = make_agency()
    user = make_member(agency=agency, role=role)
    assert sentence in queue(home(client, user), key)


def test_a_supervising_reviewer_is_told_nothing_waits_and_offered_no_drafting(client):
    above = make_agency(code="zmd-kfq")
    make_agency(code="zmd-tjj", parent=above)
    user = make_member(agency=above, role=Role.SUPERVISING_REVIEWER)
    html = home(client, user)
    assert "您的岗位没有需要逐件办理的事项" in html
    for offer in ("起草", "登记申请", "登记和查看"):
        assert offer not in html
    assert reverse("workspace:case_register") not in html


@pytest.mark.parametrize("role", list(Role))
def test_no_link_on_a_home_page_leads_to_a_refusal(client, role):
    # given an agency under a supervising office, with one person in the role
    above = make_agency(code="zmd-kfq")
    agency = make_agency(code="zmd-tjj", parent=above)
    make_section(agency=agency, name="统计股")
    user = make_member(agency=above if role == Role.SUPERVISING_REVIEWER else agency, role=role)
    # when every workspace link of its home is followed
    links = set(re.findall(r'href="(/workspace/[^"]*)"', home(client, user)))
    refused = [
        link
        for link in sorted(links)
        if not link.startswith("/workspace/logout")
        and client.get(link.replace("&amp;", "&")).status_code == 403
    ]
    # then none is refused
    assert links and not refused


def test_the_case_list_shows_the_requests_first_words_and_its_submission_date(client):
    office = make_office()
    day = timezone.localdate() - dt.timedelta(days=3)
    case = registered(
        office, day, description="申请公开2025年本区规模以上工业企业主要经济指标的统计口径说明"
    )
    client.force_login(office.approver)
    html = client.get(reverse("workspace:case_list")).content.decode()
    row = re.search(rf"<tr>\s*<td[^>]*><a[^>]*>{case.tracking_code}</a>.*?</tr>", html, re.S)
    assert row is not None
    cell = re.search(r'<td class="request-words">(.*?)</td>', row.group(0))
    assert cell is not None
    assert cell.group(1).startswith("申请公开2025年本区规模以上工业企业") and cell.group(
        1
    ).endswith("…")
    assert f"{day:%Y-%m-%d}" in row.group(0)


def test_staff_pages_show_dates_not_internal_counters(client):
    office = make_office()
    case = registered(office, timezone.localdate())
    client.force_login(office.office)
    html = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert "<dt>版本</dt>" not in html and "最近更新" in html
    team = make_team()
    item = item_create_draft(actor=team.handler, agency=team.agency, content=content(team))
    client.force_login(team.handler)
    html = client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()
    assert "记录版本" not in html and "最近保存于" in html


def test_a_returned_draft_shows_the_reason_at_the_top_of_its_page(client):
    team = make_team()
    item = item_create_draft(actor=team.handler, agency=team.agency, content=content(team))
    item = item_submit(item=item, actor=team.handler, seen_version=item.version)
    item_reject(
        item=item, actor=team.approver, seen_version=item.version, reason="请补充数据来源。"
    )
    client.force_login(team.handler)
    html = client.get(reverse("workspace:publication_detail", args=[item.pk])).content.decode()
    assert html.index("请补充数据来源。") < html.index("<h2>")


def test_a_correction_request_is_marked_in_the_queues(client, settings, tmp_path):
    # given a 更正申请 and a disclosure request, both submitted online
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    office = make_office()
    evidence = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    correction = application_submit(
        agency=office.agency,
        applicant=person(request_kind="correction", correction_requested="记载为3人，实为4人"),
        attachments=[evidence],
    ).application
    disclosure = application_submit(agency=office.agency, applicant=person()).application
    # when the office opens its home
    card = queue(home(client, office.office), "unconfirmed")
    # then the 更正申请 carries its tag beside its number, the other none
    row = re.search(rf"{correction.tracking_code}</a>(.*?)<br>", card, re.S)
    assert row is not None and '<span class="tag">更正申请</span>' in row.group(1)
    other = re.search(rf"{disclosure.tracking_code}</a>(.*?)<br>", card, re.S)
    assert other is not None and "更正申请" not in other.group(1)


def test_an_annual_report_past_its_date_says_so_in_words(client):
    # given last year's report still a draft after 31 January
    from gongkai.reporting.services import report_draft

    office = make_office()
    year = timezone.localdate().year - 2  # due 31 January of last year: past, whatever today is
    report_draft(agency=office.agency, year=year, actor=office.office)
    card = queue(home(client, office.office), "report")
    assert f"应于 {year + 1}年1月31日前公布，已逾期" in card
