"""Writes on complaints and review cases: one transaction and one audit event each.

`actor` None means a platform command run by the server's operator (an import); a person must
hold the disclosure-office role in the agency (permissions.can_record_reviews).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.changes import locked_change
from gongkai.audit.services import record_event
from gongkai.reviews.models import (
    DECIDED_RESULTS,
    Complaint,
    ComplaintSource,
    ReviewCase,
    ReviewCaseResult,
    ReviewKind,
    ReviewRole,
)
from gongkai.reviews.permissions import can_record_reviews

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.applications.models import Application

__all__ = [
    "complaint_close",
    "complaint_record",
    "review_case_decide",
    "review_case_record",
]


def _require_recorder(actor: User | None, agency: Agency) -> None:
    if actor is not None and not can_record_reviews(actor, agency):
        raise PermissionDenied(f"无权登记{agency.name}的投诉举报、行政复议和行政诉讼。")


def _check_application(application: Application | None, agency: Agency) -> None:
    if application is not None and application.agency_id != agency.pk:
        raise ValidationError(f"申请 {application} 不是向{agency.name}提出的。")


def _tracking_code(application: Application | None) -> str | None:
    return None if application is None else application.tracking_code


def _not_in_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{what}不能晚于今天。")


def complaint_snapshot(complaint: Complaint) -> dict[str, str | None]:
    return {
        "source": complaint.source,
        "received_on": complaint.received_on.isoformat(),
        "subject": complaint.subject,
        "application": _tracking_code(complaint.application),
        "outcome": complaint.outcome,
        "closed_on": complaint.closed_on.isoformat() if complaint.closed_on else None,
    }


def review_case_snapshot(case: ReviewCase) -> dict[str, str | None]:
    return {
        "kind": case.kind,
        "our_role": case.our_role,
        "case_number": case.case_number,
        "subject": case.subject,
        "application": _tracking_code(case.application),
        "filed_on": case.filed_on.isoformat(),
        "result": case.result,
        "decided_on": case.decided_on.isoformat() if case.decided_on else None,
    }


def complaint_record(
    *,
    actor: User | None,
    agency: Agency,
    source: ComplaintSource,
    received_on: date,
    subject: str,
    application: Application | None = None,
) -> Complaint:
    """Register a complaint or report about `agency`'s disclosure work, received `received_on`."""
    _require_recorder(actor, agency)
    subject = subject.strip()
    if not subject:
        raise ValidationError("请填写投诉举报事项。")
    _not_in_future(received_on, "收到日期")
    _check_application(application, agency)
    complaint = Complaint(
        agency=agency,
        source=source,
        received_on=received_on,
        subject=subject,
        application=application,
    )
    with transaction.atomic():
        complaint.full_clean()
        complaint.save()
        record_event(
            actor=actor,
            action="complaint.record",
            obj=complaint,
            before=None,
            after=complaint_snapshot(complaint),
        )
    return complaint


def complaint_close(
    *, actor: User | None, complaint: Complaint, outcome: str, closed_on: date
) -> Complaint:
    """Close `complaint` on `closed_on`, saying how it was dealt with; a closed one stays closed."""
    _require_recorder(actor, complaint.agency)
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError("请填写处理结果。")
    _not_in_future(closed_on, "办结日期")

    def close(locked: Complaint) -> None:
        # The row is locked: of two staff closing at once, the second sees it closed.
        if locked.closed_on is not None:
            raise ValidationError(f"该投诉举报已于 {locked.closed_on:%Y-%m-%d} 办结。")
        if closed_on < locked.received_on:
            raise ValidationError("办结日期不能早于收到日期。")
        locked.outcome, locked.closed_on = outcome, closed_on
        locked.full_clean()

    locked = locked_change(
        model=Complaint,
        pk=complaint.pk,
        seen_version=None,
        actor=actor,
        action="complaint.close",
        describe=lambda c: "投诉举报",
        snapshot=complaint_snapshot,
        change=close,
    )
    complaint.outcome, complaint.closed_on = locked.outcome, locked.closed_on
    return locked


def review_case_record(
    *,
    actor: User | None,
    agency: Agency,
    kind: ReviewKind,
    filed_on: date,
    our_role: ReviewRole = ReviewRole.ORIGINAL_AGENCY,
    case_number: str = "",
    subject: str = "",
    application: Application | None = None,
) -> ReviewCase:
    """Register a reconsideration or lawsuit about `agency`'s disclosure work, pending.

    `our_role` CO_DEFENDANT records that `agency` was sued only as the reconsideration organ
    beside the original agency; such a case is kept but not counted (国办公开办函〔2016〕201号).
    `application` is the application whose reply is challenged: made to `agency`, unless
    `agency` is only the co-defendant organ.
    """
    _require_recorder(actor, agency)
    if our_role == ReviewRole.CO_DEFENDANT and kind != ReviewKind.LITIGATION_AFTER_RECONSIDERATION:
        raise ValidationError("只有复议后起诉的案件中，复议机关才可能作为共同被告。")
    _not_in_future(filed_on, "申请或起诉日期")
    if our_role == ReviewRole.ORIGINAL_AGENCY:
        _check_application(application, agency)
    case = ReviewCase(
        application=application,
        agency=agency,
        kind=kind,
        our_role=our_role,
        filed_on=filed_on,
        case_number=case_number.strip(),
        subject=subject.strip(),
    )
    with transaction.atomic():
        case.full_clean()
        case.save()
        record_event(
            actor=actor,
            action="review_case.record",
            obj=case,
            before=None,
            after=review_case_snapshot(case),
        )
    return case


def review_case_decide(
    *,
    actor: User | None,
    case: ReviewCase,
    result: ReviewCaseResult,
    decided_on: date,
) -> ReviewCase:
    """Record the decision or judgment that ended `case`: its result and its date."""
    _require_recorder(actor, case.agency)
    if result not in DECIDED_RESULTS:
        raise ValidationError("审结结果应为结果维持、结果纠正或其他结果。")
    _not_in_future(decided_on, "审结日期")

    def decide(locked: ReviewCase) -> None:
        # The row is locked: of two staff deciding at once, the second sees it decided.
        if locked.decided_on is not None:
            raise ValidationError(
                f"该案件已于 {locked.decided_on:%Y-%m-%d} 审结（{locked.get_result_display()}）。"
            )
        if decided_on < locked.filed_on:
            raise ValidationError("审结日期不能早于申请或起诉日期。")
        locked.result, locked.decided_on = result, decided_on
        locked.full_clean()

    locked = locked_change(
        model=ReviewCase,
        pk=case.pk,
        seen_version=None,
        actor=actor,
        action="review_case.decide",
        describe=lambda c: "案件",
        snapshot=review_case_snapshot,
        change=decide,
    )
    case.result, case.decided_on = locked.result, locked.decided_on
    return locked
