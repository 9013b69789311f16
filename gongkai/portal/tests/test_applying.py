"""The portal's application form, its receipt, and the public status page."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import Application
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.query_codes import query_code_matches
from gongkai.applications.services import (
    application_confirm_receipt,
    application_decide,
    application_register,
    application_submit,
)
from gongkai.applications.tests.factories import (
    CREDIT_CODE,
    RESIDENT_ID,
    make_office,
    person,
    registered,
)
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.letters.tests.factories import BODIES
from gongkai.portal import applying

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_kind": "natural_person",
    "applicant_name": "李四",
    "id_document_type": "resident_id",
    "id_document_number": RESIDENT_ID,
    "contact_phone": "13900139000",
    "contact_address": "驻马店市驿城区某路2号",
    "description": "2025年度本局行政事业性收费清单",
    "delivery_form": "electronic",
    "delivery_route": "electronic",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def test_a_citizen_applies_and_sees_both_codes_once(client):
    # given the portal's agency
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    # when a citizen submits the form
    response = client.post(reverse("portal:apply"), FORM)
    # then the receipt shows the tracking code and the query code, with the note, once
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    case = Application.objects.get()
    assert case.tracking_code in html and "请妥善保存查询码" in html
    assert case.source == "portal" and case.state == "arrived"
    again = client.get(reverse("portal:apply_receipt")).content.decode()
    assert case.tracking_code not in again and "只显示一次" in again


def test_a_wrong_check_character_is_shown_beside_the_field_in_chinese(client):
    make_agency()
    bad = {**FORM, "id_document_number": RESIDENT_ID[:-1] + "1"}
    response = client.post(reverse("portal:apply"), bad)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "校验码" in errors["id_document_number"][0]
    assert Application.objects.count() == 0


def test_an_organisation_needs_a_valid_credit_code(client):
    make_agency()
    org = {**FORM, "applicant_kind": "commercial", "applicant_name": "某某有限公司"}
    org.pop("id_document_number")
    errors = client.post(reverse("portal:apply"), org).context["form"].errors
    assert errors["credit_code"] == ["请填写统一社会信用代码。"]
    wrong = {**org, "credit_code": CREDIT_CODE[:-1] + "X"}
    errors = client.post(reverse("portal:apply"), wrong).context["form"].errors
    assert "统一社会信用代码" in errors["credit_code"][0]
    right = {**org, "credit_code": CREDIT_CODE}
    assert client.post(reverse("portal:apply"), right).status_code == 302


def test_required_fields_and_contact_have_chinese_messages(client):
    make_agency()
    errors = (
        client.post(reverse("portal:apply"), {"applicant_kind": "natural_person"})
        .context["form"]
        .errors
    )
    assert errors["description"] == ["这个字段是必填项。"]
    assert errors["id_document_number"] == ["请填写身份证件号码。"]
    assert "联系方式" in errors["contact_phone"][0]


def test_a_phone_number_must_look_like_one(client):
    make_agency()
    errors = client.post(reverse("portal:apply"), {**FORM, "contact_phone": "abc"})
    assert "有效的电话号码" in errors.context["form"].errors["contact_phone"][0]
    assert Application.objects.count() == 0
    accepted = client.post(reverse("portal:apply"), {**FORM, "contact_phone": "0396-1234567转12"})
    assert accepted.status_code == 302


def test_the_form_marks_required_fields_and_says_how_personal_data_is_used(client):
    make_agency()
    html = client.get(reverse("portal:apply")).content.decode()
    assert '<label for="id_applicant_name" class="required">' in html
    assert '<label for="id_agent_name">' in html  # optional: no mark
    assert "个人信息的使用" in html and "不在网站公开" in html


def test_the_tracking_pages_keep_the_agencys_header_and_footer(client):
    # given a case of the portal's agency
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    submission = application_submit(agency=agency, applicant=person())
    # then the tracking form and the status page name the agency in the header and footer
    form_page = client.get(reverse("portal:track")).content.decode()
    assert form_page.count("驻马店经济开发区统计局") >= 2
    codes = {"tracking_code": submission.tracking_code, "query_code": submission.query_code}
    status = client.post(reverse("portal:track"), codes, follow=True).content.decode()
    header = status.split('<header class="site-header">')[1].split("</header>")[0]
    footer = status.split('<footer class="site-footer">')[1].split("</footer>")[0]
    assert "驻马店经济开发区统计局" in header and "驻马店经济开发区统计局" in footer


def test_the_receipt_links_to_tracking_with_the_tracking_code_filled_in(client):
    make_agency()
    response = client.post(reverse("portal:apply"), FORM)
    html = client.get(response["Location"]).content.decode()
    case = Application.objects.get()
    assert f'href="/track/?code={case.tracking_code}"' in html
    form_page = client.get(reverse("portal:track"), {"code": case.tracking_code}).content.decode()
    assert f'value="{case.tracking_code}"' in form_page


def test_attachments_are_sniffed_and_limited(client, settings):
    make_agency()
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024 * 1024
    exe = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    response = client.post(reverse("portal:apply"), {**FORM, "attachments": [exe]})
    assert "类型不被接受" in response.context["form"].errors["attachments"][0]
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    response = client.post(reverse("portal:apply"), {**FORM, "attachments": [big]})
    assert "超过 1 MB" in response.context["form"].errors["attachments"][0]
    pdf = SimpleUploadedFile("委托书.pdf", b"%PDF-1.4\n%...")
    assert client.post(reverse("portal:apply"), {**FORM, "attachments": [pdf]}).status_code == 302
    assert Application.objects.get().attachments.get().content_type == "application/pdf"


# --- The status page ----------------------------------------------------------------------


def test_the_status_page_shows_the_case_and_no_personal_data(client):
    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person(name="王五"))
    registered(office, dt.date(2026, 3, 2), name="赵六")  # someone else's case
    response = client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code.lower()},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert submission.tracking_code in html and "待确认收到" in html
    for personal in ("王五", "赵六", RESIDENT_ID, "13800138000", "驻马店市某路1号"):
        assert personal not in html


def test_a_wrong_pair_of_codes_gets_one_neutral_message(client):
    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person())
    wrong_query = client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": "AAAAAAAA"},
    )
    unknown = client.post(
        reverse("portal:track"), {"tracking_code": "2026-ZZZZZZZZ", "query_code": "AAAAAAAA"}
    )
    assert wrong_query.status_code == unknown.status_code == 200
    message = "申请编号或查询码不正确，请核对后重新输入。"
    assert message in wrong_query.content.decode() and message in unknown.content.decode()


def test_the_status_address_alone_opens_nothing(client):
    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person())
    response = client.get(reverse("portal:track_status", args=[submission.tracking_code]))
    assert response.status_code == 302 and response["Location"] == reverse("portal:track")


def test_guessing_is_throttled(client, settings):
    settings.GONGKAI_TRACK_FAILURE_LIMIT = 3
    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person())
    for _ in range(3):
        client.post(reverse("portal:track"), {"tracking_code": "2026-ZZZZZZZZ", "query_code": "X"})
    response = client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    assert response.status_code == 429 and "查询失败次数过多" in response.content.decode()


def test_the_status_page_explains_the_due_date_without_naming_the_consulted_party(client):
    from gongkai.applications.services import (
        application_confirm_receipt,
        application_start_consultation,
    )

    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person(name="王五"))
    case = Application.objects.get(tracking_code=submission.tracking_code)
    case = application_confirm_receipt(
        application=case, actor=office.office, seen_version=case.version
    ).application
    application_start_consultation(
        application=case, actor=office.office, seen_version=case.version, party="甲科技有限公司"
    )
    response = client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    # the same reasoning as the case page and the replay command
    assert "答复期限是怎样计算的" in html
    assert page.context["explanation"].lines[0].startswith("收到申请之日为")
    assert "征求第三方或其他机关意见" in html and "甲科技有限公司" not in html


def test_an_unknown_tracking_code_costs_the_same_hashing_as_a_known_one(client, monkeypatch):
    # given a case, and a record of the query-code comparisons made
    submission = application_submit(agency=make_office().agency, applicant=person())
    checked: list[str] = []
    real = query_code_matches

    def counting(code, stored, *args, **kwargs):
        checked.append(stored)
        return real(code, stored, *args, **kwargs)

    monkeypatch.setattr("gongkai.applications.selectors.query_code_matches", counting)

    # when a wrong code is given for a known case, and any code for an unknown one
    for tracking_code in (submission.tracking_code, "2026-ZZZZZZZZ"):
        client.post(
            reverse("portal:track"), {"tracking_code": tracking_code, "query_code": "AAAAAAAA"}
        )

    # then both make one comparison against a stored form of the same scheme (constant work:
    # the delay does not tell which tracking codes exist)
    assert len(checked) == 2
    assert checked[0].split("$")[0] == checked[1].split("$")[0] == "hmac-sha256"


def _session_rows() -> str:
    return " ".join(str(s.get_decoded()) + s.session_data for s in Session.objects.all())


def test_the_session_table_never_holds_the_query_code(client):
    # given the portal's agency, and a citizen who submits the form
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    response = client.post(reverse("portal:apply"), FORM)
    stored = _session_rows()

    # when the receipt is shown
    shown = client.get(response["Location"])
    code = shown.context["receipt"]["query_code"]

    # then the code was never in the session table, and the receipt left it
    assert len(code) >= 8 and code in shown.content.decode()
    assert code not in stored
    assert "gongkai_application_receipt" not in _session_rows()
    assert shown.cookies["gongkai_receipt_pad"]["max-age"] == 0  # the pad is dropped too


def test_a_receipt_not_shown_within_ten_minutes_is_gone(client):
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    response = client.post(reverse("portal:apply"), FORM)
    assert response.cookies["gongkai_receipt_pad"]["max-age"] == 600
    session = client.session  # ten minutes pass
    session[applying.RECEIPT_KEY] = {**session[applying.RECEIPT_KEY], "expires": time.time() - 1}
    session.save()
    html = client.get(response["Location"]).content.decode()
    assert "请妥善保存查询码" not in html and "只显示一次" in html


def test_a_receipt_without_its_pad_shows_no_code(client):
    make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    response = client.post(reverse("portal:apply"), FORM)
    del client.cookies["gongkai_receipt_pad"]
    assert client.get(response["Location"]).context["receipt"] is None


@pytest.mark.pdf
def test_a_letter_whose_file_is_missing_answers_a_clear_page(client):
    # given a reply letter to an applicant, whose file a restore left out
    office = make_office()
    submission = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.IN_PERSON,
        arrived_on=dt.date(2026, 3, 2),
    )
    context = application_context(
        submission.application,
        kind=LetterKind.REPLY,
        letter_date=dt.date(2026, 3, 20),
        outcome="granted",
        provision="随本答复书附送",
        review_bodies=BODIES,
        contact="王科员，0396-1234567",
    )
    letter = letter_issue(
        agency=office.agency,
        context=context,
        actor=None,
        application=submission.application,
        formats=["pdf"],
    )
    letter.pdf_file.storage.delete(str(letter.pdf_file.name))

    # when the applicant downloads it from the status page
    codes = {"tracking_code": submission.tracking_code, "query_code": submission.query_code}
    assert client.post(reverse("portal:track"), codes).status_code == 302
    url = reverse("portal:track_letter", args=[submission.tracking_code, letter.pk, "pdf"])
    response = client.get(url)

    # then a Chinese page, not a 500
    assert response.status_code == 404
    assert "文件暂不可用" in response.content.decode()


def test_awaiting_the_fee_the_status_page_shows_the_amount_the_period_and_how_to_pay(client):
    # issue 11 (minor) with issue 14 W1: the period is dated only once the notice is served
    from gongkai.applications.procedure.fees import FeeMethod
    from gongkai.applications.services import (
        ServedLetter,
        application_confirm_receipt,
        application_record_service,
        application_request_fee,
    )

    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person())
    case = Application.objects.get(tracking_code=submission.tracking_code)
    from django.utils import timezone

    today = timezone.localdate()
    case = application_confirm_receipt(
        application=case, actor=office.office, seen_version=case.version
    ).application
    case = application_request_fee(
        application=case,
        actor=office.office,
        seen_version=case.version,
        method=FeeMethod.PER_VOLUME,
        pages=50,
    ).application
    response = client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    html = client.get(response["Location"]).content.decode()
    assert "待缴纳信息处理费" in html and "人民币 200 元" in html
    assert "自收到收费通知书次日起20个工作日内" in html
    application_record_service(
        application=case,
        actor=office.office,
        seen_version=case.version,
        letter=ServedLetter.FEE_NOTICE,
        on=today,
    )
    html = client.get(response["Location"]).content.decode()
    assert "前（含当日）" in html and "自收到收费通知书次日起20个工作日内" not in html


EVIDENCE_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_a_citizen_asks_to_correct_a_record_and_tracks_it_by_plain_names(client):
    # given the portal's agency
    office = make_office()
    correction = {
        **FORM,
        "request_kind": "correction",
        "description": "2025年度低保对象公示名单中本人的家庭人口数",
        "correction_requested": "记载为3人，实为4人",
        "delivery_form": "",
        "delivery_route": "",
    }
    # when the request comes without evidence, it is refused beside the field
    refused = client.post(reverse("portal:apply"), correction)
    assert refused.status_code == 200
    assert "更正申请须上传证明该记录不准确的证据材料。" in refused.content.decode()
    # and with its evidence it is received, the receipt saying what it is
    evidence = SimpleUploadedFile("户口簿.png", EVIDENCE_PNG, content_type="image/png")
    response = client.post(reverse("portal:apply"), {**correction, "attachments": evidence})
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert "在线提交的更正申请" in receipt and "第四十一条" in receipt and "服务标准" in receipt
    case = Application.objects.get()
    assert (case.request_kind, case.correction_requested) == ("correction", "记载为3人，实为4人")
    assert case.attachments.count() == 1 and case.delivery_form == ""
    query_code = re.search(r'id="query-code">([^<]+)<', receipt).group(1)  # type: ignore[union-attr]
    # then, decided, the status page names the kind and the outcome plainly
    case = application_confirm_receipt(
        application=case, actor=office.office, seen_version=case.version
    ).application
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome="correction.corrected",
    )
    tracked = client.post(
        reverse("portal:track"), {"tracking_code": case.tracking_code, "query_code": query_code}
    )
    assert tracked.status_code == 302
    status = client.get(tracked["Location"]).content.decode()
    assert "更正申请" in status and "已作出答复决定" in status
    assert '<dd id="case-outcome">已更正</dd>' in status
    assert "correction." not in status
