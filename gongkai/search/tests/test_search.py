"""Search on the fixed corpus: the same expectations run on SQLite and on PostgreSQL
(`make test` runs `-m django_db` again on PostgreSQL), so both databases give the same ids."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.publications.models import PublishedItem
from gongkai.publications.selectors import public_years
from gongkai.search.index import search_index_item, search_reindex, search_remove_item
from gongkai.search.models import SearchDocument
from gongkai.search.selectors import search
from gongkai.search.tests.corpus import make_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return make_corpus()


# query → the titles it finds (a set: the ranking functions differ between the databases)
EXPECTED = {
    "招生": {"2023年招生工作实施方案", "招生考试报名须知", "发布招生简章", "简章印发说明"},
    "拆迁": {"关于城南片区房屋拆迁补偿的公告"},
    "拆迁 补偿": {"关于城南片区房屋拆迁补偿的公告"},
    "招生 简章": {"发布招生简章", "简章印发说明"},
    '"招生简章"': {"发布招生简章"},
    "“招生简章”": {"发布招生简章"},
    '"简章 印发"': {"简章印发说明"},
    # the title's year, and the year in the index numbers of the items published in 2023
    "２０２３": {
        "2023年招生工作实施方案",
        "2023年国民经济和社会发展统计公报",
        "关于城南片区房屋拆迁补偿的公告",
        "简章印发说明",
        "Open Data 开放数据目录<试行>",
    },
    "生产总值": {"2023年国民经济和社会发展统计公报"},
    "open data": {"Open Data 开放数据目录<试行>"},
    "csv": {"Open Data 开放数据目录<试行>"},
    "征收": {"旧城改造项目进展"},
    "地铁": set(),
    "招生 地铁": set(),
    '"公告 拆迁"': set(),
    "！？。": set(),
    "": set(),
}


@pytest.mark.parametrize("query", list(EXPECTED))
def test_the_same_items_are_found_on_both_databases(corpus, query):
    # given the corpus, when searching, then exactly the expected items of this agency come back
    page = search(query, agency=corpus.agency)
    assert corpus.titles(page.item_ids) == EXPECTED[query], connection.vendor
    assert page.total == len(EXPECTED[query])


def test_two_character_words_are_found_inside_longer_text(corpus):
    page = search("拆迁", agency=corpus.agency)
    [hit] = page.hits
    assert "<mark>拆迁</mark>" in hit.title
    assert hit.snippet.startswith("<mark>拆迁</mark>补偿标准")


def test_a_title_match_ranks_above_a_text_match(corpus):
    # 公告 is in one title and in another item's text: the title match comes first on both.
    page = search("公告", agency=corpus.agency)
    assert page.item_ids == [
        corpus.items["关于城南片区房屋拆迁补偿的公告"].pk,
        corpus.items["旧城改造项目进展"].pk,
    ]


def test_filters_by_category_and_year(corpus):
    notices = corpus.categories["tzgg"]
    assert corpus.titles(search("招生", agency=corpus.agency, category=notices).item_ids) == {
        "发布招生简章",
        "简章印发说明",
    }
    assert corpus.titles(search("招生", agency=corpus.agency, year=2023).item_ids) == {
        "2023年招生工作实施方案",
        "简章印发说明",
    }
    both = search("招生", agency=corpus.agency, category=notices, year=2023)
    assert corpus.titles(both.item_ids) == {"简章印发说明"}
    assert public_years(agency=corpus.agency) == [2024, 2023]


def test_paging(corpus):
    first = search("招生", agency=corpus.agency, page_size=3)
    second = search("招生", agency=corpus.agency, page=2, page_size=3)
    assert (first.total, first.pages, first.has_next, first.has_previous) == (4, 2, True, False)
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(first.item_ids) & set(second.item_ids)
    beyond = search("招生", agency=corpus.agency, page=9, page_size=3)
    assert beyond.hits == () and beyond.total == 4


def test_highlighting_escapes_everything_but_the_marks(corpus):
    [hit] = search("开放数据", agency=corpus.agency).hits
    assert "<script>" not in hit.snippet  # the body was sanitised when it was saved
    assert hit.title == "Open Data <mark>开放数据</mark>目录&lt;试行&gt;"


def test_full_width_text_is_found_by_ascii_digits(corpus):
    # The text says ５.２% (full-width): NFKC makes it 5.2 for the index and the snippet marks.
    page = search("5", agency=corpus.agency)
    assert corpus.titles(page.item_ids) == {"2023年国民经济和社会发展统计公报"}


def test_a_withdrawn_item_is_no_longer_found(corpus):
    item = corpus.items["关于城南片区房屋拆迁补偿的公告"]
    PublishedItem.objects.filter(pk=item.pk).update(
        is_public=False, state="withdrawn", withdrawn_at=timezone.now()
    )
    item.refresh_from_db()
    search_index_item(item)  # not public: removed
    assert search("拆迁", agency=corpus.agency).total == 0
    search_remove_item(item)  # twice is harmless
    assert not SearchDocument.objects.filter(item=item).exists()


def test_an_updated_document_is_found_by_its_new_words(corpus):
    item = corpus.items["旧城改造项目进展"]
    PublishedItem.objects.filter(pk=item.pk).update(title="旧城改造项目进展（地铁沿线）")
    item.refresh_from_db()
    search_index_item(item)
    assert corpus.titles(search("地铁", agency=corpus.agency).item_ids) == {"旧城改造项目进展"}
    assert search("征收", agency=corpus.agency).total == 1


def test_an_item_is_found_by_its_index_number_and_its_publishing_body(corpus):
    # given an item whose catalogue record names its issuer and document number
    item = corpus.items["旧城改造项目进展"]
    PublishedItem.objects.filter(pk=item.pk).update(
        issuer="城建档案馆", document_number="建发〔2024〕7号"
    )
    item.refresh_from_db()
    search_index_item(item)
    # when searching by the whole index number, the issuer or the document number
    # then that item is found (and only it)
    assert corpus.titles(search(item.index_number, agency=corpus.agency).item_ids) == {
        "旧城改造项目进展"
    }
    assert corpus.titles(search("城建档案馆", agency=corpus.agency).item_ids) == {
        "旧城改造项目进展"
    }
    assert corpus.titles(search("建发〔2024〕7号", agency=corpus.agency).item_ids) == {
        "旧城改造项目进展"
    }


def test_reindex_rebuilds_the_index_from_the_items(corpus):
    SearchDocument.objects.all().delete()
    assert search("招生", agency=corpus.agency).total == 0
    assert search_reindex() == len(corpus.items) + 1
    assert search("招生", agency=corpus.agency).total == 4
    assert search_reindex(agency_id=corpus.other_agency.pk) == 1


def test_only_the_newest_matches_are_ranked(corpus, monkeypatch):
    # given a window of 3 and 4 items with 招生, then the oldest (lowest id) is not reachable
    monkeypatch.setattr("gongkai.search.backends.RANK_WINDOW", 3)
    monkeypatch.setattr("gongkai.search.selectors.RANK_WINDOW", 3)
    page = search("招生", agency=corpus.agency)
    assert page.total == 4 and page.total_capped and page.pages == 1
    assert corpus.titles(page.item_ids) == {"招生考试报名须知", "发布招生简章", "简章印发说明"}


def test_the_window_is_the_same_when_it_is_looked_for_in_slices(corpus, monkeypatch):
    # PostgreSQL first looks among the newest ids only and widens the slice when it held too
    # few matches; a slice far too narrow must still end with the newest matches of all.
    monkeypatch.setattr("gongkai.search.backends.RANK_WINDOW", 2)
    monkeypatch.setattr("gongkai.search.selectors.RANK_WINDOW", 2)
    # as if the planner expected 1% of a hundred million documents to match: the first slice
    # holds next to nothing
    monkeypatch.setattr("gongkai.search.postgresql._expected_matches", lambda *args: 10.0**6)
    monkeypatch.setattr("gongkai.search.postgresql._documents", lambda *args: 10.0**8)
    with CaptureQueriesContext(connection) as queries:
        page = search("招生", agency=corpus.agency)
    if connection.vendor == "postgresql":  # slices tried before the whole index
        assert sum("d.item_id > " in q["sql"] for q in queries.captured_queries) > 1
    assert page.total == 3 and page.total_capped
    assert corpus.titles(page.item_ids) == {"发布招生简章", "简章印发说明"}
    phrase = search('"招生简章"', agency=corpus.agency)
    assert corpus.titles(phrase.item_ids) == {"发布招生简章"} and phrase.total == 1


def test_a_frequent_word_is_found_by_walking_the_newest_rows(corpus, monkeypatch):
    # PostgreSQL walks the newest rows, testing each, when the planner expects a large share
    monkeypatch.setattr("gongkai.search.backends.RANK_WINDOW", 2)
    monkeypatch.setattr("gongkai.search.selectors.RANK_WINDOW", 2)
    monkeypatch.setattr("gongkai.search.postgresql._expected_matches", lambda *args: 10.0**6)
    monkeypatch.setattr("gongkai.search.postgresql._documents", lambda *args: 10.0**6)
    with CaptureQueriesContext(connection) as queries:
        page = search("招生", agency=corpus.agency, category=corpus.categories["tzgg"])
        phrase = search('"招生简章"', agency=corpus.agency)
    if connection.vendor == "postgresql":
        assert sum("ts_match_vq" in q["sql"] for q in queries.captured_queries) == 2
    assert corpus.titles(page.item_ids) == {"发布招生简章", "简章印发说明"} and page.total == 2
    assert corpus.titles(phrase.item_ids) == {"发布招生简章"} and phrase.total == 1


def test_the_filter_words_cannot_be_searched_for(corpus):
    agency = corpus.agency.pk
    for typed in (f"agency_{agency}", f"agency{agency}", "year2023", f"agency_{agency}_year_2023"):
        assert search(typed, agency=corpus.agency).total == 0, typed


def test_an_agency_alone_in_the_index_is_searched_without_its_filter_word(corpus):
    # the other agency's item leaves the index: the agency's own word is then left out
    SearchDocument.objects.filter(agency=corpus.other_agency).delete()
    assert corpus.titles(search("拆迁", agency=corpus.agency).item_ids) == {
        "关于城南片区房屋拆迁补偿的公告"
    }
    assert search("招生", agency=corpus.agency, year=2024).total == 2
    assert search("招生", agency=corpus.other_agency).total == 0


def test_postgresql_planner_settings_do_not_outlive_the_search(corpus):
    # the slices switch plain index scans off inside a savepoint of the caller's transaction
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with CaptureQueriesContext(connection) as queries:
        page = search("招生", agency=corpus.agency)
    assert page.total == 4
    assert any("'enable_indexscan', 'off'" in q["sql"] for q in queries.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"
