"""The states of one application and the transitions allowed between them, as one table.

application-procedure.md §16. `TRANSITIONS` is the whole state machine: each row names the
action, the states it may start from, the state it leads to, the roles that may take it and the
table 三 outcome it records, if any. `step` (and its short form `transition`) refuses anything
the table does not allow, with a Chinese message for the person who tried.

Some outcomes need a step the law puts before them (`PREREQUISITES`): the caller passes the
facts of the case's history (`facts`), and `step` refuses the outcome without them.

What the table does not decide: rules that need dates (补正 only once and within 7 working
days, an extension of at most 20 working days and before the due date, fee payment within 20
working days) are checked by `deadlines`; rules that need the case's history (which state a
paused case resumes, whether the actor heads the disclosure office) are passed in by the caller.

Roles are the platform's role values (`gongkai.agencies.models.Role`): "administrator",
"disclosure_office" (公开办), "handler" (承办人), "approver" (审核人), "leader" (领导), and
"applicant" for the applicant acting on the portal with the query code. The system
administrator takes no case actions: it administers accounts and agencies; a person who also
works on cases holds a second membership. The head (负责人) whose approval an extension needs
(条例第三十三条第二款) is the approver role: staff request, the approver approves. A row may still
be marked `office_head` for an act only the head of the office may take (none is, now).

Creating a case is not a transition: every case starts in `INITIAL_STATE` (ARRIVED), whether
the applicant submitted it on the portal or staff entered a letter, fax or e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.applications.procedure.correction import (
    CORRECTION_DECISIONS,
    CORRECTION_OUTCOME_KEYS,
    CorrectionOutcome,
    RequestKind,
)
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, application_row
from gongkai.roles import APPLICANT, Role
from gongkai.workflow import Machine, WorkflowError

__all__ = [
    "ADMINISTRATOR",
    "APPLICANT",
    "APPROVER",
    "CORRECTION_MACHINE",
    "CORRECTION_TRANSITIONS",
    "DISCLOSURE_OFFICE",
    "HANDLER",
    "INITIAL_STATE",
    "LAPSE_OUTCOMES",
    "LEADER",
    "MACHINE",
    "PREREQUISITES",
    "TRANSITIONS",
    "Action",
    "Fact",
    "State",
    "Step",
    "Transition",
    "WorkflowError",
    "allowed_actions",
    "machine_for",
    "rule",
    "step",
    "transition",
]


class State(StrEnum):
    """Where one application stands (§16); the value is stored, the label shown."""

    ARRIVED = "arrived"
    RECEIVED = "received"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    CONSULTING = "consulting"
    AWAITING_REASONS = "awaiting_reasons"
    DELAYED = "delayed"
    EXTENDED = "extended"
    AWAITING_FEE = "awaiting_fee"
    DECIDED = "decided"
    SERVED = "served"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        """Return the state's Chinese name as staff and applicants see it."""
        return _STATE_LABELS[self]


_STATE_LABELS: Mapping[State, str] = {
    State.ARRIVED: "待确认收到",
    State.RECEIVED: "办理中",
    State.AWAITING_CLARIFICATION: "待补正",
    State.CONSULTING: "征求意见中",
    State.AWAITING_REASONS: "待说明理由",
    State.DELAYED: "延迟答复",
    State.EXTENDED: "已延期",
    State.AWAITING_FEE: "待缴费",
    State.DECIDED: "已作出答复决定",
    State.SERVED: "已送达",
    State.WITHDRAWN: "已撤回",
    State.CLOSED: "已办结",
    State.ARCHIVED: "已归档",
}

INITIAL_STATE = State.ARRIVED


class Action(StrEnum):
    """One thing a person may do to a case; each is one service function in the Django layer."""

    REGISTER = "register"
    ASSIGN = "assign"
    REQUEST_CLARIFICATION = "request_clarification"
    ANSWER_CLARIFICATION = "answer_clarification"
    LAPSE_CLARIFICATION = "lapse_clarification"
    START_CONSULTATION = "start_consultation"
    END_CONSULTATION = "end_consultation"
    RECORD_SERVICE = "record_service"
    REQUEST_REASONS = "request_reasons"
    ANSWER_REASONS = "answer_reasons"
    ACCEPT_REASONS = "accept_reasons"
    CONTINUE_AFTER_REASONS = "continue_after_reasons"
    REQUEST_EXTENSION = "request_extension"
    EXTEND = "extend"
    REFUSE_EXTENSION = "refuse_extension"
    REQUEST_FEE = "request_fee"
    PAY_FEE = "pay_fee"
    LAPSE_FEE = "lapse_fee"
    WITHDRAW = "withdraw"
    DECIDE = "decide"
    SERVE = "serve"
    CLOSE = "close"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        """Return the action's Chinese name, as on a button and in the audit timeline."""
        return _ACTION_LABELS[self]


