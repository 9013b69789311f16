"""The consistency rules (勾稽关系) of the annual report: spec §6, one small function each.

`check(report)` runs every rule in `RULES` and returns the findings in rule order. A rule id is
stable (it is part of the JSON contract): `T3.*` table 三, `T4.*` table 四, `T2.*` table 二,
`X.*` across years, `TXT.*` narrative against tables, `S.*` presence of the report's parts.
Not implemented: `T3.subtotal` (the model holds no printed subtotal rows), `X.pending_cases`
(info only, not verifiable from the tables), `P.*` (need the publication date and other
reports).
"""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.rules import crossyear, glued, narrative, structure, table2, table3, table4
from gongkai.report.rules.context import Context, Options, Rule
from gongkai.report.rules.finding import Finding, Severity

__all__ = ["RULES", "Finding", "Options", "Rule", "Severity", "check"]

RULES: tuple[Rule, ...] = (
    Rule("T3.balance", "表三 一+二=（七）总计+四（逐列）", table3.balance),
    Rule("T3.outcome_total", "表三 办理结果各项之和=（七）总计（逐列）", table3.outcome_total),
    Rule("T3.row_total", "表三 六类申请人之和=总计（逐行）", table3.row_total),
    Rule("T3.non_negative", "表三 各单元格为非负整数", table3.non_negative),
    Rule("T3.zero_input", "表三 无新收、无结转时办理结果为 0", table3.zero_input),
    Rule("T3.blank_total", "表三 总计列留空", table3.blank_total),
    Rule("T3.glued", "表三 粘连的数字能拆分为平衡的一行", glued.table3_runs),
    Rule("T4.total", "表四 维持+纠正+其他+尚未审结=总计", table4.total),
    Rule("T4.non_negative", "表四 各单元格为非负整数", table4.non_negative),
    Rule("T4.blank_total", "表四 总计留空", table4.blank_total),
    Rule("T4.glued", "表四 粘连的数字能拆分为平衡的各栏", glued.table4_runs),
    Rule("T2.non_negative", "表二 件数与收费金额不小于 0", table2.non_negative),
    Rule("T2.fee_unit", "表二 收费金额以万元为单位", table2.fee_unit),
    Rule("T2.stock", "表二 现行有效件数=上年+制发−废止", table2.stock),
    Rule("T2.layout", "表格格式与报告年度相符", table2.layout),
    Rule("X.carry_over", "本年上年结转=上年结转下年度", crossyear.carry_over),
    Rule("TXT.numbers", "正文所述数字与表格一致", narrative.numbers),
    Rule("TXT.fee_mention", "第六部分说明信息处理费收取情况", narrative.fee_mention),
    Rule("S.structure", "各部分、各行齐全", structure.structure),
)

_DEFAULTS = Options()


def check(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    options: Options | None = None,
) -> list[Finding]:
    """Every finding of every rule on `report` (and against last year's, if given)."""
    context = Context(report, previous, options or _DEFAULTS)
    return [finding for rule in RULES for finding in rule.run(context)]
