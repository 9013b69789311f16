"""The 更正申请's table (条例第四十一条) as a specification, apart from the disclosure table."""

from __future__ import annotations

import pytest

from gongkai.applications.procedure.correction import (
    CORRECTION_DECISIONS,
    CORRECTION_OUTCOME_KEYS,
    CorrectionOutcome,
    RequestKind,
)
from gongkai.applications.procedure.workflow import (
    APPLICANT,
    APPROVER,
    CORRECTION_TRANSITIONS,
    DISCLOSURE_OFFICE,
    HANDLER,
    LEADER,
    Action,
    State,
    WorkflowError,
    allowed_actions,
    rule,
    step,
)
from gongkai.report.catalogue import OUTCOME_KEYS

S, A, C = State, Action, RequestKind.CORRECTION
OFFICE, STAFF, DECIDERS = {DISCLOSURE_OFFICE}, {DISCLOSURE_OFFICE, HANDLER}, {APPROVER, LEADER}

# Written out independently of the module: (from, action) → (to, roles).
EXPECTED: dict[tuple[State, Action], tuple[State, set[str]]] = {
    (S.ARRIVED, A.REGISTER): (S.RECEIVED, OFFICE),
    (S.RECEIVED, A.ASSIGN): (S.RECEIVED, OFFICE),
    (S.RECEIVED, A.WITHDRAW): (S.WITHDRAWN, STAFF),
    (S.RECEIVED, A.DECIDE): (S.DECIDED, DECIDERS),
    (S.DECIDED, A.SERVE): (S.SERVED, STAFF),
    (S.SERVED, A.CLOSE): (S.CLOSED, OFFICE),
    (S.WITHDRAWN, A.CLOSE): (S.CLOSED, OFFICE),
    (S.CLOSED, A.ARCHIVE): (S.ARCHIVED, OFFICE),
}


def test_the_table_is_exactly_the_expected_machine() -> None:
    found = {
        (source, row.action): (row.target, set(row.roles))
        for row in CORRECTION_TRANSITIONS
        for source in row.sources
    }
    assert found == EXPECTED


@pytest.mark.parametrize(
    "action",
    [
        A.REQUEST_CLARIFICATION,
        A.START_CONSULTATION,
        A.REQUEST_FEE,
        A.REQUEST_EXTENSION,
        A.REQUEST_REASONS,
    ],
)
def test_a_correction_has_none_of_the_disclosure_pauses(action: Action) -> None:
    # 条例第四十一条 names no 补正, consultation, fee, extension or reasons for a correction.
    assert rule(S.RECEIVED, action, kind=C) is None
    with pytest.raises(WorkflowError, match="更正申请处于“办理中”状态"):
        step(S.RECEIVED, action, DISCLOSURE_OFFICE, kind=C)
    # …while the disclosure table still has them.
    assert rule(S.RECEIVED, action) is not None


@pytest.mark.parametrize("outcome", CORRECTION_DECISIONS)
def test_the_approver_decides_each_of_the_four_outcomes(outcome: CorrectionOutcome) -> None:
    moved = step(S.RECEIVED, A.DECIDE, APPROVER, outcome=outcome.value, kind=C)
    assert (moved.state, moved.outcome) == (S.DECIDED, outcome.value)


def test_a_correction_cannot_record_a_table_three_outcome() -> None:
    with pytest.raises(WorkflowError, match="不是更正申请的办理结果"):
        step(S.RECEIVED, A.DECIDE, APPROVER, outcome="granted", kind=C)
    # Nor a disclosure request a correction outcome.
    with pytest.raises(WorkflowError, match="不是年度报告表三的办理结果"):
        step(S.RECEIVED, A.DECIDE, APPROVER, outcome=CorrectionOutcome.CORRECTED.value)


def test_deciding_needs_an_outcome_and_withdrawal_is_not_one_to_choose() -> None:
    with pytest.raises(WorkflowError, match="须选定一种办理结果"):
        step(S.RECEIVED, A.DECIDE, APPROVER, kind=C)
    with pytest.raises(WorkflowError, match="不能记录办理结果“申请人撤回更正申请”"):
        step(S.RECEIVED, A.DECIDE, APPROVER, outcome=CorrectionOutcome.WITHDRAWN.value, kind=C)


def test_closing_a_withdrawn_request_records_the_withdrawal() -> None:
    moved = step(S.WITHDRAWN, A.CLOSE, DISCLOSURE_OFFICE, kind=C)
    assert moved.outcome == CorrectionOutcome.WITHDRAWN.value
    assert step(S.SERVED, A.CLOSE, DISCLOSURE_OFFICE, kind=C).outcome is None


def test_the_handler_may_not_decide_and_the_applicant_may_do_nothing() -> None:
    with pytest.raises(WorkflowError, match="无权“作出答复决定”"):
        step(S.RECEIVED, A.DECIDE, HANDLER, outcome=CorrectionOutcome.REFUSED.value, kind=C)
    for state in State:
        assert allowed_actions(state, APPLICANT, kind=C) == ()


def test_buttons_follow_the_correction_table() -> None:
    assert allowed_actions(S.RECEIVED, DISCLOSURE_OFFICE, kind=C) == (A.ASSIGN, A.WITHDRAW)
    assert allowed_actions(S.RECEIVED, APPROVER, kind=C) == (A.DECIDE,)


def test_correction_outcomes_are_no_table_three_keys() -> None:
    assert not set(CORRECTION_OUTCOME_KEYS) & set(OUTCOME_KEYS)
    assert {o.label for o in CORRECTION_DECISIONS} == {
        "予以更正",
        "不予更正",
        "转送有权更正的机关处理",
        "告知向有权更正的机关提出",
    }


def test_the_work_queues_read_from_the_disclosure_table_also_fit_corrections():
    # applications.queues finds states per action in TRANSITIONS; a correction may take an
    # action only in states where a disclosure request may too, so no queue misses one.
    from gongkai.applications.procedure.workflow import TRANSITIONS

    for row in CORRECTION_TRANSITIONS:
        disclosure = {s for r in TRANSITIONS if r.action is row.action for s in r.sources}
        assert row.sources <= disclosure, row.action