_ACTION_LABELS: Mapping[Action, str] = {
    Action.REGISTER: "登记受理（确认收到申请）",
    Action.ASSIGN: "交办承办股室",
    Action.REQUEST_CLARIFICATION: "告知补正",
    Action.ANSWER_CLARIFICATION: "收到补正材料",
    Action.LAPSE_CLARIFICATION: "逾期不补正，不再处理",
    Action.START_CONSULTATION: "征求第三方或其他机关意见",
    Action.END_CONSULTATION: "征求意见结束",
    Action.RECORD_SERVICE: "记录送达日期",
    Action.REQUEST_REASONS: "要求说明理由",
    Action.ANSWER_REASONS: "收到申请人说明的理由",
    Action.ACCEPT_REASONS: "理由合理，确定延迟答复期限",
    Action.CONTINUE_AFTER_REASONS: "理由合理，继续办理",
    Action.REQUEST_EXTENSION: "申请延长答复期限",
    Action.EXTEND: "批准延长答复期限",
    Action.REFUSE_EXTENSION: "不批准延长答复期限",
    Action.REQUEST_FEE: "发出收费通知",
    Action.PAY_FEE: "已缴费",
    Action.LAPSE_FEE: "逾期未缴费，不再处理",
    Action.WITHDRAW: "申请人撤回申请",
    Action.DECIDE: "作出答复决定",
    Action.SERVE: "送达答复",
    Action.CLOSE: "办结",
    Action.ARCHIVE: "归档",
}


class Fact(StrEnum):
    """A step in the case's history that a later decision presupposes."""

    CLARIFICATION_ANSWERED = "clarification_answered"  # 补正 requested and the supplement received
    REASONS_REQUESTED = "reasons_requested"  # the applicant asked to state reasons (第三十五条)

    @property
    def label(self) -> str:
        """Return the step in Chinese, as a refusal names it."""
        return {
            "clarification_answered": "告知补正并收到补正材料（条例第三十条）",
            "reasons_requested": "要求申请人说明理由（条例第三十五条）",
        }[self.value]


ADMINISTRATOR = Role.ADMINISTRATOR.value
DISCLOSURE_OFFICE = Role.DISCLOSURE_OFFICE.value
HANDLER = Role.HANDLER.value
APPROVER = Role.APPROVER.value
LEADER = Role.LEADER.value
# APPLICANT (gongkai.roles): the applicant on the portal, with the case's query code.


@dataclass(frozen=True, slots=True)
class Transition:
    """One row of the table: `action` from any of `sources` leads to `target`.

    `target=None` means the case resumes the state it was in before a pause (consultation or
    fee); the caller names it in `resume_to`, which must be one of `resumes`. `outcomes` are the
    table 三 outcome keys the action may record: empty when it records none; one key when the
    action implies it (e.g. a lapsed clarification); several when the approver chooses one.
    `office_head` marks the actions only the head of the disclosure office may take.
    """

    action: Action
    sources: frozenset[State]
    target: State | None
    roles: frozenset[str]
    outcomes: frozenset[str] = frozenset()
    resumes: frozenset[State] = frozenset()
    office_head: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """The result of an allowed action: the new state and the outcome recorded, if any."""

    state: State
    outcome: str | None


def _row(
    action: Action,
    sources: Iterable[State],
    target: State | None,
    roles: Iterable[str],
    *,
    outcomes: Iterable[str] = (),
    resumes: Iterable[State] = (),
    office_head: bool = False,
) -> Transition:
    return Transition(
        action=action,
        sources=frozenset(sources),
        target=target,
        roles=frozenset(roles),
        outcomes=frozenset(outcomes),
        resumes=frozenset(resumes),
        office_head=office_head,
    )


