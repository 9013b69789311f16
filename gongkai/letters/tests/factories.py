"""A letter's facts, all filled in, for every kind: tests override what they look at."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from gongkai.applications.procedure.fees import per_piece_fee
from gongkai.applications.procedure.remedies import ReviewBodies
from gongkai.letters.composition.compose import LetterContext
from gongkai.letters.composition.kinds import LetterKind
from gongkai.report.catalogue import Outcome, OutcomeHeading

APPLICANT = "张小明"
RECEIPT = dt.date(2023, 12, 20)
RECEIPT_TEXT = "2023年12月20日"
THIRD_PARTY = "驻马店市某某实业有限公司"
BODIES = ReviewBodies(reconsideration_organ="驻马店市人民政府", court="驻马店市驿城区人民法院")
GROUP_OUTCOMES = {
    OutcomeHeading.GRANTED: Outcome.GRANTED,
    OutcomeHeading.PARTIALLY_GRANTED: Outcome.PARTIALLY_GRANTED,
    OutcomeHeading.WITHHELD: Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
    OutcomeHeading.UNAVAILABLE: Outcome.UNAVAILABLE_NOT_HELD,
    OutcomeHeading.NOT_PROCESSED: Outcome.NOT_PROCESSED_REPEATED,
    OutcomeHeading.OTHER_HANDLING: Outcome.OTHER_HANDLING_FEE_UNPAID,
}
"""One outcome of each reply group."""


def make_context(kind: LetterKind, **overrides: Any) -> LetterContext:
    context = LetterContext(
        kind=kind,
        agency_name="驻马店经济开发区统计局",
        letter_number="驻经开统公开〔2024〕5号",
        letter_date=dt.date(2024, 1, 2),
        applicant_name=APPLICANT,
        tracking_code="YSQ-2023-0042",
        receipt_date=RECEIPT,
        information_requested="2023年第三季度辖区规模以上工业企业名录",
        reasons="所申请信息涉及第三方经营信息，第三方明确不同意公开",
        contact="王科员，0396-1234567",
        clarification_items=("请写明所需信息的名称或文号", "请说明所需信息的时间范围"),
        clarification_deadline=dt.date(2024, 1, 12),
        clarification_channels=(
            "（一）网上提交：访问https://example.gov.cn/track/，输入申请编号和查询码；",
            "（二）现场提交或者邮寄：驻马店市某路1号。",
        ),
        due_date=dt.date(2024, 1, 18),
        new_due_date=dt.date(2024, 2, 22),
        consulted_party=THIRD_PARTY,
        consultation_reply_due=dt.date(2024, 1, 23),
        fee=per_piece_fee(pieces=5, earlier_this_month=28),
        fee_payment_deadline=dt.date(2024, 2, 1),
        delayed_due=dt.date(2024, 3, 29),
        fee_payment_method="通过非税收入缴款码缴入国库",
        provision="现以电子邮件方式将该信息发送至您预留的邮箱",
        responsible_agency="驻马店市统计局，电话0396-7654321",
        review_bodies=BODIES,
        correction_requested="记载有误，应予更正",
    )
    return dataclasses.replace(context, **overrides)
