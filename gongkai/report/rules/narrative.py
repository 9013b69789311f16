"""Rules that hold the narrative (sections 一、五、六) against the tables: spec §6.5.

The narrative is read only where a sentence plainly states a table's own quantity: a verb of
receiving (收到/新收/受理…) followed by 申请 and a count in 件, or 行政复议/行政诉讼 followed by a
count, or a plain denial (未收到…申请, 未发生…行政复议). Counts in 条 are documents, not
applications: Fujian reports count 依申请公开信息 by the document (corpus README), so they
are never compared with table 三. Mentions of another year are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.report.catalogue import COLUMN_TOTAL, FEE_UNPAID, Layout, SummaryRow
from gongkai.report.model import TEXT_KEYS, AnnualReport
from gongkai.report.rules.context import Context
from gongkai.report.rules.finding import (
    Cell,
    Finding,
    Severity,
    Tally,
    application_name,
    application_path,
    review_name,
    review_path,
)
from gongkai.report.rules.table3 import row_values

__all__ = ["fee_mention", "numbers", "statements"]

_RECEIVED = re.compile(
    r"(?:收到|新收|受理|接收|接到)(?P<what>[^，。；：,;:!?！？\d]{0,24}?)"
    r"(?:共计|总计|合计|累计|共|数量为|数量|数为|为|达)?(?P<n>\d+)(?:件|宗|个|份|起)"
)
_NONE_RECEIVED = re.compile(
    r"(?:未|没有)(?:收到|受理|接到|接收)(?P<what>[^，。；：,;:]{0,24}?)申请"
)
_REVIEW = re.compile(
    r"(?P<kind>行政复议|行政诉讼)(?P<what>[^，。；：,;:!?！？\d、和及或与]{0,8}?)"
    r"(?:共计|总计|合计|共)?(?P<n>\d+)(?:件|起|宗|个|次)"
)
_DENIAL = re.compile(r"未发生|未有|没有|未出现|未因|(?<![尚并])无(?!一|论|法)")
_OFF_TOPIC = ("复议", "诉讼", "投诉", "举报", "咨询", "结转", "信访", "留言", "来电", "来信")
_OUTCOME_WORDS = ("纠正", "败诉", "撤销", "维持", "确认违法")
_OTHER_TIME = re.compile(r"上年|去年|上一年|同比|较(?:20\d\d|上)")
_YEAR = re.compile(r"(20\d\d)年")


@dataclass(frozen=True, slots=True)
class Statement:
    """A quantity the narrative states: what (received, reconsideration, litigation) and N."""

    kind: str
    count: int
    quote: str


# Characters NFKC leaves alone that make up most of a report's text: ASCII, the CJK unified
# ideographs and the CJK punctuation NFKC keeps (、。〈〉《》「」【】〔〕, dashes, quotes, ·).
# They are starters and none is the second of a canonical pair, so NFKC of a text is NFKC of
# each run of other characters, unless a run begins with a combining mark that may join the
# ASCII letter before it. Normalising a report's whole narrative cost ~0.4 ms of CPU; the
# runs cost a fraction of it, and a text of stable characters only costs one scan.
STABLE = (
    "\x00-\x7f\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u3014-\u301f"
    "\u2010\u2012-\u2015\u2018\u2019\u201c\u201d\u00b7"
)
_UNSTABLE = re.compile(f"([^{STABLE}]+)")
_ALL_STABLE = re.compile(f"[{STABLE}]*")
"""A text of stable characters only: matched in 1/6 of the time `_UNSTABLE` takes to tell
that it finds nothing."""
_SHORT_RUNS: dict[str, str] = {}
"""NFKC of the short runs seen so far (，and （ recur hundreds of times in one report)."""

PUNCTUATION = {char: unicodedata.normalize("NFKD", char) for char in "，（）；：！？"}
"""The full-width punctuation of nearly every report's narrative (，alone is a twentieth of
it), with its compatibility decomposition: ASCII marks. NFKC of a text does not change when a
character is replaced by its NFKD, as both decompose to the same characters."""

_STABLE_OR_PUNCTUATION = re.compile(f"[{STABLE}{''.join(PUNCTUATION)}]*")

_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3})")
"""A thousands separator. It begins with the comma, not the digit, so that re finds the
candidates as it finds a literal: 1/10 of the time on a narrative of a few hundred commas."""

_CLAUSE_MARKS = re.compile(r"[。；;！!？?\n]")


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, normalising only what can change.

    The common full-width punctuation is replaced first, one `str.replace` per mark that
    occurs; most narratives are then stable characters only, which one scan tells.
    """
    text = _fold_punctuation(text)
    if _ALL_STABLE.fullmatch(text):
        return text
    return _nfkc_runs(text)


