"""The one workflow engine: a table in, the right row out, the rest refused in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from gongkai.roles import ROLE_LABELS, SYSTEM, Role, role_label
from gongkai.workflow import Machine, WorkflowError


class Light(StrEnum):
    RED = "red"
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "红灯", "green": "绿灯"}[self.value]


class Turn(StrEnum):
    GO = "go"
    STOP = "stop"
    NOTE = "note"

    @property
    def label(self) -> str:
        return {"go": "放行", "stop": "停车", "note": "记录"}[self.value]


@dataclass(frozen=True, slots=True)
class Row:
    action: Turn
    sources: frozenset[Light]
    target: Light | None
    roles: frozenset[str]
    loud: bool = False


ROWS = (
    Row(Turn.GO, frozenset({Light.RED}), Light.GREEN, frozenset({Role.HANDLER.value})),
    Row(Turn.STOP, frozenset({Light.GREEN}), Light.RED, frozenset({Role.APPROVER.value}), True),
    Row(Turn.NOTE, frozenset(Light), None, frozenset({Role.HANDLER.value, SYSTEM})),
)
MACHINE: Machine[Light, Turn, Row] = Machine(ROWS, actions=Turn, subject="路口")


def test_the_row_for_an_allowed_action_is_returned():
    assert MACHINE.row_for(Light.RED, Turn.GO, "handler") is ROWS[0]
    assert MACHINE.rule(Light.GREEN, Turn.NOTE) is ROWS[2]


def test_an_action_the_table_has_no_row_for_is_refused_naming_state_and_action():
    with pytest.raises(WorkflowError, match="路口处于“红灯”状态，不能“停车”"):
        MACHINE.row_for(Light.RED, Turn.STOP, "approver")


def test_a_role_the_row_does_not_list_is_refused_naming_who_may():
    with pytest.raises(WorkflowError, match="审核人无权“放行”，须由承办人办理"):
        MACHINE.row_for(Light.RED, Turn.GO, "approver")
    with pytest.raises(WorkflowError, match="角色“visitor”无权"):
        MACHINE.row_for(Light.RED, Turn.GO, "visitor")


def test_allowed_lists_actions_in_declaration_order_filtered_by_the_workflows_own_column():
    assert MACHINE.allowed(Light.RED, ["handler"]) == (Turn.GO, Turn.NOTE)
    assert MACHINE.allowed(Light.GREEN, ["handler", "approver"]) == (Turn.STOP, Turn.NOTE)
    assert MACHINE.allowed(Light.GREEN, ["approver"], admits=lambda row: not row.loud) == ()
    assert MACHINE.allowed(Light.GREEN, []) == ()


def test_a_table_listing_one_state_and_action_twice_is_refused():
    twice = (*ROWS, Row(Turn.GO, frozenset({Light.RED}), Light.RED, frozenset({"handler"})))
    with pytest.raises(ValueError, match="listed twice"):
        Machine(twice, actions=Turn, subject="路口")


def test_every_role_has_one_chinese_name_and_the_membership_choices_are_built_from_them():
    from gongkai.agencies.models import Role as MembershipRole

    assert [(r.value, r.label) for r in Role] == list(MembershipRole.choices)
    assert ROLE_LABELS["system"] == "系统" and role_label("leader") == "领导"


def test_the_first_role_the_table_allows_acts():
    def go(role: str) -> Light:
        row = MACHINE.row_for(Light.RED, Turn.GO, role)
        assert row.target is not None
        return row.target

    nobody = PermissionError("没有岗位")
    # approver sorts first and is refused 放行: the loop goes on to handler, who may
    assert MACHINE.for_any_role({"approver", "handler"}, go, nobody=nobody) is Light.GREEN


def test_when_every_role_is_refused_the_refusal_is_the_first_roles_in_a_fixed_order():
    def stop(role: str) -> Row:
        return MACHINE.row_for(Light.GREEN, Turn.STOP, role)

    # handler sorts before leader: its refusal is the one shown, whatever the order given
    for roles in (["leader", "handler"], ["handler", "leader"]):
        with pytest.raises(WorkflowError, match=f"^{role_label('handler')}无权"):
            MACHINE.for_any_role(roles, stop, nobody=PermissionError("没有岗位"))


def test_no_role_at_all_raises_the_callers_refusal():
    with pytest.raises(PermissionError, match="没有岗位"):
        MACHINE.for_any_role([], lambda role: role, nobody=PermissionError("没有岗位"))
