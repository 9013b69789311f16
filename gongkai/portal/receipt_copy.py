"""A copy of the receipt (回执) by e-mail, when the applicant gave an address.

The copy carries the 申请编号, the date, the agency, what was asked and how to track the case;
never the query code (docs/decisions/0018-receipt-copy-and-page-drafts.md): the address is
typed by the applicant and checked by no one, so a mistyped address would hand a stranger the
key to the case's letters, which name the applicant. The receipt page shows the query code once.

Mail trouble never fails a submission: the case exists already; the failure is logged for
operators and the receipt page says the copy was not sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

__all__ = ["ReceiptCopy", "send_receipt_copy", "summary_label"]

logger = logging.getLogger(__name__)

SUMMARY_CHARS = 200


@dataclass(frozen=True)
class ReceiptCopy:
    """What the copy says: the receipt page's facts, without the query code."""

    to: str
    tracking_code: str
    agency: str
    submitted: str  # the date as people write it: 2026年3月2日
    summary: str
    track_url: str
    correction: bool = False  # a 更正申请 (条例第四十一条), not a disclosure request


def summary_label(*, correction: bool) -> str:
    """What the receipt calls the request's first lines: the record, for a 更正申请."""
    return "要求更正的记录" if correction else "所需信息"


def summary_of(description: str) -> str:
    """The request as the receipt repeats it: its first SUMMARY_CHARS characters."""
    text = " ".join(description.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS] + "……"


def send_receipt_copy(copy: ReceiptCopy) -> bool:
    """Send the copy; True when the mail backend took it, False (logged) when it failed."""
    kind = "更正申请" if copy.correction else "政府信息公开申请"
    terms = (
        "本机关将与您确认收到申请。更正申请依照《中华人民共和国政府信息公开条例》第四十一条办理；"
        "条例未规定更正申请的答复期限，本机关参照条例第三十三条第二款，"
        "自确认收到之日起20个工作日内答复，作为服务标准。"
        if copy.correction
        else "本机关将与您确认收到申请，答复期限自确认收到之日起算"
        "（《中华人民共和国政府信息公开条例》第三十一条）。"
    )
    subject = f"{kind}回执（申请编号 {copy.tracking_code}）"
    body = (
        f"{copy.agency}已收到您于{copy.submitted}在线提交的{kind}。\n\n"
        f"申请编号：{copy.tracking_code}\n"
        f"提交日期：{copy.submitted}\n"
        f"受理机关：{copy.agency}\n"
        f"{summary_label(correction=copy.correction)}：{copy.summary}\n\n"
        f"{terms}\n\n"
        f"查询办理进度：{copy.track_url}\n"
        "查询时请输入申请编号和查询码。为保护您的信息，查询码只在提交后的回执页面显示，"
        "本邮件不包含查询码；遗失查询码的，请与本机关政府信息公开工作机构联系。\n\n"
        "如果您没有提交过这份申请，请忽略本邮件。\n"
        "（本邮件由系统自动发送，请勿直接回复。）"
    )
    try:
        send_mail(
            subject=subject,
            message=body,
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=[copy.to],
        )
    except Exception:  # any backend failure: SMTP refused, DNS, timeout
        logger.exception("receipt copy for %s not sent", copy.tracking_code)
        return False
    return True
