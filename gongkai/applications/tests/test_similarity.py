"""The repeat check's measure: linear in the text, and flagging what the old measure flagged.

The old measure was difflib's SequenceMatcher ratio (threshold 0.8): quadratic in the text (one
comparison of two 5,000-character descriptions took 2.7 s on the probe). The new one is the
Dice coefficient of character bigrams (threshold 0.75). The examples below are the threshold
equivalence: each is checked against the old measure in the test itself, so a reader sees on
which side of 0.8 it fell, and the new measure must put it on the same side of 0.75.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from difflib import SequenceMatcher
from types import FrameType
from typing import Any

import pytest

from gongkai.applications.procedure.similarity import (
    DEFAULT_THRESHOLD,
    MAX_CHARS,
    normalise_text,
    similarity,
)

BASE = "请公开2025年本区规模以上工业企业统计数据，包括企业名单、产值和增加值。"

# (earlier description, new description): the old measure ≥ 0.8, a repeat to flag.
FLAGGED = [
    (BASE, BASE),
    ("请公开2025年本区规模以上工业企业统计数据。", "2025年 本区规模以上工业企业统计数据"),
    (BASE, BASE.replace("2025", "2024")),
    (BASE, BASE.replace("产值", "总产值")),
    (BASE, "申请：" + BASE),
    (
        "关于某某村土地征收补偿安置方案及其批复文件，文号为驻政土〔2024〕12号。",
        "某某村土地征收补偿安置方案和批复文件（驻政土〔2024〕12号）",
    ),
    (BASE * 3, BASE * 3 + "谢谢。"),
]
# The old measure < 0.8: not flagged.
NOT_FLAGGED = [
    (BASE, "本局2026年部门预算"),
    (BASE, "请公开2025年本区固定资产投资项目审批文件和环境影响评价报告。"),
    ("关于某某村土地征收补偿安置方案的批复", "关于某某街道拆迁安置名单及补偿标准的通知"),
    (BASE, BASE[:20]),
    ("2024年行政许可决定书", "2024年行政处罚决定书及其依据"),
]


def old_measure(a: str, b: str) -> float:
    left, right = normalise_text(a), normalise_text(b)
    return SequenceMatcher(None, left, right, autojunk=False).ratio()


@pytest.mark.parametrize(("earlier", "new"), FLAGGED)
def test_what_the_old_measure_flagged_is_flagged(earlier, new):
    assert old_measure(earlier, new) >= 0.8
    assert similarity(earlier, new) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("earlier", "new"), NOT_FLAGGED)
def test_what_the_old_measure_did_not_flag_is_not_flagged(earlier, new):
    assert old_measure(earlier, new) < 0.8
    assert similarity(earlier, new) < DEFAULT_THRESHOLD


def test_the_same_text_folded_is_the_same_and_empty_text_is_nothing_alike():
    assert similarity("２０２５年 统计公报。", "2025年统计公报") == 1.0
    assert similarity("", BASE) == 0.0 and similarity("。", "，") == 0.0
    assert similarity("甲", "甲") == 1.0 and similarity("甲", "乙") == 0.0


def test_the_same_sentences_in_another_order_are_alike():
    # The old measure scored a reordered request low; the same request reordered is a repeat.
    first, second = "请公开本区2025年财政预算执行情况。", "以及本区2025年国有资产管理报告。"
    assert similarity(first + second, second + first) >= DEFAULT_THRESHOLD


def line_events(compare: Callable[[str, str], Any], a: str, b: str) -> int:
    """How many Python lines `compare(a, b)` runs: an operation count, not a timing."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        compare(a, b)
    finally:
        sys.settrace(None)
    return count


def repetitive(n: int) -> tuple[str, str]:
    # Few distinct characters, as in a long list of similar names: the old matcher's worst case.
    text = ("统计数据企业名单" * (n // 8 + 1))[:n]
    return text, text[::-1]


def test_a_comparison_costs_operations_linear_in_the_text():
    # given texts of 300 and 1,200 characters
    small = line_events(similarity, *repetitive(300))
    large = line_events(similarity, *repetitive(1200))
    # then four times the text costs at most about four times the operations
    assert large <= 4.5 * small
    # (the old measure, on smaller texts: about sixteen times — quadratic)
    old_small = line_events(old_measure, *repetitive(40))
    old_large = line_events(old_measure, *repetitive(160))
    assert old_large > 8 * old_small


def test_what_is_compared_is_capped():
    # Only the first MAX_CHARS folded characters count: a longer tail changes nothing.
    head = ("统计数据企业名单" * (MAX_CHARS // 8 + 1))[:MAX_CHARS]
    assert similarity(head + "甲" * 3000, head + "乙" * 3000) == 1.0
    assert line_events(similarity, head + "甲" * 20000, head) < 2 * line_events(
        similarity, head, head
    )


def test_folding_drops_exactly_punctuation_spaces_controls_and_symbols():
    import unicodedata

    every = "".join(map(chr, range(0x30000)))
    folded = unicodedata.normalize("NFKC", every).casefold()
    reference = "".join(
        c for c in folded if not unicodedata.category(c).startswith(("P", "Z", "C", "S"))
    )
    assert normalise_text(every) == reference


def test_fingerprints_are_kept_for_the_texts_compared_again():
    # given a description fingerprinted once (an earlier case of the applicant)
    from gongkai.applications.procedure.similarity import fingerprint, fingerprint_of

    text = "请公开二〇二五年本区征收补偿方案及会议纪要。" * 10
    first = fingerprint(text)
    # then the next comparison reuses it, and it is the same as one made afresh
    assert fingerprint(text) is first
    assert first == fingerprint_of(text)
    assert fingerprint(text + "。") is not first
