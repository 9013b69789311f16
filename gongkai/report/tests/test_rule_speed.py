"""The rules' fast paths give what the plain computation gives, and checking stays cheap."""

from __future__ import annotations

import time
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.parse import read_bytes
from gongkai.report.parse.tests.fixtures import glued_text
from gongkai.report.rules import check
from gongkai.report.rules.narrative import nfkc


def test_nfkc_of_every_character_is_unicodes():
    # given every character of the BMP (surrogates excepted) and the astral blocks NFKC folds
    codes = [*range(0xD800), *range(0xE000, 0x10000)]
    codes += [*range(0x1D400, 0x1D800), *range(0x1F100, 0x1F300), *range(0x2F800, 0x2FA20)]
    # when each is normalised alone and after an ASCII letter (where a mark may join it)
    # then the run-wise NFKC agrees with unicodedata's
    for code in codes:
        char = chr(code)
        assert nfkc(char) == unicodedata.normalize("NFKC", char), hex(code)
        assert nfkc("a" + char) == unicodedata.normalize("NFKC", "a" + char), hex(code)


_MIXED = st.text(
    alphabet=st.sampled_from(
        [
            *"申请收到件，。、：；（）《》“”—…·１２３ ＡＢ①⑵㈠㎡ａé\u0301\u3000\t\n12abc,",
            *("\u2f8f", "\uf900", "\uff9e", "\u30ab"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_nfkc_of_mixed_report_text_is_unicodes(text):
    # given text mixing CJK, full-width forms, compatibility characters and combining marks
    # then the run-wise NFKC agrees with unicodedata's
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_checking_a_report_costs_a_fraction_of_reading_it():
    # given a crawler export of a small agency's report
    data = glued_text().encode("utf-8")
    report = read_bytes(data, "x.txt")

    # when it is read and checked many times (CPU time: other processes do not count)
    def cost(work) -> float:
        start = time.process_time()
        for _ in range(50):
            work()
        return time.process_time() - start

    reading = cost(lambda: read_bytes(data, "x.txt"))
    checking = cost(lambda: check(report))

    # then checking costs well under half of reading (it cost more than reading before)
    assert checking < reading / 2
