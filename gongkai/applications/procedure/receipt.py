"""The receipt date (收到申请之日) of 条例第三十一条, by channel; and the channels themselves.

Pure Python (no Django): the services and the import both use it.

| channel | receipt date |
| --- | --- |
| in person (当面) | the day of submission |
| post requiring signature (挂号/EMS) | the day the agency signs for it |
| ordinary letter (平信) | the day the office confirms with the applicant |
| online, fax, e-mail | the day both parties confirm |

国办公开办函〔2015〕207号: an ordinary letter that cannot be confirmed (no phone, unreachable)
waits; its clock starts on the day contact is re-established (the confirmation day again).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

__all__ = ["Channel", "ReceiptError", "late_confirmation", "receipt_date"]


class ReceiptError(ValueError):
    """The dates given do not fix a receipt date; the message (Chinese) says which is missing."""


class Channel(StrEnum):
    """How the application arrived (cli-and-import.md: 申请方式)."""

    IN_PERSON = "in_person"
    POST = "post"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Return the channel's Chinese name, as in the register and on screen."""
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面",
    Channel.POST: "邮寄",
    Channel.ONLINE: "网络",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
    Channel.OTHER: "其他",
}


def receipt_date(
    *,
    channel: Channel,
    arrived_on: dt.date,
    signed_for: bool = False,
    confirmed_on: dt.date | None = None,
) -> dt.date:
    """Return the receipt date 条例第三十一条 gives for an application that arrived on `arrived_on`.

    `signed_for` is True for post the agency signed for (挂号/EMS): the arrival (signature) day
    counts. Every channel but in-person and signed-for post needs `confirmed_on`, the day the
    office and the applicant confirmed receipt; it cannot be before the arrival.
    """
    if channel is Channel.IN_PERSON or (channel is Channel.POST and signed_for):
        return arrived_on
    if confirmed_on is None:
        what = "平信" if channel is Channel.POST else channel.label
        raise ReceiptError(f"以{what}方式提交的申请，须与申请人确认收到之日起算（条例第三十一条）")
    if confirmed_on < arrived_on:
        raise ReceiptError(
            f"确认收到之日 {confirmed_on.isoformat()} 不能早于申请到达之日 {arrived_on.isoformat()}"
        )
    return confirmed_on


def late_confirmation(
    *, channel: Channel, arrived_on: dt.date, confirmed_on: dt.date, contact_lost: str = ""
) -> str | None:
    """Return a warning when an ordinary letter was confirmed after the day it arrived.

    条例第三十一条第（二）项: the office confirms an ordinary letter with the applicant on the day
    it is received; only an applicant who cannot be reached (国办公开办函〔2015〕207号) justifies a
    later day, and the reason is then recorded (`contact_lost`). Otherwise the agency's own
    delay would postpone the applicant's clock.
    """
    if channel is not Channel.POST or confirmed_on <= arrived_on or contact_lost.strip():
        return None
    return (
        f"平信于 {arrived_on.isoformat()} 到达，{confirmed_on.isoformat()} 才确认收到："
        "条例第三十一条第（二）项要求收到当日与申请人确认；"
        "当日联系不上申请人的，请在“未能当日确认的原因”中记录（国办公开办函〔2015〕207号）。"
    )
