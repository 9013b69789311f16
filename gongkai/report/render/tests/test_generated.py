"""Arbitrary reports render to every format without error and keep their numbers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from gongkai.report.render.tests.expectations import assert_document
from gongkai.report.render.tests.readback import READERS
from gongkai.report.tests.strategies import annual_reports

_FAST = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(annual_reports())
def test_text_of_any_report_shows_it_in_the_official_layout(report: AnnualReport) -> None:
    assert_document(READERS["txt"](render(report, "txt")), report, merges=False)


@_FAST
@given(annual_reports())
def test_html_of_any_report_shows_it_in_the_official_layout(report: AnnualReport) -> None:
    assert_document(READERS["html"](render(report, "html")), report, merges=True)


@_FAST
@given(annual_reports())
def test_docx_of_any_report_shows_it_in_the_official_layout(report: AnnualReport) -> None:
    assert_document(READERS["docx"](render(report, "docx")), report, merges=True)


@_FAST
@given(annual_reports())
def test_xlsx_of_any_report_shows_it_in_the_official_layout(report: AnnualReport) -> None:
    assert_document(READERS["xlsx"](render(report, "xlsx")), report, merges=True)


@settings(max_examples=3, deadline=None)
@given(annual_reports())
def test_pdf_of_any_report_renders(report: AnnualReport) -> None:
    # PDF is slow (~0.5–1 s a document): a few examples only
    assert render(report, "pdf").startswith(b"%PDF")
