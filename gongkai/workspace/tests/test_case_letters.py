"""Every letter from the case page: issued after its act, downloaded as PDF, the key fact in it.

The facts (due dates, the consulted party and its reply date, the fee and its deadline, the
补正 items) come from the case's events and clock; the form asks only for free text.

Counting by hand (the official calendar's 2026 holidays: 清明 4–6 April, Monday 6 April off):
received Monday 2 March 2026.
- reply due: 20 working days after 2 March → Monday 30 March;
- extension of 10 working days granted 20 March → Tuesday 14 April (31 Mar–3 Apr is 4,
  6 April is 清明, 7–10 Apr makes 8, 13 and 14 April make 10);
- consultation sent Thursday 5 March: reply due 15 working days later → Thursday 26 March;
- fee notice received Wednesday 4 March: pay within 20 working days → Wednesday 1 April.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.applications.procedure.fees import FeeMethod
from gongkai.applications.selectors import application_clock
from gongkai.applications.services import (
    ServedLetter,
    application_answer_clarification,
    application_approve_extension,
    application_decide,
    application_end_consultation,
    application_record_service,
    application_request_clarification,
    application_request_extension,
    application_request_fee,
    application_start_consultation,
)
from gongkai.applications.tests.factories import make_office, registered
from gongkai.letters.models import IssuedLetter
from gongkai.letters.services import letter_settings_save
from gongkai.report.catalogue import Outcome

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
        number_prefix="驻开统公开",
        fee_payment_method="到本局综合股缴纳",
        office_address="驻马店市某路1号统计局综合股",
    )
    return office


def issue(client, case, kind: str, **fields: str) -> tuple[IssuedLetter, str]:
    """Issue the letter from the case page, download its PDF and return the text."""
    url = reverse("workspace:case_letter_new", args=[case.tracking_code, kind])
    data = {f"letter-{kind}-letter_date": "2026-03-20"}
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    (form,) = [f for f in page.context["letter_forms"] if f.kind == kind]
    if "event" in form.fields:
        data[f"letter-{kind}-event"] = str(form.fields["event"].initial)
    data |= {f"letter-{kind}-{key}": value for key, value in fields.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    letter = IssuedLetter.objects.filter(application=case, kind=kind).latest("id")
    pdf = client.get(reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]))
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    with pdfplumber.open(BytesIO(body)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    return letter, text.replace("\n", "")


def offered(client, case) -> list[str]:
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    return [form.kind.value for form in page.context["letter_forms"]]


def extend(office, case):
    """The handler asks for 10 more working days on 19 March; the approver grants on 20 March."""
    case = application_request_extension(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        workdays=10,
        reason="需要调取历年档案",
        on=D(2026, 3, 19),
    ).application
    assert application_clock(application=case, as_of=D(2026, 3, 19)).extended_by == 0
    return application_approve_extension(
        application=case, actor=office.approver, seen_version=case.version, on=D(2026, 3, 20)
    ).application


def test_the_extension_notice_states_both_due_dates_from_the_clock(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    assert offered(client, case) == []
    case = extend(office, case)
    assert offered(client, case) == ["extension"]
    letter, text = issue(client, case, "extension")
    assert "2026年3月30日" in text  # the due date before the extension
    assert "2026年4月14日" in text  # the new due date
    assert "需要调取历年档案" in text  # the reason given when extending, not retyped
    assert letter.number == "驻开统公开〔2026〕1号"


def test_the_consultation_letter_names_the_party_and_the_reply_date(client, office):
    case = registered(office, D(2026, 3, 2))
    application_start_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="驻马店某某科技有限公司",
        on=D(2026, 3, 5),
    )
    client.force_login(office.office)
    assert offered(client, case) == ["consultation_third_party", "consultation_agency"]
    _, text = issue(client, case, "consultation_third_party")
    assert "驻马店某某科技有限公司" in text
    # 条例第三十二条: 15 working days from the party's receipt, not yet recorded: no date
    assert "自收到本意见书之日起15个工作日内" in text and "2026年3月26日" not in text
    assert "张三" not in text  # the third party is not told who asked


def test_the_fee_notice_prints_the_quote_the_deadline_and_the_payment_method(client, office):
    case = registered(office, D(2026, 3, 2))
    application_request_fee(
        application=case,
        actor=office.office,
        seen_version=case.version,
        method=FeeMethod.PER_VOLUME,
        pages=50,
        on=D(2026, 3, 4),
    )
    client.force_login(office.office)
    assert offered(client, case) == ["fee_notice"]
    _, text = issue(client, case, "fee_notice")
    assert "人民币200.00元" in text  # pages 31–50 at 10 yuan
    assert "按量计收" in text
    # 109号: until its service is recorded the notice states the period without a date
    assert "自收到本通知书次日起20个工作日内" in text and "2026年4月1日" not in text
    case.refresh_from_db()
    application_record_service(
        application=case,
        actor=office.office,
        seen_version=case.version,
        letter=ServedLetter.FEE_NOTICE,
        on=D(2026, 3, 4),
    )
    _, text = issue(client, case, "fee_notice")
    assert "2026年4月1日前（含当日" in text  # 20 working days after receiving the notice
    assert "到本局综合股缴纳" in text  # the agency's setting


def test_the_clarification_notice_lists_the_items_and_the_deadline(client, office):
    case = registered(office, D(2026, 3, 2))
    application_request_clarification(
        application=case,
        actor=office.office,
        seen_version=case.version,
        items=["请写明所需信息的年份", "请写明所需信息的文号"],
        answer_due=D(2026, 3, 16),
        on=D(2026, 3, 4),
    )
    client.force_login(office.office)
    assert offered(client, case) == ["clarification"]
    _, text = issue(client, case, "clarification")
    assert "请写明所需信息的年份" in text and "请写明所需信息的文号" in text
    assert "2026年3月16日" in text
    # issue 11, item 7: the notice names the channels — the tracking page and the office
    assert "网上提交：访问http://testserver/track/" in text
    assert case.tracking_code in text
    assert "现场提交或者邮寄：驻马店市某路1号统计局综合股" in text


def test_the_reply_names_the_agencys_reviewing_bodies(client, office):
    case = registered(office, D(2026, 3, 2))
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        on=D(2026, 3, 20),
    )
    client.force_login(office.office)
    assert offered(client, case) == ["reply"]
    # a reply without whom to ask is refused (issue 14 X5: the contact line is mandatory)
    url = reverse("workspace:case_letter_new", args=[case.tracking_code, "reply"])
    refused = client.post(url, {"letter-reply-letter_date": "2026-03-20"})
    assert refused.status_code != 302 and "联系人及电话" in refused.content.decode()
    letter, text = issue(
        client, case, "reply", reasons="经检索，本机关未制作该信息", contact="王科员，0396-1234567"
    )
    assert "驻马店市人民政府" in text and "驻马店市驿城区人民法院" in text
    assert "联系人及电话：王科员，0396-1234567" in text
    assert letter.number.startswith("驻开统公开〔2026〕")


def a_case_with_every_notice(office):
    """补正 asked 4 March and answered 6 March; a consultation 9–10 March; an extension 20 March;
    a fee notice 23 March."""
    case = registered(office, D(2026, 3, 2))
    staff = office.office
    case = application_request_clarification(
        application=case,
        actor=staff,
        seen_version=case.version,
        items=["请写明所需信息的年份"],
        answer_due=D(2026, 3, 16),
        on=D(2026, 3, 4),
    ).application
    case = application_answer_clarification(
        application=case, actor=staff, seen_version=case.version, on=D(2026, 3, 6)
    ).application
    case = application_start_consultation(
        application=case, actor=staff, seen_version=case.version, party="某某公司", on=D(2026, 3, 9)
    ).application
    case = application_end_consultation(
        application=case,
        actor=staff,
        seen_version=case.version,
        party="某某公司",
        on=D(2026, 3, 10),
    ).application
    case = extend(office, case)
    return application_request_fee(
        application=case,
        actor=staff,
        seen_version=case.version,
        method=FeeMethod.PER_VOLUME,
        pages=50,
        on=D(2026, 3, 23),
    ).application


def test_after_a_consultation_every_notice_can_still_be_issued(client, office):
    # given a case that had a consultation (issue 11, item 1: the 补正, 延期 and 收费 notices
    # were refused because the form always sent the consultation's id)
    case = a_case_with_every_notice(office)
    client.force_login(office.office)
    # when each notice is issued from its own form, then each rests on its own act
    _, text = issue(client, case, "clarification")
    assert "请写明所需信息的年份" in text
    _, text = issue(client, case, "extension")
    assert "需要调取历年档案" in text
    _, text = issue(client, case, "fee_notice")
    assert "人民币200.00元" in text
    _, text = issue(client, case, "consultation_agency")
    assert "某某公司" in text


def test_each_letter_form_holds_only_the_fields_of_its_kind(client, office):
    case = a_case_with_every_notice(office)
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    fields = {form.kind.value: set(form.fields) for form in page.context["letter_forms"]}
    assert fields == {
        "clarification": {"event", "letter_date", "contact"},
        "extension": {"event", "letter_date", "reasons", "contact"},
        "consultation_third_party": {"event", "letter_date", "reasons", "contact"},
        "consultation_agency": {"event", "letter_date", "reasons", "contact"},
        "fee_notice": {"event", "letter_date", "fee_payment_method", "contact"},
    }
    html = page.content.decode()
    # the page submits no consultation choice with the other notices
    assert 'name="letter-clarification-event"' in html
    assert "letter-extension-fee_payment_method" not in html
    assert "letter-clarification-reasons" not in html


def test_a_notice_refuses_an_act_of_another_kind(client, office):
    case = a_case_with_every_notice(office)
    consultation = case.events.get(kind="consultation_started")
    client.force_login(office.office)
    url = reverse("workspace:case_letter_new", args=[case.tracking_code, "clarification"])
    response = client.post(
        url,
        {
            "letter-clarification-letter_date": "2026-03-20",
            "letter-clarification-event": str(consultation.pk),
        },
    )
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert not IssuedLetter.objects.filter(application=case).exists()


def test_the_decision_s_ground_picks_the_letter_and_its_one_citation(client, office):
    case = registered(office, D(2026, 3, 2))
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        ground="not_ours",
        on=D(2026, 3, 20),
    )
    client.force_login(office.office)
    _, text = issue(
        client,
        case,
        "reply",
        reasons="该信息由市财政局制作",
        responsible_agency="驻马店市财政局，0396-7654321",
        contact="王科员，0396-1234567",
    )
    assert "不属于本机关负责公开" in text and "第三十六条第（五）项" in text
    assert "第三十六条第（四）项" not in text and "驻马店市财政局，0396-7654321" in text


def test_disclosing_over_an_objection_notifies_the_third_party(client, office):
    # 条例第三十二条: the content disclosed and the reasons, in writing, to the third party
    from gongkai.applications.procedure.deadlines import ConsultationAnswer
    from gongkai.applications.services import application_end_consultation

    case = registered(office, D(2026, 3, 2))
    case = application_start_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="驻马店某某科技有限公司",
        on=D(2026, 3, 3),
    ).application
    case = application_end_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="驻马店某某科技有限公司",
        answer=ConsultationAnswer.OBJECTED,
        on=D(2026, 3, 10),
    ).application
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome="granted",
        ground="disclosed",
        on=D(2026, 3, 20),
    )
    client.force_login(office.office)
    assert "disclosure_notice" in offered(client, case)
    _, text = issue(
        client,
        case,
        "disclosure_notice",
        reasons="该项目涉及公共安全，不公开将对公共利益造成重大影响",
        provision="项目环境影响评价结论",
    )
    assert "驻马店某某科技有限公司" in text and "《条例》第三十二条" in text
    assert "决定公开的内容：项目环境影响评价结论" in text
    assert "张三" not in text
