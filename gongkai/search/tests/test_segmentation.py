"""Segmentation: pure, no database."""

from __future__ import annotations

from gongkai.search.highlight import highlight, snippet
from gongkai.search.segmentation import normalise, parse_query, segment, words


def test_two_character_words_stand_alone():
    assert "招生" in words("2023年招生工作实施方案")
    assert "拆迁" in words("关于城南片区房屋拆迁补偿的公告")


def test_search_mode_also_yields_the_parts_of_long_words():
    assert {"共和", "共和国", "人民"} <= set(words("中华人民共和国"))


def test_full_width_and_case_are_normalised():
    assert normalise("ＡＢＣ２０２３") == "abc2023"
    assert segment("Open Data") == "open data"


def test_punctuation_is_dropped():
    assert words("！？，。——“”") == []
    assert words("e-mail") == ["e", "mail"]


def test_quoted_text_is_a_phrase_the_rest_are_words():
    query = parse_query('拆迁 "招生 简章" 「补偿」')
    assert query.terms == ("拆迁",)
    assert query.phrases == (("招生", "简章"), ("补偿",))
    assert set(query.all_words) == {"拆迁", "招生", "简章", "补偿"}
    assert parse_query("  ").is_empty


def test_highlight_escapes_and_marks():
    assert highlight("<b>招生</b>", ["招生"]) == "&lt;b&gt;<mark>招生</mark>&lt;/b&gt;"
    assert highlight("无关", []) == "无关"


def test_snippet_starts_near_the_first_match():
    text = "甲" * 200 + "拆迁补偿" + "乙" * 200
    result = snippet(text, ["拆迁"], width=40)
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>拆迁</mark>补偿" in result
