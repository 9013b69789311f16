"""Factories for the applications tests: an agency with its staff, and cases in given states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Role, Section
from gongkai.agencies.tests.factories import make_agency, make_member, make_section
from gongkai.applications.models import Application
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import Applicant, application_register

# A resident id number with a correct check character (GB 11643), and a credit code (GB 32100).
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"


@dataclass
class Office:
    agency: Agency
    section: Section
    office: User  # 公开办
    head: User  # 公开办负责人: disclosure_office + approver
    handler: User
    approver: User
    leader: User


def make_office() -> Office:
    agency = make_agency()
    section = make_section(agency=agency)
    head = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE, user=None)
    make_member(agency=agency, role=Role.APPROVER, user=head)
    return Office(
        agency=agency,
        section=section,
        office=make_member(agency=agency, role=Role.DISCLOSURE_OFFICE),
        head=head,
        handler=make_member(agency=agency, role=Role.HANDLER, section=section),
        approver=make_member(agency=agency, role=Role.APPROVER),
        leader=make_member(agency=agency, role=Role.LEADER),
    )


def person(**fields: str) -> Applicant:
    values = {
        "kind": "natural_person",
        "name": "张三",
        "description": "2025年本区规模以上工业企业统计数据",
        "id_document_type": "resident_id",
        "id_document_number": RESIDENT_ID,
        "contact_phone": "13800138000",
        "contact_address": "驻马店市某路1号",
    } | fields
    return Applicant(**values)


def registered(office: Office, received: dt.date, **fields: str) -> Application:
    """A case registered in person on `received` (receipt date = that day)."""
    return application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(**fields),
        channel=Channel.IN_PERSON,
        arrived_on=received,
    ).application
