"""The annual report as data, and its JSON form (`gongkai.annual-report/1`).

An `AnnualReport` holds the three tables exactly as printed (a cell that could not be read is
`None`, never a guess), the narrative sections, and what the reader had to assume. The JSON
shape is a contract with tools outside the project: see docs/report-json.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.report.catalogue import (
    ACTIVE_2019,
    ACTIVE_2021,
    APPLICANT_COLUMNS,
    APPLICATION_ROW_KEYS,
    REVIEW_BLOCKS,
    REVIEW_RESULTS,
    ActiveRow,
    Layout,
)

__all__ = [
    "FORMAT",
    "TEXT_KEYS",
    "ActiveValue",
    "AnnualReport",
    "ReportError",
    "Source",
    "Undecoded",
    "active_rows",
    "report_from_json",
    "report_to_json",
]

FORMAT = "gongkai.annual-report/1"
TEXT_KEYS = ("overview", "problems", "other_matters")

ActiveValue = int | Decimal | None
"""A table 二 cell: a count, a signed change, or money (Decimal); None when unreadable."""


class ReportError(Exception):
    """A document that is not a readable annual report; `str()` is a one-line Chinese reason."""


@dataclass(slots=True)
class Source:
    file: str
    type: str
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Undecoded:
    """Glued digits whose split the table's arithmetic does not settle (report-json.md).

    `row` is the cells' path prefix: `applications/<row key>` for a table 三 row, `reviews` for
    table 四. `printed` is the digits as printed (spaces kept). `splits` are the splits that
    balance it (the six applicant columns add up to 总计; in table 四 each block's parts add up to
    its 总计): none means no split balances, so the printed numbers contradict each other;
    several mean the reader could not tell which was printed.
    """

    row: str
    printed: str
    splits: tuple[tuple[int, ...], ...] = ()


@dataclass(slots=True)
class AnnualReport:
    """One agency's annual report for one year.

    `applications` maps each table 三 row key (catalogue order) to its seven cells, or to None
    for a row the layout does not print. `active` maps each table 二 row key to its cells by
    column key ("" for a single-number row). `blank_cells` lists the paths of cells printed
    blank or as a dash, read as 0 (see `cell paths` in the rules module).
    """

    agency: str
    year: int | None
    layout: Layout
    active: dict[str, dict[str, ActiveValue]]
    applications: dict[str, list[int | None] | None]
    reviews: dict[str, dict[str, int | None]]
    extra_rows: dict[str, list[str]] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    blank_cells: list[str] = field(default_factory=list)
    undecoded: list[Undecoded] = field(default_factory=list)
    source: Source | None = None

    @classmethod
    def empty(cls, *, agency: str, year: int | None, layout: Layout) -> AnnualReport:
        """A report of the given layout with every cell zero (the 2019 layout's rows as null)."""
        return cls(
            agency=agency,
            year=year,
            layout=layout,
            active={
                row.key: {col: (Decimal(0) if _is_money(row, col) else 0) for col, _ in row.columns}
                for row in active_rows(layout)
            },
            applications={
                key: (None if not _printed(key, layout) else [0] * len(APPLICANT_COLUMNS))
                for key in APPLICATION_ROW_KEYS
            },
            reviews={
                block.key: {result.key: 0 for result in REVIEW_RESULTS} for block in REVIEW_BLOCKS
            },
        )

    def row(self, key: str) -> list[int | None]:
        """The seven cells of a table 三 row; a row not printed reads as seven None."""
        cells = self.applications.get(key)
        return list(cells) if cells is not None else [None] * len(APPLICANT_COLUMNS)

    def numbers(self) -> Iterator[tuple[str, int | Decimal | None]]:
        """Every table cell as (path, value), in printed order."""
        for row in active_rows(self.layout):
            for col, _ in row.columns:
                path = f"active/{row.key}" + (f"/{col}" if col else "")
                yield path, self.active.get(row.key, {}).get(col)
        for key in APPLICATION_ROW_KEYS:
            cells = self.applications.get(key)
            if cells is None:
                continue
            for column, value in zip(APPLICANT_COLUMNS, cells, strict=True):
                yield f"applications/{key}/{column.label}", value
        for block in REVIEW_BLOCKS:
            for result in REVIEW_RESULTS:
                yield f"reviews/{block.key}/{result.key}", self.reviews[block.key][result.key]


def active_rows(layout: Layout) -> tuple[ActiveRow, ...]:
    """The rows of table 二 in `layout`."""
    return ACTIVE_2019 if layout is Layout.Y2019 else ACTIVE_2021


def _is_money(row: ActiveRow, column: str) -> bool:
    return row.key == "fees_10k_yuan" or (row.key == "procurement" and column == "amount")


def _printed(key: str, layout: Layout) -> bool:
    return layout is Layout.Y2021 or key not in (
        "other_handling.no_clarification",
        "other_handling.fee_unpaid",
    )


# --- JSON out -----------------------------------------------------------------------------------


def report_to_json(report: AnnualReport) -> dict[str, Any]:
    """The report in the shape of report-json.md (keys in contract order)."""
    active: dict[str, Any] = {}
    for row in active_rows(report.layout):
        cells = report.active.get(row.key, {})
        if row.scalar:
            active[row.key] = _json_value(cells.get(""))
        else:
            active[row.key] = {col: _json_value(cells.get(col)) for col, _ in row.columns}
    if report.extra_rows:
        active["extra_rows"] = {label: list(cells) for label, cells in report.extra_rows.items()}
    out: dict[str, Any] = {
        "format": FORMAT,
        "agency": report.agency,
        "year": report.year,
        "layout": report.layout.value,
        "active": active,
        "applications": {
            key: (None if cells is None else list(cells))
            for key, cells in report.applications.items()
        },
        "reviews": {block: dict(results) for block, results in report.reviews.items()},
    }
    if report.source is not None:
        out["source"] = {
            "file": report.source.file,
            "type": report.source.type,
            "pages": report.source.pages,
        }
    if report.notes:
        out["notes"] = list(report.notes)
    if report.blank_cells:
        out["blank_cells"] = _printed_order(report, report.blank_cells)
    if report.undecoded:
        out["undecoded"] = [
            {"row": run.row, "printed": run.printed, "splits": [list(s) for s in run.splits]}
            for run in report.undecoded
        ]
    if report.text:
        out["text"] = {key: report.text[key] for key in TEXT_KEYS if key in report.text}
    return out


def _printed_order(report: AnnualReport, paths: list[str]) -> list[str]:
    """Cell paths in the order the cells are printed (unknown paths last, as given)."""
    order = {path: index for index, (path, _) in enumerate(report.numbers())}
    unique = list(dict.fromkeys(paths))
    return sorted(unique, key=lambda path: order.get(path, len(order)))


def _json_value(value: ActiveValue) -> int | str | None:
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return value


def _decimal_text(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros: 0.3500 → "0.35"."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def dumps(report: AnnualReport) -> str:
    """The report as pretty-printed JSON text (UTF-8 characters, not escapes)."""
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2)


# --- JSON in ------------------------------------------------------------------------------------


def report_from_json(data: object) -> AnnualReport:
    """Read a report from its JSON shape; ReportError (in Chinese) names what is wrong."""
    if not isinstance(data, Mapping):
        raise ReportError("JSON 内容不是年度报告对象")
    if data.get("format") != FORMAT:
        raise ReportError(f"JSON 的 format 应为 {FORMAT}，实际为 {data.get('format')!r}")
    try:
        layout = Layout(str(data.get("layout", "2021")))
    except ValueError:
        raise ReportError(f"未知的报告格式版本：{data.get('layout')!r}") from None
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise ReportError(f"year 应为整数，实际为 {year!r}")
    agency = data.get("agency")
    if not isinstance(agency, str):
        raise ReportError("缺少机关名称（agency）")
    report = AnnualReport.empty(agency=agency, year=year, layout=layout)
    _read_active(report, _mapping(data, "active", "表二（active）"))
    _read_applications(report, _mapping(data, "applications", "表三（applications）"))
    _read_reviews(report, _mapping(data, "reviews", "表四（reviews）"))
    source = data.get("source")
    if isinstance(source, Mapping):
        pages = source.get("pages")
        report.source = Source(
            file=str(source.get("file", "")),
            type=str(source.get("type", "")),
            pages=pages if isinstance(pages, int) else None,
        )
    report.notes = [str(note) for note in _list(data, "notes")]
    report.blank_cells = [str(path) for path in _list(data, "blank_cells")]
    report.undecoded = [_undecoded(item) for item in _list(data, "undecoded")]
    text = data.get("text")
    if isinstance(text, Mapping):
        report.text = {key: str(text[key]) for key in TEXT_KEYS if key in text}
    return report


def loads(text: str) -> AnnualReport:
    """Parse JSON text into a report; ReportError for anything malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列）") from None
    return report_from_json(data)


def _undecoded(item: object) -> Undecoded:
    if not isinstance(item, Mapping) or not isinstance(item.get("printed"), str):
        raise ReportError("undecoded 的每一项应为含 row、printed、splits 的对象")
    splits = item.get("splits")
    if not isinstance(splits, list) or not all(
        isinstance(split, list)
        and all(_count(value, "undecoded.splits") is not None for value in split)
        for split in splits
    ):
        raise ReportError("undecoded.splits 应为整数数组的列表")
    return Undecoded(
        row=str(item.get("row", "")),
        printed=item["printed"],
        splits=tuple(tuple(split) for split in splits),
    )


def _mapping(data: Mapping[str, Any], key: str, name: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise ReportError(f"缺少{name}")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list) else []


def _count(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(f"{where} 应为整数或 null，实际为 {value!r}")
    return value


def _money(value: object, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ReportError(f"{where} 应为十进制数字字符串，实际为 {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ReportError(f"{where} 不是数字：{value!r}") from None
    if not amount.is_finite():
        raise ReportError(f"{where} 不是有限数字：{value!r}")
    return amount


def _read_active(report: AnnualReport, active: Mapping[str, Any]) -> None:
    for row in active_rows(report.layout):
        raw = active.get(row.key)
        where = f"active.{row.key}"
        if row.scalar:
            reader = _money if _is_money(row, "") else _count
            report.active[row.key] = {"": reader(raw, where)}
            continue
        if raw is None:
            report.active[row.key] = {col: None for col, _ in row.columns}
            continue
        if not isinstance(raw, Mapping):
            raise ReportError(f"{where} 应为对象，实际为 {raw!r}")
        report.active[row.key] = {
            col: (_money if _is_money(row, col) else _count)(raw.get(col), f"{where}.{col}")
            for col, _ in row.columns
        }
    extra = active.get("extra_rows")
    if isinstance(extra, Mapping):
        report.extra_rows = {
            str(label): [str(cell) for cell in cells]
            for label, cells in extra.items()
            if isinstance(cells, list)
        }


def _read_applications(report: AnnualReport, applications: Mapping[str, Any]) -> None:
    for key in APPLICATION_ROW_KEYS:
        raw = applications.get(key)
        if raw is None:
            report.applications[key] = None
            continue
        if not isinstance(raw, list) or len(raw) != len(APPLICANT_COLUMNS):
            raise ReportError(f"表三 applications.{key} 应为 7 个数字的数组")
        report.applications[key] = [
            _count(value, f"applications.{key}[{index}]") for index, value in enumerate(raw)
        ]
    unknown = sorted(set(applications) - set(APPLICATION_ROW_KEYS))
    if unknown:
        raise ReportError(f"表三含未知的行：{'、'.join(unknown)}")


def _read_reviews(report: AnnualReport, reviews: Mapping[str, Any]) -> None:
    for block in REVIEW_BLOCKS:
        raw = reviews.get(block.key)
        if not isinstance(raw, Mapping):
            raise ReportError(f"表四缺少 reviews.{block.key}")
        report.reviews[block.key] = {
            result.key: _count(raw.get(result.key), f"reviews.{block.key}.{result.key}")
            for result in REVIEW_RESULTS
        }
