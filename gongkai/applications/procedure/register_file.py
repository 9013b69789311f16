"""Reading an application register (申请登记台账): CSV (UTF-8, with or without BOM) or XLSX.

cli-and-import.md is the contract: the first row holds the headers, in any order; unknown
columns are kept as notes; dates as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日; the outcome written
as in table 三 ("不予公开/属于国家秘密", with or without its number, full- or half-width
punctuation), read through the report catalogue's labels. Every bad row is reported as
`第N行: reason`, N as a spreadsheet shows it (the header is 第1行).

No Django here: `read_register(path)` returns typed rows or raises `RegisterError` listing
every problem; the import service writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.applications.procedure.receipt import CHANNEL_LABELS, Channel
from gongkai.report.catalogue import (
    APPLICANT_COLUMNS,
    OUTCOME_GROUPS,
    OUTCOME_KEYS,
    application_row,
)
from gongkai.report.model import ReportError
from gongkai.report.os_errors import os_reason
from gongkai.report.parse.readers.limits import MAX_FILE_BYTES
from gongkai.report.parse.readers.workbook import first_sheet_rows

__all__ = [
    "RegisterError",
    "RegisterRow",
    "UnreadableRegister",
    "outcome_key",
    "parse_date",
    "read_register",
]

RECEIVED, KIND, NAME, CHANNEL, DESCRIPTION, OUTCOME, CONCLUDED, NUMBER = (
    "收到日期",
    "申请人类型",
    "申请人",
    "申请方式",
    "申请内容",
    "办理结果",
    "答复日期",
    "编号",
)
KNOWN = (RECEIVED, KIND, NAME, CHANNEL, DESCRIPTION, OUTCOME, CONCLUDED, NUMBER)
REQUIRED = (RECEIVED, KIND, NAME, DESCRIPTION)
_KINDS = {column.label: column.key for column in APPLICANT_COLUMNS if column.key != "total"}
_CHANNELS = {label: channel for channel, label in CHANNEL_LABELS.items()}


class RegisterError(ValueError):
    """A register that cannot be imported; `lines` holds one `第N行: reason` per bad row."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


class UnreadableRegister(RegisterError):
    """A file that cannot be read as a register at all (damaged, not what its name says, too
    large, unreadable on disk); `reason` is one Chinese line, `lines` holds it alone."""

    def __init__(self, reason: str) -> None:
        super().__init__([reason])
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One application of the register, checked."""

    line: int
    receipt_date: dt.date
    applicant_kind: str
    applicant_name: str
    channel: Channel
    description: str
    outcome: str | None
    concluded_on: dt.date | None
    case_number: str
    notes: dict[str, str] = field(default_factory=dict)


# --- Outcomes -----------------------------------------------------------------------------------

_QUOTES = "“”‘’\"'「」『』"
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[.、．])"
)


def _fold(text: str) -> str:
    """NFKC, no spaces or quotes, and no leading numbering: （三）, (3), 1., 1、."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if not ch.isspace() and ch not in _QUOTES)
    return _NUMBERING.sub("", folded)


def _outcome_forms() -> dict[str, str]:
    groups = {group.key: _fold(group.label) for group in OUTCOME_GROUPS}
    forms: dict[str, str] = {}
    for key in OUTCOME_KEYS:
        row = application_row(key)
        label = _fold(row.label)
        short = label.split("(", 1)[0]  # 部分公开(区分处理的，…) → 部分公开
        if row.group in groups:
            forms[f"{groups[row.group]}/{label}"] = key
        else:
            forms[label] = key
            forms[short] = key
    return forms


_OUTCOMES = _outcome_forms()


def outcome_key(text: str) -> str | None:
    """Return the outcome key a register's 办理结果 names, or None if it names none."""
    parts = [_fold(part) for part in re.split(r"[/／]", text.strip())]
    return _OUTCOMES.get("/".join(part for part in parts if part))


# --- Dates --------------------------------------------------------------------------------------

_DATE = re.compile(
    r"^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$"
)