_S = State
_OFFICE = (DISCLOSURE_OFFICE,)
_STAFF = (DISCLOSURE_OFFICE, HANDLER)
_DECIDERS = (APPROVER, LEADER)
_APPROVERS = (APPROVER,)
# States in which the reply clock runs (or could be paused from).
_RUNNING = (_S.RECEIVED, _S.EXTENDED, _S.DELAYED)
# Every state of a case that is received and not yet decided.
_OPEN = (
    _S.RECEIVED,
    _S.AWAITING_CLARIFICATION,
    _S.CONSULTING,
    _S.AWAITING_REASONS,
    _S.DELAYED,
    _S.EXTENDED,
    _S.AWAITING_FEE,
)
_NO_CLARIFICATION = Outcome.OTHER_HANDLING_NO_CLARIFICATION.value
_FEE_UNPAID = Outcome.OTHER_HANDLING_FEE_UNPAID.value
LAPSE_OUTCOMES = frozenset({_NO_CLARIFICATION, _FEE_UNPAID})
"""The outcomes only a lapse records (their own actions check the dates), never chosen."""
_OTHER = Outcome.OTHER_HANDLING_OTHER.value
_EXCESSIVE = Outcome.NOT_PROCESSED_EXCESSIVE.value
_UNCLEAR = Outcome.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION.value
# An approver chooses any outcome except those only a lapse records (their own actions check
# the dates: 条例第三十条 for 补正, 国办函〔2020〕109号 for fees) and 不予处理 for excessive
# requests, which is decided only from 待说明理由 (条例第三十五条: after asking for reasons).
_DECIDABLE = tuple(
    key for key in OUTCOME_KEYS if key not in {_NO_CLARIFICATION, _FEE_UNPAID, _EXCESSIVE}
)

PREREQUISITES: Mapping[str, Fact] = {
    # 条例第三十条: "补正后申请内容仍不明确" presupposes a 补正 notice and the supplement.
    _UNCLEAR: Fact.CLARIFICATION_ANSWERED,
    # 条例第三十五条: 不予处理 only after the applicant was asked for reasons.
    _EXCESSIVE: Fact.REASONS_REQUESTED,
}
"""The step each outcome needs in the case's history; `step` refuses the outcome without it."""

# A state that can only be reached through a step holds that step's fact.
_IMPLIED: Mapping[State, Fact] = {State.AWAITING_REASONS: Fact.REASONS_REQUESTED}

TRANSITIONS: tuple[Transition, ...] = (
    # 条例第三十一条: the receipt date is fixed when the office confirms it (or signs for it).
    _row(Action.REGISTER, [_S.ARRIVED], _S.RECEIVED, _OFFICE),
    # Assigning (or reassigning) the handling section does not change the state.
    *(_row(Action.ASSIGN, [state], state, _OFFICE) for state in _OPEN),
    # 条例第三十条: one 补正 notice; the clock restarts when the supplement arrives.
    _row(Action.REQUEST_CLARIFICATION, [_S.RECEIVED], _S.AWAITING_CLARIFICATION, _STAFF),
    # The applicant may hand in the supplement on the portal (条例第二十九条: data messages).
    _row(
        Action.ANSWER_CLARIFICATION,
        [_S.AWAITING_CLARIFICATION],
        _S.RECEIVED,
        (*_STAFF, APPLICANT),
    ),
    _row(
        Action.LAPSE_CLARIFICATION,
        [_S.AWAITING_CLARIFICATION],
        _S.CLOSED,
        _OFFICE,
        outcomes=[_NO_CLARIFICATION],
    ),
    # 条例第三十二条、第三十四条: consultation pauses the clock (第三十三条第三款); several may
    # run at once, so a consulting case may start another and resume CONSULTING when one ends.
    _row(Action.START_CONSULTATION, [*_RUNNING, _S.CONSULTING], _S.CONSULTING, _STAFF),
    _row(
        Action.END_CONSULTATION,
        [_S.CONSULTING],
        None,
        _STAFF,
        resumes=[*_RUNNING, _S.CONSULTING],
    ),
    # 条例第三十五条: ask for reasons; unreasonable → 不予处理; reasonable → a delayed deadline
    # when the 第三十三条 periods cannot be met, else continue within them.
    _row(Action.REQUEST_REASONS, [_S.RECEIVED, _S.EXTENDED], _S.AWAITING_REASONS, _STAFF),
    _row(Action.ANSWER_REASONS, [_S.AWAITING_REASONS], _S.AWAITING_REASONS, _STAFF),
    _row(Action.ACCEPT_REASONS, [_S.AWAITING_REASONS], _S.DELAYED, _OFFICE),
    # Reasonable, and the 第三十三条 periods can be met: no delayed deadline, back to work.
    _row(
        Action.CONTINUE_AFTER_REASONS,
        [_S.AWAITING_REASONS],
        None,
        _OFFICE,
        resumes=[_S.RECEIVED, _S.EXTENDED],
    ),
    # 109号, 条例第三十二条、第三十四条: the addressee's period runs from the day it received the
    # letter; service is a fact recorded apart from sending and does not change the state.
    *(
        _row(Action.RECORD_SERVICE, [state], state, _STAFF)
        for state in (_S.CONSULTING, _S.AWAITING_FEE, _S.AWAITING_REASONS)
    ),
    # 条例第三十三条第二款: 需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人.
    # The handler or the office asks with reasons (the state stays); the 负责人 (approver role)
    # approves — the clock moves — or refuses. One request open at a time (services check);
    # the total ≤ 20 working days and the grant before the due date are checked by deadlines.
    *(_row(Action.REQUEST_EXTENSION, [s], s, _STAFF) for s in (_S.RECEIVED, _S.EXTENDED)),
    _row(Action.EXTEND, [_S.RECEIVED, _S.EXTENDED], _S.EXTENDED, _APPROVERS),
    *(_row(Action.REFUSE_EXTENSION, [s], s, _APPROVERS) for s in (_S.RECEIVED, _S.EXTENDED)),
    # 国办函〔2020〕109号: the office issues the fee notice within the processing period.
    _row(Action.REQUEST_FEE, _RUNNING, _S.AWAITING_FEE, _OFFICE),
    _row(Action.PAY_FEE, [_S.AWAITING_FEE], None, _OFFICE, resumes=_RUNNING),
    _row(Action.LAPSE_FEE, [_S.AWAITING_FEE], _S.CLOSED, _OFFICE, outcomes=[_FEE_UNPAID]),
    # The applicant withdraws (in writing); staff record it. Table 三 （六）3 其他 on closing.
    _row(Action.WITHDRAW, _OPEN, _S.WITHDRAWN, _STAFF),
    # The reply letter approved: exactly one table 三 outcome (§8).
    _row(Action.DECIDE, _RUNNING, _S.DECIDED, _DECIDERS, outcomes=_DECIDABLE),
    _row(Action.DECIDE, [_S.AWAITING_REASONS], _S.DECIDED, _DECIDERS, outcomes=[_EXCESSIVE]),
    # 国办公开办函〔2016〕235号: served on the signature date or the day handed to the post.
    _row(Action.SERVE, [_S.DECIDED], _S.SERVED, _STAFF),
    _row(Action.CLOSE, [_S.SERVED], _S.CLOSED, _OFFICE),
    _row(Action.CLOSE, [_S.WITHDRAWN], _S.CLOSED, _OFFICE, outcomes=[_OTHER]),
    # 条例第四十五条: one archive file per application.
    _row(Action.ARCHIVE, [_S.CLOSED], _S.ARCHIVED, _OFFICE),
)


