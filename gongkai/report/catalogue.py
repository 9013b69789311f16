"""The one catalogue of the annual report's tables: rows, columns, official labels, legal bases.

Every part of gongkai that names a row or a column of the statutory report reads it from here:
the parser (to recognise labels), the renderers (to draw the official layout), the consistency
rules (to name cells in findings), and later the case forms and reply letters (outcomes and
their legal basis). Labels are printed exactly as in 国办公开办函〔2021〕30号 (and 〔2019〕60号 for
the 2019 layout).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACTIVE_2019",
    "ACTIVE_2021",
    "APPLICANT_COLUMNS",
    "APPLICATION_ROWS",
    "APPLICATION_ROW_KEYS",
    "COLUMN_TOTAL",
    "FEE_UNPAID",
    "FOLDED_INTO",
    "FOLDED_IN_2019",
    "OUTCOME_GROUPS",
    "OUTCOME_KEYS",
    "OUTCOME_KEYS_2019",
    "REVIEW_BLOCKS",
    "REVIEW_RESULTS",
    "ROW_PHRASES",
    "SECTIONS",
    "T3_BALANCE_NOTE",
    "ActiveRow",
    "ApplicantColumn",
    "ApplicationRow",
    "Layout",
    "Outcome",
    "OutcomeGroup",
    "OutcomeHeading",
    "ReviewBlock",
    "ReviewResult",
    "Section",
    "SummaryRow",
    "application_row",
    "group_label",
    "outcome_keys",
    "printed_in",
]


class Layout(StrEnum):
    """The two table layouts in force since 2019 (report years 2019–2020, and 2021 on)."""

    Y2019 = "2019"
    Y2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> Layout:
        """The layout an agency must use for a report on `year`."""
        return cls.Y2019 if year < 2021 else cls.Y2021


# --- Table 三: columns -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicantColumn:
    key: str
    label: str
    organisation: bool


APPLICANT_COLUMNS: tuple[ApplicantColumn, ...] = (
    ApplicantColumn("natural_person", "自然人", organisation=False),
    ApplicantColumn("commercial", "商业企业", organisation=True),
    ApplicantColumn("research", "科研机构", organisation=True),
    ApplicantColumn("social_welfare", "社会公益组织", organisation=True),
    ApplicantColumn("legal_service", "法律服务机构", organisation=True),
    ApplicantColumn("other", "其他", organisation=True),
    ApplicantColumn("total", "总计", organisation=False),
)
COLUMN_TOTAL = 6
"""Index of the 总计 column in every row of table 三."""

T3_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


# --- Table 三: rows ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutcomeGroup:
    """A merged label cell of table 三 that carries no numbers of its own, e.g. （三）不予公开."""

    key: str
    label: str


OUTCOME_GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("withheld", "（三）不予公开"),
    OutcomeGroup("unavailable", "（四）无法提供"),
    OutcomeGroup("not_processed", "（五）不予处理"),
    OutcomeGroup("other_handling", "（六）其他处理"),
)


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One printed data row of table 三.

    `label` is the official text of the row's own cell; `group` the merged group label above
    it, if any; `outcome` tells whether the row is one of the mutually exclusive outcomes whose
    sum is （七）总计; `legal_basis` the article(s) an outcome rests on (for letters and forms).
    """

    key: str
    label: str
    group: str | None = None
    outcome: bool = False
    legal_basis: str = ""
    layouts: tuple[Layout, ...] = (Layout.Y2019, Layout.Y2021)

    @property
    def short_label(self) -> str:
        """The label without its numbering, e.g. 属于国家秘密."""
        label = self.label
        for sep in ("）", "、", "."):
            head, found, tail = label.partition(sep)
            if found and len(head) <= 4:
                return tail
        return label

    @property
    def plain_label(self) -> str:
        """The outcome's name for a case's status, without the report's counting notes.

        部分公开, 不予公开：属于国家秘密 — the table's wording (区分处理的，只计这一情形…)
        instructs the person counting and stays in the report.
        """
        if self.key in _PLAIN_NAMES:
            return _PLAIN_NAMES[self.key]
        group, _, _ = self.key.partition(".")
        prefix = _GROUP_NAMES.get(group)
        return f"{prefix}：{self.short_label}" if prefix else self.short_label