def parse_date(text: str) -> dt.date | None:
    """Return the date written as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日, or None."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, *rest = match.groups()
    month, day = [int(value) for value in rest if value is not None]
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None


# --- Files --------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableRegister(os_reason(error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableRegister(f"文件过大：超过 {MAX_FILE_BYTES >> 20} MB")
    if path.suffix.lower() == ".xlsx":
        try:
            for _, values in first_sheet_rows(data):
                yield [_cell_text(value) for value in values]
        except ReportError as error:
            raise UnreadableRegister(str(error)) from None
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegisterError(
            ["第1行: 文件不是 UTF-8 编码的 CSV，请另存为“CSV UTF-8”或 XLSX"]
        ) from error
    for record in csv.reader(io.StringIO(text, newline="")):
        yield [value.strip() for value in record]


def read_register(path: Path, *, today: dt.date) -> list[RegisterRow]:
    """Return the checked rows of the register at `path`, or raise RegisterError with every
    bad row (all rows or none)."""
    rows = iter(_raw_rows(path))
    header = next(rows, None)
    if header is None or not any(header):
        raise RegisterError(["第1行: 文件为空，缺少表头"])
    names = [unicodedata.normalize("NFKC", name).strip() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if missing or repeated:
        reasons = []
        if missing:
            reasons.append(f"缺少必填列：{'、'.join(missing)}")
        if repeated:
            reasons.append(f"列名重复：{'、'.join(repeated)}")
        raise RegisterError([f"第1行: {'；'.join(reasons)}"])
    errors: list[str] = []
    checked: list[RegisterRow] = []
    numbers: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        if not any(values):
            continue
        cells = {name: (values[i] if i < len(values) else "") for i, name in enumerate(names)}
        row, reasons = _check(line, cells, today)
        number = cells.get(NUMBER, "")
        if number:
            if number in numbers:
                reasons.append(f"编号 {number} 与第{numbers[number]}行重复")
            numbers.setdefault(number, line)
        if reasons:
            errors.append(f"第{line}行: {'；'.join(reasons)}")
        elif row is not None:
            checked.append(row)
    if errors:
        raise RegisterError(errors)
    return checked


def _check(
    line: int, cells: dict[str, str], today: dt.date
) -> tuple[RegisterRow | None, list[str]]:
    reasons: list[str] = []
    for name in REQUIRED:
        if not cells.get(name, ""):
            reasons.append(f"{name}为空")
    received = parse_date(cells[RECEIVED]) if cells.get(RECEIVED) else None
    if cells.get(RECEIVED) and received is None:
        reasons.append(f"收到日期“{cells[RECEIVED]}”无法识别（应为 YYYY-MM-DD）")
    elif received is not None and received > today:
        reasons.append(f"收到日期 {received.isoformat()} 晚于今天")
    kind = _KINDS.get(cells.get(KIND, ""))
    if cells.get(KIND) and kind is None:
        reasons.append(f"申请人类型“{cells[KIND]}”无效（可选：{'、'.join(_KINDS)}）")
    channel = Channel.OTHER
    if cells.get(CHANNEL):
        found = _CHANNELS.get(cells[CHANNEL])
        if found is None:
            reasons.append(f"申请方式“{cells[CHANNEL]}”无效（可选：{'、'.join(_CHANNELS)}）")
        else:
            channel = found
    outcome, concluded = _check_outcome(cells, received, today, reasons)
    if reasons or received is None or kind is None:
        return None, reasons
    notes = {name: value for name, value in cells.items() if name not in KNOWN and name and value}
    return (
        RegisterRow(
            line=line,
            receipt_date=received,
            applicant_kind=kind,
            applicant_name=cells[NAME],
            channel=channel,
            description=cells[DESCRIPTION],
            outcome=outcome,
            concluded_on=concluded,
            case_number=cells.get(NUMBER, ""),
            notes=notes,
        ),
        reasons,
    )


def _check_outcome(
    cells: dict[str, str], received: dt.date | None, today: dt.date, reasons: list[str]
) -> tuple[str | None, dt.date | None]:
    written, date_text = cells.get(OUTCOME, ""), cells.get(CONCLUDED, "")
    if not written:
        if date_text:
            reasons.append("有答复日期而办理结果为空")
        return None, None
    outcome = outcome_key(written)
    if outcome is None:
        reasons.append(f"办理结果“{written}”不是表三的办理结果（如“不予公开/属于国家秘密”）")
    if not date_text:
        reasons.append("有办理结果而答复日期为空")
        return outcome, None
    concluded = parse_date(date_text)
    if concluded is None:
        reasons.append(f"答复日期“{date_text}”无法识别（应为 YYYY-MM-DD）")
    elif received is not None and concluded < received:
        reasons.append(f"答复日期 {concluded.isoformat()} 早于收到日期 {received.isoformat()}")
    elif concluded > today:
        reasons.append(f"答复日期 {concluded.isoformat()} 晚于今天")
    return outcome, concluded
