"""The shipped template texts: one for every notice and every reply outcome group.

Written for gongkai in plain official Chinese; each cites its article through `${legal_basis}`
(for replies the catalogue's basis of the outcome). An agency's administrator may replace any
of them (`LetterTemplate`); these stay the system defaults. A reply template is keyed by an
outcome group (`OutcomeHeading.WITHHELD`) or by one outcome
(`Outcome.WITHHELD_ADMINISTRATIVE_QUERY`), or by an outcome and its ground; the more specific
wins. Row keys come from the report catalogue, never typed here (issue 13 item 1). Lines
starting with “?” are optional (see `compose`).
"""

from __future__ import annotations

from gongkai.applications.procedure.correction import CORRECTION_DECISIONS
from gongkai.applications.procedure.correction import CorrectionOutcome as Corr
from gongkai.letters.composition.compose import TemplateText
from gongkai.letters.composition.kinds import REPLY_GROUPS, LetterKind, outcome_group
from gongkai.report.catalogue import Outcome, OutcomeHeading

__all__ = ["DEFAULT_TEMPLATES", "default_key", "default_template"]

K = LetterKind
Out = Outcome
H = OutcomeHeading

_RECEIVED = (
    "本机关于${receipt_date}收到您提出的政府信息公开申请（申请编号：${tracking_code}），"
    "申请获取“${information_requested}”。"
)
_TOLD = _RECEIVED + "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），现告知如下："
_ANSWERED = _RECEIVED + "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），现答复如下："
_CONSULTED = (
    "本机关于${receipt_date}收到一份政府信息公开申请（申请编号：${tracking_code}），"
    "申请公开“${information_requested}”。"
)
_CONTACT = "?联系人及电话：${contact}"
# A reply always names whom the applicant can ask (issue 14 X5): the line is not optional.
_REPLY_END = "${remedies}\n特此告知。\n联系人及电话：${contact}"


def _reply(*lines: str) -> TemplateText:
    return TemplateText(K.REPLY.default_title, "\n".join((_ANSWERED, *lines, _REPLY_END)))


# 条例第四十一条: the 更正申请 names the record about the applicant and what is inaccurate in it.
_CORRECTION_ANSWERED = (
    "本机关于${receipt_date}收到您提出的政府信息更正申请（申请编号：${tracking_code}），"
    "认为本机关提供的与您自身相关的政府信息记录“${information_requested}”不准确，"
    "要求更正：${correction_requested}。"
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），现答复如下："
)


def _correction(*lines: str) -> TemplateText:
    return TemplateText(
        K.CORRECTION_REPLY.default_title,
        "\n".join((_CORRECTION_ANSWERED, *lines, _REPLY_END)),
    )


