"""Acting on a case from its page: the forms' Chinese errors, the version seen, letters."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services import application_assign, application_decide
from gongkai.applications.tests.factories import make_office, registered
from gongkai.letters.services import letter_settings_save

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
        outcome="partially_granted",
        on=D(2026, 3, 20),
    ).application
    client.force_login(office.office)
    url = reverse("workspace:case_letter_new", args=[case.tracking_code])
    missing = client.post(url, {"letter-kind": "reply", "letter-letter_date": "2026-03-20"})
    assert missing.status_code == 400
    assert "本机关尚未设置行政复议机关" in missing.content.decode()
    letter_settings_save(
        actor=office.office, agency=office.agency, reconsideration_organ="驻马店市人民政府"
    )
    response = client.post(
        url,
        {
            "letter-kind": "reply",
            "letter-letter_date": "2026-03-20",
            "letter-reasons": "涉及第三方商业秘密",
            "letter-provision": "随本答复书附送",
            "letter-contact": "王科员，0396-1234567",
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