_GROUP_NAMES = {
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other_handling": "其他处理",
}
_PLAIN_NAMES = {
    "partially_granted": "部分公开",
    "other_handling.no_clarification": "其他处理：逾期不补正，不再处理",
    "other_handling.fee_unpaid": "其他处理：逾期未缴费，不再处理",
}

_RESULTS = "三、本年度办理结果"

APPLICATION_ROWS: tuple[ApplicationRow, ...] = (
    ApplicationRow("new", "一、本年新收政府信息公开申请数量"),
    ApplicationRow("carried_over", "二、上年结转政府信息公开申请数量"),
    ApplicationRow(
        "granted", "（一）予以公开", _RESULTS, True, "《条例》第三十六条第（一）项、第（二）项"
    ),
    ApplicationRow(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        _RESULTS,
        True,
        "《条例》第三十七条",
    ),
    ApplicationRow("withheld.state_secret", "1.属于国家秘密", "withheld", True, "《条例》第十四条"),
    ApplicationRow(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "withheld",
        True,
        "《条例》第十四条",
    ),
    ApplicationRow(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        "withheld",
        True,
        "《条例》第十四条",
    ),
    ApplicationRow(
        "withheld.third_party_rights",
        "4.保护第三方合法权益",
        "withheld",
        True,
        "《条例》第十五条、第三十二条",
    ),
    ApplicationRow(
        "withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "withheld",
        True,
        "《条例》第十六条第一款",
    ),
    ApplicationRow(
        "withheld.process_information",
        "6.属于四类过程性信息",
        "withheld",
        True,
        "《条例》第十六条第二款",
    ),
    ApplicationRow(
        "withheld.enforcement_case_file",
        "7.属于行政执法案卷",
        "withheld",
        True,
        "《条例》第十六条第二款",
    ),
    ApplicationRow(
        "withheld.administrative_query",
        "8.属于行政查询事项",
        "withheld",
        True,
        "《条例》第三十六条第（七）项",
    ),
    ApplicationRow(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "unavailable",
        True,
        "《条例》第三十六条第（四）项、第（五）项",
    ),
    ApplicationRow(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "unavailable",
        True,
        "《条例》第三十八条",
    ),
    ApplicationRow(
        "unavailable.unclear_after_clarification",
        "3.补正后申请内容仍不明确",
        "unavailable",
        True,
        "《条例》第三十条",
    ),
    ApplicationRow(
        "not_processed.petition_or_complaint",
        "1.信访举报投诉类申请",
        "not_processed",
        True,
        "《条例》第三十九条第一款",
    ),
    ApplicationRow(
        "not_processed.repeated",
        "2.重复申请",
        "not_processed",
        True,
        "《条例》第三十六条第（六）项",
    ),
    ApplicationRow(
        "not_processed.publication_requested",
        "3.要求提供公开出版物",
        "not_processed",
        True,
        "《条例》第三十九条第二款",
    ),
    ApplicationRow(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        "not_processed",
        True,
        "《条例》第三十五条",
    ),
    ApplicationRow(
        "not_processed.confirmation_requested",
        "5.要求行政机关确认或重新出具已获取信息",
        "not_processed",
        True,
        "《条例》第二条、第三十八条",
    ),
    ApplicationRow(
        "other_handling.no_clarification",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other_handling",
        True,
        "《条例》第三十条",
        (Layout.Y2021,),
    ),
    ApplicationRow(
        "other_handling.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other_handling",
        True,
        # 条例第四十二条 allows the fee; 109号 sets the 20 working days and the lapse.
        "《条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        (Layout.Y2021,),
    ),
    ApplicationRow("other_handling.other", "3.其他", "other_handling", True, ""),
    ApplicationRow("total", "（七）总计", _RESULTS),
    ApplicationRow("carried_forward", "四、结转下年度继续办理"),
)

