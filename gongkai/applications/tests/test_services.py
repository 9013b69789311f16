"""The case actions as specifications: roles, the clock, outcomes, audit, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.procedure.deadlines import ConsultationAnswer
from gongkai.applications.procedure.fees import FeeMethod
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.procedure.workflow import State
from gongkai.applications.selectors import (
    application_by_codes,
    application_clock,
    pending_extension_request,
)
from gongkai.applications.services import (
    ServedLetter,
    ServiceMethod,
    WorkflowError,
    application_answer_clarification,
    application_approve_extension,
    application_archive,
    application_assign,
    application_close,
    application_confirm_receipt,
    application_decide,
    application_end_consultation,
    application_lapse_clarification,
    application_lapse_fee,
    application_pay_fee,
    application_record_service,
    application_refuse_extension,
    application_register,
    application_request_clarification,
    application_request_extension,
    application_request_fee,
    application_serve,
    application_start_consultation,
    application_submit,
    application_withdraw,
)
from gongkai.applications.tests.factories import RESIDENT_ID, make_office, person, registered
from gongkai.audit.models import AuditEvent
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


def audit_of(case: Application) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_id=str(case.pk), object_type="applications.application")
    )


def test_a_case_from_receipt_to_archive():
    # given a case received in person on Monday 2 March 2026
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    assert case.state == State.RECEIVED and case.receipt_date == D(2026, 3, 2)
    # when the office assigns it, the approver decides 部分公开 and the office serves and closes
    case = application_assign(
        application=case,
        actor=office.office,
        seen_version=case.version,
        section=office.section,
        handler=office.handler,
        on=D(2026, 3, 3),
    ).application
    case = application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=Outcome.PARTIALLY_GRANTED,
        on=D(2026, 3, 20),
    ).application
    case = application_serve(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        method=ServiceMethod.POST,
        on=D(2026, 3, 23),
        tracking_number="XA123",
    ).application
    case = application_close(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 24)
    ).application
    case = application_archive(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 25)
    ).application
    # then the outcome and its 答复日期 are set, and every step left one event and one audit row
    assert (case.state, case.outcome, case.concluded_on) == (
        State.ARCHIVED,
        Outcome.PARTIALLY_GRANTED,
        D(2026, 3, 20),
    )
    assert case.version == 6
    assert [e.kind for e in case.events.order_by("date", "id")] == [
        "arrived",
        "received",
        "assigned",
        "decided",
        "reply_served",
        "closed",
        "archived",
    ]
    assert len(audit_of(case)) == 6
    clock = application_clock(application=case, as_of=D(2026, 4, 1))
    assert clock.stopped_on == D(2026, 3, 23) and not clock.overdue


def test_audit_masks_personal_data_and_str_names_only_the_tracking_code():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    (event,) = audit_of(case)
    text = repr(event.after) + str(case) + str(event)
    for secret in (RESIDENT_ID, "张三", "13800138000", "驻马店市某路1号"):
        assert secret not in text
    assert case.tracking_code in str(case)


def test_roles_are_checked_for_each_action():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    # a handler may not decide; an approver may not ask for an extension (staff ask)
    with pytest.raises(WorkflowError, match="无权"):
        application_decide(
            application=case, actor=office.handler, seen_version=case.version, outcome="granted"
        )
    with pytest.raises(WorkflowError, match="审核人无权“申请延长答复期限”"):
        application_request_extension(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            workdays=10,
            reason="需调取档案",
            on=D(2026, 3, 20),
        )
    outsider = make_office().office
    with pytest.raises(PermissionDenied):
        application_withdraw(application=case, actor=outsider, seen_version=case.version)
    case.refresh_from_db()
    assert case.version == 1 and len(audit_of(case)) == 1


def extend(office, case, workdays, on, reason="需调取档案"):
    """The handler asks on `on`, the approver approves the same day; return the case."""
    case = application_request_extension(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        workdays=workdays,
        reason=reason,
        on=on,
    ).application
    return application_approve_extension(
        application=case, actor=office.approver, seen_version=case.version, on=on
    ).application


def test_the_handler_asks_the_approver_approves_by_at_most_twenty_working_days():
    # issue 11, item 2: no one held both 公开办 and 审核人, so no one could extend
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_request_extension(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        workdays=20,
        reason="需调取档案",
        on=D(2026, 3, 19),
    ).application
    # a request alone moves nothing; a second one waits for the first
    assert application_clock(application=case, as_of=D(2026, 3, 19)).extended_by == 0
    assert pending_extension_request(application=case) is not None
    with pytest.raises(WorkflowError, match="已有一项延期申请等待审批"):
        application_request_extension(
            application=case,
            actor=office.office,
            seen_version=case.version,
            workdays=5,
            reason="另有理由",
            on=D(2026, 3, 19),
        )
    with pytest.raises(WorkflowError, match="无权"):
        application_approve_extension(
            application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 20)
        )
    case = application_approve_extension(
        application=case, actor=office.approver, seen_version=case.version, on=D(2026, 3, 20)
    ).application
    assert case.state == "extended" and pending_extension_request(application=case) is None
    # 20 + 20 working days after 2 March 2026 (清明 4–6 April off, 劳动节 1–5 May off, 9 May works)
    clock = application_clock(application=case, as_of=D(2026, 3, 20))
    assert clock.extended_by == 20
    assert {e.action for e in audit_of(case)} >= {
        "application.request_extension",
        "application.extend",
    }
    with pytest.raises(ValidationError, match="至多还可延长 0 个工作日"):
        application_request_extension(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            workdays=1,
            reason="再延",
            on=D(2026, 3, 23),
        )


def test_a_refused_extension_leaves_the_due_date_and_allows_a_new_request():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_request_extension(
        application=case,
        actor=office.office,
        seen_version=case.version,
        workdays=10,
        reason="需调取档案",
        on=D(2026, 3, 19),
    ).application
    case = application_refuse_extension(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        reason="可在期限内答复",
        on=D(2026, 3, 19),
    ).application
    clock = application_clock(application=case, as_of=D(2026, 3, 19))
    assert clock.reply_due is not None
    assert case.state == "received" and clock.reply_due.date == D(2026, 3, 30)
    assert pending_extension_request(application=case) is None
    with pytest.raises(WorkflowError, match="没有等待审批的延期申请"):
        application_approve_extension(
            application=case, actor=office.approver, seen_version=case.version
        )


def test_an_extension_is_not_requested_after_the_reply_is_due():
    office = make_office()
    case = registered(office, D(2026, 3, 2))  # reply due 30 March
    with pytest.raises(WorkflowError, match="已届满"):
        application_request_extension(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            workdays=10,
            reason="需调取档案",
            on=D(2026, 3, 31),
        )


def test_clarification_once_restarts_the_clock_and_lapse_needs_the_deadline_passed():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    result = application_request_clarification(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        items=["所需信息的文号"],
        answer_due=D(2026, 3, 20),
        on=D(2026, 3, 13),
    )
    # 9 working days after receipt: recorded, with the warning 补正告知超期
    assert any("补正告知超期" in w for w in result.warnings)
    case = result.application
    assert case.state == State.AWAITING_CLARIFICATION
    with pytest.raises(WorkflowError, match="尚未届满"):
        application_lapse_clarification(
            application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 20)
        )
    case = application_answer_clarification(
        application=case, actor=office.handler, seen_version=case.version, on=D(2026, 3, 18)
    ).application
    assert application_clock(application=case, as_of=D(2026, 3, 18)).receipt_date == D(2026, 3, 18)
    with pytest.raises(WorkflowError, match="一次性告知"):
        application_request_clarification(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            items=["再补"],
            answer_due=D(2026, 3, 30),
            on=D(2026, 3, 19),
        )
    # the counting date of table 三 stays the first receipt date
    case.refresh_from_db()
    assert case.receipt_date == D(2026, 3, 2)


def test_lapsed_clarification_records_its_outcome():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_request_clarification(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        items=["身份证明"],
        answer_due=D(2026, 3, 16),
        on=D(2026, 3, 4),
    ).application
    case = application_lapse_clarification(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 17)
    ).application
    assert (case.state, case.outcome, case.concluded_on) == (
        State.CLOSED,
        Outcome.OTHER_HANDLING_NO_CLARIFICATION,
        D(2026, 3, 17),
    )


def test_consultation_pauses_and_resumes_where_it_was():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_start_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="甲公司",
        on=D(2026, 3, 5),
    ).application
    case = application_start_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="乙局",
        on=D(2026, 3, 6),
    ).application
    case = application_end_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="甲公司",
        on=D(2026, 3, 10),
    ).application
    assert case.state == State.CONSULTING
    case = application_end_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="乙局",
        on=D(2026, 3, 12),
    ).application
    assert case.state == State.RECEIVED
    # 3–12 March paused from the 4th: 6 working days (4,5,6,9,10,11,12 → 7 days after the 3rd)
    clock = application_clock(application=case, as_of=D(2026, 3, 12))
    assert clock.reply_due is not None and clock.reply_due.date > D(2026, 3, 30)


def test_fee_counts_the_applicants_earlier_pieces_this_month_and_resumes_after_payment():
    office = make_office()
    for _ in range(30):
        registered(office, D(2026, 3, 2))
    case = registered(office, D(2026, 3, 3))
    # the 31st piece of the month: 200 元 (109号第四条)
    result = application_request_fee(
        application=case,
        actor=office.office,
        seen_version=case.version,
        method=FeeMethod.PER_PIECE,
        on=D(2026, 3, 5),
    )
    event = result.application.events.get(kind="fee_notice_sent")
    assert event.details["amount"] == "200"
    case = result.application
    assert case.state == State.AWAITING_FEE
    case = application_pay_fee(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 9)
    ).application
    assert case.state == State.RECEIVED


def test_no_fee_notice_when_nothing_is_due():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    with pytest.raises(ValidationError, match="不收费"):
        application_request_fee(
            application=case,
            actor=office.office,
            seen_version=case.version,
            method=FeeMethod.PER_VOLUME,
            pages=30,
        )


def test_withdrawn_case_is_counted_as_other_when_closed():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_withdraw(
        application=case, actor=office.handler, seen_version=case.version, on=D(2026, 3, 4)
    ).application
    assert case.outcome is None
    case = application_close(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 5)
    ).application
    assert (case.outcome, case.concluded_on) == (Outcome.OTHER_HANDLING_OTHER, D(2026, 3, 5))


def test_decide_takes_exactly_one_outcome_from_the_catalogue():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    with pytest.raises(WorkflowError):
        application_decide(
            application=case, actor=office.approver, seen_version=case.version, outcome="nonsense"
        )
    with pytest.raises(WorkflowError):
        application_decide(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            outcome=Outcome.OTHER_HANDLING_FEE_UNPAID,
        )


def test_receipt_dates_follow_article_31():
    office = make_office()
    # registered post: the signature day
    post = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.POST,
        arrived_on=D(2026, 3, 2),
        signed_for=True,
    ).application
    assert post.receipt_date == D(2026, 3, 2)
    # fax not yet confirmed: waits in ARRIVED; the confirmation day becomes the receipt date
    fax = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.FAX,
        arrived_on=D(2026, 3, 2),
    ).application
    assert (fax.state, fax.receipt_date) == (State.ARRIVED, None)
    fax = application_confirm_receipt(
        application=fax, actor=office.office, seen_version=fax.version, confirmed_on=D(2026, 3, 4)
    ).application
    assert (fax.state, fax.receipt_date) == (State.RECEIVED, D(2026, 3, 4))


def test_portal_submission_checks_identity_and_returns_the_codes_once():
    office = make_office()
    with pytest.raises(ValidationError, match="校验码"):
        application_submit(
            agency=office.agency, applicant=person(id_document_number="110105194912310021")
        )
    with pytest.raises(ValidationError, match="校验码"):
        application_submit(
            agency=office.agency,
            applicant=person(kind="commercial", name="某公司", credit_code="91350100M000100Y44"),
        )
    submission = application_submit(agency=office.agency, applicant=person())
    case = submission.application
    assert case.state == State.ARRIVED and case.channel == "online"
    assert submission.query_code not in case.query_code_hash
    assert (
        application_by_codes(
            tracking_code=submission.tracking_code, query_code=submission.query_code
        )
        == case
    )
    assert application_by_codes(tracking_code=submission.tracking_code, query_code="WRONG") is None


def test_a_similar_application_by_the_same_applicant_is_flagged():
    office = make_office()
    registered(office, D(2026, 3, 2), description="请公开2025年本区规模以上工业企业统计数据。")
    again = registered(office, D(2026, 3, 9), description="2025年 本区规模以上工业企业统计数据")
    other = registered(office, D(2026, 3, 9), description="本局2026年部门预算")
    assert again.possible_repeat and not other.possible_repeat


def test_events_are_append_only():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    event = case.events.first()
    assert event is not None
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        ApplicationEvent.objects.filter(application=case).delete()


def test_reasons_for_excessive_requests_lead_to_a_delayed_deadline_or_not_processed():
    from gongkai.applications.services import (
        application_accept_reasons,
        application_request_reasons,
    )

    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_request_reasons(
        application=case, actor=office.handler, seen_version=case.version, on=D(2026, 3, 4)
    ).application
    assert case.state == State.AWAITING_REASONS
    case = application_accept_reasons(
        application=case,
        actor=office.office,
        seen_version=case.version,
        due=D(2026, 6, 30),
        on=D(2026, 3, 10),
    ).application
    assert case.state == State.DELAYED
    due = application_clock(application=case, as_of=D(2026, 3, 10)).reply_due
    assert due is not None and due.date == D(2026, 6, 30)
    other = registered(office, D(2026, 3, 2))
    other = application_request_reasons(
        application=other, actor=office.handler, seen_version=other.version, on=D(2026, 3, 4)
    ).application
    other = application_decide(
        application=other,
        actor=office.approver,
        seen_version=other.version,
        outcome=Outcome.NOT_PROCESSED_EXCESSIVE,
        on=D(2026, 3, 12),
    ).application
    assert other.outcome == Outcome.NOT_PROCESSED_EXCESSIVE


def test_the_fee_period_runs_from_service_and_no_lapse_before_it_passed():
    # given a fee notice sent Mon 2025-03-03 (31 earlier pieces this month: a fee is due)
    office = make_office()
    for _ in range(30):
        registered(office, D(2025, 3, 3))
    case = registered(office, D(2025, 3, 3))
    case = application_request_fee(
        application=case,
        actor=office.office,
        seen_version=case.version,
        method=FeeMethod.PER_PIECE,
        on=D(2025, 3, 3),
    ).application
    # then before service is recorded the case may not be closed as 逾期未缴费
    with pytest.raises(WorkflowError, match="尚未记录送达日期"):
        application_lapse_fee(
            application=case, actor=office.office, seen_version=case.version, on=D(2025, 5, 6)
        )
    # when the return receipt shows the applicant received it Thu 03-06 (recorded on 03-10)
    case = application_record_service(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        letter=ServedLetter.FEE_NOTICE,
        on=D(2025, 3, 6),
    ).application
    assert case.state == State.AWAITING_FEE
    # then the last day to pay is 2025-04-03, and 04-03 itself is still the applicant's
    payment = application_clock(application=case, as_of=D(2025, 3, 10)).open_deadlines[0]
    assert payment.due.date == D(2025, 4, 3)
    with pytest.raises(WorkflowError, match="期限 2025-04-03"):
        application_lapse_fee(
            application=case, actor=office.office, seen_version=case.version, on=D(2025, 4, 3)
        )
    case = application_lapse_fee(
        application=case, actor=office.office, seen_version=case.version, on=D(2025, 4, 7)
    ).application
    assert case.outcome == Outcome.OTHER_HANDLING_FEE_UNPAID


def test_service_may_be_recorded_after_later_acts_but_not_before_sending():
    office = make_office()
    case = registered(office, D(2025, 3, 3))
    case = application_start_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="甲",
        on=D(2025, 3, 4),
    ).application
    case = application_start_consultation(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        party="乙",
        on=D(2025, 3, 7),
    ).application
    with pytest.raises(WorkflowError, match="早于征求意见书（函）的发出日期 2025-03-07"):
        application_record_service(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            letter=ServedLetter.CONSULTATION,
            party="乙",
            on=D(2025, 3, 5),
        )
    # 甲 received its letter on 03-05, learned after 乙's letter went out
    case = application_record_service(
        application=case,
        actor=office.handler,
        seen_version=case.version,
        letter=ServedLetter.CONSULTATION,
        party="甲",
        on=D(2025, 3, 5),
    ).application
    reply = application_clock(application=case, as_of=D(2025, 3, 10)).open_deadlines[0]
    assert (reply.party, reply.due.date) == ("甲", D(2025, 3, 26))
    # no "逾期未答复" on the last day of 甲's period
    with pytest.raises(WorkflowError, match="2025-03-26 尚未届满"):
        application_end_consultation(
            application=case,
            actor=office.handler,
            seen_version=case.version,
            party="甲",
            answer=ConsultationAnswer.NO_REPLY,
            on=D(2025, 3, 26),
        )


def test_a_decision_needs_the_steps_its_letter_says_happened():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    with pytest.raises(WorkflowError, match="须先告知补正并收到补正材料"):
        application_decide(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            outcome=Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION,
            on=D(2026, 3, 10),
        )
    case = application_request_clarification(
        application=case,
        actor=office.office,
        seen_version=case.version,
        items=["请写明所需信息的名称"],
        answer_due=D(2026, 3, 13),
        on=D(2026, 3, 3),
    ).application
    case = application_answer_clarification(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 9)
    ).application
    case = application_decide(
        application=case,
        actor=office.approver,
        seen_version=case.version,
        outcome=Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION,
        on=D(2026, 3, 10),
    ).application
    assert case.outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION


def test_the_decision_form_offers_only_outcomes_whose_steps_happened():
    from django.forms import ChoiceField

    from gongkai.applications.action_forms import action_form
    from gongkai.applications.procedure.workflow import Action

    office = make_office()
    case = registered(office, D(2026, 3, 2))
    field = action_form(Action.DECIDE, application=case).fields["outcome"]
    assert isinstance(field, ChoiceField)
    # the choices are grouped under table 三's headings; valid_value looks inside the groups
    assert field.valid_value("granted")
    assert not field.valid_value(Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION)
    assert not field.valid_value(Outcome.NOT_PROCESSED_EXCESSIVE)


def test_an_ordinary_letter_confirmed_late_warns_unless_the_applicant_was_unreachable():
    # 条例第三十一条第（二）项: confirmed on the day it is received
    office = make_office()

    def letter():
        return application_register(
            actor=office.office,
            agency=office.agency,
            applicant=person(),
            channel=Channel.POST,
            arrived_on=D(2026, 3, 2),
        ).application

    same_day = letter()
    result = application_confirm_receipt(
        application=same_day,
        actor=office.office,
        seen_version=same_day.version,
        confirmed_on=D(2026, 3, 2),
    )
    assert result.warnings == ()
    late = letter()
    result = application_confirm_receipt(
        application=late, actor=office.office, seen_version=late.version, confirmed_on=D(2026, 3, 5)
    )
    assert result.application.receipt_date == D(2026, 3, 5)
    assert "条例第三十一条第（二）项要求收到当日与申请人确认" in result.warnings[0]
    unreachable = letter()
    result = application_confirm_receipt(
        application=unreachable,
        actor=office.office,
        seen_version=unreachable.version,
        confirmed_on=D(2026, 3, 5),
        contact_lost="3月2日至4日电话无人接听",
    )
    assert result.warnings == ()
    received = result.application.events.get(kind="received")
    assert received.details == {"contact_lost": "3月2日至4日电话无人接听"}


def test_per_volume_fees_only_for_paper_e_mail_or_copied_data():
    # 109号第五条: not for 当场查阅、抄录
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    Application.objects.filter(pk=case.pk).update(delivery_form="inspection")
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="不适用按量计收"):
        application_request_fee(
            application=case,
            actor=office.office,
            seen_version=case.version,
            method=FeeMethod.PER_VOLUME,
            pages=50,
            on=D(2026, 3, 4),
        )
    Application.objects.filter(pk=case.pk).update(delivery_form="paper")
    case.refresh_from_db()
    result = application_request_fee(
        application=case,
        actor=office.office,
        seen_version=case.version,
        method=FeeMethod.PER_VOLUME,
        pages=50,
        on=D(2026, 3, 4),
    )
    assert result.application.state == State.AWAITING_FEE


def test_a_补正_of_the_identity_proof_alone_does_not_allow_unclear_after_clarification():
    office = make_office()
    case = registered(office, D(2026, 3, 2))
    case = application_request_clarification(
        application=case,
        actor=office.office,
        seen_version=case.version,
        items=["请提供身份证复印件"],
        answer_due=D(2026, 3, 13),
        about=["identity"],
        on=D(2026, 3, 3),
    ).application
    case = application_answer_clarification(
        application=case, actor=office.office, seen_version=case.version, on=D(2026, 3, 9)
    ).application
    with pytest.raises(WorkflowError, match="须先告知补正并收到补正材料"):
        application_decide(
            application=case,
            actor=office.approver,
            seen_version=case.version,
            outcome=Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION,
            on=D(2026, 3, 10),
        )
