"""The demo's agencies, sections and one account per role (`demo_data`, `make demo`).

Idempotent: whatever exists is kept, what is missing is created through the services, and a
demo account whose password was changed gets the published demo password back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.services import user_create, user_set_password
from gongkai.agencies.models import Agency, AgencyKind, Membership, Role, Section
from gongkai.agencies.services import agency_create, membership_grant, section_create

# Published in the README and printed by `make demo`: a demo database only.
DEMO_PASSWORD = "gongkai-demo"  # noqa: S105

SUPERVISING_OFFICE = ("zmd-kfq", "驻马店经济开发区管理委员会", AgencyKind.MANAGEMENT_COMMITTEE)
AGENCY = ("zmd-tjj", "驻马店经济开发区统计局", AgencyKind.DEPARTMENT)
SECTIONS = ("综合股", "统计股", "调查股")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    agency_code: str
    section: str | None = None


ACCOUNTS = (
    DemoAccount("demo-admin", "演示·系统管理员", Role.ADMINISTRATOR, "zmd-tjj"),
    DemoAccount("demo-office", "演示·公开办", Role.DISCLOSURE_OFFICE, "zmd-tjj", "综合股"),
    DemoAccount("demo-handler", "演示·承办人", Role.HANDLER, "zmd-tjj", "统计股"),
    DemoAccount("demo-approver", "演示·审核人", Role.APPROVER, "zmd-tjj"),
    DemoAccount("demo-secrecy", "演示·保密审查员", Role.CONFIDENTIALITY_REVIEWER, "zmd-tjj"),
    DemoAccount("demo-leader", "演示·领导", Role.LEADER, "zmd-tjj"),
    DemoAccount("demo-supervisor", "演示·上级审查员", Role.SUPERVISING_REVIEWER, "zmd-kfq"),
)


@dataclass(frozen=True)
class DemoResult:
    agency: Agency
    supervising_office: Agency
    created: int


def _agency(code: str, name: str, kind: AgencyKind, parent: Agency | None) -> tuple[Agency, bool]:
    existing = Agency.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return agency_create(actor=None, code=code, name=name, kind=kind, parent=parent), True


def load_demo_data() -> DemoResult:
    """Create what the demo needs and is missing; return the demo agency."""
    created = 0
    with transaction.atomic():
        office, new = _agency(*SUPERVISING_OFFICE, parent=None)
        created += new
        agency, new = _agency(*AGENCY, parent=office)
        created += new
        sections = {}
        for name in SECTIONS:
            section = Section.objects.filter(agency=agency, name=name).first()
            if section is None:
                section = section_create(actor=None, agency=agency, name=name)
                created += 1
            sections[name] = section
        agencies = {office.code: office, agency.code: agency}
        for account in ACCOUNTS:
            user = User.objects.filter(username=account.username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=account.username,
                    full_name=account.full_name,
                    password=DEMO_PASSWORD,
                    validate=False,
                )
                created += 1
            elif not user.check_password(DEMO_PASSWORD):
                user_set_password(actor=None, user=user, password=DEMO_PASSWORD, validate=False)
            where = agencies[account.agency_code]
            if not Membership.objects.filter(
                user=user, agency=where, role=account.role, revoked_at__isnull=True
            ).exists():
                membership_grant(
                    actor=None,
                    user=user,
                    agency=where,
                    role=account.role,
                    section=sections[account.section] if account.section else None,
                )
                created += 1
    return DemoResult(agency=agency, supervising_office=office, created=created)
