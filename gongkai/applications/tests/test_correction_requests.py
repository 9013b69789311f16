"""更正申请 (条例第四十一条) on the database: intake by staff and online, the decision, the
reply letter issued from the case, and table 三, which never counts them."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ChoiceField

from gongkai.applications.access import case_actions
from gongkai.applications.action_forms import action_form
from gongkai.applications.intake_forms import ApplicationForm, RegistrationForm
from gongkai.applications.procedure.correction import CorrectionOutcome, RequestKind
from gongkai.applications.procedure.workflow import Action, State, WorkflowError
from gongkai.applications.selectors import pieces_earlier_this_month
from gongkai.applications.services import (
    application_close,
    application_decide,
    application_serve,
    application_submit,
    application_withdraw,
)
from gongkai.applications.services.case import ServiceMethod
from gongkai.applications.tests.factories import RESIDENT_ID, make_office, person, registered
from gongkai.letters.case_facts import available_kinds, case_facts
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.letters.tests.factories import BODIES

pytestmark = pytest.mark.django_db
D = dt.date
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
RECORD = "2025年度低保对象公示名单中本人的家庭人口数"
WRONG = "名单记载为3人，实际为4人，附户口簿复印件"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def correction(office, received: dt.date):
    return registered(
        office,
        received,
        request_kind=RequestKind.CORRECTION.value,
        description=RECORD,
        correction_requested=WRONG,
    )


def test_staff_register_a_correction_and_it_follows_its_own_table():
    office = make_office()
    case = correction(office, D(2026, 3, 2))
    assert (case.request_kind, case.is_correction, case.state) == (
        "correction",
        True,
        State.RECEIVED,
    )
    assert (case.description, case.correction_requested) == (RECORD, WRONG)
    # the buttons are the correction table's: no 补正, consultation, fee or extension
    assert case_actions(office.office, case) == (Action.ASSIGN, Action.WITHDRAW)
    assert case_actions(office.approver, case) == (Action.DECIDE,)
    # a table 三 outcome is refused, a correction outcome recorded
    with pytest.raises(WorkflowError, match="不是更正申请的办理结果"):
        application_decide(
            application=case, actor=office.approver, seen_version=case.version, outcome="granted"
        )
    case = application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=CorrectionOutcome.CORRECTED.value,
        on=D(2026, 3, 20),
    ).application
    assert (case.state, case.outcome, case.concluded_on) == (
        State.DECIDED,
        "correction.corrected",
        D(2026, 3, 20),
    )
    assert case.outcome_label == "已更正"
    case = application_serve(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        method=ServiceMethod.DIRECT,
        on=D(2026, 3, 23),
    ).application
    case = application_close(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 24)
    ).application
    assert case.state == State.CLOSED


def test_a_disclosure_request_cannot_record_a_correction_outcome():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    with pytest.raises(WorkflowError, match="不是年度报告表三的办理结果"):
        application_decide(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            outcome=CorrectionOutcome.CORRECTED.value,
        )


def test_a_withdrawn_correction_closes_as_withdrawn_and_has_no_reply():
    office = make_office()
    case = correction(office, D(2026, 3, 2))
    case = application_withdraw(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 3)
    ).application
    case = application_close(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 4)
    ).application
    assert case.outcome == CorrectionOutcome.WITHDRAWN.value
    assert available_kinds(case) == []


def test_the_services_ask_what_is_inaccurate_and_online_for_the_evidence():
    office = make_office()
    with pytest.raises(ValidationError) as refused:
        registered(office, D(2026, 3, 2), request_kind="correction", correction_requested="")
    assert "不准确之处" in refused.value.message_dict["correction_requested"][0]
    online = person(request_kind="correction", description=RECORD, correction_requested=WRONG)
    with pytest.raises(ValidationError) as refused:
        application_submit(agency=office.agency, applicant=online)
    assert refused.value.message_dict["attachments"] == [
        "更正申请须上传证明该记录不准确的证据材料。"
    ]
    submission = application_submit(
        agency=office.agency,
        applicant=online,
        attachments=[SimpleUploadedFile("户口簿.png", PNG)],
    )
    case = submission.application
    assert (case.request_kind, case.state, case.attachments.count()) == (
        "correction",
        State.ARRIVED,
        1,
    )


PORTAL = {
    "request_kind": "correction",
    "applicant_kind": "natural_person",
    "applicant_name": "张三",
    "id_document_type": "resident_id",
    "id_document_number": RESIDENT_ID,
    "contact_phone": "13800138000",
    "description": RECORD,
    "correction_requested": WRONG,
}


def test_the_portal_form_takes_a_correction_without_delivery_fields_but_with_evidence():
    no_evidence = ApplicationForm(PORTAL)
    assert not no_evidence.is_valid()
    assert no_evidence.errors["attachments"] == ["更正申请须上传证明该记录不准确的证据材料。"]
    assert "delivery_form" not in no_evidence.errors
    form = ApplicationForm(PORTAL, {"attachments": [SimpleUploadedFile("证明.png", PNG)]})
    assert form.is_valid(), form.errors
    applicant = form.applicant()
    assert (applicant.request_kind, applicant.correction_requested) == ("correction", WRONG)
    # a disclosure request still needs the delivery fields, and no correction text
    disclosure = ApplicationForm({**PORTAL, "request_kind": "disclosure"})
    assert not disclosure.is_valid()
    assert disclosure.errors["delivery_form"] == ["请选择获取信息的形式。"]
    silent = ApplicationForm({**PORTAL, "correction_requested": ""})
    assert not silent.is_valid() and "correction_requested" in silent.errors


def test_staff_registration_form_takes_a_correction_with_paper_evidence():
    form = RegistrationForm(
        {**PORTAL, "channel": "in_person", "arrived_on": "2026-03-02"},
    )
    assert form.is_valid(), form.errors


def test_the_decision_form_offers_only_the_four_correction_outcomes():
    office = make_office()
    case = correction(office, D(2026, 3, 2))
    form = action_form(Action.DECIDE, application=case)
    outcome = form.fields["outcome"]
    assert isinstance(outcome, ChoiceField)
    assert [label for key, label in outcome.choices if key] == [  # type: ignore[misc,union-attr]
        "予以更正",
        "不予更正",
        "转送有权更正的机关处理",
        "告知向有权更正的机关提出",
    ]
    assert "ground" not in form.fields


def test_the_reply_issued_from_the_case_cites_article_41_and_names_the_record():
    office = make_office()
    case = correction(office, D(2026, 3, 2))
    assert available_kinds(case) == []
    case = application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=CorrectionOutcome.FORWARDED.value,
        on=D(2026, 3, 20),
    ).application
    assert available_kinds(case) == [LetterKind.CORRECTION_REPLY]
    facts = case_facts(
        case,
        LetterKind.CORRECTION_REPLY,
        responsible_agency="驻马店市民政局，电话0396-1111111",
        contact="王科员，0396-1234567",
    )
    context = application_context(
        case,
        kind=LetterKind.CORRECTION_REPLY,
        letter_date=D(2026, 3, 20),
        **{**facts, "review_bodies": BODIES},
    )
    issued = letter_issue(
        agency=office.agency, context=context, actor=None, application=case, formats=["docx"]
    )
    assert (issued.kind, issued.outcome) == ("correction_reply", "correction.forwarded")
    with issued.docx_file.open("rb") as stored:
        document = docx.Document(BytesIO(stored.read()))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "政府信息更正申请答复书" in text
    assert f"政府信息记录“{RECORD}”不准确" in text
    assert "根据《条例》第四十一条的规定，本机关已将您的更正申请转送" in text
    assert "（驻马店市民政局，电话0396-1111111）处理" in text
    assert "驻马店市人民政府申请行政复议" in text


def test_a_correction_is_no_piece_for_fees_and_no_repeat_of_a_disclosure_request():
    office = make_office()
    correction(office, D(2026, 3, 2))
    later = registered(office, D(2026, 3, 3), description=RECORD)
    # 国办函〔2020〕109号 counts the month's 政府信息公开申请 only
    assert pieces_earlier_this_month(application=later) == 0
    assert not later.possible_repeat
    again = correction(office, D(2026, 3, 4))
    assert again.possible_repeat
