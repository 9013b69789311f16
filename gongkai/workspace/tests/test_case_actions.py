"""Acting on a case from its page: the forms' Chinese errors, the version seen, letters."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import application_clock
from gongkai.applications.services import (
    application_assign,
    application_decide,
    application_end_consultation,
    application_request_extension,
    application_start_consultation,
)
from gongkai.applications.tests.factories import make_office, registered
from gongkai.letters.services import letter_settings_save
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def office():
    return make_office()


def act(client, case, action, **data):
    fields = {f"{action}-{key}": value for key, value in {"version": case.version, **data}.items()}
    return client.post(reverse("workspace:case_act", args=[case.tracking_code, action]), fields)


def test_the_office_assigns_a_case_to_a_section_and_handler(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    response = act(
        client,
        case,
        "assign",
        section=office.section.pk,
        handler=office.handler.pk,
        on="2026-03-03",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.section, case.handler, case.version) == (office.section, office.handler, 2)


def test_a_stale_version_changes_nothing_and_says_so_in_chinese(client, office):
    # given a case both the office and a colleague have open at version 1
    case = registered(office, D(2026, 3, 2))
    seen = Application.objects.get(pk=case.pk)
    application_assign(
        application=case, actor=office.office, seen_version=1, section=office.section
    )
    events = ApplicationEvent.objects.filter(application=case).count()
    # when the colleague submits the form it loaded before
    client.force_login(office.handler)
    response = act(
        client, seen, "request_clarification", items="申请内容不明确", answer_due="2026-03-20"
    )
    # then nothing changed and the message is clear
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "该申请已被他人更新，请刷新后重试" in page
    case.refresh_from_db()
    assert case.state == "received" and case.version == 2
    assert ApplicationEvent.objects.filter(application=case).count() == events


def test_form_errors_are_in_chinese_beside_the_field(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    response = act(client, case, "request_clarification", items="  ", answer_due="")
    assert response.status_code == 400
    form = next(f for f in response.context["action_forms"] if f.is_bound)
    assert form.errors["items"] == ["这个字段是必填项。"]
    assert form.errors["answer_due"] == ["这个字段是必填项。"]


def test_an_action_the_role_may_not_take_is_refused(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    response = act(client, case, "decide", outcome="granted", ground="disclosed")
    assert response.status_code == 403
    assert Application.objects.get(pk=case.pk).state == "received"


def test_a_service_refusal_is_shown_on_the_form(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    response = act(client, case, "serve", method="post", on="2026-03-05")
    # the office may serve only a decided case: its button is not there
    assert response.status_code == 403
    client.force_login(office.approver)
    response = act(client, case, "decide", outcome="granted", ground="disclosed", on="2099-01-01")
    assert response.status_code == 400
    assert "晚于今天" in response.content.decode()


def test_the_reply_letter_is_issued_and_downloads_as_pdf(client, office):
    case = registered(office, D(2026, 3, 2), name="钱七")
    case = application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=Outcome.PARTIALLY_GRANTED,
        on=D(2026, 3, 20),
    ).application
    client.force_login(office.office)
    url = reverse("workspace:case_letter_new", args=[case.tracking_code, "reply"])
    missing = client.post(url, {"letter-reply-letter_date": "2026-03-20"})
    assert missing.status_code == 400
    assert "本机关尚未设置行政复议机关" in missing.content.decode()
    letter_settings_save(
        actor=office.office, agency=office.agency, reconsideration_organ="驻马店市人民政府"
    )
    response = client.post(
        url,
        {
            "letter-reply-letter_date": "2026-03-20",
            "letter-reply-reasons": "涉及第三方商业秘密",
            "letter-reply-provision": "随本答复书附送",
            "letter-reply-contact": "王科员，0396-1234567",
        },
    )
    assert response.status_code == 302
    letter = case.letters.get()
    pdf = client.get(reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]))
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    with pdfplumber.open(BytesIO(body)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert "钱七" in text and "驻马店市人民政府" in text


def test_staff_register_an_application_that_came_by_post(client, office):
    client.force_login(office.office)
    response = client.post(
        reverse("workspace:case_register"),
        {
            "agency": office.agency.pk,
            "channel": "post",
            "arrived_on": "2026-03-02",
            "signed_for": "on",
            "applicant_kind": "natural_person",
            "applicant_name": "孙八",
            "contact_address": "驻马店市某路3号",
            "description": "某项统计数据",
        },
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    case = Application.objects.get(applicant_name="孙八")
    assert case.tracking_code in html and "请将申请编号和查询码告知申请人" in html
    assert case.receipt_date == D(2026, 3, 2) and case.state == "received"


def test_registration_errors_are_in_chinese(client, office):
    client.force_login(office.office)
    response = client.post(
        reverse("workspace:case_register"),
        {
            "agency": office.agency.pk,
            "channel": "fax",
            "arrived_on": "2026-03-05",
            "confirmed_on": "2026-03-04",
            "applicant_kind": "natural_person",
            "applicant_name": "孙八",
            "description": "某项统计数据",
        },
    )
    assert response.status_code == 200
    assert "不能早于申请到达之日" in response.content.decode()


def buttons(client, user, case) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    return [form.action.value for form in page.context["action_forms"]]


def test_the_handler_requests_an_extension_and_the_approver_sees_and_approves_it(client, office):
    # issue 11, item 2: 延长答复期限 was offered to no one in the demo
    case = registered(office, D(2026, 3, 2))
    application_assign(
        application=case,
        actor=office.office,
        seen_version=case.version,
        section=office.section,
        handler=office.handler,
        on=D(2026, 3, 3),
    )
    case.refresh_from_db()
    assert "request_extension" in buttons(client, office.handler, case)
    assert "extend" not in buttons(client, office.approver, case)
    client.force_login(office.handler)
    response = act(
        client, case, "request_extension", workdays="10", reason="需调取档案", on="2026-03-19"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert "request_extension" not in buttons(client, office.handler, case)
    assert buttons(client, office.approver, case)[:2] == ["extend", "refuse_extension"]
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert "延期申请待审批" in page and "需调取档案" in page and "10 个工作日" in page
    response = act(client, case, "extend", on="2026-03-20")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "extended"
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert "延期申请待审批" not in page and "已延长" in page


def test_a_consultation_is_ended_by_choosing_it_and_recording_the_answer(client, office):
    # issue 11 (minor): the party was retyped, and the third party's answer was not recorded
    case = registered(office, D(2026, 3, 2))
    case = application_start_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="某某公司",
        on=D(2026, 3, 3),
    ).application
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    (form,) = [f for f in page.context["action_forms"] if f.action.value == "end_consultation"]
    assert form.fields["party"].choices == [("某某公司", "某某公司")]
    # 逾期未答复 before the 15 working days have passed is refused
    early = act(
        client, case, "end_consultation", party="某某公司", answer="no_reply", on="2026-03-10"
    )
    # (its letter's service is not recorded: the period has no date yet, issue 14 W1)
    assert early.status_code == 400 and "尚未记录送达日期" in early.content.decode()
    typo = act(client, case, "end_consultation", party="某某有限公司", answer="objected")
    assert typo.status_code == 400
    done = act(
        client, case, "end_consultation", party="某某公司", answer="objected", on="2026-03-10"
    )
    assert done.status_code == 302
    ended = case.events.get(kind="consultation_ended")
    assert ended.details == {"party": "某某公司", "answer": "objected"}
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    assert "对方意见：不同意公开" in page.content.decode()


def test_a_pending_request_waits_while_paused_and_goes_once_decided(client, office):
    case = registered(office, D(2026, 3, 2))
    case = application_request_extension(
        application=case,
        actor=office.office,
        seen_version=case.version,
        workdays=5,
        reason="需调取档案",
        on=D(2026, 3, 3),
    ).application
    case = application_start_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="甲公司",
        on=D(2026, 3, 4),
    ).application
    client.force_login(office.approver)
    url = reverse("workspace:case_detail", args=[case.tracking_code])
    assert "恢复计时后由审核人审批" in client.get(url).content.decode()
    case = application_end_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="甲公司",
        on=D(2026, 3, 5),
    ).application
    assert "恢复计时后" not in client.get(url).content.decode()
    application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome="granted",
        on=D(2026, 3, 6),
    )
    assert "延期申请待审批" not in client.get(url).content.decode()


def test_the_service_of_a_consultation_letter_is_recorded_from_the_case_page(client, office):
    # issue 14 W1: the party's 15 working days run from its receipt, recorded apart
    case = registered(office, D(2026, 3, 2))
    case = application_start_consultation(
        application=case,
        actor=office.office,
        seen_version=case.version,
        party="某某公司",
        on=D(2026, 3, 3),
    ).application
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    (form,) = [f for f in page.context["action_forms"] if f.action.value == "record_service"]
    assert form.fields["party"].choices == [("", "（不适用）"), ("某某公司", "某某公司")]
    assert "尚未记录送达日期" in page.content.decode()
    done = act(
        client, case, "record_service", letter="consultation", party="某某公司", on="2026-03-05"
    )
    assert done.status_code == 302
    reply = application_clock(application=case, as_of=D(2026, 3, 6)).open_deadlines[0]
    assert (reply.party, reply.due.date) == ("某某公司", D(2026, 3, 26))
