"""The item workflow as a specification, without a database: the path, refusals and roles."""

from __future__ import annotations

import pytest

from gongkai.publications.workflow import (
    APPROVER,
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    HANDLER,
    INITIAL_STATE,
    SYSTEM,
    TRANSITIONS,
    Action,
    State,
    WorkflowError,
    allowed_actions,
    rule,
    step,
)

S, A = State, Action
AUTHORS = {HANDLER, DISCLOSURE_OFFICE}
OFFICE = {DISCLOSURE_OFFICE}
LIVE = [s for s in State if s is not S.WITHDRAWN]
ALL_ROLES = [HANDLER, DISCLOSURE_OFFICE, APPROVER, CONFIDENTIALITY_REVIEWER, SYSTEM, "leader"]

# Written out independently of the module: (from, action) → (to, roles, public only).
EXPECTED: dict[tuple[State, Action], tuple[State, set[str], bool]] = {
    (S.DRAFT, A.UPDATE): (S.DRAFT, AUTHORS, False),
    (S.DRAFT, A.SUBMIT): (S.SUBMITTED, AUTHORS, False),
    (S.SUBMITTED, A.APPROVE): (S.APPROVED, {APPROVER}, False),
    (S.SUBMITTED, A.REJECT): (S.DRAFT, {APPROVER}, False),
    (S.APPROVED, A.REVIEW_CLEAR): (S.CLEARED, {CONFIDENTIALITY_REVIEWER}, False),
    (S.APPROVED, A.REVIEW_REJECT): (S.DRAFT, {CONFIDENTIALITY_REVIEWER}, False),
    (S.CLEARED, A.PUBLISH): (S.PUBLISHED, OFFICE, False),
    (S.SCHEDULED, A.PUBLISH): (S.PUBLISHED, OFFICE, False),
    (S.CLEARED, A.SCHEDULE): (S.SCHEDULED, OFFICE, False),
    (S.CLEARED, A.REJECT): (S.DRAFT, OFFICE, False),
    (S.SCHEDULED, A.REJECT): (S.DRAFT, OFFICE, False),
    (S.SCHEDULED, A.PUBLISH_DUE): (S.PUBLISHED, {SYSTEM}, False),
    (S.PUBLISHED, A.REVISE): (S.DRAFT, AUTHORS, False),
    **{(s, A.WITHDRAW): (S.WITHDRAWN, OFFICE, True) for s in LIVE},
    **{(s, A.RETIRE): (s, OFFICE, True) for s in LIVE},
}


def test_the_table_is_exactly_the_specified_machine() -> None:
    # given the table, when every (state, action) pair is looked up, then it matches EXPECTED
    for state in State:
        for action in Action:
            row = rule(state, action)
            expected = EXPECTED.get((state, action))
            if expected is None:
                assert row is None, (state, action)
                continue
            assert row is not None, (state, action)
            target, roles, public_only = expected
            assert (row.target or state, set(row.roles), row.public_only) == (
                target,
                roles,
                public_only,
            ), (state, action)


@pytest.mark.parametrize(("state", "action"), sorted(EXPECTED))
def test_each_allowed_step_leads_where_the_table_says_for_every_role(
    state: State, action: Action
) -> None:
    target, roles, _ = EXPECTED[(state, action)]
    for role in ALL_ROLES:
        if role in roles:
            assert step(state, action, role, public=True) is target
        else:
            with pytest.raises(WorkflowError, match="无权"):
                step(state, action, role, public=True)


def test_the_happy_path_reaches_publication_only_through_the_confidentiality_review() -> None:
    # given a new item
    state = INITIAL_STATE
    # when it is submitted, approved, cleared and published
    state = step(state, A.SUBMIT, HANDLER, public=False)
    state = step(state, A.APPROVE, APPROVER, public=False)
    state = step(state, A.REVIEW_CLEAR, CONFIDENTIALITY_REVIEWER, public=False)
    state = step(state, A.PUBLISH, DISCLOSURE_OFFICE, public=False)
    # then it is published
    assert state is S.PUBLISHED


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.APPROVED])
def test_nothing_is_published_before_the_confidentiality_review(state: State) -> None:
    for action in (A.PUBLISH, A.SCHEDULE, A.PUBLISH_DUE):
        for role in ALL_ROLES:
            with pytest.raises(WorkflowError):
                step(state, action, role, public=False)


def test_every_path_into_published_passes_through_cleared() -> None:
    # given the graph of the table, when we search from DRAFT avoiding CLEARED
    edges = {(s, r.target or s) for r in TRANSITIONS for s in r.sources}
    seen, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        here = frontier.pop()
        for source, target in edges:
            if source is here and target is not S.CLEARED and target not in seen:
                seen.add(target)
                frontier.append(target)
    # then PUBLISHED (and SCHEDULED) cannot be reached
    assert S.PUBLISHED not in seen
    assert S.SCHEDULED not in seen


@pytest.mark.parametrize(
    ("state", "role"),
    [(S.SUBMITTED, APPROVER), (S.CLEARED, DISCLOSURE_OFFICE), (S.SCHEDULED, DISCLOSURE_OFFICE)],
)
def test_a_rejection_sends_the_item_back_to_draft(state: State, role: str) -> None:
    assert step(state, A.REJECT, role, public=False) is S.DRAFT


def test_a_review_rejection_sends_the_item_back_to_draft() -> None:
    assert step(S.APPROVED, A.REVIEW_REJECT, CONFIDENTIALITY_REVIEWER, public=False) is S.DRAFT


def test_withdrawal_and_retirement_need_a_public_item() -> None:
    # given an item never published, when the office withdraws or retires it, then refused
    for action in (A.WITHDRAW, A.RETIRE):
        with pytest.raises(WorkflowError, match="尚未发布"):
            step(S.DRAFT, action, DISCLOSURE_OFFICE, public=False)


def test_a_public_item_under_revision_can_still_be_withdrawn_or_retired() -> None:
    # given a published item whose new version is a draft again
    state = step(S.PUBLISHED, A.REVISE, HANDLER, public=True)
    assert state is S.DRAFT
    # then the office may still retire the public version (state kept) or withdraw it
    assert step(state, A.RETIRE, DISCLOSURE_OFFICE, public=True) is S.DRAFT
    assert step(state, A.WITHDRAW, DISCLOSURE_OFFICE, public=True) is S.WITHDRAWN


def test_withdrawal_is_final() -> None:
    assert allowed_actions(S.WITHDRAWN, ALL_ROLES, public=False) == ()


def test_refusals_say_why_in_chinese() -> None:
    with pytest.raises(WorkflowError, match="信息处于“草稿”状态，不能“审核通过”"):
        step(S.DRAFT, A.APPROVE, APPROVER, public=False)
    with pytest.raises(WorkflowError, match="承办人无权“审核通过”，须由审核人办理"):
        step(S.SUBMITTED, A.APPROVE, HANDLER, public=False)


def test_allowed_actions_lists_the_buttons_for_the_roles_held() -> None:
    assert allowed_actions(S.SUBMITTED, [APPROVER], public=False) == (A.APPROVE, A.REJECT)
    assert allowed_actions(S.PUBLISHED, [DISCLOSURE_OFFICE], public=True) == (
        A.REVISE,
        A.WITHDRAW,
        A.RETIRE,
    )
    assert allowed_actions(S.CLEARED, [HANDLER], public=False) == ()
