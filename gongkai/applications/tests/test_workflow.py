"""The workflow table as a specification: every allowed transition, refusals, roles, outcomes."""

from __future__ import annotations

import pytest

from gongkai.applications.procedure.workflow import (
    ADMINISTRATOR,
    APPLICANT,
    APPROVER,
    DISCLOSURE_OFFICE,
    HANDLER,
    INITIAL_STATE,
    LEADER,
    TRANSITIONS,
    Action,
    Fact,
    State,
    WorkflowError,
    allowed_actions,
    rule,
    step,
    transition,
)
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome

S, A = State, Action
OFFICE, STAFF, DECIDERS = {DISCLOSURE_OFFICE}, {DISCLOSURE_OFFICE, HANDLER}, {APPROVER, LEADER}
OPEN = [
    S.RECEIVED,
    S.AWAITING_CLARIFICATION,
    S.CONSULTING,
    S.AWAITING_REASONS,
    S.DELAYED,
    S.EXTENDED,
    S.AWAITING_FEE,
]
RUNNING = [S.RECEIVED, S.EXTENDED, S.DELAYED]
RESUME = None  # the target of an action that ends a pause: the caller names the state

# The whole machine of application-procedure.md §16, written out independently of the module:
# (from, action) → (to, roles).
EXPECTED: dict[tuple[State, Action], tuple[State | None, set[str]]] = {
    (S.ARRIVED, A.REGISTER): (S.RECEIVED, OFFICE),
    **{(s, A.ASSIGN): (s, OFFICE) for s in OPEN},
    (S.RECEIVED, A.REQUEST_CLARIFICATION): (S.AWAITING_CLARIFICATION, STAFF),
    (S.AWAITING_CLARIFICATION, A.ANSWER_CLARIFICATION): (S.RECEIVED, STAFF | {APPLICANT}),
    (S.AWAITING_CLARIFICATION, A.LAPSE_CLARIFICATION): (S.CLOSED, OFFICE),
    **{(s, A.START_CONSULTATION): (S.CONSULTING, STAFF) for s in [*RUNNING, S.CONSULTING]},
    (S.CONSULTING, A.END_CONSULTATION): (RESUME, STAFF),
    (S.RECEIVED, A.REQUEST_REASONS): (S.AWAITING_REASONS, STAFF),
    (S.EXTENDED, A.REQUEST_REASONS): (S.AWAITING_REASONS, STAFF),
    (S.AWAITING_REASONS, A.ANSWER_REASONS): (S.AWAITING_REASONS, STAFF),
    (S.AWAITING_REASONS, A.ACCEPT_REASONS): (S.DELAYED, OFFICE),
    (S.AWAITING_REASONS, A.CONTINUE_AFTER_REASONS): (RESUME, OFFICE),
    **{
        (s, A.RECORD_SERVICE): (s, STAFF)
        for s in [S.CONSULTING, S.AWAITING_FEE, S.AWAITING_REASONS]
    },
    # 条例第三十三条第二款: staff request, the 负责人 (approver) approves or refuses.
    **{(s, A.REQUEST_EXTENSION): (s, STAFF) for s in [S.RECEIVED, S.EXTENDED]},
    **{(s, A.EXTEND): (S.EXTENDED, {APPROVER}) for s in [S.RECEIVED, S.EXTENDED]},
    **{(s, A.REFUSE_EXTENSION): (s, {APPROVER}) for s in [S.RECEIVED, S.EXTENDED]},
    **{(s, A.REQUEST_FEE): (S.AWAITING_FEE, OFFICE) for s in RUNNING},
    (S.AWAITING_FEE, A.PAY_FEE): (RESUME, OFFICE),
    (S.AWAITING_FEE, A.LAPSE_FEE): (S.CLOSED, OFFICE),
    **{(s, A.WITHDRAW): (S.WITHDRAWN, STAFF) for s in OPEN},
    **{(s, A.DECIDE): (S.DECIDED, DECIDERS) for s in [*RUNNING, S.AWAITING_REASONS]},
    (S.DECIDED, A.SERVE): (S.SERVED, STAFF),
    (S.SERVED, A.CLOSE): (S.CLOSED, OFFICE),
    (S.WITHDRAWN, A.CLOSE): (S.CLOSED, OFFICE),
    (S.CLOSED, A.ARCHIVE): (S.ARCHIVED, OFFICE),
}


def test_the_table_allows_exactly_the_expected_transitions() -> None:
    actual = {(s, a) for s in State for a in Action if rule(s, a) is not None}
    assert actual == set(EXPECTED)


@pytest.mark.parametrize(("source", "action"), sorted(EXPECTED))
def test_every_allowed_transition_with_every_allowed_role(source: State, action: Action) -> None:
    # given the table's row, when each allowed role takes the action, then it leads where §16 says
    target, roles = EXPECTED[(source, action)]
    row = rule(source, action)
    assert row is not None
    assert row.roles == roles
    for role in roles:
        resume_to = None if target is not None else sorted(row.resumes)[0]
        outcome = sorted(row.outcomes)[0] if len(row.outcomes) > 1 else None
        result = transition(
            source, action, role, outcome=outcome, office_head=True, resume_to=resume_to
        )
        assert result == (target if target is not None else resume_to)