APPLICATION_ROW_KEYS: tuple[str, ...] = tuple(row.key for row in APPLICATION_ROWS)
OUTCOME_KEYS: tuple[str, ...] = tuple(row.key for row in APPLICATION_ROWS if row.outcome)
OUTCOME_KEYS_2019: tuple[str, ...] = tuple(
    row.key for row in APPLICATION_ROWS if row.outcome and Layout.Y2019 in row.layouts
)
FOLDED_IN_2019: tuple[str, ...] = tuple(
    row.key for row in APPLICATION_ROWS if Layout.Y2019 not in row.layouts
)
"""The rows the 2019 layout does not print: （六）1 逾期不补正 and 2 逾期未缴费, counted there under
（六）3 其他 (`FOLDED_INTO`)."""
FOLDED_INTO = "other_handling.other"
FEE_UNPAID = "other_handling.fee_unpaid"
"""The row of requests closed because the fee was not paid (the narrative must mention fees)."""

ROW_PHRASES: dict[str, tuple[str, ...]] = {
    "new": ("本年新收政府信息公开申请数量", "本年新收"),
    "carried_over": ("上年结转政府信息公开申请数量", "上年结转"),
    "granted": ("予以公开",),
    "partially_granted": ("部分公开",),
    "withheld.state_secret": ("属于国家秘密", "国家秘密"),
    "withheld.prohibited_by_law": ("其他法律行政法规禁止公开", "其他法律行政", "法规禁止公开"),
    "withheld.security_stability": ("危及三安全一稳定", "三安全一稳定"),
    "withheld.third_party_rights": ("保护第三方合法权益", "第三方合法权益"),
    "withheld.internal_affairs": ("属于三类内部事务信息", "三类内部事务"),
    "withheld.process_information": ("属于四类过程性信息", "四类过程性"),
    "withheld.enforcement_case_file": ("属于行政执法案卷", "行政执法案卷"),
    "withheld.administrative_query": ("属于行政查询事项", "行政查询事项"),
    "unavailable.not_held": ("本机关不掌握相关政府信息", "不掌握相关政府信息", "本机关不掌握"),
    "unavailable.needs_creation": ("没有现成信息需要另行制作", "需要另行制作", "没有现成信息"),
    "unavailable.unclear_after_clarification": ("补正后申请内容仍不明确", "仍不明确"),
    "not_processed.petition_or_complaint": ("信访举报投诉类申请", "信访举报投诉"),
    "not_processed.repeated": ("重复申请",),
    "not_processed.publication_requested": ("要求提供公开出版物", "公开出版物"),
    "not_processed.excessive": ("无正当理由大量反复申请", "大量反复申请"),
    "not_processed.confirmation_requested": (
        "要求行政机关确认或重新出具已获取信息",
        "确认或重新出具",
    ),
    "other_handling.no_clarification": ("逾期不补正",),
    "other_handling.fee_unpaid": ("逾期未按收费通知", "缴纳费用"),
    "other_handling.other": ("3.其他", "3,其他"),
    "total": ("(七)总计", "七)总计"),
    "carried_forward": ("结转下年度继续办理", "结转下年度"),
}
"""Distinctive phrases of each row's label as the parser matches them (normalised, no
whitespace): the first is the official label without its numbering; the others are the
variants real reports print, typos and the fragments damaged copies keep."""


_ROWS_BY_KEY = {row.key: row for row in APPLICATION_ROWS}


def printed_in(key: str, layout: Layout) -> bool:
    """Whether `layout` prints table 三's row `key`."""
    return layout in _ROWS_BY_KEY[key].layouts


def application_row(key: str) -> ApplicationRow:
    """The catalogue entry of a table 三 row; KeyError for an unknown key."""
    return _ROWS_BY_KEY[key]


