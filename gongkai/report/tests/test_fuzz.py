"""Damaged reports never crash the reader or the rules: only ReportError may come out.

Real-looking reports (our own fixtures: tab-separated text as a PDF extraction gives it, a
published web page, our JSON) are damaged the way crawlers and converters damage them: lines
dropped, doubled or swapped, bytes of garbage, a cut-off end, digits changed.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.model import ReportError, dumps, report_to_json
from gongkai.report.parse import read_bytes
from gongkai.report.rules import RULES, Finding, Severity, check
from gongkai.report.tests.strategies import annual_reports

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = (FIXTURES / "clean-2022.txt").read_bytes()
HTML = (FIXTURES / "clean-2022.html").read_bytes()
JSON = (FIXTURES / "clean-2022.json").read_bytes()

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DIGITS = b"0123456789"
NEW_DIGITS = [b"0", b"7", b"99", b"-3", b"", b"1,234", "５".encode()]


@st.composite
def damaged(draw: st.DrawFn, source: bytes) -> bytes:
    """`source` after one to six kinds of damage, each at a drawn place."""
    lines = source.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "garbage", "truncate", "digit", "tabs", "text"]
            )
        )
        if not lines:
            lines = [b""]
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "garbage":
            junk = draw(st.binary(min_size=1, max_size=40))
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + junk + lines[at][cut:]
        elif kind == "truncate":
            joined = b"\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split(b"\n")
        elif kind == "digit":
            places = [i for i, byte in enumerate(lines[at]) if byte in DIGITS]
            if places:
                place = draw(st.sampled_from(places))
                new = draw(st.sampled_from(NEW_DIGITS))
                lines[at] = lines[at][:place] + new + lines[at][place + 1 :]
        elif kind == "tabs":
            lines[at] = lines[at].replace(b"\t", draw(st.sampled_from([b"", b" ", b"|", b"\t\t"])))
        else:
            lines.insert(at, draw(st.text(max_size=30)).encode("utf-8", "surrogatepass"))
    return b"\n".join(lines)


def read_and_check(data: bytes, name: str) -> None:
    """What `gongkai report check` does with the bytes; ReportError is the one allowed failure."""
    try:
        report = read_bytes(data, name)
    except ReportError as exc:
        assert str(exc).strip(), "a ReportError needs a reason"
        return
    findings = check(report)
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in findings)
    dumps(report)


@FUZZ
@given(damaged(TEXT))
def test_damaged_text_never_crashes(data: bytes) -> None:
    read_and_check(data, "report.txt")


@FUZZ
@given(damaged(HTML))
def test_damaged_html_never_crashes(data: bytes) -> None:
    read_and_check(data, "report.html")


@settings(max_examples=50, deadline=None)
@given(damaged(JSON))
def test_damaged_json_never_crashes(data: bytes) -> None:
    read_and_check(data, "report.json")


def test_the_undamaged_fixtures_are_consistent() -> None:
    # given the clean fixtures, when read and checked, then nothing is found
    for source, name in ((TEXT, "clean.txt"), (HTML, "clean.html"), (JSON, "clean.json")):
        assert check(read_bytes(source, name)) == [], name


KNOWN_TABLES = ("applications/", "reviews/", "active", "previous/", "text/")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annual_reports(), st.none() | annual_reports())
def test_the_rules_take_any_report_without_changing_it(report, previous) -> None:
    # given any report (None cells, blanks, broken totals, either layout) and any "last year"
    before = report_to_json(report)
    # when it is checked
    findings = check(report, previous=previous)
    # then the findings are well formed, name known rules and cells, and the report is intact
    ids = {rule.id for rule in RULES}
    for finding in findings:
        assert finding.rule in ids
        assert finding.message
        assert all(cell.startswith(KNOWN_TABLES) for cell in finding.cells), finding
        if finding.severity is Severity.ERROR:
            # an error is never built on a cell that could not be read
            values = dict(report.numbers())
            assert all(values.get(cell, 0) is not None for cell in finding.cells), finding
    assert report_to_json(report) == before
