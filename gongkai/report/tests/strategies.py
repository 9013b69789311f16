"""Hypothesis strategies that build annual reports, for any test that needs arbitrary reports.

`annual_reports()` draws an agency, a year, a layout, counts (sometimes None, sometimes with
totals that do not add up), Decimal fees with up to four decimal places, blank-printed cells
and narrative text. Every report it builds survives `report_to_json` / `report_from_json`.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    COLUMN_TOTAL,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    Layout,
    Outcome,
    SummaryRow,
    outcome_keys,
)
from gongkai.report.model import TEXT_KEYS, AnnualReport, active_rows

__all__ = [
    "agencies",
    "annual_reports",
    "counts",
    "fees",
    "narratives",
]

_CJK = "政府信息公开办公室人民市县区镇街道自然资源规划生态环境卫生健康教育交通运输财政税务统计审计"
_SUFFIXES = ("局", "委员会", "办公室", "人民政府", "管理委员会", "中心")
_PROSE = _CJK + "年度工作推进落实完善制度平台建设监督保障问题改进措施提高质量主动依申请"
_PUNCTUATION = "，。；、：“”（）"


def agencies() -> st.SearchStrategy[str]:
    """An agency name: a few Chinese characters and an agency suffix (no digits)."""
    return st.builds(
        lambda body, suffix: body + suffix,
        st.text(alphabet=_CJK, min_size=2, max_size=16),
        st.sampled_from(_SUFFIXES),
    )


def counts(*, allow_none: bool = True, max_value: int = 100_000) -> st.SearchStrategy[int | None]:
    """A non-negative count, small numbers most often; None (unreadable) now and then."""
    numbers = st.one_of(st.integers(0, 20), st.integers(0, max_value))
    if not allow_none:
        return numbers
    return st.one_of(numbers, numbers, numbers, numbers, st.none())


def fees(*, allow_none: bool = True) -> st.SearchStrategy[Decimal | None]:
    """A fee in 万元 with 0 to 4 decimal places, as printed (12.3500 keeps its places)."""
    amounts = st.builds(
        lambda units, places: Decimal(units).scaleb(-places),
        st.integers(0, 10**9),
        st.integers(0, 4),
    )
    return st.one_of(amounts, st.none()) if allow_none else amounts


def narratives() -> st.SearchStrategy[str]:
    """Narrative text: one to four paragraphs of Chinese prose, one paragraph a line."""
    paragraph = st.builds(
        lambda head, body, stop: head + body + stop,
        st.text(alphabet=_PROSE, min_size=1, max_size=8),
        st.text(alphabet=_PROSE + _PUNCTUATION + "0123456789", min_size=0, max_size=80),
        st.sampled_from("。；"),
    )
    return st.lists(paragraph, min_size=1, max_size=4).map("\n".join)


@st.composite
def annual_reports(
    draw: st.DrawFn,
    *,
    layout: Layout | None = None,
    allow_none: bool = True,
    allow_blank: bool = True,
) -> AnnualReport:
    """An annual report; `layout` fixes the layout, else the year decides it.

    Totals are consistent in about half of the reports and arbitrary in the rest; with
    `allow_none` some cells are None; with `allow_blank` some zero cells are listed in
    `blank_cells` (printed blank).
    """
    chosen = layout if layout is not None else draw(st.sampled_from(list(Layout)))
    years = st.integers(2019, 2020) if chosen is Layout.Y2019 else st.integers(2021, 2035)
    report = AnnualReport.empty(agency=draw(agencies()), year=draw(years), layout=chosen)
    count = counts(allow_none=allow_none)

    for row in active_rows(chosen):
        for column, _ in row.columns:
            value: int | Decimal | None
            if row.key in ("fees_10k_yuan", "procurement") and column in ("", "amount"):
                value = draw(fees(allow_none=allow_none))
            elif column == "change":
                change = st.integers(-5_000, 5_000)
                value = draw(st.one_of(change, st.none()) if allow_none else change)
            else:
                value = draw(count)
            report.active[row.key][column] = value

    consistent = draw(st.booleans())
    single_other = chosen is Layout.Y2019 or draw(st.integers(0, 5)) == 0
    for key in APPLICATION_ROW_KEYS:
        if single_other and key in (
            Outcome.OTHER_HANDLING_NO_CLARIFICATION,
            Outcome.OTHER_HANDLING_FEE_UNPAID,
        ):
            report.applications[key] = None
            continue
        cells: list[int | None] = [draw(count) for _ in APPLICANT_COLUMNS]
        if consistent:
            cells = [value or 0 for value in cells]
            cells[COLUMN_TOTAL] = sum(value or 0 for value in cells[:COLUMN_TOTAL])
        report.applications[key] = cells
    if consistent:
        _balance(report)

    for block in REVIEW_BLOCKS:
        results: dict[str, int | None] = {result.key: draw(count) for result in REVIEW_RESULTS}
        if consistent:
            results = {key: value or 0 for key, value in results.items()}
            results["total"] = sum(value or 0 for key, value in results.items() if key != "total")
        report.reviews[block.key] = results

    for key in TEXT_KEYS:
        if draw(st.integers(0, 4)) > 0:
            report.text[key] = draw(narratives())

    if allow_blank:
        zeros = [path for path, value in report.numbers() if value == 0]
        if zeros:
            report.blank_cells = sorted(set(draw(st.lists(st.sampled_from(zeros), max_size=6))))
    return report


def _balance(report: AnnualReport) -> None:
    """Make （七）总计 the sum of the outcome rows, and 一+二 = 三+四 in every column."""
    width = len(APPLICANT_COLUMNS)
    rows = {key: cells for key, cells in report.applications.items() if cells is not None}
    outcomes = [rows[key] for key in outcome_keys(report.layout) if key in rows]
    total = [sum(cells[c] or 0 for cells in outcomes) for c in range(width)]
    new, carried = rows[SummaryRow.NEW], rows[SummaryRow.CARRIED_OVER]
    for c in range(COLUMN_TOTAL):
        incoming = (new[c] or 0) + (carried[c] or 0)
        if incoming < total[c]:
            new[c] = (new[c] or 0) + total[c] - incoming
    forward = [(new[c] or 0) + (carried[c] or 0) - total[c] for c in range(COLUMN_TOTAL)]
    for cells in (new, carried):
        cells[COLUMN_TOTAL] = sum(cells[c] or 0 for c in range(COLUMN_TOTAL))
    report.applications[SummaryRow.TOTAL] = list[int | None](total)
    report.applications[SummaryRow.CARRIED_FORWARD] = [*forward, sum(forward)]