MACHINE: Machine[State, Action, Transition] = Machine(TRANSITIONS, actions=Action, subject="案件")

# 条例第四十一条 — a request to correct a record about the applicant (更正申请). Every row rests
# on that article; it names no 补正, no consultation, no fee, no extension and no period
# (docs/decisions/0015: the reply is due within 20 working days as a service standard, by
# analogy with 第三十三条第二款, so the clock runs as for a disclosure request and never pauses).
_WITHDRAWN_REQUEST = CorrectionOutcome.WITHDRAWN.value
CORRECTION_TRANSITIONS: tuple[Transition, ...] = (
    # 条例第四十一条: the request is received and registered like any other letter or form.
    _row(Action.REGISTER, [_S.ARRIVED], _S.RECEIVED, _OFFICE),
    _row(Action.ASSIGN, [_S.RECEIVED], _S.RECEIVED, _OFFICE),
    _row(Action.WITHDRAW, [_S.RECEIVED], _S.WITHDRAWN, _STAFF),
    # 条例第四十一条: 审核属实的予以更正；不属于本机关职能范围的转送或者告知向有权机关提出；
    # 证据不足或者记录准确的不予更正 (with reasons).
    _row(
        Action.DECIDE,
        [_S.RECEIVED],
        _S.DECIDED,
        _DECIDERS,
        outcomes=[outcome.value for outcome in CORRECTION_DECISIONS],
    ),
    # 条例第四十一条: 并告知申请人 — the reply is served like any other.
    _row(Action.SERVE, [_S.DECIDED], _S.SERVED, _STAFF),
    _row(Action.CLOSE, [_S.SERVED], _S.CLOSED, _OFFICE),
    _row(Action.CLOSE, [_S.WITHDRAWN], _S.CLOSED, _OFFICE, outcomes=[_WITHDRAWN_REQUEST]),
    # 条例第四十五条 by analogy: one archive file per request.
    _row(Action.ARCHIVE, [_S.CLOSED], _S.ARCHIVED, _OFFICE),
)
"""The 更正申请's table (条例第四十一条): register, decide one of its four outcomes, serve."""

