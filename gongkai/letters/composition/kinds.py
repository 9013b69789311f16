"""The notices of the 依申请公开 procedure: kinds, titles, and the basis each kind rests on.

application-procedure.md §4 (补正), §5 (延期), §6 (征求意见), §10 (收费), §13 (答复). The basis of a
reply comes from the report catalogue (one source of outcome labels and bases); the other kinds
rest on fixed articles named here.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, OutcomeHeading

__all__ = [
    "OUTCOME_GROUNDS",
    "REGULATIONS",
    "REPLY_GROUPS",
    "LetterFormat",
    "LetterKind",
    "outcome_group",
]

REGULATIONS = "《中华人民共和国政府信息公开条例》"


class LetterKind(StrEnum):
    """One kind of notice; the value is stored, `default_title` is printed."""

    CLARIFICATION = "clarification"
    EXTENSION = "extension"
    CONSULTATION_THIRD_PARTY = "consultation_third_party"
    CONSULTATION_AGENCY = "consultation_agency"
    FEE_NOTICE = "fee_notice"
    REASONS_REQUEST = "reasons_request"
    DELAYED_DEADLINE = "delayed_deadline"
    DISCLOSURE_NOTICE = "disclosure_notice"
    REPLY = "reply"
    # 条例第四十一条: the answer to a 更正申请, one template per outcome (decision 0015).
    CORRECTION_REPLY = "correction_reply"

    @property
    def default_title(self) -> str:
        """Return the letter's shipped title (an administrator's template may change it)."""
        return _TITLES[self]

    @property
    def label(self) -> str:
        """Return the short name shown in lists, e.g. 补正告知书."""
        return _LABELS[self]

    @property
    def legal_basis(self) -> str:
        """Return the basis of a notice that is not a reply ('' for a reply: see the outcome)."""
        return _BASES[self]

    @property
    def to_applicant(self) -> bool:
        """Return whether the letter goes to the applicant (consultation letters do not)."""
        return self not in (
            LetterKind.CONSULTATION_THIRD_PARTY,
            LetterKind.CONSULTATION_AGENCY,
            LetterKind.DISCLOSURE_NOTICE,
        )

    @property
    def has_remedies(self) -> bool:
        """Return whether the letter must tell the applicant how to challenge it (§13)."""
        return self in (LetterKind.REPLY, LetterKind.CORRECTION_REPLY)

    @property
    def is_reply(self) -> bool:
        """Return whether the letter answers a request: a reply template per outcome."""
        return self in (LetterKind.REPLY, LetterKind.CORRECTION_REPLY)


_TITLES = {
    LetterKind.CLARIFICATION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.CONSULTATION_THIRD_PARTY: "政府信息公开征求第三方意见书",
    LetterKind.CONSULTATION_AGENCY: "政府信息公开征求意见函",
    LetterKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
    LetterKind.REASONS_REQUEST: "政府信息公开申请说明理由告知书",
    LetterKind.DELAYED_DEADLINE: "延迟答复告知书",
    LetterKind.DISCLOSURE_NOTICE: "政府信息公开决定告知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
    LetterKind.CORRECTION_REPLY: "政府信息更正申请答复书",
}
_LABELS = {
    LetterKind.CLARIFICATION: "补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.CONSULTATION_THIRD_PARTY: "征求第三方意见书",
    LetterKind.CONSULTATION_AGENCY: "征求其他机关意见函",
    LetterKind.FEE_NOTICE: "收费通知书",
    LetterKind.REASONS_REQUEST: "说明理由告知书",
    LetterKind.DELAYED_DEADLINE: "延迟答复告知书",
    LetterKind.DISCLOSURE_NOTICE: "公开决定告知书（第三方）",
    LetterKind.REPLY: "答复书",
    LetterKind.CORRECTION_REPLY: "更正申请答复书",
}
_BASES = {
    # 条例第三十条: 补正 once, within 7 working days, listing everything with a reasonable deadline.
    LetterKind.CLARIFICATION: "《条例》第三十条",
    # 条例第三十三条第二款: at most 20 more working days, approved by the office head, notified.
    LetterKind.EXTENSION: "《条例》第三十三条第二款",
    # 条例第三十二条: the third party has 15 working days from receiving the letter.
    LetterKind.CONSULTATION_THIRD_PARTY: "《条例》第三十二条",
    # 条例第三十四条: co-makers have 15 working days; silence counts as consent.
    LetterKind.CONSULTATION_AGENCY: "《条例》第三十四条",
    # 条例第四十二条 and 109号: basis, standard, amount, and 20 working days to pay.
    LetterKind.FEE_NOTICE: (
        "《条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    ),
    # 条例第三十五条: ask for reasons; reasonable but the periods cannot be met → a delayed
    # deadline, notified.
    LetterKind.REASONS_REQUEST: "《条例》第三十五条",
    LetterKind.DELAYED_DEADLINE: "《条例》第三十五条",
    # 条例第三十二条: disclosed over the third party's objection for the public interest — the
    # content and the reasons are notified to it in writing.
    LetterKind.DISCLOSURE_NOTICE: "《条例》第三十二条",
    LetterKind.REPLY: "",
    # 条例第四十一条: every answer to a 更正申请 rests on it alone.
    LetterKind.CORRECTION_REPLY: "《条例》第四十一条",
}

REPLY_GROUPS: tuple[str, ...] = tuple(heading.value for heading in OutcomeHeading)
"""Outcome groups a reply template may be written for; a template may also name one outcome."""


def outcome_group(outcome: str) -> str:
    """Return the group (`OutcomeHeading`) of a table 三 outcome key."""
    if outcome not in OUTCOME_KEYS:
        raise ValueError(f"“{outcome}”不是年度报告表三的办理结果")
    return Outcome(outcome).group.value


class LetterFormat(StrEnum):
    """The file formats a letter is written in."""

    DOCX = "docx"
    PDF = "pdf"

    @property
    def content_type(self) -> str:
        """Return the file's MIME type."""
        if self is LetterFormat.DOCX:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return "application/pdf"


OUTCOME_GROUNDS: dict[str, str] = {
    # What a withheld reply says about the information, in the words of 条例第十四至十六条.
    Outcome.WITHHELD_STATE_SECRET: "属于国家秘密",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "属于法律、行政法规禁止公开的政府信息",
    Outcome.WITHHELD_SECURITY_STABILITY: "公开后可能危及国家安全、公共安全、经济安全和社会稳定",
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS: "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
    Outcome.WITHHELD_PROCESS_INFORMATION: (
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
    ),
    Outcome.WITHHELD_ENFORCEMENT_CASE_FILE: "属于行政执法案卷信息",
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: (
        "属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息"
    ),
}
"""The default `${outcome_grounds}` of each withheld outcome; the handler may write their own."""