def _fold_punctuation(text: str) -> str:
    for char, plain in PUNCTUATION.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def _nfkc_runs(text: str) -> str:
    """NFKC of `text`, normalising only the runs of characters that are not `STABLE`."""
    pieces = _UNSTABLE.split(text)  # stable, run, stable, run, …, stable
    for index in range(1, len(pieces), 2):
        run = pieces[index]
        folded = _SHORT_RUNS.get(run)
        if folded is None:
            before = pieces[index - 1][-1:]
            if before and before < "\x80" and unicodedata.combining(run[0]):
                return unicodedata.normalize("NFKC", text)  # a mark joining the letter before
            folded = unicodedata.normalize("NFKC", run)
            if len(run) <= 2 and not unicodedata.combining(run[0]) and len(_SHORT_RUNS) < 4096:
                _SHORT_RUNS[run] = folded
        pieces[index] = folded
    return "".join(pieces)


def _nearby(text: str) -> str:
    """The sentences of `text` that hold 申 or 行, in NFKC, joined by 。.

    Only these can name 申请 or 行政 once whitespace is gone, and most of a narrative is
    other sentences. Looking for one character is a fast scan (for two it is not). A text of
    stable characters and common punctuation only, nearly every report's, is cut before NFKC,
    which there changes only the punctuation (never into 。, 申 or 行).
    """
    if _STABLE_OR_PUNCTUATION.fullmatch(text):
        nearby = "。".join(part for part in text.split("。") if "申" in part or "行" in part)
        return _fold_punctuation(nearby)
    return "。".join(part for part in nfkc(text).split("。") if "申" in part or "行" in part)


def _squeeze(text: str) -> str:
    """NFKC text without whitespace or thousands separators, as the patterns read it."""
    text = "".join(text.split())  # str.split and re's \s agree on what is whitespace
    return _THOUSANDS.sub("", text) if "," in text else text


def _clauses(text: str) -> list[str]:
    """The clauses of `text` that name 申请 or 行政, normalised, in order: a clause naming
    neither states nothing `statements` looks for.

    Whitespace and separators are squeezed out of the sentences `_nearby` keeps (squeezing
    neither makes nor moves a 。), and only the sentences naming either word are cut into
    clauses: cutting the whole narrative cost more than the rest of the rule.
    """
    return [
        clause
        for sentence in _squeeze(_nearby(text)).split("。")
        if "申请" in sentence or "行政" in sentence
        for clause in _CLAUSE_MARKS.split(sentence)
        if "申请" in clause or "行政" in clause
    ]


def _other_time(clause: str, start: int, year: int | None) -> bool:
    """True when the words just before `start` place the count in another year."""
    before = clause[max(0, start - 12) : start]
    if _OTHER_TIME.search(before):
        return True
    years = _YEAR.findall(before)
    return bool(years) and year is not None and int(years[-1]) != year


def statements(text: str, year: int | None = None) -> list[Statement]:
    """The quantities `text` plainly states: received applications, reviews, and denials (0)."""
    found: list[Statement] = []
    for clause in _clauses(text):
        if "申请" in clause:  # a count of applications is said with 申请
            _applications(clause, year, found)
        if "行政复议" in clause or "行政诉讼" in clause:
            _reviews(clause, year, found)
    return found


def _applications(clause: str, year: int | None, found: list[Statement]) -> None:
    """Add the received applications `clause` states (a count, or 0 for a denial).

    Each pattern runs only where the words it begins with occur: most clauses that name 申请
    state no count, and the tests cost a fraction of the patterns.
    """
    receiving = "收" in clause or "受理" in clause or "接到" in clause  # 收到 新收 接收 受理 接到
    for match in _RECEIVED.finditer(clause) if receiving else ():
        what = match["what"]
        if "申请" not in what or any(word in what for word in _OFF_TOPIC):
            continue
        if not _other_time(clause, match.start(), year):
            found.append(Statement("received", int(match["n"]), match[0]))
    denying = "未" in clause or "没有" in clause
    for match in _NONE_RECEIVED.finditer(clause) if denying else ():
        off_topic = any(word in match["what"] for word in _OFF_TOPIC)
        if not off_topic and not _other_time(clause, match.start(), year):
            found.append(Statement("received", 0, match[0]))


