"""The path of one agency's annual report for one year, as one table (the third on the engine).

条例第四十九条: the report is published on the portal by 31 January; 第五十条 its contents. The
path: the disclosure office drafts it from the data (and refreshes it until sign-off), edits
the narrative and explains each warning; it submits the draft, the leader (领导) signs it off
or returns it; the office publishes the signed version. A correction of a published report
starts a new draft; the published version stays on the portal until the corrected one is
published over it, with its 更正说明.

What the table cannot see is checked by the services: a draft with an error finding, or a
warning without a written explanation, cannot be submitted; the signed version is the one
published, unchanged.

The rows are written so that a supervising office's desk can be added as rows of its own
(submit upward, return with reasons, approve) without another engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.roles import SYSTEM, Role
from gongkai.workflow import Machine, WorkflowError

__all__ = [
    "INITIAL_STATE",
    "MACHINE",
    "TRANSITIONS",
    "Action",
    "State",
    "Transition",
    "WorkflowError",
    "allowed_actions",
    "step",
]


class State(StrEnum):
    """Where the report's working version stands; the value is stored, the label shown."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED = "signed"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        """Return the state's Chinese name as staff see it."""
        return _STATE_LABELS[self]


_STATE_LABELS: Mapping[State, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "待领导签发",
    State.SIGNED: "已签发，待发布",
    State.PUBLISHED: "已发布",
}

INITIAL_STATE = State.DRAFT


class Action(StrEnum):
    """One thing a person may do to a report; each is one service function."""

    REFRESH = "refresh"
    EDIT = "edit"
    EXPLAIN = "explain"
    SUBMIT = "submit"
    RETURN = "return"
    SIGN = "sign"
    PUBLISH = "publish"
    CORRECT = "correct"

    @property
    def label(self) -> str:
        """Return the action's Chinese name, as on a button and in the audit timeline."""
        return _ACTION_LABELS[self]


_ACTION_LABELS: Mapping[Action, str] = {
    Action.REFRESH: "按数据更新报表",
    Action.EDIT: "修改报告正文",
    Action.EXPLAIN: "说明警告",
    Action.SUBMIT: "提交领导签发",
    Action.RETURN: "退回修改",
    Action.SIGN: "签发",
    Action.PUBLISH: "发布",
    Action.CORRECT: "更正（新版本）",
}

_OFFICE = frozenset({Role.DISCLOSURE_OFFICE.value})
_LEADER = frozenset({Role.LEADER.value})


@dataclass(frozen=True, slots=True)
class Transition:
    """One row: `action` from any of `sources` leads to `target` (None: state unchanged)."""

    action: Action
    sources: frozenset[State]
    target: State | None
    roles: frozenset[str]
    basis: str = ""


def _row(
    action: Action,
    sources: Iterable[State],
    target: State | None,
    roles: frozenset[str],
    basis: str = "",
) -> Transition:
    return Transition(action, frozenset(sources), target, roles, basis)


_S = State

TRANSITIONS: tuple[Transition, ...] = (
    # The draft follows the data until sign-off (the office, or an operator's `gongkai annual
    # draft`); the office writes the narrative (第五十条).
    _row(Action.REFRESH, [_S.DRAFT], None, _OFFICE | {SYSTEM}, "条例第五十条"),
    _row(Action.EDIT, [_S.DRAFT], None, _OFFICE, "条例第五十条"),
    _row(Action.EXPLAIN, [_S.DRAFT], None, _OFFICE),
    _row(Action.SUBMIT, [_S.DRAFT], _S.SUBMITTED, _OFFICE),
    # The leader signs off, or sends the draft back; the office may take back a signed
    # version not yet published (to change it, it must be signed again).
    _row(Action.SIGN, [_S.SUBMITTED], _S.SIGNED, _LEADER),
    _row(Action.RETURN, [_S.SUBMITTED], _S.DRAFT, _LEADER),
    _row(Action.RETURN, [_S.SIGNED], _S.DRAFT, _OFFICE),
    # 条例第四十九条: published on the portal by 31 January (later is allowed, and recorded).
    _row(Action.PUBLISH, [_S.SIGNED], _S.PUBLISHED, _OFFICE, "条例第四十九条"),
    # A correction is a new version, drafted, signed and published like the first.
    _row(Action.CORRECT, [_S.PUBLISHED], _S.DRAFT, _OFFICE),
)

MACHINE: Machine[State, Action, Transition] = Machine(
    TRANSITIONS, actions=Action, subject="年度报告"
)


def step(state: State, action: Action, role: str) -> State:
    """Return the state `action` by `role` leads to, or raise WorkflowError."""
    row = MACHINE.row_for(state, action, role)
    return state if row.target is None else row.target


def allowed_actions(state: State, roles: Iterable[str]) -> tuple[Action, ...]:
    """Return the actions any of `roles` may take in `state`, in the table's order."""
    return MACHINE.allowed(state, roles)
