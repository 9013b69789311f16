"""The demo agency's categories and its 2023 publications (`make demo`): 12 工作动态 and 4
数据发布 items, as the seed agency published, with texts written for this demo; and a few
工作动态 dated in the weeks before the day the demo is loaded, so the portal's 最新信息 look
alive whenever it is loaded (the seed's 2023 content stays 2023).

The items were "published on an earlier portal", so they are recorded with
`item_import_published` (their event says so). Idempotent: categories are matched by slug and
items by title, and whatever exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.publications.models import (
    Article20Item,
    Category,
    Dimension,
    DisclosureCatalogueEntry,
    PublishedItem,
)
from gongkai.publications.services import ItemContent, category_create, item_import_published

__all__ = [
    "CATEGORIES",
    "DATA_RELEASES",
    "WORK_NEWS",
    "demo_categories",
    "load_demo_publications",
]

# (slug, name, 条例第二十条 item, 五公开 dimension): the sections Chinese disclosure portals share.
CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("gzdt", "工作动态", "", Dimension.EXECUTION),
    ("sjfb", "数据发布", Article20Item.STATISTICS, Dimension.RESULT),
    ("zcwj", "政策文件", Article20Item.LEGISLATION, Dimension.DECISION),
    ("zcjd", "政策解读", Article20Item.LEGISLATION, Dimension.DECISION),
    ("jgzn", "机构职能", Article20Item.FUNCTIONS, Dimension.MANAGEMENT),
    ("ghjh", "规划计划", Article20Item.PLANS, Dimension.DECISION),
    ("czzj", "财政资金", Article20Item.BUDGETS, Dimension.MANAGEMENT),
    ("fdzdgknr", "法定主动公开内容", Article20Item.OTHER, Dimension.RESULT),
)

# (month, day, title, body): 工作动态, dated through 2023.
WORK_NEWS: tuple[tuple[int, int, str, str], ...] = (
    (
        1,
        16,
        "我局召开2023年统计工作会议",
        "1月16日，我局召开全年统计工作会议，回顾上一年度统计调查任务完成情况，"
        "部署本年度重点工作。会议要求各股室把数据质量放在首位，按时完成各项常规调查。",
    ),
    (
        2,
        22,
        "我局开展统计法治宣传进企业活动",
        "为增强企业依法统计意识，我局工作人员走访区内部分规模以上企业，"
        "讲解统计法律法规和企业报送责任，现场解答企业填报中遇到的问题。",
    ),
    (
        3,
        14,
        "我局组织开展统计业务培训",
        "3月14日，我局组织区内统计人员参加业务培训，内容包括联网直报平台操作、"
        "主要指标口径和常见差错的防范，参训人员普遍反映收获较大。",
    ),
    (
        4,
        11,
        "我局部署一季度统计数据质量核查",
        "我局对一季度工业、投资等专业报表开展数据质量核查，重点核对异常波动数据，"
        "对发现的问题督促企业及时更正，确保数据真实准确。",
    ),
    (
        5,
        18,
        "我局开展“统计开放日”活动",
        "5月18日，我局举办统计开放日活动，邀请企业代表和群众参观数据处理流程，"
        "介绍统计数据从采集、审核到发布的全过程。",
    ),
    (
        6,
        20,
        "我局召开上半年统计工作推进会",
        "推进会听取各股室上半年工作情况汇报，分析当前经济运行中需要关注的问题，"
        "对下半年统计监测和分析工作作出安排。",
    ),
    (
        7,
        12,
        "我局完成年度统计执法检查计划备案",
        "我局按照上级统计机构要求，制定年度统计执法检查计划，明确检查对象的随机抽取方式和检查内容，"
        "并向社会公开。",
    ),
    (
        8,
        24,
        "我局开展统计基层基础建设调研",
        "8月下旬，我局组成调研组，到园区企业和办事处了解统计台账建立和人员配备情况，"
        "梳理基层统计工作中存在的困难，提出改进措施。",
    ),
    (
        9,
        7,
        "我局部署第五次全国经济普查单位清查工作",
        "根据经济普查工作安排，我局召开单位清查工作部署会，明确清查范围、时间节点和质量要求，"
        "要求普查人员逐户核实，做到不重不漏。",
    ),
    (
        10,
        19,
        "我局开展经济普查清查质量抽查",
        "我局对已完成清查的区域开展质量抽查，对照底册逐一核对单位信息，"
        "对抽查中发现的遗漏和差错当场反馈整改。",
    ),
    (
        11,
        15,
        "我局开展统计领域安全生产检查",
        "我局对办公场所和数据机房进行安全检查，重点检查用电、消防和数据备份情况，"
        "对发现的隐患明确责任人限期整改。",
    ),
    (
        12,
        27,
        "我局召开2023年度工作总结会",
        "会议总结全年统计工作，肯定各股室在经济普查和常规统计中的成绩，"
        "查找工作中的不足，并对下一年度工作提出初步设想。",
    ),
)

# (month, day, title, body): 数据发布; the figures are invented for the demo.
DATA_RELEASES: tuple[tuple[int, int, str, str], ...] = (
    (4, 25, "2023年一季度经济运行情况",
     "一季度，全区规模以上工业增加值同比增长6.2%，固定资产投资同比增长8.5%，"
     "社会消费品零售总额同比增长5.1%。经济运行开局平稳。"),
    (7, 26, "2023年上半年经济运行情况",
     "上半年，全区规模以上工业增加值同比增长6.8%，固定资产投资同比增长9.0%，"
     "社会消费品零售总额同比增长5.6%，主要指标保持增长。"),
    (10, 27, "2023年前三季度经济运行情况",
     "前三季度，全区规模以上工业增加值同比增长7.1%，固定资产投资同比增长8.7%，"
     "社会消费品零售总额同比增长6.0%，经济持续恢复向好。"),
    (12, 29, "2023年1—11月主要经济指标",
     "1—11月，全区规模以上工业增加值同比增长7.3%，固定资产投资同比增长8.9%，"
     "社会消费品零售总额同比增长6.2%。"),
)  # fmt: skip

# (days before the demo is loaded, title, body): recent 工作动态, no year in their text.
RECENT_NEWS: tuple[tuple[int, str, str], ...] = (
    (2, "我局开展统计数据质量专项检查",
     "我局近日组织人员对区内规模以上企业统计数据开展专项检查，重点核查原始记录和统计台账，"
     "对发现的问题当场反馈并督促整改。"),
    (9, "我局召开统计执法工作推进会",
     "会议通报了近期统计执法检查情况，要求各股室严格落实“双随机、一公开”要求，"
     "依法查处统计违法行为。"),
    (16, "我局开展政府信息公开工作培训",
     "培训围绕《中华人民共和国政府信息公开条例》，讲解主动公开、依申请公开办理流程和答复要求，"
     "全局工作人员参加。"),
    (30, "我局走访调研区内重点企业",
     "调研组走访区内重点企业，了解企业生产经营和统计报送情况，听取企业意见建议。"),
)  # fmt: skip

DEMO_REASON = "演示数据：原门户网站已发布的信息"


def demo_categories(agency: Agency) -> tuple[dict[str, Category], int]:
    """The demo categories by slug, creating those missing; and how many were created."""
    found = {c.slug: c for c in Category.objects.filter(agency=agency)}
    created = 0
    for order, (slug, name, article20_item, dimension) in enumerate(CATEGORIES, start=1):
        if slug not in found:
            found[slug] = category_create(
                actor=None,
                agency=agency,
                name=name,
                slug=slug,
                order=order,
                article20_item=article20_item,
                dimension=dimension,
            )
            created += 1
    return found, created


def load_demo_publications(
    *,
    agency: Agency,
    today: dt.date | None = None,
    catalogue: Mapping[str, DisclosureCatalogueEntry] | None = None,
) -> int:
    """Create the demo categories, the 2023 items and the recent items (dated before `today`,
    by default the local date) missing for `agency`; return how many.

    `catalogue` links an item (by title) to the catalogue entry it was published under.
    """
    today = today or timezone.localdate()
    catalogue = catalogue or {}
    with transaction.atomic():
        categories, created = demo_categories(agency)
        existing = set(PublishedItem.objects.filter(agency=agency).values_list("title", flat=True))
        for slug, rows in (("gzdt", WORK_NEWS), ("sjfb", DATA_RELEASES)):
            for month, day, title, body in rows:
                if title in existing:
                    continue
                written = dt.date(2023, month, day)
                published = dt.datetime(
                    2023, month, day, 10, 0, tzinfo=timezone.get_current_timezone()
                )
                item_import_published(
                    agency=agency,
                    content=ItemContent(
                        title=title,
                        body=body,
                        category=categories[slug],
                        date_written=written,
                        subject="统计",
                        catalogue_entry=catalogue.get(title),
                    ),
                    published_at=published,
                    reason=DEMO_REASON,
                )
                created += 1
        for days_before, title, body in RECENT_NEWS:
            if title in existing:
                continue
            on = today - dt.timedelta(days=days_before)
            item_import_published(
                agency=agency,
                content=ItemContent(
                    title=title,
                    body=body,
                    category=categories["gzdt"],
                    date_written=on,
                    subject="统计",
                ),
                published_at=dt.datetime.combine(
                    on, dt.time(10, 0), tzinfo=timezone.get_current_timezone()
                ),
                reason=DEMO_REASON,
            )
            created += 1
    return created