def _reviews(clause: str, year: int | None, found: list[Statement]) -> None:
    """Add the reconsiderations and lawsuits `clause` states (a count, or 0 for a denial)."""
    for match in _REVIEW.finditer(clause):
        if "诉讼" in match["what"] or "复议" in match["what"]:
            continue
        if not _other_time(clause, match.start(), year):
            found.append(Statement(match["kind"], int(match["n"]), match[0]))
    denial = _DENIAL.search(clause)
    if denial and not any(word in clause for word in _OUTCOME_WORDS):
        rest = clause[denial.end() :]
        if not re.search(r"\d+(?:件|起|宗)", rest):
            for kind in ("行政复议", "行政诉讼"):
                if kind in rest[:40]:
                    found.append(Statement(kind, 0, clause[denial.start() : denial.end() + 40]))


def _narrative(report: AnnualReport) -> str:
    return "\n".join(report.text.get(key, "") for key in TEXT_KEYS)


def _review_cells(tally: Tally, report: AnnualReport, blocks: tuple[str, ...]) -> list[Cell]:
    cells = []
    for block in blocks:
        for result in ("upheld", "corrected", "other", "pending", "total"):
            cells.append(
                tally.cell(
                    review_path(block, result),
                    review_name(block, result),
                    report.reviews[block][result],
                )
            )
    return cells


def numbers(context: Context) -> list[Finding]:
    """Numbers the narrative states agree with the tables (warning)."""
    tally = context.tally("TXT.numbers")
    report = context.report
    said = statements(_narrative(report), report.year)
    received = [s for s in said if s.kind == "received"]
    if received:
        new = tally.cell(
            application_path(SummaryRow.NEW.value, COLUMN_TOTAL),
            application_name(SummaryRow.NEW.value, COLUMN_TOTAL),
            context.row(SummaryRow.NEW.value)[COLUMN_TOTAL],
        )
        if tally.readable([new]) and all(s.count != new.value for s in received):
            first = received[0]
            blank = "（总计留空，按 0 计）" if new.blank else ""
            tally.add(
                Severity.WARNING,
                f"正文称“{first.quote}”（{first.count} 件），"
                f"表三 一、本年新收 总计列为 {new.value}{blank}",
                [new.path],
                first.count,
                new.value,
            )
    for kind, blocks in (
        ("行政复议", ("reconsideration",)),
        ("行政诉讼", ("litigation_direct", "litigation_after_reconsideration")),
    ):
        stated = [s for s in said if s.kind == kind]
        if not stated:
            continue
        cells = _review_cells(tally, report, blocks)
        if not tally.readable(cells):
            continue
        totals = [cell.value or 0 for cell in cells if cell.path.endswith("/total")]
        parts = [cell.value or 0 for cell in cells if not cell.path.endswith("/total")]
        # A count agrees if it is the printed total, the sum of the parts, or (not for a
        # denial) one block's total: some reports count only 未经复议直接起诉 as 行政诉讼.
        accepted = {sum(totals), sum(parts)}
        if all(s.count not in accepted and not (s.count and s.count in totals) for s in stated):
            first = stated[0]
            tally.add(
                Severity.WARNING,
                f"正文称“{first.quote}”（{first.count} 件），表四 {kind} 总计为 {sum(totals)}",
                [cell.path for cell in cells if cell.path.endswith("/total")],
                first.count,
                sum(totals),
            )
    return tally.findings()


def fee_mention(context: Context) -> list[Finding]:
    """Section 六 of a 2021-format report states the 信息处理费 collected (warning).

    国办公开办函〔2021〕30号 expects every report from 2021 on to say what 信息处理费 the agency
    collected, and practice always does, even "本年度未收取信息处理费". Unpaid fee notices in
    table 三 make the omission plainer, and the message says so.
    """
    tally = context.tally("TXT.fee_mention")
    report = context.report
    other_matters = report.text.get("other_matters")
    if other_matters is None or report.layout is not Layout.Y2021:
        return []
    if "处理费" in other_matters:  # also the common "信息公开处理费"
        return []
    unpaid = 0
    if report.applications.get(FEE_UNPAID) is not None:
        unpaid = row_values(report, FEE_UNPAID)[COLUMN_TOTAL] or 0
    if unpaid:
        tally.add(
            Severity.WARNING,
            f"表三 （六）其他处理 2.逾期未缴纳费用 总计列为 {unpaid}，"
            "但“六、其他需要报告的事项”未说明信息处理费的收取情况",
            [application_path(FEE_UNPAID, COLUMN_TOTAL)],
            actual=unpaid,
        )
    else:
        tally.add(
            Severity.WARNING,
            "“六、其他需要报告的事项”未说明信息处理费的收取情况"
            "（国办公开办函〔2021〕30号；未收取的写明“未收取信息处理费”）",
            [],
        )
    return tally.findings()
