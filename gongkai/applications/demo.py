"""The demo's 更正申请 (条例第四十一条, `make demo`): one request to correct a record, at the stage
where it waits for the approver's decision, so each role meets one in its queue.

A letter signed for a week before the demo is loaded (挂号信: the signature day is the receipt
day, 条例第三十一条第（二）项), registered by the office and handed to 统计股's handler. The
applicant and the record are invented for the demo. Idempotent: matched by the record it names.
No disclosure request is seeded; table 三 never counts a 更正申请.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency, Section
from gongkai.applications.models import Application
from gongkai.applications.procedure.correction import RequestKind
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import Applicant, application_assign, application_register

__all__ = ["DEMO_CORRECTION", "load_demo_correction"]

DEMO_CORRECTION = Applicant(
    kind="natural_person",
    name="刘建国（演示）",
    description="本局2026年公布的《开发区个体工商户统计调查名录》中本人经营的“建国五金店”一条",
    contact_phone="0396-0000000",
    contact_address="驻马店经济开发区（演示地址）",
    request_kind=RequestKind.CORRECTION.value,
    correction_requested=(
        "名录中该店的经营地址记为“开发区兴业路12号”，实为“开发区兴业路21号”；"
        "随信附营业执照复印件，请予更正。"
    ),
)


def load_demo_correction(*, agency: Agency, office: User, handler: User, section: Section) -> int:
    """Create the demo's 更正申请 when `agency` has none; return how many were created."""
    if Application.objects.filter(agency=agency, description=DEMO_CORRECTION.description).exists():
        return 0
    arrived = timezone.localdate() - dt.timedelta(days=7)
    with transaction.atomic():
        case = application_register(
            actor=office,
            agency=agency,
            applicant=DEMO_CORRECTION,
            channel=Channel.POST,
            arrived_on=arrived,
            signed_for=True,
        ).application
        application_assign(
            application=case,
            actor=office,
            seen_version=case.version,
            section=section,
            handler=handler,
            on=arrived + dt.timedelta(days=1),
        )
    return 1
