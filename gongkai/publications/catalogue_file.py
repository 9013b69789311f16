"""Reading a 政务公开事项目录 file (CSV or XLSX) into checked rows; docs/catalogue-import.md.

The first row holds the headers, in any order (other columns are ignored):

    公开事项 (required) · 公开栏目 · 责任股室 · 公开依据 · 公开时限类型 · 时限（工作日）

The file is taken whole or not at all: every bad row is reported as `第N行: reason`, N as a
spreadsheet shows it (the header is 第1行). Names of 公开栏目 and 责任股室 are resolved by the
import service, which adds its own `第N行` reasons.

No Django here. The reader is bounded by what the file is, not by what it claims: a sheet is
read lazily, a few columns wide, at most MAX_ROWS rows; an XLSX goes through the engine's
workbook reader (`report.parse.readers.workbook`), which refuses one that inflates past its
limits or declares a DTD before it is parsed.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.report.model import ReportError
from gongkai.report.parse.readers.workbook import first_sheet_rows

__all__ = [
    "HEADERS",
    "MAX_ROWS",
    "TIMING_WORDS",
    "CatalogueFileError",
    "CatalogueRow",
    "read_catalogue",
]

TITLE, CATEGORY, SECTION, BASIS, TIMING, WORKDAYS = (
    "公开事项",
    "公开栏目",
    "责任股室",
    "公开依据",
    "公开时限类型",
    "时限（工作日）",
)
HEADERS = (TITLE, CATEGORY, SECTION, BASIS, TIMING, WORKDAYS)
REQUIRED = (TITLE,)
# 公开时限类型 as written → CatalogueTiming's value; blank means on_change.
TIMING_WORDS = {
    "形成或变更之日起限期公开": "on_change",
    "限期公开": "on_change",
    "形成或变更后": "on_change",
    "每月": "monthly",
    "按月": "monthly",
    "每季度": "quarterly",
    "按季度": "quarterly",
    "每年": "yearly",
    "按年": "yearly",
}
DEFAULT_WORKDAYS = 20  # 条例第二十六条
MAX_WORKDAYS = 365
MAX_ROWS = 2000
MAX_COLUMNS = 64
TITLE_MAX_LENGTH = 255
BASIS_MAX_LENGTH = 2000


class CatalogueFileError(ValueError):
    """A file that cannot be imported; `lines` holds one `第N行: reason` per bad row."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """One catalogue line as written, checked for form; names still to be resolved."""

    line: int
    title: str
    category: str
    section: str
    legal_basis: str
    timing: str
    workdays: int


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def _header_key(text: str) -> str:
    # NFKC turns 全角 brackets into ASCII ones; compare headers in one spelling.
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """The first sheet's rows through the engine's workbook reader, which limits what a file
    may claim (inflated size, DTDs, far cells, time) and says why in Chinese."""
    try:
        for _, values in first_sheet_rows(data):
            yield [_cell_text(value) for value in values[:MAX_COLUMNS]]
    except ReportError as error:
        raise CatalogueFileError([f"第1行: {error}"]) from None


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogueFileError(
            ["第1行: 文件不是 UTF-8 编码的 CSV，请另存为“CSV UTF-8”或 XLSX"]
        ) from None
    for record in csv.reader(io.StringIO(text, newline="")):
        yield [_cell_text(value) for value in record[:MAX_COLUMNS]]


def read_catalogue(data: bytes, *, name: str) -> list[CatalogueRow]:
    """The checked rows of the file `name` holding `data`, or CatalogueFileError naming every
    bad row."""
    rows = iter(_xlsx_rows(data) if name.lower().endswith(".xlsx") else _csv_rows(data))
    header = [_header_key(cell) for cell in next(rows, [])]
    if not any(header):
        raise CatalogueFileError(["第1行: 文件为空，缺少表头"])
    missing = [name for name in REQUIRED if name not in header]
    repeated = sorted({h for h in header if h in HEADERS and header.count(h) > 1})
    if missing or repeated:
        reasons = [f"缺少必填列：{'、'.join(missing)}"] if missing else []
        if repeated:
            reasons.append(f"列名重复：{'、'.join(repeated)}")
        raise CatalogueFileError([f"第1行: {'；'.join(reasons)}"])
    position = {h: header.index(h) for h in HEADERS if h in header}
    errors: list[str] = []
    checked: list[CatalogueRow] = []
    seen: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        if line > MAX_ROWS + 1:
            raise CatalogueFileError([f"第{line}行: 表格超过 {MAX_ROWS} 行，请分成几个文件导入"])
        if not any(values):
            continue
        cells = {h: (values[i] if i < len(values) else "") for h, i in position.items()}
        row, reasons = _check(line, cells)
        if row is not None:
            if row.title in seen:
                reasons.append(f"公开事项“{row.title}”与第{seen[row.title]}行重复")
            seen.setdefault(row.title, line)
        if reasons:
            errors.append(f"第{line}行: {'；'.join(reasons)}")
        elif row is not None:
            checked.append(row)
    if errors:
        raise CatalogueFileError(errors)
    if not checked:
        raise CatalogueFileError(["第2行: 文件中没有公开事项"])
    return checked


def _check(line: int, cells: dict[str, str]) -> tuple[CatalogueRow | None, list[str]]:
    reasons: list[str] = []
    title = cells.get(TITLE, "")
    if not title:
        reasons.append("公开事项为空")
    elif len(title) > TITLE_MAX_LENGTH:
        reasons.append(f"公开事项超过 {TITLE_MAX_LENGTH} 个字")
    basis = cells.get(BASIS, "")
    if len(basis) > BASIS_MAX_LENGTH:
        reasons.append(f"公开依据超过 {BASIS_MAX_LENGTH} 个字")
    timing_text = cells.get(TIMING, "")
    timing = TIMING_WORDS.get(timing_text) if timing_text else "on_change"
    if timing is None:
        reasons.append(
            f"公开时限类型“{timing_text}”无效（可选：形成或变更之日起限期公开、每月、每季度、每年）"
        )
    days_text = cells.get(WORKDAYS, "").removesuffix("个工作日").removesuffix("工作日")
    days_text = days_text.removesuffix(".0")
    workdays = DEFAULT_WORKDAYS
    if days_text:
        if days_text.isascii() and days_text.isdigit() and 1 <= int(days_text) <= MAX_WORKDAYS:
            workdays = int(days_text)
        else:
            reasons.append(f"时限“{cells.get(WORKDAYS)}”应为 1–{MAX_WORKDAYS} 的整数（工作日）")
    if reasons or timing is None:
        return None, reasons
    return (
        CatalogueRow(
            line=line,
            title=title,
            category=cells.get(CATEGORY, ""),
            section=cells.get(SECTION, ""),
            legal_basis=basis,
            timing=timing,
            workdays=workdays,
        ),
        reasons,
    )
