"""A fixed corpus of public items for the search tests, the same on both databases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.tests.factories import make_agency
from gongkai.publications.models import Category, PublishedItem
from gongkai.publications.services import ItemContent, item_import_published
from gongkai.search.index import search_index_item

# title, body, category slug, year
ITEMS = [
    ("2023年招生工作实施方案", "本市义务教育阶段招生工作按照就近入学原则进行。", "gzdt", 2023),
    (
        "关于城南片区房屋拆迁补偿的公告",
        "拆迁补偿标准依照有关规定执行，咨询电话见附件。",
        "tzgg",
        2023,
    ),
    ("招生考试报名须知", "考生应于规定时间内报名，逾期不予受理。", "gzdt", 2024),
    (
        "2023年国民经济和社会发展统计公报",
        "全年地区生产总值增长５.２%，居民收入稳步提高。",
        "sjfb",
        2024,
    ),
    ("旧城改造项目进展", "旧城改造项目已完成房屋征收，不再另行公告。", "gzdt", 2024),
    ("发布招生简章", "今年的招生简章已经印发，请考生留意。", "tzgg", 2024),
    ("简章印发说明", "简章已印发，招生将于九月开始。", "tzgg", 2023),
    (
        "Open Data 开放数据目录<试行>",
        "数据目录包括 CSV 与 XLSX 格式；<script>alert(1)</script>",
        "sjfb",
        2023,
    ),
]


@dataclass
class Corpus:
    agency: Agency
    other_agency: Agency
    categories: dict[str, Category]
    items: dict[str, PublishedItem]

    def titles(self, ids: list[int]) -> set[str]:
        by_id = {item.pk: title for title, item in self.items.items()}
        return {by_id[i] for i in ids}


def _published(
    agency: Agency, category: Category, title: str, body: str, year: int
) -> PublishedItem:
    moment = timezone.make_aware(dt.datetime(year, 3, 1, 9, 0)) + dt.timedelta(minutes=len(title))
    item = item_import_published(
        agency=agency,
        content=ItemContent(title=title, body=body, category=category),
        published_at=moment,
        reason="测试语料",
    )
    search_index_item(item)
    return item


def make_corpus() -> Corpus:
    agency = make_agency(code="search-a", name="检索测试局")
    other = make_agency(code="search-b", name="另一个局")
    names = {"gzdt": "工作动态", "tzgg": "通知公告", "sjfb": "数据发布"}
    categories = {
        slug: Category.objects.create(agency=agency, name=name, slug=slug, order=n)
        for n, (slug, name) in enumerate(names.items())
    }
    items = {
        title: _published(agency, categories[slug], title, body, year)
        for title, body, slug, year in ITEMS
    }
    # Another agency's item with the same words: never found from this agency's portal.
    other_category = Category.objects.create(agency=other, name="工作动态", slug="gzdt")
    _published(other, other_category, "另一个局的招生公告", "招生与拆迁", 2023)
    return Corpus(agency=agency, other_agency=other, categories=categories, items=items)
