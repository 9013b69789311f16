"""Complaints and review cases are written by audited services, each in one transaction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent
from gongkai.reviews.models import (
    Complaint,
    ComplaintSource,
    ReviewCase,
    ReviewCaseResult,
    ReviewKind,
    ReviewRole,
)
from gongkai.reviews.services import (
    complaint_close,
    complaint_record,
    review_case_decide,
    review_case_record,
)

pytestmark = pytest.mark.django_db


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def after(event: AuditEvent):
    assert event.after is not None
    return event.after


def before(event: AuditEvent):
    assert event.before is not None
    return event.before


def test_the_disclosure_office_records_and_closes_a_complaint_with_two_audit_events():
    # given
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    # when
    complaint = complaint_record(
        actor=office,
        agency=agency,
        source=ComplaintSource.COMPETENT_DEPARTMENT,
        received_on=date(2024, 3, 4),
        subject="  申请逾期未答复  ",
    )
    complaint_close(
        actor=office,
        complaint=complaint,
        outcome="已督促答复并告知投诉人",
        closed_on=date(2024, 3, 8),
    )
    # then
    complaint.refresh_from_db()
    assert (complaint.subject, complaint.closed_on) == ("申请逾期未答复", date(2024, 3, 8))
    assert complaint.is_closed
    [recorded] = events("complaint.record")
    [closed] = events("complaint.close")
    assert recorded.actor == office and recorded.agency == agency
    assert after(recorded)["source"] == "competent_department"
    assert before(closed)["closed_on"] is None
    assert after(closed) == before(closed) | {
        "outcome": "已督促答复并告知投诉人",
        "closed_on": "2024-03-08",
    }


def test_a_closed_complaint_is_not_closed_again_and_the_trail_stays_whole():
    agency = make_agency()
    complaint = complaint_record(
        actor=None,
        agency=agency,
        source=ComplaintSource.DIRECT,
        received_on=date(2024, 5, 6),
        subject="政府信息公开指南未更新",
    )
    complaint_close(actor=None, complaint=complaint, outcome="已更新", closed_on=date(2024, 5, 7))
    # a colleague still holding the open record tries to close it too
    stale = Complaint.objects.get(pk=complaint.pk)
    stale.closed_on = None
    with pytest.raises(ValidationError, match="已于 2024-05-07 办结"):
        complaint_close(actor=None, complaint=stale, outcome="另一结果", closed_on=date(2024, 5, 9))
    assert Complaint.objects.get(pk=complaint.pk).outcome == "已更新"
    assert len(events("complaint.close")) == 1


@pytest.mark.parametrize(
    ("outcome", "closed_on", "message"),
    [
        ("", date(2024, 5, 7), "请填写处理结果"),
        ("已处理", date(2024, 5, 1), "不能早于收到日期"),
        ("已处理", None, "不能晚于今天"),
    ],
)
def test_closing_refuses_an_empty_outcome_and_impossible_dates(outcome, closed_on, message):
    complaint = complaint_record(
        actor=None,
        agency=make_agency(),
        source=ComplaintSource.SUPERIOR,
        received_on=date(2024, 5, 6),
        subject="事项",
    )
    day = closed_on or timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match=message):
        complaint_close(actor=None, complaint=complaint, outcome=outcome, closed_on=day)
    assert not events("complaint.close")


@pytest.mark.parametrize("role", [Role.HANDLER, Role.LEADER, Role.SUPERVISING_REVIEWER])
def test_only_the_disclosure_office_records_reviews(role):
    agency = make_agency()
    other = make_member(agency=agency, role=role)
    with pytest.raises(PermissionDenied):
        review_case_record(
            actor=other, agency=agency, kind=ReviewKind.RECONSIDERATION, filed_on=date(2024, 1, 5)
        )
    with pytest.raises(PermissionDenied):
        complaint_record(
            actor=other,
            agency=agency,
            source=ComplaintSource.DIRECT,
            received_on=date(2024, 1, 5),
            subject="事项",
        )
    assert not ReviewCase.objects.exists() and not Complaint.objects.exists()


def test_office_staff_of_another_agency_may_not_record_here():
    agency, elsewhere = make_agency(), make_agency()
    office = make_member(agency=elsewhere, role=Role.DISCLOSURE_OFFICE)
    with pytest.raises(PermissionDenied):
        review_case_record(
            actor=office, agency=agency, kind=ReviewKind.RECONSIDERATION, filed_on=date(2024, 1, 5)
        )


def test_a_case_is_recorded_pending_and_decided_once():
    # given
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    case = review_case_record(
        actor=office,
        agency=agency,
        kind=ReviewKind.LITIGATION_DIRECT,
        filed_on=date(2024, 6, 3),
        case_number="（2024）豫1791行初12号",
        subject="不服政府信息公开答复",
    )
    assert (case.result, case.decided_on, case.is_counted) == ("pending", None, True)
    # when
    review_case_decide(
        actor=office, case=case, result=ReviewCaseResult.CORRECTED, decided_on=date(2024, 9, 30)
    )
    # then
    case.refresh_from_db()
    assert (case.result, case.decided_on) == ("corrected", date(2024, 9, 30))
    [decided] = events("review_case.decide")
    assert before(decided)["result"] == "pending"
    assert after(decided)["result"] == "corrected" and after(decided)["decided_on"] == "2024-09-30"
    with pytest.raises(ValidationError, match="已于 2024-09-30 审结（结果纠正）"):
        review_case_decide(
            actor=office, case=case, result=ReviewCaseResult.UPHELD, decided_on=date(2024, 10, 8)
        )
    assert len(events("review_case.decide")) == 1


def test_deciding_refuses_pending_as_a_result_and_a_date_before_filing():
    case = review_case_record(
        actor=None,
        agency=make_agency(),
        kind=ReviewKind.RECONSIDERATION,
        filed_on=date(2024, 6, 3),
    )
    with pytest.raises(ValidationError, match="审结结果应为"):
        review_case_decide(
            actor=None, case=case, result=ReviewCaseResult.PENDING, decided_on=date(2024, 7, 1)
        )
    with pytest.raises(ValidationError, match="不能早于申请或起诉日期"):
        review_case_decide(
            actor=None, case=case, result=ReviewCaseResult.UPHELD, decided_on=date(2024, 6, 2)
        )
    assert ReviewCase.objects.get(pk=case.pk).result == "pending"


def test_a_co_defendant_is_possible_only_in_a_suit_after_reconsideration():
    agency = make_agency()
    with pytest.raises(ValidationError, match="复议后起诉"):
        review_case_record(
            actor=None,
            agency=agency,
            kind=ReviewKind.LITIGATION_DIRECT,
            filed_on=date(2024, 6, 3),
            our_role=ReviewRole.CO_DEFENDANT,
        )
    case = review_case_record(
        actor=None,
        agency=agency,
        kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION,
        filed_on=date(2024, 6, 3),
        our_role=ReviewRole.CO_DEFENDANT,
    )
    assert not case.is_counted
    assert after(events("review_case.record")[-1])["our_role"] == "co_defendant"


def test_the_database_refuses_a_result_without_a_decision_date():
    agency = make_agency()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewCase.objects.create(
            agency=agency,
            kind=ReviewKind.RECONSIDERATION,
            filed_on=date(2024, 1, 2),
            result=ReviewCaseResult.UPHELD,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewCase.objects.create(
            agency=agency,
            kind=ReviewKind.RECONSIDERATION,
            our_role=ReviewRole.CO_DEFENDANT,
            filed_on=date(2024, 1, 2),
        )


def make_application(agency):
    from gongkai.applications.models import (
        APPLICANT_KINDS,
        CHANNEL_CHOICES,
        Application,
        Source,
    )

    n = Application.objects.count() + 1
    return Application.objects.create(
        agency=agency,
        tracking_code=f"T-REVIEW-{n}",
        source=Source.STAFF,
        applicant_kind=APPLICANT_KINDS[0],
        applicant_name="张三",
        channel=CHANNEL_CHOICES[0][0],
        description="某项政府信息",
    )


def test_a_case_and_a_complaint_link_the_application_they_concern():
    # given an application to the agency, and one to another agency
    agency, elsewhere = make_agency(), make_agency()
    mine, theirs = make_application(agency), make_application(elsewhere)
    # when
    case = review_case_record(
        actor=None,
        agency=agency,
        kind=ReviewKind.RECONSIDERATION,
        filed_on=date(2024, 6, 3),
        application=mine,
    )
    complaint = complaint_record(
        actor=None,
        agency=agency,
        source=ComplaintSource.DIRECT,
        received_on=date(2024, 6, 3),
        subject="逾期未答复",
        application=mine,
    )
    # then the link is kept and the audit names the case by its tracking code only
    assert list(mine.review_cases.all()) == [case]
    assert list(mine.complaints.all()) == [complaint]
    assert after(events("review_case.record")[-1])["application"] == mine.tracking_code
    # and an application made to another agency is refused for the original agency
    with pytest.raises(ValidationError, match="不是向"):
        review_case_record(
            actor=None,
            agency=agency,
            kind=ReviewKind.RECONSIDERATION,
            filed_on=date(2024, 6, 3),
            application=theirs,
        )
    # but the reconsideration organ sued beside that agency may link it
    organ_case = review_case_record(
        actor=None,
        agency=agency,
        kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION,
        our_role=ReviewRole.CO_DEFENDANT,
        filed_on=date(2024, 6, 3),
        application=theirs,
    )
    assert organ_case.application == theirs
