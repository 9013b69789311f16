"""The rules' fast paths give what the plain computation gives (their cost is measured in
`bench/rule_speed.py` and `bench/parse_speed.py`, not here)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    COLUMN_TOTAL,
    Layout,
    SummaryRow,
    outcome_keys,
)
from gongkai.report.model import AnnualReport
from gongkai.report.parse import read_bytes
from gongkai.report.rules import RULES, Finding, Severity, narrative
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import (
    Cell,
    Tally,
    application_name,
    application_path,
    column_name,
    names,
    row_name,
)
from gongkai.report.rules.narrative import nfkc
from gongkai.report.rules.table3 import (
    COLUMNS,
    SUB_ROWS_OF_OTHER,
    row_values,
)
from gongkai.report.tests.strategies import annual_reports

FIXTURES = Path(__file__).parent / "fixtures"


def test_nfkc_of_every_character_is_unicodes():
    # given every character of the BMP (surrogates excepted) and the astral blocks NFKC folds
    codes = [*range(0xD800), *range(0xE000, 0x10000)]
    codes += [*range(0x1D400, 0x1D800), *range(0x1F100, 0x1F300), *range(0x2F800, 0x2FA20)]
    # when each is normalised alone and after an ASCII letter (where a mark may join it)
    # then the run-wise NFKC agrees with unicodedata's
    for code in codes:
        char = chr(code)
        assert nfkc(char) == unicodedata.normalize("NFKC", char), hex(code)
        assert nfkc("a" + char) == unicodedata.normalize("NFKC", "a" + char), hex(code)


_MIXED = st.text(
    alphabet=st.sampled_from(
        [
            *"申请收到件，。、：；（）《》“”—…·１２３ ＡＢ①⑵㈠㎡ａé\u0301\u3000\t\n12abc,",
            *("\u2f8f", "\uf900", "\uff9e", "\u30ab"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_nfkc_of_mixed_report_text_is_unicodes(text):
    # given text mixing CJK, full-width forms, compatibility characters and combining marks
    # then the run-wise NFKC agrees with unicodedata's
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# --- The narrative: the quick reading against the plain one --------------------------------------


def _plain_statements(text: str, year: int | None) -> list[narrative.Statement]:
    """`narrative.statements` as first written: NFKC of the whole text, every clause, every
    pattern (the reading the quick one must equal)."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    text = re.sub(r"(\d),(?=\d{3})", r"\1", text)
    found: list[narrative.Statement] = []
    for clause in re.split(r"[。；;！!？?\n]", text):
        if not clause or ("申请" not in clause and "行政" not in clause):
            continue
        for match in narrative._RECEIVED.finditer(clause):
            what = match["what"]
            if "申请" not in what or any(word in what for word in narrative._OFF_TOPIC):
                continue
            if not narrative._other_time(clause, match.start(), year):
                found.append(narrative.Statement("received", int(match["n"]), match[0]))
        for match in narrative._NONE_RECEIVED.finditer(clause):
            off_topic = any(word in match["what"] for word in narrative._OFF_TOPIC)
            if not off_topic and not narrative._other_time(clause, match.start(), year):
                found.append(narrative.Statement("received", 0, match[0]))
        for match in narrative._REVIEW.finditer(clause):
            if "诉讼" in match["what"] or "复议" in match["what"]:
                continue
            if not narrative._other_time(clause, match.start(), year):
                found.append(narrative.Statement(match["kind"], int(match["n"]), match[0]))
        denial = narrative._DENIAL.search(clause)
        if denial and not any(word in clause for word in narrative._OUTCOME_WORDS):
            rest = clause[denial.end() :]
            if not re.search(r"\d+(?:件|起|宗)", rest):
                for kind in ("行政复议", "行政诉讼"):
                    if kind in rest[:40]:
                        quote = clause[denial.start() : denial.end() + 40]
                        found.append(narrative.Statement(kind, 0, quote))
    return found


def _words(*words: str) -> st.SearchStrategy[str]:
    return st.sampled_from(words)