def outcome_keys(layout: Layout) -> tuple[str, ...]:
    """The outcome rows whose sum is （七）总计 in `layout`."""
    return OUTCOME_KEYS_2019 if layout is Layout.Y2019 else OUTCOME_KEYS


class Outcome(StrEnum):
    """Table 三's outcomes by name, for code that must name one (letters, forms, workflow).

    The values are the keys of `APPLICATION_ROWS`; outside this module code names an outcome
    through this enum, never by typing its key.
    """

    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    WITHHELD_STATE_SECRET = "withheld.state_secret"  # noqa: S105 (a row key, not a secret)
    WITHHELD_PROHIBITED_BY_LAW = "withheld.prohibited_by_law"
    WITHHELD_SECURITY_STABILITY = "withheld.security_stability"
    WITHHELD_THIRD_PARTY_RIGHTS = "withheld.third_party_rights"
    WITHHELD_INTERNAL_AFFAIRS = "withheld.internal_affairs"
    WITHHELD_PROCESS_INFORMATION = "withheld.process_information"
    WITHHELD_ENFORCEMENT_CASE_FILE = "withheld.enforcement_case_file"
    WITHHELD_ADMINISTRATIVE_QUERY = "withheld.administrative_query"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable.needs_creation"
    UNAVAILABLE_UNCLEAR_AFTER_CLARIFICATION = "unavailable.unclear_after_clarification"
    NOT_PROCESSED_PETITION_OR_COMPLAINT = "not_processed.petition_or_complaint"
    NOT_PROCESSED_REPEATED = "not_processed.repeated"
    NOT_PROCESSED_PUBLICATION_REQUESTED = "not_processed.publication_requested"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive"
    NOT_PROCESSED_CONFIRMATION_REQUESTED = "not_processed.confirmation_requested"
    OTHER_HANDLING_NO_CLARIFICATION = "other_handling.no_clarification"
    OTHER_HANDLING_FEE_UNPAID = "other_handling.fee_unpaid"
    OTHER_HANDLING_OTHER = "other_handling.other"

    @property
    def group(self) -> OutcomeHeading:
        """The heading of table 三 the outcome counts under: 予以公开, …, 其他处理."""
        return OutcomeHeading(self.value.partition(".")[0])


class OutcomeHeading(StrEnum):
    """The six headings of table 三's outcomes, （一）予以公开 to （六）其他处理, in order."""

    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    WITHHELD = "withheld"
    UNAVAILABLE = "unavailable"
    NOT_PROCESSED = "not_processed"
    OTHER_HANDLING = "other_handling"

    @property
    def label(self) -> str:
        """The heading without its numbering: 予以公开, 部分公开, 不予公开, …."""
        return _GROUP_NAMES.get(self.value) or _ROWS_BY_KEY[self.value].plain_label

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The outcomes under the heading, in the table's order."""
        return tuple(outcome for outcome in Outcome if outcome.group is self)


assert tuple(Outcome) == OUTCOME_KEYS, "Outcome must list the table 三 outcome rows in order"
assert tuple(dict.fromkeys(o.group for o in Outcome)) == tuple(OutcomeHeading)


class SummaryRow(StrEnum):
    """Table 三's rows that are not outcomes, by name: 一、本年新收, 二、上年结转, （七）总计 and
    四、结转下年度继续办理 (balanced as 新收 + 上年结转 = 总计 + 结转下年度).

    The values are the keys of `APPLICATION_ROWS`; outside this module code names these rows
    through this enum, never by typing their key.
    """

    NEW = "new"
    CARRIED_OVER = "carried_over"
    TOTAL = "total"
    CARRIED_FORWARD = "carried_forward"


assert set(SummaryRow) == {row.key for row in APPLICATION_ROWS if not row.outcome}


def group_label(key: str) -> str | None:
    """The printed label of the merged group cell a row sits under, if any."""
    row = _ROWS_BY_KEY[key]
    if row.group is None:
        return None
    for group in OUTCOME_GROUPS:
        if group.key == row.group:
            return group.label
    return row.group


