"""How fast the portal's full-text search answers: `search()` latency, median and 95th centile.

usage: [DATABASE_URL=postgres://…] python bench/search_latency.py [--items N] [--repeat R]

Creates a throw-away database (SQLite in a temporary file, or `bench_search` on the PostgreSQL
server DATABASE_URL names), loads N generated public items for one agency (titles of 6–10
words and bodies of 60–160 words drawn, Zipf-like, from a vocabulary of government words, over
2019–2026 and five categories), then times `search()` — the full call: segmentation of the
query, the FTS5/tsvector query with its count, and the highlighted titles and snippets of the
first page of 20 — for a set of queries: a frequent word, a rare word, two words, a phrase, a
filtered query and a word that matches nothing. The database is dropped at the end.

The generated text is written already segmented (the words joined by spaces in the shadow
columns), so loading a million items does not wait on jieba; queries go through jieba as in
production.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.agencies.models import Agency
    from gongkai.publications.models import Category

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

_VOCABULARY_TEXT = (
    "工作 会议 通知 公告 关于 实施 方案 管理 办法 规定 政府 信息 公开 统计 数据 发布 年度 报告 "
    "经济 发展 社会 建设 项目 城市 农村 教育 医疗 卫生 就业 社会保障 扶贫 环境 保护 安全 生产 "
    "食品 药品 质量 监督 检查 行政 许可 处罚 强制 收费 标准 采购 预算 决算 财政 规划 土地 "
    "住房 交通 水利 农业 工业 企业 服务 市场 监管 投资 改革 创新 人才 科技 文化 旅游 体育 "
    "招生 考试 报名 简章 拆迁 补偿 征收 安置 应急 预案 预警 防汛 消防 疫情 防控 公示 结果 "
    "名单 任免 人事 招聘 公务员 录用 政策 解读 意见 建议 答复 提案 议案 办理 情况 进展 部署 "
    "推进 落实 加强 完善 提高 促进 开展 组织 召开 举行 印发 转发 调整 公布 征求 听证"
)
VOCABULARY = _VOCABULARY_TEXT.split()
QUERIES: dict[str, tuple[str, dict[str, Any]]] = {
    "frequent word 工作": ("工作", {}),
    "rare word 拆迁": ("拆迁", {}),
    "two words 招生 简章": ("招生 简章", {}),
    'phrase "补偿 标准"': ('"补偿标准"', {}),
    "filtered 预算 year+category": ("预算", {"year": 2024, "category": True}),
    "no match 量子": ("量子", {}),
}


def _words(rng: random.Random, count: int) -> list[str]:
    # Zipf-like: the first words of the vocabulary are the most common.
    n = len(VOCABULARY)
    return [VOCABULARY[min(n - 1, int(rng.paretovariate(1.1)) - 1)] if rng.random() < 0.5
            else VOCABULARY[rng.randrange(n)] for _ in range(count)]  # fmt: skip


def moment_of(item: Any) -> dt.datetime:
    assert item.published_at is not None
    return item.published_at  # type: ignore[no-any-return]


def load(agency: Agency, categories: list[Category], count: int, batch: int = 5000) -> None:
    from django.utils import timezone

    from gongkai.publications.models import PublishedItem
    from gongkai.search.backends import facets
    from gongkai.search.models import SearchDocument

    rng = random.Random(1)
    start = timezone.make_aware(dt.datetime(2019, 1, 1))
    span = (timezone.make_aware(dt.datetime(2026, 12, 31)) - start).total_seconds()
    made = 0
    while made < count:
        size = min(batch, count - made)
        items, texts = [], []
        for n in range(made, made + size):
            title, body = _words(rng, rng.randint(6, 10)), _words(rng, rng.randint(60, 160))
            moment = start + dt.timedelta(seconds=rng.random() * span)
            items.append(
                PublishedItem(
                    agency=agency, index_number=f"bench/{n:08d}", title="".join(title),
                    body_text="".join(body), category=rng.choice(categories),
                    issuer=agency.name, state="published", is_public=True,
                    published_at=moment, updated_public_at=moment, public_revision_number=1,
                )
            )  # fmt: skip
            texts.append((title, body))
        PublishedItem.objects.bulk_create(items, batch_size=batch)
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    item=item, agency=agency, category=item.category,
                    year=timezone.localtime(moment_of(item)).year,
                    published_at=moment_of(item), title=item.title, text=item.body_text,
                    title_words=" ".join(title), text_words=" ".join(body),
                    facets=facets(agency_id=agency.pk, category_id=item.category_id,
                                  year=timezone.localtime(moment_of(item)).year),
                )
                for item, (title, body) in zip(items, texts, strict=True)
            ],
            batch_size=batch,
        )  # fmt: skip
        made += size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=41)
    args = parser.parse_args()

    import django
    from django.conf import settings

    tmp = tempfile.TemporaryDirectory()
    if not os.environ.get("DATABASE_URL"):
        settings.DATABASES["default"] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(Path(tmp.name) / "bench.sqlite3"),
            "TEST": {"NAME": str(Path(tmp.name) / "bench.sqlite3")},
        }
    else:
        settings.DATABASES["default"]["TEST"] = {"NAME": "bench_search"}
    django.setup()

    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.publications.models import Category
    from gongkai.search.segmentation import warm
    from gongkai.search.selectors import search

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        agency = Agency.objects.create(code="bench", name="基准测试机关")
        categories = [
            Category.objects.create(agency=agency, name=f"栏目{n}", slug=f"c{n}") for n in range(5)
        ]
        started = time.perf_counter()
        load(agency, categories, args.items)
        loaded = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        warm()
        print(f"{connection.vendor}: {args.items} items, loaded in {loaded:.1f} s")
        print(f"  {'query':32} {'hits':>8} {'median ms':>10} {'p95 ms':>8}")
        for name, (query, options) in QUERIES.items():
            kwargs: dict[str, Any] = {"agency": agency, "year": options.get("year")}
            if options.get("category"):
                kwargs["category"] = categories[0]
            page = search(query, **kwargs)
            times = []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                search(query, **kwargs)
                times.append((time.perf_counter() - begin) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"  {name:32} {page.total:>8} {statistics.median(times):>10.1f} {p95:>8.1f}")
    finally:
        connection.creation.destroy_test_db(
            settings.DATABASES["default"]["NAME"], verbosity=0, keepdb=False
        )
        tmp.cleanup()


if __name__ == "__main__":
    main()
