"""The demo agency's 政务公开事项目录 (`make demo`): what a district statistics bureau owes the
public, line by line, so that the draft form's 「对应的政务公开事项」 offers real choices and the
catalogue page checks the 20-working-day rule (条例第二十六条) and the periodic releases.

Idempotent: an entry is matched by its title, and whatever exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.agencies.models import Agency, Section
from gongkai.publications.demo import DATA_RELEASES, demo_categories
from gongkai.publications.models import CatalogueTiming, DisclosureCatalogueEntry
from gongkai.publications.services import catalogue_entry_create

__all__ = ["CATALOGUE", "DemoCatalogue", "load_demo_catalogue"]

REGULATION = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class DemoEntry:
    title: str
    category: str  # a demo category's slug
    section: str  # a demo section's name
    legal_basis: str
    timing: CatalogueTiming = CatalogueTiming.ON_CHANGE
    workdays: int = 20


CATALOGUE: tuple[DemoEntry, ...] = (
    DemoEntry(
        "机构职能、内设机构、办公地址、办公时间、联系方式和负责人姓名",
        "jgzn",
        "综合股",
        f"{REGULATION}第二十条第（二）项",
    ),
    DemoEntry(
        "统计领域行政规范性文件",
        "zcwj",
        "综合股",
        f"{REGULATION}第二十条第（一）项；《河南省行政规范性文件管理办法》",
    ),
    DemoEntry("统计政策文件解读", "zcjd", "综合股", f"{REGULATION}第二十条第（一）项"),
    DemoEntry(
        "全区国民经济主要指标月度数据",
        "sjfb",
        "统计股",
        f"{REGULATION}第二十条第（四）项；《中华人民共和国统计法》第二十三条",
        CatalogueTiming.MONTHLY,
        15,
    ),
    DemoEntry(
        "全区经济运行情况（季度）",
        "sjfb",
        "统计股",
        f"{REGULATION}第二十条第（四）项；《中华人民共和国统计法》第二十三条",
        CatalogueTiming.QUARTERLY,
    ),
    DemoEntry(
        "全区国民经济和社会发展统计公报",
        "sjfb",
        "统计股",
        f"{REGULATION}第二十条第（四）项；《中华人民共和国统计法》第二十三条",
        CatalogueTiming.YEARLY,
        60,
    ),
    DemoEntry(
        "统计执法检查计划、检查对象和检查结果",
        "gzdt",
        "统计股",
        f"{REGULATION}第二十条第（六）项；《统计执法监督检查办法》",
    ),
    DemoEntry(
        "部门预算、决算及“三公”经费",
        "czzj",
        "综合股",
        f"{REGULATION}第二十条第（七）项；《中华人民共和国预算法》第十四条",
        CatalogueTiming.YEARLY,
    ),
    DemoEntry(
        "统计调查项目目录及调查制度",
        "fdzdgknr",
        "调查股",
        f"{REGULATION}第二十条第（十五）项；《统计调查项目管理办法》",
    ),
    DemoEntry(
        "政府信息公开工作年度报告",
        "fdzdgknr",
        "综合股",
        f"{REGULATION}第四十九条（每年1月31日前公布）",
        CatalogueTiming.YEARLY,
        20,
    ),
)

# The demo's 2023 items published under an entry (item title → entry title).
QUARTERLY = "全区经济运行情况（季度）"
ITEM_ENTRIES: dict[str, str] = {
    **{title: QUARTERLY for _, _, title, _ in DATA_RELEASES if "1—11月" not in title},
    "2023年1—11月主要经济指标": "全区国民经济主要指标月度数据",
    "我局完成年度统计执法检查计划备案": "统计执法检查计划、检查对象和检查结果",
}


@dataclass(frozen=True)
class DemoCatalogue:
    created: int
    by_item_title: dict[str, DisclosureCatalogueEntry]


def load_demo_catalogue(*, agency: Agency) -> DemoCatalogue:
    """Create the demo catalogue entries missing for `agency` (and the categories they need)."""
    with transaction.atomic():
        categories, created = demo_categories(agency)
        sections = {s.name: s for s in Section.objects.filter(agency=agency)}
        entries = {
            e.title: e for e in DisclosureCatalogueEntry.objects.filter(agency=agency, active=True)
        }
        for line in CATALOGUE:
            if line.title in entries:
                continue
            entries[line.title] = catalogue_entry_create(
                actor=None,
                agency=agency,
                title=line.title,
                category=categories.get(line.category),
                section=sections.get(line.section),
                legal_basis=line.legal_basis,
                timing=line.timing,
                workdays=line.workdays,
            )
            created += 1
    links = {item: entries[entry] for item, entry in ITEM_ENTRIES.items() if entry in entries}
    return DemoCatalogue(created=created, by_item_title=links)