# --- Table 四 -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewBlock:
    key: str
    label: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class ReviewResult:
    key: str
    label: str


REVIEW_BLOCKS: tuple[ReviewBlock, ...] = (
    ReviewBlock("reconsideration", "行政复议", None),
    ReviewBlock("litigation_direct", "未经复议直接起诉", "行政诉讼"),
    ReviewBlock("litigation_after_reconsideration", "复议后起诉", "行政诉讼"),
)
REVIEW_RESULTS: tuple[ReviewResult, ...] = (
    ReviewResult("upheld", "结果维持"),
    ReviewResult("corrected", "结果纠正"),
    ReviewResult("other", "其他结果"),
    ReviewResult("pending", "尚未审结"),
    ReviewResult("total", "总计"),
)


# --- Table 二 -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActiveRow:
    """One row of table 二: its key, label, the 第二十条 item it falls under, and its columns.

    `columns` pairs each JSON field with its printed column header; a row with a single field
    whose key is "" is a bare number in JSON (e.g. `active.licensing`).
    """

    key: str
    label: str
    item: str
    columns: tuple[tuple[str, str], ...]

    @property
    def scalar(self) -> bool:
        return len(self.columns) == 1 and self.columns[0][0] == ""


_DOCS_2021 = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (("", "本年处理决定数量"),)

ACTIVE_2021: tuple[ActiveRow, ...] = (
    ActiveRow("rules", "规章", "第二十条第（一）项", _DOCS_2021),
    ActiveRow("normative_documents", "行政规范性文件", "第二十条第（一）项", _DOCS_2021),
    ActiveRow("licensing", "行政许可", "第二十条第（五）项", _DECISIONS_2021),
    ActiveRow("penalty", "行政处罚", "第二十条第（六）项", _DECISIONS_2021),
    ActiveRow("enforcement", "行政强制", "第二十条第（六）项", _DECISIONS_2021),
    ActiveRow(
        "fees_10k_yuan",
        "行政事业性收费",
        "第二十条第（八）项",
        (("", "本年收费金额（单位：万元）"),),
    ),
)

_DOCS_2019 = (
    ("made", "本年新制作数量"),
    ("published", "本年新公开数量"),
    ("public_total", "对外公开总数量"),
)
_ITEMS_2019 = (("previous_items", "上一年项目数量"), ("change", "本年增/减"))
_DECISIONS_2019 = (*_ITEMS_2019, ("decisions", "处理决定数量"))

ACTIVE_2019: tuple[ActiveRow, ...] = (
    ActiveRow("rules", "规章", "第二十条第（一）项", _DOCS_2019),
    ActiveRow("normative_documents", "规范性文件", "第二十条第（一）项", _DOCS_2019),
    ActiveRow("licensing", "行政许可", "第二十条第（五）项", _DECISIONS_2019),
    ActiveRow("other_services", "其他对外管理服务事项", "第二十条第（五）项", _DECISIONS_2019),
    ActiveRow("penalty", "行政处罚", "第二十条第（六）项", _DECISIONS_2019),
    ActiveRow("enforcement", "行政强制", "第二十条第（六）项", _DECISIONS_2019),
    ActiveRow("fees", "行政事业性收费", "第二十条第（八）项", _ITEMS_2019),
    ActiveRow(
        "procurement",
        "政府集中采购",
        "第二十条第（九）项",
        (("items", "采购项目数量"), ("amount", "采购总金额")),
    ),
)


# --- The document's sections --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    number: str
    heading: str
    text_key: str | None


SECTIONS: tuple[Section, ...] = (
    Section("一", "总体情况", "overview"),
    Section("二", "主动公开政府信息情况", None),
    Section("三", "收到和处理政府信息公开申请情况", None),
    Section("四", "政府信息公开行政复议、行政诉讼情况", None),
    Section("五", "存在的主要问题及改进情况", "problems"),
    Section("六", "其他需要报告的事项", "other_matters"),
)
