"""A 更正申请 (条例第四十一条) through the workspace's pages: registered, shown, decided with
its own outcomes, and answered with the 更正申请答复书 read back from its PDF."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from urllib.parse import quote

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.tests.factories import make_office
from gongkai.letters.models import IssuedLetter
from gongkai.letters.services import letter_settings_save

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
D = dt.date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def office():
    office = make_office()
    letter_settings_save(
        actor=office.office,
        agency=office.agency,
        reconsideration_organ="驻马店市人民政府",
        court="驻马店市驿城区人民法院",
    )
    return office


def register(client, office) -> Application:
    client.force_login(office.office)
    response = client.post(
        reverse("workspace:case_register"),
        {
            "agency": office.agency.pk,
            "request_kind": "correction",
            "channel": "in_person",
            "arrived_on": "2026-03-02",
            "applicant_kind": "natural_person",
            "applicant_name": "孙八",
            "contact_address": "驻马店市某路3号",
            "description": "2025年度低保对象公示名单中本人的家庭人口数",
            "correction_requested": "记载为3人，实为4人",
        },
    )
    assert response.status_code == 302, response.content.decode()
    html = client.get(response["Location"]).content.decode()
    assert "申请类型：更正申请" in html
    return Application.objects.get(applicant_name="孙八")


def test_the_office_registers_a_correction_and_the_case_page_shows_it(client, office):
    case = register(client, office)
    assert (case.request_kind, case.state, case.receipt_date) == (
        "correction",
        "received",
        D(2026, 3, 2),
    )
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    html = page.content.decode()
    assert "<h1>更正申请" in html and "不计入年度报告表三" in html
    assert "记载为3人，实为4人" in html and "要求更正的记录" in html
    assert "参照《条例》第三十三条第二款" in html and "服务标准" in html
    assert "获取形式" not in html
    # registered from paper with no file: the page does not point to attachments it lacks
    assert "证据材料见附件" not in html and "证据材料随纸质申请存档" in html
    assert [form.action.value for form in page.context["action_forms"]] == ["assign", "withdraw"]


def test_the_approver_decides_with_a_correction_outcome_and_the_reply_is_issued(client, office):
    case = register(client, office)
    client.force_login(office.approver)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    assert [form.action.value for form in page.context["action_forms"]] == ["decide"]
    response = client.post(
        reverse("workspace:case_act", args=[case.tracking_code, "decide"]),
        {
            "decide-version": case.version,
            "decide-outcome": "correction.refused",
            "decide-on": "2026-03-20",
        },
    )
    assert response.status_code == 302, response.content.decode()
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("decided", "correction.refused")
    # the office issues the 更正申请答复书 from the case page, the only letter offered
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    assert [form.kind.value for form in page.context["letter_forms"]] == ["correction_reply"]
    response = client.post(
        reverse("workspace:case_letter_new", args=[case.tracking_code, "correction_reply"]),
        {
            "letter-correction_reply-letter_date": "2026-03-20",
            "letter-correction_reply-reasons": "所附材料不能证明该记录不准确",
            "letter-correction_reply-contact": "王科员，0396-1234567",
        },
    )
    assert response.status_code == 302, response.content.decode()
    letter = IssuedLetter.objects.get(application=case, kind="correction_reply")
    pdf = client.get(reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]))
    # the file is named in Chinese, not by the stored kind (correction_reply)
    disposition = pdf["Content-Disposition"]
    assert quote(f"{case.tracking_code}-更正申请答复书-") in disposition
    assert "correction_reply" not in disposition
    with pdfplumber.open(BytesIO(b"".join(pdf.streaming_content))) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages).replace("\n", "")
    assert "政府信息更正申请答复书" in text
    assert "不符合《条例》第四十一条规定的更正条件，本机关决定不予更正" in text
    assert "理由：所附材料不能证明该记录不准确。" in text
    assert "驻马店市人民政府申请行政复议" in text and "也可以自收到本答复之日起6个月内" in text
    assert "联系人及电话：王科员，0396-1234567" in text