DEFAULT_TEMPLATES: dict[tuple[LetterKind, str], TemplateText] = {
    (K.CLARIFICATION, ""): TemplateText(
        K.CLARIFICATION.default_title,
        "\n".join(
            (
                _TOLD,
                "经审查，${clarification_reason}。"
                "根据${legal_basis}的规定，请您对申请作出如下补正：",
                "${clarification_items}",
                "请您于${clarification_deadline}前（含当日）通过以下方式之一向本机关提交补正后的申请：",
                "${clarification_channels}",
                "答复期限自本机关收到补正后的申请之日起计算。"
                "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
                "特此告知。",
                _CONTACT,
            )
        ),
    ),
    (K.EXTENSION, ""): TemplateText(
        K.EXTENSION.default_title,
        "\n".join(
            (
                _TOLD,
                "本机关原应于${due_date}前（含当日）作出答复。因${reasons}，本机关不能在上述期限内答复。"
                "根据${legal_basis}的规定，经本机关政府信息公开工作机构负责人同意，"
                "答复期限予以延长（延长的期限最长不超过20个工作日），"
                "本机关将于${new_due_date}前（含当日）作出答复。",
                "特此告知。",
                _CONTACT,
            )
        ),
    ),
    (K.CONSULTATION_THIRD_PARTY, ""): TemplateText(
        K.CONSULTATION_THIRD_PARTY.default_title,
        "\n".join(
            (
                _CONSULTED,
                "经审查，本机关认为该信息可能涉及贵方的商业秘密、个人隐私等合法权益，"
                "公开后可能损害贵方合法权益。根据《中华人民共和国政府信息公开条例》"
                "（以下简称《条例》）的规定，依照${legal_basis}，现书面征求贵方意见。",
                "?具体情况：${reasons}",
                "请贵方${consultation_reply_period}"
                "书面提出是否同意公开的意见；不同意公开的，请说明理由并提供相关依据。"
                "贵方逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。"
                "贵方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益"
                "造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
                "特此函询。",
                _CONTACT,
            )
        ),
    ),
    (K.CONSULTATION_AGENCY, ""): TemplateText(
        K.CONSULTATION_AGENCY.default_title,
        "\n".join(
            (
                _CONSULTED,
                "该信息的公开涉及贵机关。根据《中华人民共和国政府信息公开条例》"
                "（以下简称《条例》）的规定，依照${legal_basis}，现征求贵机关意见。",
                "?具体情况：${reasons}",
                "请贵机关${consultation_reply_period}"
                "书面提出是否同意公开的意见；不同意公开的，请说明理由。",
                # 条例第三十四条: only for information made jointly (not 第三十三条第三款).
                "?${deemed_consent}",
                "特此函询。",
                _CONTACT,
            )
        ),
    ),
    (K.FEE_NOTICE, ""): TemplateText(
        K.FEE_NOTICE.default_title,
        "\n".join(
            (
                _TOLD,
                "您申请公开政府信息的数量、频次明显超过合理范围。根据${legal_basis}的规定，"
                "本机关决定收取信息处理费。",
                "计收方式：${fee_method}",
                "收费标准及计算：${fee_standard}",
                "应缴金额：${fee_amount}",
                "缴费方式：${fee_payment_method}",
                "请您${fee_payment_period}缴纳上述费用。本机关收到费用后继续处理您的申请，并出具财政票据。"
                "您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
                "特此通知。",
                _CONTACT,
            )
        ),
    ),
    (K.REASONS_REQUEST, ""): TemplateText(
        K.REASONS_REQUEST.default_title,
        "\n".join(
            (
                _TOLD,
                "经审查，您申请公开政府信息的数量、频次明显超过合理范围。"
                "根据${legal_basis}的规定，请您向本机关书面说明理由。",
                "?具体情况：${reasons}",
                "本机关将根据您说明的理由依法处理：理由不合理的，告知您不予处理；"
                "理由合理，但无法在《条例》第三十三条规定的期限内答复的，"
                "本机关将确定延迟答复的合理期限并告知您。",
                "特此告知。",
                _CONTACT,
            )
        ),
    ),
    (K.DELAYED_DEADLINE, ""): TemplateText(
        K.DELAYED_DEADLINE.default_title,
        "\n".join(
            (
                _TOLD,
                "本机关曾要求您说明理由。经审查，您说明的理由合理，"
                "但本机关无法在《条例》第三十三条规定的期限内答复。"
                "根据${legal_basis}的规定，本机关确定延迟答复的期限为${delayed_due}前（含当日）。",
                "?具体情况：${reasons}",
                "特此告知。",
                _CONTACT,
            )
        ),
    ),
    (K.DISCLOSURE_NOTICE, ""): TemplateText(
        K.DISCLOSURE_NOTICE.default_title,
        "\n".join(
            (
                _CONSULTED,
                "本机关曾就该申请书面征求贵方意见，贵方不同意公开。经审查，本机关认为不公开"
                "可能对公共利益造成重大影响，根据${legal_basis}的规定，决定予以公开。",
                "决定公开的内容：${provision}",
                "理由：${reasons}",
                "贵方如对本决定不服，可以依法申请行政复议或者提起行政诉讼。",
                "特此告知。",
                _CONTACT,
            )
        ),
    ),
    (K.REPLY, H.GRANTED): _reply(
        "经审查，您申请获取的信息属于可以公开的政府信息。根据${legal_basis}的规定，"
        "本机关予以公开。",
        "获取方式：${provision}",
    ),
    (K.REPLY, H.PARTIALLY_GRANTED): _reply(
        "经审查，您申请获取的信息中部分内容可以公开，部分内容不予公开。"
        "根据${legal_basis}的规定，本机关对可以公开的部分予以提供，对不予公开的部分不予提供。",
        "不予公开部分的理由：${reasons}",
        "可以公开部分的获取方式：${provision}",
    ),
    (K.REPLY, H.WITHHELD): _reply(
        "经审查，您申请获取的信息${outcome_grounds}。根据${legal_basis}的规定，"
        "本机关决定不予公开。",
        "具体理由：${reasons}",
    ),
    (K.REPLY, Out.WITHHELD_ADMINISTRATIVE_QUERY): _reply(
        "经审查，您申请获取的信息${outcome_grounds}。根据${legal_basis}的规定，"
        "请您依照有关法律、行政法规的规定办理查询，本机关不作为政府信息公开申请予以提供。",
        "?查询途径：${provision}",
    ),
    (K.REPLY, H.UNAVAILABLE): _reply(
        "经审查，本机关无法提供您申请获取的政府信息。根据${legal_basis}的规定，现告知如下：",
        "${reasons}",
    ),
    (K.REPLY, Out.UNAVAILABLE_NOT_HELD): _reply(
        "经检索查找，本机关不掌握您申请获取的政府信息。根据${legal_basis}的规定，现予告知。",
        "?具体情况：${reasons}",
        "?经了解，该信息由其他行政机关负责公开，其名称及联系方式为：${responsible_agency}。"
        "您可以向该机关提出申请。",
    ),
    # 条例第三十六条第（四）项 and 第（五）项 are two answers, each with its own citation.
    (K.REPLY, f"{Out.UNAVAILABLE_NOT_HELD}:not_exist"): _reply(
        "经检索查找，您申请获取的政府信息不存在。根据${legal_basis}的规定，现予告知。",
        "?具体情况：${reasons}",
    ),
    (K.REPLY, f"{Out.UNAVAILABLE_NOT_HELD}:not_ours"): _reply(
        "经审查，您申请获取的政府信息不属于本机关负责公开。根据${legal_basis}的规定，现予告知。",
        "理由：${reasons}",
        "?该信息由其他行政机关负责公开，其名称及联系方式为：${responsible_agency}。"
        "您可以向该机关提出申请。",
    ),
    # 条例第三十六条第（一）项: already public — tell where and how to obtain it.
    (K.REPLY, f"{Out.GRANTED}:already_public"): _reply(
        "经审查，您申请获取的信息本机关已经主动公开。根据${legal_basis}的规定，"
        "现告知您获取该政府信息的方式和途径：${provision}。",
    ),
    (K.REPLY, Out.UNAVAILABLE_NEEDS_CREATION): _reply(
        "经审查，本机关没有您申请获取的现成信息，需要对现有政府信息进行加工、分析方能形成。"
        "根据${legal_basis}的规定，行政机关向申请人提供的政府信息以已制作或者获取的为限，"
        "本机关不另行制作。",
        "?具体情况：${reasons}",
    ),
    (K.REPLY, Out.UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION): _reply(
        "本机关曾告知您对申请作出补正。经审查，补正后的申请内容仍不明确，"
        "本机关无法据此确定您所需要的政府信息。根据${legal_basis}的规定，本机关无法提供。"
        "您明确所需信息的名称、文号或者其他特征性描述后，可以重新提出申请。",
    ),
    (K.REPLY, H.NOT_PROCESSED): _reply(
        "经审查，根据${legal_basis}的规定，本机关对您的申请不予处理。",
        "具体理由：${reasons}",
    ),
    (K.REPLY, Out.NOT_PROCESSED_PETITION_OR_COMPLAINT): _reply(
        "经审查，您的申请实为信访、投诉、举报等诉求，不属于政府信息公开申请。"
        "根据${legal_basis}的规定，本机关不作为政府信息公开申请处理。",
        "?您可以通过以下途径反映诉求：${provision}",
    ),
    (K.REPLY, Out.NOT_PROCESSED_REPEATED): _reply(
        "经查，您本次申请获取的信息与您此前提出、本机关已作出答复的申请内容相同。"
        "根据${legal_basis}的规定，本机关不再重复处理。",
        "?具体情况：${reasons}",
    ),
    (K.REPLY, Out.NOT_PROCESSED_PUBLICATION_REQUESTED): _reply(
        # 条例第三十九条第二款: the agency may tell the applicant where to obtain it.
        "您申请获取的是公开出版物，可以通过以下途径获取：${provision}。"
        "根据${legal_basis}的规定，本机关告知您获取的途径，不再另行提供。",
    ),
    (K.REPLY, Out.NOT_PROCESSED_EXCESSIVE): _reply(
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关曾要求您说明理由。"
        "经审查，您说明的理由不合理。根据${legal_basis}的规定，本机关不予处理。",
        "?具体情况：${reasons}",
    ),
    (K.REPLY, Out.NOT_PROCESSED_CONFIRMATION_REQUESTED): _reply(
        "经审查，您的申请系要求本机关对已获取的信息予以确认或者重新出具，"
        "不属于获取政府信息的申请。依照${legal_basis}的规定，本机关不予处理。",
        "?具体情况：${reasons}",
    ),
    (K.REPLY, H.OTHER_HANDLING): _reply(
        "经审查，根据${legal_basis}的规定，本机关不再处理您的该项政府信息公开申请。",
        "具体情况：${reasons}",
    ),
    (K.REPLY, Out.OTHER_HANDLING_NO_CLARIFICATION): _reply(
        "本机关已告知您对申请作出补正。您无正当理由逾期未补正，根据${legal_basis}的规定，"
        "视为放弃申请，本机关不再处理您的该项政府信息公开申请。",
    ),
    (K.REPLY, Out.OTHER_HANDLING_FEE_UNPAID): _reply(
        "本机关已向您送达收费通知书。您逾期未按收费通知要求缴纳费用，根据${legal_basis}"
        "的规定，视为放弃申请，本机关不再处理您的该项政府信息公开申请。",
    ),
    (K.REPLY, Out.OTHER_HANDLING_OTHER): _reply(
        "经核实，${reasons}。本机关终止办理您的该项政府信息公开申请。",
    ),
    # 条例第四十一条: 审核属实的，应当予以更正并告知申请人.
    (K.CORRECTION_REPLY, Corr.CORRECTED.value): _correction(
        "经审核，您提供的证据能够证明上述政府信息记录不准确，情况属实。"
        "根据${legal_basis}的规定，本机关已予以更正，现告知您。",
        "?更正情况：${reasons}",
    ),
    # Not shown to be inaccurate (or the evidence does not prove it): the reasons are required.
    (K.CORRECTION_REPLY, Corr.REFUSED.value): _correction(
        "经审核，您的申请不符合${legal_basis}规定的更正条件，本机关决定不予更正。",
        "理由：${reasons}",
    ),
    # 条例第四十一条: 不属于本行政机关职能范围的，可以转送有权更正的行政机关处理并告知申请人.
    (K.CORRECTION_REPLY, Corr.FORWARDED.value): _correction(
        "经审核，更正上述政府信息记录不属于本机关职能范围。根据${legal_basis}的规定，"
        "本机关已将您的更正申请转送有权更正的行政机关（${responsible_agency}）处理，现告知您。",
        "?具体情况：${reasons}",
    ),
    # 条例第四十一条: …或者告知申请人向有权更正的行政机关提出.
    (K.CORRECTION_REPLY, Corr.REFERRED.value): _correction(
        "经审核，更正上述政府信息记录不属于本机关职能范围。根据${legal_basis}的规定，"
        "请您向有权更正的行政机关提出更正申请：${responsible_agency}。",
        "?具体情况：${reasons}",
    ),
}


def default_key(kind: LetterKind, outcome: str = "", ground: str = "") -> str:
    """Return the key of the shipped template for `kind` and `outcome` (and the decision's
    `ground`): "", "outcome:ground", an outcome or a group."""
    if kind is LetterKind.CORRECTION_REPLY:
        return outcome
    if kind is not LetterKind.REPLY:
        return ""
    if ground and (kind, f"{outcome}:{ground}") in DEFAULT_TEMPLATES:
        return f"{outcome}:{ground}"
    if (kind, outcome) in DEFAULT_TEMPLATES:
        return outcome
    return outcome_group(outcome)


def default_template(kind: LetterKind, outcome: str = "", ground: str = "") -> TemplateText:
    """Return the shipped template for `kind` (and, for a reply, `outcome` and `ground`)."""
    return DEFAULT_TEMPLATES[(kind, default_key(kind, outcome, ground))]


assert all((K.REPLY, group) in DEFAULT_TEMPLATES for group in REPLY_GROUPS)
assert all((K.CORRECTION_REPLY, o.value) in DEFAULT_TEMPLATES for o in CORRECTION_DECISIONS)
