"""补正 (条例第三十条) handed in online on the tracking page, or received on paper by staff.

Issue 11, item 7: an online applicant could not complete a 补正 — the status page said to submit
as the notice said, the notice named no channel, and the portal had no way to submit.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.selectors import application_clock
from gongkai.applications.services import (
    WorkflowError,
    application_answer_clarification,
    application_register,
    application_request_clarification,
    application_submit_clarification,
)
from gongkai.applications.tests.factories import make_office, person

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def awaiting(office, *, answer_due: dt.date | None = None):
    """An application received in person three days ago, asked to supplement two days ago."""
    today = timezone.localdate()
    submission = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.IN_PERSON,
        arrived_on=today - dt.timedelta(days=3),
    )
    case = submission.application
    case = application_request_clarification(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        items=["请写明所需信息的年份"],
        answer_due=answer_due or today + dt.timedelta(days=10),
        on=today - dt.timedelta(days=2),
    ).application
    return submission, case


def test_the_applicant_submits_the_supplement_on_the_tracking_page(client):
    office = make_office()
    submission, case = awaiting(office)
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    page = client.get(reverse("portal:track_status", args=[case.tracking_code]))
    html = page.content.decode()
    assert "提交补正" in html and "网上提交" in html
    # when the applicant sends the text and a file
    response = client.post(
        reverse("portal:track_clarify", args=[case.tracking_code]),
        {
            "version": str(case.version),
            "content": "所需信息为2025年度的名录",
            "attachments": SimpleUploadedFile("补正.pdf", PDF),
        },
    )
    assert response.status_code == 302
    # then it is received today: the clock runs afresh, and staff see it on the case
    case.refresh_from_db()
    assert case.state == "received"
    today = timezone.localdate()
    assert application_clock(application=case).receipt_date == today
    answer = case.events.get(kind="clarification_answered")
    assert answer.actor is None and answer.date == today
    assert answer.details["channel"] == "online"
    assert answer.details["content"] == "所需信息为2025年度的名录"
    (attachment,) = case.attachments.filter(pk__in=answer.details["attachments"])
    assert attachment.original_name == "补正.pdf"
    page = client.get(reverse("portal:track_status", args=[case.tracking_code]))
    assert "已收到您提交的补正材料" in page.content.decode()
    client.force_login(office.office)
    staff = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    staff_html = staff.content.decode()
    assert "申请人在网上提交" in staff_html and "所需信息为2025年度的名录" in staff_html
    assert "补正.pdf" in staff_html


def test_an_empty_supplement_and_a_stranger_are_refused(client):
    office = make_office()
    submission, case = awaiting(office)
    url = reverse("portal:track_clarify", args=[case.tracking_code])
    # without the codes in this session the address alone opens nothing
    assert client.post(url, {"version": str(case.version), "content": "x"}).status_code == 302
    assert Application.objects.get(pk=case.pk).state == "awaiting_clarification"
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    response = client.post(url, {"version": str(case.version), "content": " "})
    assert response.status_code == 400
    assert "请填写补正内容或上传补正材料" in response.content.decode()


def test_online_submission_closes_after_the_deadline(client):
    office = make_office()
    today = timezone.localdate()
    submission, case = awaiting(office, answer_due=today - dt.timedelta(days=1))
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    html = client.get(reverse("portal:track_status", args=[case.tracking_code])).content.decode()
    assert "补正期限已届满，不能再在网上提交" in html and "提交补正</button>" not in html
    with pytest.raises(WorkflowError, match="已届满"):
        application_submit_clarification(
            application=case, seen_version=case.version, content="迟交的补正"
        )


def test_staff_record_a_paper_supplement_with_its_content_and_scan(client):
    office = make_office()
    _, case = awaiting(office)
    client.force_login(office.office)
    url = reverse("workspace:case_act", args=[case.tracking_code, "answer_clarification"])
    response = client.post(
        url,
        {
            "answer_clarification-version": str(case.version),
            "answer_clarification-content": "申请人来信写明年份为2025年",
            "answer_clarification-scans": SimpleUploadedFile("来信.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()
    answer = case.events.get(kind="clarification_answered")
    assert answer.details["channel"] == "paper" and answer.actor == office.office
    assert case.attachments.filter(pk__in=answer.details["attachments"]).count() == 1
    # 条例第三十条: one 补正 per case; 告知补正 is no longer offered once it was answered
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    offered = [form.action.value for form in page.context["action_forms"]]
    assert "request_clarification" not in offered


def test_a_late_paper_supplement_needs_a_good_reason_and_shows_it(client):
    # docs/decisions/0009: after the 补正期限, only with the 正当理由 staff accept
    office = make_office()
    today = timezone.localdate()
    _, case = awaiting(office, answer_due=today - dt.timedelta(days=1))
    with pytest.raises(WorkflowError, match="逾期不补正，不再处理"):
        application_answer_clarification(
            application=case, actor=office.office, seen_version=case.version, content="迟交"
        )
    case = application_answer_clarification(
        application=case,
        actor=office.office,
        seen_version=case.version,
        content="迟交",
        late_reason="申请人住院治疗，有医院证明",
    ).application
    assert case.state == "received"
    client.force_login(office.office)
    html = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert "补正期限届满后收到；认可的正当理由：申请人住院治疗，有医院证明" in html
