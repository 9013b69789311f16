"""The pure parts of the two search backends: the filter words and the query texts."""

from __future__ import annotations

from gongkai.search.backends import Filters, facet_word, facet_words
from gongkai.search.postgresql import tsquery_expression, word_pairs
from gongkai.search.segmentation import parse_query, words
from gongkai.search.sqlite import fts5_expression


def test_a_document_carries_one_word_per_filter_combination():
    assert facet_words(agency_id=1, category_id=3, year=2024).split() == [
        "agency_1",
        "agency_1_category_3",
        "agency_1_year_2024",
        "agency_1_category_3_year_2024",
    ]


def test_a_search_filters_by_the_one_word_of_its_combination():
    both = Filters(agency_id=1, category_id=3, year=2024)
    assert facet_word(both, agency_alone=True) == "agency_1_category_3_year_2024"
    assert facet_word(Filters(agency_id=1, year=2024), agency_alone=True) == "agency_1_year_2024"
    assert facet_word(Filters(agency_id=1, category_id=3), agency_alone=False) == (
        "agency_1_category_3"
    )
    assert facet_word(Filters(agency_id=1), agency_alone=False) == "agency_1"
    assert facet_word(Filters(agency_id=1), agency_alone=True) is None


def test_every_filter_word_is_one_a_query_can_never_produce():
    # segmentation keeps letters and digits only, so "_" never reaches a query word
    for word in facet_words(agency_id=12, category_id=5, year=2023).split():
        assert words(word) != [word] and "_" in word


def test_the_expressions_keep_the_query_to_the_text_and_the_filter_to_the_facets():
    query = parse_query('招生 "招生 简章"')
    assert fts5_expression(query, "agency_1_year_2024") == (
        '{title_words text_words} : ("招生" "招生 简章") AND facets : "agency_1_year_2024"'
    )
    assert fts5_expression(query) == '{title_words text_words} : ("招生" "招生 简章")'
    assert tsquery_expression(query) == (
        "'招生' & (('招生':A <-> '简章':A) | ('招生':B <-> '简章':B))"
    )


def test_a_phrase_is_looked_up_by_its_adjacent_word_pairs():
    assert word_pairs(("统计", "公报")) == ["统计+公报"]
    assert word_pairs(("国民", "经济", "统计")) == ["国民+经济", "经济+统计"]
    assert word_pairs(("招生",)) == []
    assert words("统计+公报") == ["统计", "公报"]  # a typed "+" never makes a pair word