@pytest.mark.parametrize(("source", "action"), sorted(EXPECTED))
def test_every_other_role_is_refused(source: State, action: Action) -> None:
    _, roles = EXPECTED[(source, action)]
    everyone = {
        ADMINISTRATOR,
        APPLICANT,
        DISCLOSURE_OFFICE,
        HANDLER,
        APPROVER,
        LEADER,
        "supervising_reviewer",
    }
    for role in everyone - roles:
        with pytest.raises(WorkflowError, match="无权"):
            transition(source, action, role, office_head=True)


@pytest.mark.parametrize(
    ("source", "action"),
    [
        (S.ARCHIVED, A.EXTEND),
        (S.ARRIVED, A.DECIDE),
        (S.ARRIVED, A.WITHDRAW),
        (S.DECIDED, A.WITHDRAW),
        (S.CLOSED, A.SERVE),
        (S.CLOSED, A.CLOSE),
        (S.AWAITING_CLARIFICATION, A.REQUEST_CLARIFICATION),
        (S.EXTENDED, A.REQUEST_CLARIFICATION),
        (S.CONSULTING, A.DECIDE),
        (S.AWAITING_FEE, A.DECIDE),
        (S.AWAITING_FEE, A.REQUEST_FEE),
        (S.DELAYED, A.EXTEND),
        (S.SERVED, A.ARCHIVE),
        (S.RECEIVED, A.END_CONSULTATION),
        (S.RECEIVED, A.PAY_FEE),
    ],
)
def test_transitions_outside_the_table_are_refused_in_chinese(
    source: State, action: Action
) -> None:
    with pytest.raises(WorkflowError) as raised:
        transition(source, action, DISCLOSURE_OFFICE, office_head=True)
    assert str(raised.value) == f"案件处于“{source.label}”状态，不能“{action.label}”"


def test_a_handler_may_not_decide() -> None:
    with pytest.raises(WorkflowError, match="承办人无权“作出答复决定”，须由审核人、领导办理"):
        transition(S.RECEIVED, A.DECIDE, HANDLER, outcome="granted")


def test_the_system_administrator_takes_no_case_action() -> None:
    with pytest.raises(WorkflowError, match="系统管理员无权"):
        transition(S.ARRIVED, A.REGISTER, ADMINISTRATOR)


def test_an_extension_is_requested_by_staff_and_approved_by_the_approver() -> None:
    # 条例第三十三条第二款: 经政府信息公开工作机构负责人同意 — the office may ask, not grant.
    with pytest.raises(WorkflowError, match="公开办无权“批准延长答复期限”，须由审核人办理"):
        transition(S.RECEIVED, A.EXTEND, DISCLOSURE_OFFICE)
    assert transition(S.RECEIVED, A.REQUEST_EXTENSION, HANDLER) is S.RECEIVED
    assert transition(S.RECEIVED, A.EXTEND, APPROVER) is S.EXTENDED
    assert transition(S.EXTENDED, A.REFUSE_EXTENSION, APPROVER) is S.EXTENDED


def test_the_applicant_may_only_hand_in_the_supplement() -> None:
    for state in State:
        assert allowed_actions(state, APPLICANT) == (
            (A.ANSWER_CLARIFICATION,) if state is S.AWAITING_CLARIFICATION else ()
        )


def test_an_unknown_role_is_named_in_the_refusal() -> None:
    with pytest.raises(WorkflowError, match="角色“citizen”无权"):
        transition(S.ARRIVED, A.REGISTER, "citizen")


# --- outcomes -----------------------------------------------------------------------------------


def test_decide_requires_exactly_one_outcome_from_the_catalogue() -> None:
    with pytest.raises(WorkflowError, match="须选定一种办理结果"):
        transition(S.RECEIVED, A.DECIDE, APPROVER)
    with pytest.raises(WorkflowError, match="不是年度报告表三的办理结果"):
        transition(S.RECEIVED, A.DECIDE, APPROVER, outcome="withheld")
    result = step(S.EXTENDED, A.DECIDE, LEADER, outcome=Outcome.WITHHELD_STATE_SECRET)
    assert (result.state, result.outcome) == (S.DECIDED, Outcome.WITHHELD_STATE_SECRET)


@pytest.mark.parametrize(
    "outcome", [Outcome.OTHER_HANDLING_NO_CLARIFICATION, Outcome.OTHER_HANDLING_FEE_UNPAID]
)
def test_the_lapse_outcomes_are_recorded_only_by_their_lapse(outcome: str) -> None:
    with pytest.raises(WorkflowError, match="不能记录办理结果"):
        transition(S.RECEIVED, A.DECIDE, APPROVER, outcome=outcome)