_WHEN = _words("", "", "2020年", "2021年", "上年", "同比", "较上年", "全年共", "本年度")
_DENIAL = _words("未", "没有", "无", "尚无", "未发生", "并无", "无论", "未因")
_VERB = _words("收到", "新收", "受理", "接收", "接到", "共受理", "办理", "答复")
_WHAT = _words("", "政府信息公开申请", "申请", "依申请公开", "咨询申请", "申请人的", "投诉申请")
_REVIEW = _words("行政复议", "行政诉讼", "被申请行政复议", "提起行政诉讼", "行政复议和诉讼")
_HOW_MANY = _words("", "", "共计", "共", "为", "达", "数量为", "纠正", "败诉")
_COUNT = _words("0", "1", "7", "12", "218", "1,234", "1，234", "12,3456", "３", "２１", "1, 234")
_UNIT = _words("件", "件", "起", "宗", "条", "个", "次", "")
_MARK = _words("。", "，", "；", ";", "！", "!", "？", "?", "：", "、", "\n", ",", "")
_CLAUSE = st.one_of(
    # received: 2021年共受理政府信息公开申请12件
    st.tuples(_WHEN, _VERB, _WHAT, _HOW_MANY, _COUNT, _UNIT, _MARK),
    # none received: 未收到政府信息公开申请
    st.tuples(_WHEN, _DENIAL, _VERB, _WHAT, _MARK),
    # reviews: 被申请行政复议共计3件; 未发生行政复议、行政诉讼
    st.tuples(_WHEN, _REVIEW, _HOW_MANY, _COUNT, _UNIT, _MARK),
    st.tuples(_DENIAL, _REVIEW, _WHAT, _REVIEW, _MARK),
    # anything in that order
    st.tuples(_WHEN, _DENIAL, _VERB, _WHAT, _REVIEW, _HOW_MANY, _COUNT, _UNIT, _MARK),
).map("".join)
_NOISE = st.sampled_from(
    [
        *("政府信息公开", "工作", "（", "）", "和", " ", "\u3000", "\t", "\n", "。", "，"),
        *("218", "1,234", ",", "5,"),
        # compatibility forms NFKC turns into words and marks the patterns read: ⾏ (a Kangxi
        # radical) into 行, ｡ into 。, ﹔ into ;, ｢ into 「; and combining marks
        *("\u2f8f政", "申\n请", "收 到", "｡", "﹔", "｢", "ａ\u0301", "\u0301", "Ａ", "＝\u0338"),
    ]
)
_NARRATIVES = st.lists(st.one_of(_CLAUSE, _CLAUSE, _NOISE), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(_NARRATIVES, st.sampled_from([None, 2020, 2021]))
def test_statements_read_as_the_plain_reading_does(text, year):
    # given narrative text of clauses stating counts, denials and other years' numbers
    # when the narrative is read the quick way and the plain way
    # then both find the same statements, in the same order
    assert narrative.statements(text, year) == _plain_statements(text, year)


def test_statements_of_the_fixture_reports_read_as_the_plain_reading_does():
    # given the narratives of our own fixture reports
    for path in sorted(FIXTURES.glob("clean-*.txt")):
        report = read_bytes(path.read_bytes(), path.name)
        text = narrative._narrative(report)
        # then the quick reading finds what the plain one finds
        assert narrative.statements(text, report.year) == _plain_statements(text, report.year)


# --- Table 三: the rules against comparing every column ------------------------------------------


def _plain_cells(tally: Tally, report: AnnualReport, key: str) -> list[Cell]:
    return [
        tally.cell(application_path(key, column), application_name(key, column), value)
        for column, value in enumerate(row_values(report, key))
    ]


def _plain_outcomes(report: AnnualReport) -> list[str]:
    return [
        key
        for key in outcome_keys(report.layout)
        if not (key in SUB_ROWS_OF_OTHER and report.applications.get(key) is None)
    ]


def _plain_balance(context: Context) -> list[Finding]:
    tally, report = context.tally("T3.balance"), context.report
    keys = (SummaryRow.TOTAL, SummaryRow.NEW, SummaryRow.CARRIED_OVER, SummaryRow.CARRIED_FORWARD)
    total, new, over, forward = (_plain_cells(tally, report, key.value) for key in keys)
    for column in COLUMNS:
        tally.compare(
            f"表三 （七）总计 {column_name(column)}",
            total[column],
            [(1, new[column]), (1, over[column]), (-1, forward[column])],
            "一+二−四",
        )
    return tally.findings()


def _plain_outcome_total(context: Context) -> list[Finding]:
    tally, report = context.tally("T3.outcome_total"), context.report
    total = _plain_cells(tally, report, SummaryRow.TOTAL.value)
    outcomes = [_plain_cells(tally, report, key) for key in _plain_outcomes(report)]
    for column in COLUMNS:
        tally.compare(
            f"表三 （七）总计 {column_name(column)}",
            total[column],
            [(1, row[column]) for row in outcomes],
            "（一）至（六）各项之和",
        )
    return tally.findings()


def _plain_row_total(context: Context) -> list[Finding]:
    tally, report = context.tally("T3.row_total"), context.report
    for key in APPLICATION_ROW_KEYS:
        if key in SUB_ROWS_OF_OTHER and report.applications.get(key) is None:
            continue
        cells = _plain_cells(tally, report, key)
        tally.compare(
            f"表三 {row_name(key)} 总计列",
            cells[COLUMN_TOTAL],
            [(1, cell) for cell in cells[:COLUMN_TOTAL]],
            "六类申请人之和",
        )
    return tally.findings()


def _plain_zero_input(context: Context) -> list[Finding]:
    tally, report = context.tally("T3.zero_input"), context.report
    new = _plain_cells(tally, report, SummaryRow.NEW.value)
    over = _plain_cells(tally, report, SummaryRow.CARRIED_OVER.value)
    outcomes = [_plain_cells(tally, report, key) for key in _plain_outcomes(report)]
    for column in COLUMNS:
        inputs = [new[column], over[column]]
        if not tally.readable(inputs) or any(cell.value for cell in inputs):
            continue
        nonzero = [row[column] for row in outcomes if row[column].value]
        if nonzero:
            handled = sum(cell.value or 0 for cell in nonzero)
            tally.add(
                Severity.WARNING,
                f"表三 {column_name(column)}：一、本年新收与二、上年结转均为 0，"
                f"办理结果应为 0，报告为 {handled}（{names(nonzero)}）",
                [cell.path for cell in inputs + nonzero],
                0,
                handled,
            )
    return tally.findings()


def _plain_non_negative(context: Context) -> list[Finding]:
    tally = context.tally("T3.non_negative")
    for key in APPLICATION_ROW_KEYS:
        for column, value in enumerate(context.report.applications.get(key) or ()):
            if value is not None and value < 0:
                tally.add(
                    Severity.ERROR,
                    f"表三 {row_name(key)} {column_name(column)}：应为非负整数，报告为 {value}",
                    [application_path(key, column)],
                    "≥0",
                    value,
                )
    return tally.findings()


def _plain_blank_total(context: Context) -> list[Finding]:
    tally = context.tally("T3.blank_total")
    keys = [
        key for key in APPLICATION_ROW_KEYS if application_path(key, COLUMN_TOTAL) in tally.blank
    ]
    if keys:
        tally.add(
            Severity.WARNING,
            f"表三 总计列留空（按 0 计）：{'、'.join(row_name(key) for key in keys)}",
            [application_path(key, COLUMN_TOTAL) for key in keys],
        )
    return tally.findings()


_PLAIN_RULES = {
    "T3.balance": _plain_balance,
    "T3.outcome_total": _plain_outcome_total,
    "T3.row_total": _plain_row_total,
    "T3.zero_input": _plain_zero_input,
    "T3.non_negative": _plain_non_negative,
    "T3.blank_total": _plain_blank_total,
}


@st.composite
def _small_tables(draw: st.DrawFn) -> AnnualReport:
    """A report whose table 三 holds 0, 1, 2, now and then -1 or None, rows printed short or
    not at all, and blank cells: small numbers, so that sums agree by chance as often as not."""
    layout = draw(st.sampled_from(list(Layout)))
    report = AnnualReport.empty(agency="某县测试局", year=2021, layout=layout)
    cell = st.sampled_from([0, 0, 1, 1, 2, -1, None])
    for key in APPLICATION_ROW_KEYS:
        if report.applications[key] is None or draw(st.integers(0, 9)) == 0:
            continue  # not printed in this layout; or left as printed zeros
        width = len(APPLICANT_COLUMNS) - (draw(st.integers(0, 9)) == 0)  # now and then short
        report.applications[key] = draw(st.lists(cell, min_size=width, max_size=width))
    for key in SUB_ROWS_OF_OTHER:
        if layout is Layout.Y2021 and draw(st.integers(0, 3)) == 0:
            report.applications[key] = None  # （六） printed as one row
    paths = [
        application_path(key, column)
        for key, cells in report.applications.items()
        for column, value in enumerate(cells or ())
        if value == 0
    ]
    paths += [path for path in paths if path.endswith("/总计")] * 3  # T3.blank_total's cells
    report.blank_cells = draw(st.lists(st.sampled_from(paths), max_size=3)) if paths else []
    return report


@settings(max_examples=300, deadline=None)
@given(st.one_of(annual_reports(), _small_tables()))
def test_table_three_rules_find_what_comparing_every_column_finds(report):
    # given a report, balanced or not, with unread, blank, negative and short rows
    context = Context(report)
    for rule in RULES:
        if rule.id in _PLAIN_RULES:
            # when the rule runs, and the same comparisons are made plainly on every column
            # then both give the same findings
            assert rule.run(context) == _PLAIN_RULES[rule.id](Context(report)), rule.id
