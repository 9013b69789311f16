"""The roles a person may hold in an agency, with their Chinese names: defined once, here.

Pure Python (no Django): the workflow tables name roles by these values, and the membership
model builds its choices from them (`gongkai.agencies.models.Role`). `SYSTEM` is not a role
anyone holds: it is the scheduler and the commands that act without a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = ["APPLICANT", "ROLE_LABELS", "SYSTEM", "Role", "role_label"]


class Role(StrEnum):
    """A role held through a membership; the value is stored, the label shown."""

    ADMINISTRATOR = "administrator"
    DISCLOSURE_OFFICE = "disclosure_office"
    HANDLER = "handler"
    APPROVER = "approver"
    CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer"
    LEADER = "leader"
    SUPERVISING_REVIEWER = "supervising_reviewer"

    @property
    def label(self) -> str:
        """Return the role's Chinese name, e.g. 公开办."""
        return _LABELS[self]


_LABELS: Mapping[Role, str] = {
    Role.ADMINISTRATOR: "系统管理员",
    Role.DISCLOSURE_OFFICE: "公开办",
    Role.HANDLER: "承办人",
    Role.APPROVER: "审核人",
    Role.CONFIDENTIALITY_REVIEWER: "保密审查员",
    Role.LEADER: "领导",
    Role.SUPERVISING_REVIEWER: "上级审查员",
}

SYSTEM = "system"
"""The scheduler and the platform's commands: no person, no membership."""

APPLICANT = "applicant"
"""The applicant acting on the portal with the case's query code: never a staff account."""

ROLE_LABELS: Mapping[str, str] = {
    **{role.value: role.label for role in Role},
    SYSTEM: "系统",
    APPLICANT: "申请人",
}


def role_label(value: str) -> str:
    """Return the Chinese name of the role `value`, or a quoted value for an unknown one."""
    return ROLE_LABELS.get(value, f"角色“{value}”")