@pytest.mark.parametrize(
    ("source", "action", "outcome"),
    [
        (S.AWAITING_CLARIFICATION, A.LAPSE_CLARIFICATION, Outcome.OTHER_HANDLING_NO_CLARIFICATION),
        (S.AWAITING_FEE, A.LAPSE_FEE, Outcome.OTHER_HANDLING_FEE_UNPAID),
        (S.WITHDRAWN, A.CLOSE, Outcome.OTHER_HANDLING_OTHER),
    ],
)
def test_implied_outcomes(source: State, action: Action, outcome: str) -> None:
    assert step(source, action, DISCLOSURE_OFFICE) == step(
        source, action, DISCLOSURE_OFFICE, outcome=outcome
    )
    assert step(source, action, DISCLOSURE_OFFICE).outcome == outcome


def test_closing_a_served_case_records_no_outcome() -> None:
    assert step(S.SERVED, A.CLOSE, DISCLOSURE_OFFICE).outcome is None
    with pytest.raises(WorkflowError, match="不记录办理结果"):
        step(S.SERVED, A.CLOSE, DISCLOSURE_OFFICE, outcome="granted")


def test_unreasonable_reasons_can_only_lead_to_excessive() -> None:
    # 条例第三十五条: reasons judged unreasonable → 不予处理 （五）4.
    assert (
        transition(S.AWAITING_REASONS, A.DECIDE, APPROVER, outcome=Outcome.NOT_PROCESSED_EXCESSIVE)
        is S.DECIDED
    )
    with pytest.raises(WorkflowError, match="不能记录办理结果“予以公开”"):
        transition(S.AWAITING_REASONS, A.DECIDE, APPROVER, outcome="granted")


def test_every_outcome_of_table_三_can_be_recorded() -> None:
    recorded = {key for row in TRANSITIONS for key in row.outcomes}
    assert recorded == set(OUTCOME_KEYS)


# --- pauses resume the previous state -----------------------------------------------------------


def test_ending_a_consultation_resumes_the_state_before_it() -> None:
    assert transition(S.CONSULTING, A.END_CONSULTATION, HANDLER, resume_to=S.EXTENDED) is S.EXTENDED
    with pytest.raises(WorkflowError, match="须指明恢复"):
        transition(S.CONSULTING, A.END_CONSULTATION, HANDLER)
    with pytest.raises(WorkflowError, match="不能恢复到“待缴费”"):
        transition(S.CONSULTING, A.END_CONSULTATION, HANDLER, resume_to=S.AWAITING_FEE)


def test_paying_the_fee_resumes_a_running_state() -> None:
    assert transition(S.AWAITING_FEE, A.PAY_FEE, DISCLOSURE_OFFICE, resume_to=S.DELAYED) is (
        S.DELAYED
    )


def test_resume_to_is_refused_where_nothing_resumes() -> None:
    with pytest.raises(WorkflowError, match="不应指定恢复状态"):
        transition(S.DECIDED, A.SERVE, HANDLER, resume_to=S.RECEIVED)


# --- the shape of the machine -------------------------------------------------------------------


def test_every_state_is_reachable_and_archived_is_final() -> None:
    reached, frontier = {INITIAL_STATE}, [INITIAL_STATE]
    while frontier:
        state = frontier.pop()
        for row in TRANSITIONS:
            if state in row.sources:
                targets = {row.target} if row.target is not None else set(row.resumes)
                for target in targets - reached:
                    reached.add(target)
                    frontier.append(target)
    assert reached == set(State)
    assert not any(S.ARCHIVED in row.sources for row in TRANSITIONS)


def test_allowed_actions_lists_the_buttons_for_a_role() -> None:
    assert allowed_actions(S.RECEIVED, APPROVER) == (A.EXTEND, A.REFUSE_EXTENSION, A.DECIDE)
    office = allowed_actions(S.RECEIVED, DISCLOSURE_OFFICE)
    assert A.EXTEND not in office and A.REQUEST_EXTENSION in office
    assert allowed_actions(S.ARCHIVED, DISCLOSURE_OFFICE) == ()


# --- outcomes that need a step first (issue 14 W2) ----------------------------------------------


def test_not_processed_for_excessive_requests_only_after_asking_for_reasons() -> None:
    # 条例第三十五条: never straight from 办理中
    with pytest.raises(WorkflowError, match="不能记录办理结果"):
        step(S.RECEIVED, A.DECIDE, APPROVER, outcome=Outcome.NOT_PROCESSED_EXCESSIVE)
    asked = frozenset({Fact.REASONS_REQUESTED})
    decided = step(
        S.AWAITING_REASONS, A.DECIDE, APPROVER, outcome=Outcome.NOT_PROCESSED_EXCESSIVE, facts=asked
    )
    assert decided.outcome == Outcome.NOT_PROCESSED_EXCESSIVE


def test_unclear_after_clarification_only_after_a_clarification_was_answered() -> None:
    # 条例第三十条: "补正后申请内容仍不明确" presupposes the 补正 and the supplement
    outcome = Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION
    with pytest.raises(WorkflowError, match="须先告知补正并收到补正材料（条例第三十条）"):
        step(S.RECEIVED, A.DECIDE, APPROVER, outcome=outcome)
    answered = frozenset({Fact.CLARIFICATION_ANSWERED})
    assert step(S.RECEIVED, A.DECIDE, APPROVER, outcome=outcome, facts=answered).outcome == outcome
