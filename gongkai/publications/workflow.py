"""The path of one published item (信息) to publication and after, as one table.

`TRANSITIONS` is the whole state machine. Each row names the action, the states it may start
from, the state it leads to (None: the state does not change), the roles that may take it,
and whether the item must be public (on the portal) for it. `step` refuses the rest with a
Chinese message.

The path: draft → submitted → approved → cleared (保密审查通过) → published, at once or via
scheduled; a rejection at any step sends the item back to draft with a reason.

Decisions (documented in docs/decisions, see the module's tests):
- A revision (更新) of a published item is a new version that goes through the whole path
  again; the public version stays on the portal, unchanged, until the new one is published and
  replaces it. Whether an item is on the portal is therefore not a state but a flag (`public`)
  the caller passes: set at the first publication, cleared only by withdrawal.
- Withdrawal (撤回) needs a reason and is final; the item's page then shows a withdrawal notice.
- Retiring (失效/废止) marks a public document no longer in force; it stays public, so the
  state does not change.
- What the table cannot see is checked by the services: the author may not approve their own
  item (from the item's events); a confidentiality review may not clear unresolved findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.roles import SYSTEM, Role
from gongkai.workflow import Machine, WorkflowError

__all__ = [
    "APPROVER",
    "AUTHOR_ROLES",
    "CONFIDENTIALITY_REVIEWER",
    "DISCLOSURE_OFFICE",
    "HANDLER",
    "INITIAL_STATE",
    "MACHINE",
    "SYSTEM",
    "TRANSITIONS",
    "Action",
    "State",
    "Transition",
    "WorkflowError",
    "allowed_actions",
    "rule",
    "step",
]


class State(StrEnum):
    """Where the item's current version stands; the value is stored, the label shown."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CLEARED = "cleared"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """Return the state's Chinese name as staff see it."""
        return _STATE_LABELS[self]


_STATE_LABELS: Mapping[State, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "待审核",
    State.APPROVED: "待保密审查",
    State.CLEARED: "待发布",
    State.SCHEDULED: "定时发布",
    State.PUBLISHED: "已发布",
    State.WITHDRAWN: "已撤回",
}

INITIAL_STATE = State.DRAFT


class Action(StrEnum):
    """One thing a person may do to an item; each is one service function."""

    UPDATE = "update"
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    REVIEW_CLEAR = "review_clear"
    REVIEW_REJECT = "review_reject"
    PUBLISH = "publish"
    SCHEDULE = "schedule"
    PUBLISH_DUE = "publish_due"
    REVISE = "revise"
    WITHDRAW = "withdraw"
    RETIRE = "retire"

    @property
    def label(self) -> str:
        """Return the action's Chinese name, as on a button and in the history."""
        return _ACTION_LABELS[self]


_ACTION_LABELS: Mapping[Action, str] = {
    Action.UPDATE: "修改草稿",
    Action.SUBMIT: "提交审核",
    Action.APPROVE: "审核通过",
    Action.REJECT: "退回修改",
    Action.REVIEW_CLEAR: "保密审查通过",
    Action.REVIEW_REJECT: "保密审查不通过，退回",
    Action.PUBLISH: "发布",
    Action.SCHEDULE: "定时发布",
    Action.PUBLISH_DUE: "到时自动发布",
    Action.REVISE: "更新（新版本）",
    Action.WITHDRAW: "撤回",
    Action.RETIRE: "宣布失效或废止",
}

HANDLER = Role.HANDLER.value
DISCLOSURE_OFFICE = Role.DISCLOSURE_OFFICE.value
APPROVER = Role.APPROVER.value
CONFIDENTIALITY_REVIEWER = Role.CONFIDENTIALITY_REVIEWER.value
# SYSTEM (gongkai.roles) is the scheduler, `gongkai publications publish-due`.

AUTHOR_ROLES = frozenset({HANDLER, DISCLOSURE_OFFICE})


@dataclass(frozen=True, slots=True)
class Transition:
    """One row: `action` from any of `sources` leads to `target` (None: state unchanged)."""

    action: Action
    sources: frozenset[State]
    target: State | None
    roles: frozenset[str]
    public_only: bool = False


def _row(
    action: Action,
    sources: Iterable[State],
    target: State | None,
    roles: Iterable[str],
    *,
    public_only: bool = False,
) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), public_only)


_S = State
_AUTHORS = tuple(sorted(AUTHOR_ROLES))
_OFFICE = (DISCLOSURE_OFFICE,)
_LIVE = tuple(state for state in State if state is not State.WITHDRAWN)

TRANSITIONS: tuple[Transition, ...] = (
    # Editing keeps the state; every save is a new revision (nothing overwritten).
    _row(Action.UPDATE, [_S.DRAFT], None, _AUTHORS),
    _row(Action.SUBMIT, [_S.DRAFT], _S.SUBMITTED, _AUTHORS),
    # 审核: by an approver who is not the item's author (checked by the service).
    _row(Action.APPROVE, [_S.SUBMITTED], _S.APPROVED, [APPROVER]),
    _row(Action.REJECT, [_S.SUBMITTED], _S.DRAFT, [APPROVER]),
    # 条例第十七条: 保密审查 before anything is published; no way round it in this table.
    _row(Action.REVIEW_CLEAR, [_S.APPROVED], _S.CLEARED, [CONFIDENTIALITY_REVIEWER]),
    _row(Action.REVIEW_REJECT, [_S.APPROVED], _S.DRAFT, [CONFIDENTIALITY_REVIEWER]),
    # The office publishes, sends back, or sets (and cancels, by sending back) a time.
    _row(Action.PUBLISH, [_S.CLEARED, _S.SCHEDULED], _S.PUBLISHED, _OFFICE),
    _row(Action.SCHEDULE, [_S.CLEARED], _S.SCHEDULED, _OFFICE),
    _row(Action.REJECT, [_S.CLEARED, _S.SCHEDULED], _S.DRAFT, _OFFICE),
    _row(Action.PUBLISH_DUE, [_S.SCHEDULED], _S.PUBLISHED, [SYSTEM]),
    # 更新: a new version starts as a draft; the public version stays until it is replaced.
    _row(Action.REVISE, [_S.PUBLISHED], _S.DRAFT, _AUTHORS),
    # 撤回 and 失效/废止 act on what the public sees, whatever stage a new version is at.
    _row(Action.WITHDRAW, _LIVE, _S.WITHDRAWN, _OFFICE, public_only=True),
    _row(Action.RETIRE, _LIVE, None, _OFFICE, public_only=True),
)


MACHINE: Machine[State, Action, Transition] = Machine(TRANSITIONS, actions=Action, subject="信息")


def rule(state: State, action: Action) -> Transition | None:
    """Return the table row for `action` taken in `state`, or None when the table has none."""
    return MACHINE.rule(state, action)


def step(state: State, action: Action, role: str, *, public: bool) -> State:
    """Return the state `action` by `role` leads to, or raise WorkflowError.

    `public` says whether a version of the item is on the portal now.
    """
    row = MACHINE.row_for(state, action, role)
    if row.public_only and not public:
        raise WorkflowError(f"信息尚未发布，不能“{action.label}”")
    return state if row.target is None else row.target


def allowed_actions(state: State, roles: Iterable[str], *, public: bool) -> tuple[Action, ...]:
    """Return the actions any of `roles` may take in `state`, in the table's order (buttons)."""
    return MACHINE.allowed(state, roles, admits=lambda row: public or not row.public_only)
