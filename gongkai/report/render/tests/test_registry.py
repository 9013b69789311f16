"""The registry picks a writer by name, refuses others in Chinese, and loads writers lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gongkai.report.catalogue import Layout
from gongkai.report.model import AnnualReport
from gongkai.report.render import FORMATS, render


def test_formats_are_the_five_official_outputs() -> None:
    assert FORMATS == ("html", "docx", "pdf", "xlsx", "txt")


def test_unknown_format_is_refused_with_a_chinese_reason() -> None:
    # given a report
    report = AnnualReport.empty(agency="某局", year=2023, layout=Layout.Y2021)

    # when asked for a format that does not exist, then a ValueError names it in Chinese
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(report, "odt")


def test_rendering_text_does_not_import_weasyprint_or_python_docx() -> None:
    # given a fresh interpreter that renders a report as text
    code = (
        "import sys\n"
        "from gongkai.report.catalogue import Layout\n"
        "from gongkai.report.model import AnnualReport\n"
        "from gongkai.report.render import render\n"
        "render(AnnualReport.empty(agency='某局', year=2023, layout=Layout.Y2021), 'txt')\n"
        "print(sorted(m for m in ('weasyprint', 'docx', 'openpyxl') if m in sys.modules))\n"
    )

    # when it runs
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    # then none of the heavy writers' libraries was loaded
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx", "txt"])
def test_every_format_starts_with_its_signature(fmt: str) -> None:
    report = AnnualReport.empty(agency="某局", year=2023, layout=Layout.Y2021)
    signature = {
        "html": b"<!DOCTYPE html>",
        "docx": b"PK",
        "xlsx": b"PK",
        "pdf": b"%PDF",
        "txt": "某局2023年".encode(),
    }[fmt]
    assert render(report, fmt).startswith(signature)