CORRECTION_MACHINE: Machine[State, Action, Transition] = Machine(
    CORRECTION_TRANSITIONS, actions=Action, subject="更正申请"
)


def machine_for(
    kind: RequestKind | str = RequestKind.DISCLOSURE,
) -> Machine[State, Action, Transition]:
    """Return the table of the request kind: disclosure (the default) or correction."""
    return CORRECTION_MACHINE if RequestKind(kind) is RequestKind.CORRECTION else MACHINE


def rule(
    state: State, action: Action, *, kind: RequestKind | str = RequestKind.DISCLOSURE
) -> Transition | None:
    """Return the table row for `action` taken in `state`, or None when the table has none."""
    return machine_for(kind).rule(state, action)


def allowed_actions(
    state: State,
    role: str,
    *,
    office_head: bool = False,
    kind: RequestKind | str = RequestKind.DISCLOSURE,
) -> tuple[Action, ...]:
    """Return the actions `role` may take in `state`, in the table's order (for buttons)."""
    return machine_for(kind).allowed(
        state, [role], admits=lambda row: office_head or not row.office_head
    )


def step(
    state: State,
    action: Action,
    role: str,
    *,
    outcome: str | None = None,
    office_head: bool = False,
    resume_to: State | None = None,
    facts: frozenset[Fact] = frozenset(),
    kind: RequestKind | str = RequestKind.DISCLOSURE,
) -> Step:
    """Return the state and outcome `action` by `role` leads to, or raise WorkflowError.

    `outcome` is required for DECIDE (exactly one table 三 key) and refused for actions that
    record none; an action that implies its outcome records it without being told.
    `resume_to` is required for the actions that end a pause (END_CONSULTATION, PAY_FEE).
    `facts` are the steps the case's history holds (`PREREQUISITES`). `kind` chooses the
    table: a 更正申请 (条例第四十一条) has its own rows and its own outcomes.
    """
    correction = RequestKind(kind) is RequestKind.CORRECTION
    row = machine_for(kind).row_for(state, action, role)
    if row.office_head and not office_head:
        # 条例第三十三条第二款: 经政府信息公开工作机构负责人同意.
        raise WorkflowError(f"“{action.label}”须经政府信息公开工作机构负责人同意")
    chosen = _outcome(row, outcome, correction=correction)
    needed = PREREQUISITES.get(chosen or "")
    if needed is not None and needed not in facts and _IMPLIED.get(state) is not needed:
        label = application_row(chosen or "").short_label
        raise WorkflowError(f"办理结果“{label}”须先{needed.label}")
    return Step(state=_target(row, resume_to), outcome=chosen)


def transition(
    state: State,
    action: Action,
    role: str,
    *,
    outcome: str | None = None,
    office_head: bool = False,
    resume_to: State | None = None,
) -> State:
    """Return the state `action` by `role` leads to from `state`, or raise WorkflowError."""
    return step(
        state, action, role, outcome=outcome, office_head=office_head, resume_to=resume_to
    ).state


def _target(row: Transition, resume_to: State | None) -> State:
    if row.target is not None:
        if resume_to is not None:
            raise WorkflowError(f"“{row.action.label}”不恢复先前状态，不应指定恢复状态")
        return row.target
    if resume_to is None:
        raise WorkflowError(f"“{row.action.label}”须指明恢复到暂停前的哪个状态")
    if resume_to not in row.resumes:
        raise WorkflowError(f"“{row.action.label}”后不能恢复到“{resume_to.label}”状态")
    return resume_to


def _outcome(row: Transition, outcome: str | None, *, correction: bool = False) -> str | None:
    if not row.outcomes:
        if outcome is not None:
            raise WorkflowError(f"“{row.action.label}”不记录办理结果")
        return None
    if outcome is None:
        if len(row.outcomes) == 1:
            (implied,) = row.outcomes
            return implied
        raise WorkflowError(f"“{row.action.label}”须选定一种办理结果")
    if correction:
        if outcome not in CORRECTION_OUTCOME_KEYS:
            raise WorkflowError(f"“{outcome}”不是更正申请的办理结果（条例第四十一条）")
        if outcome not in row.outcomes:
            label = CorrectionOutcome(outcome).label
            raise WorkflowError(f"“{row.action.label}”不能记录办理结果“{label}”")
        return outcome
    if outcome not in OUTCOME_KEYS:
        raise WorkflowError(f"“{outcome}”不是年度报告表三的办理结果")
    if outcome not in row.outcomes:
        label = application_row(outcome).short_label
        raise WorkflowError(f"“{row.action.label}”不能记录办理结果“{label}”")
    return outcome
