"""Synthetic report texts in the shapes real copies take (no real report's text is used)."""

from __future__ import annotations

ROWS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]

# A small agency: 12 new applications (10 natural persons, 2 companies), 3 carried over.
VALUES_2021 = {
    0: [10, 2, 0, 0, 0, 0, 12],
    1: [3, 0, 0, 0, 0, 0, 3],
    2: [5, 1, 0, 0, 0, 0, 6],
    3: [2, 0, 0, 0, 0, 0, 2],
    12: [4, 1, 0, 0, 0, 0, 5],
    16: [1, 0, 0, 0, 0, 0, 1],
    22: [1, 0, 0, 0, 0, 0, 1],
    23: [13, 2, 0, 0, 0, 0, 15],
}
REVIEWS = [1, 0, 1, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def values(index: int) -> list[int]:
    return VALUES_2021.get(index, [0] * 7)


TAB_TEXT = "\n".join(
    [
        "测试县统计局 2023 年政府信息公开工作 年度报告",
        "一、总体情况",
        "（一）主动公开",
        "本年主动公开信息 16 条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t3\t1\t９",
        "第二十条第（五）项\t\t\t",
        "信息内容\t本年处理决定数量\t\t",
        "行政许可\t17\t\t",
        "第二十条第（六）项\t\t\t",
        "信息内容\t本年处理决定数量\t\t",
        "行政处罚\t—\t\t",
        "行政强制\t0\t\t",
        "第二十条第（八）项\t\t\t",
        "信息内容\t本年收费金额（单位：万元）\t\t",
        "行政事业性收费\t0.35\t\t",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况"
        "\t\t\t\t\t\t总计\t",
        *[
            (
                f"{label}\t\t" + "\t".join(map(str, values(i))) + "\t"
                if i in (0, 1, 22, 23, 24)  # top-level rows, and 3.其他 losing its leading cells
                else f"\t\t{label}\t" + "\t".join(map(str, values(i)))
            )
            for i, label in enumerate(ROWS_2021)
        ],
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
        "\t".join(map(str, REVIEWS)),
        "五、存在的主要问题及改进情况",
        "信息发布还不够及时。",
        "六、其他需要报告的事项",
        "无收取信息处理费情况。",
    ]
)


def glued_text(
    *,
    blank_rows: tuple[int, ...] = (),
    totals: bool = True,
    rows: dict[int, list[int]] | None = None,
    reviews: list[int] | None = None,
) -> str:
    """A crawler export: header block, then the whole body on one line with cells glued.

    `rows` replaces table 三 rows by index (ROWS_2021 order), `reviews` table 四's numbers.
    """
    cells = []
    for index, label in enumerate(ROWS_2021):
        row = (rows or {}).get(index) or values(index)
        if not totals:
            row = [*row[:6], 0]
        printed = "" if index in blank_rows else "".join(map(str, row))
        cells.append(label + printed)
    body = (
        "测试区财政局2024年政府信息公开工作年度报告 一、总体情况 本年依法公开。"
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规范性文件6856第二十条第（五）项信息内容本年处理决定数量行政许可0"
        "第二十条第（六）项信息内容本年处理决定数量行政处罚159行政强制58"
        "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构"
        "社会公益组织法律服务机构其他"
        + "".join(cells)
        + "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果"
        "尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
        "结果维持结果纠正其他结果尚未审结总计"
        + "".join(map(str, REVIEWS if reviews is None else reviews))
        + "五、存在的主要问题及改进情况 解读不够。六、其他需要报告的事项 无。"
    )
    return (
        "标题: 测试区财政局2024年度政府信息公开工作年度报告\n"
        "发布时间: 2025-01-20 09:00\n"
        "==================== 正文 ====================\n" + body + "\n"
    )
