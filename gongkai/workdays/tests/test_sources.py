"""Reading official days: the chinesecalendar package and a State Council notice file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.workdays import (
    NoticeError,
    OfficialDay,
    UnknownYearError,
    chinesecalendar_days,
    chinesecalendar_years,
    notice_year,
    parse_notice,
)
from gongkai.workdays.tests.notices import NOTICE_2024, NOTICE_2025, notice_json, official_days

D = dt.date.fromisoformat


# --- chinesecalendar -------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "notice"), [(2024, NOTICE_2024), (2025, NOTICE_2025)])
def test_chinesecalendar_agrees_with_the_notice(year: int, notice: list[dict[str, object]]) -> None:
    # given the hand-typed notice (the package files 2023-12-30/31 under 2023)
    expected = {(d.date, d.is_off_day) for d in official_days(notice) if d.date.year == year}
    # when
    package = {(d.date, d.is_off_day) for d in chinesecalendar_days(year)}
    # then
    assert package == expected


def test_chinesecalendar_names_are_chinese() -> None:
    names = {d.date: d.name for d in chinesecalendar_days(2025)}
    assert names[D("2025-01-28")] == "春节"
    assert names[D("2025-01-26")] == "春节"  # the 调休 Sunday carries its holiday's name
    assert names[D("2025-10-01")] == "国庆节"


def test_chinesecalendar_knows_2004_to_2026_at_least() -> None:
    years = chinesecalendar_years()
    assert years.start == 2004
    assert 2026 in years


def test_chinesecalendar_refuses_a_year_it_does_not_know() -> None:
    with pytest.raises(UnknownYearError, match="2099"):
        chinesecalendar_days(2099)


# --- parse_notice ----------------------------------------------------------------------------


def test_parse_notice_reads_the_2025_notice_from_bytes_with_bom() -> None:
    data = "\ufeff".encode() + notice_json(NOTICE_2025).encode()
    assert parse_notice(data) == official_days(NOTICE_2025)


def test_parse_notice_accepts_the_december_edge_of_the_2024_notice() -> None:
    days = parse_notice(notice_json(NOTICE_2024))
    assert days[0] == OfficialDay(D("2023-12-30"), True, "元旦")
    assert notice_year(days) == 2024


def _entry(
    date: object = "2026-01-01", is_off_day: object = True, name: object = "元旦"
) -> dict[str, object]:
    return {"date": date, "is_off_day": is_off_day, "name": name}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe[", "不是 UTF-8"),
        ("[{", "不是有效的 JSON（第1行第3列"),
        ('{"date": "2026-01-01"}', "应为 JSON 数组"),
        ("[]", "没有任何日期"),
        (json.dumps([_entry(), "2026-01-02"]), "第2条：应为对象"),
        (json.dumps([{"date": "2026-01-01", "name": "元旦"}]), "第1条：缺少字段 is_off_day"),
        (json.dumps([{**_entry(), "note": "x"}]), "第1条：不认识的字段 note"),
        (json.dumps([_entry(date="2026/1/1")]), '第1条：日期 "2026/1/1" 应写作 YYYY-MM-DD'),
        (json.dumps([_entry(date=20260101)]), "第1条：日期 20260101 应写作 YYYY-MM-DD"),
        (json.dumps([_entry(), _entry(date="2026-02-30")]), "第2条：日期 2026-02-30 不存在"),
        (json.dumps([_entry(is_off_day="yes")]), "第1条（2026-01-01）：is_off_day 应为 true"),
        (json.dumps([_entry(is_off_day=1)]), "第1条（2026-01-01）：is_off_day 应为 true"),
        (json.dumps([_entry(name="  ")]), "第1条（2026-01-01）：name 应为节日名称"),
        (json.dumps([_entry(name="节" * 51)]), "第1条（2026-01-01）：name 超过 50 个字"),
        (json.dumps([_entry(), _entry(name="新年")]), "第2条：日期 2026-01-01 与第1条重复"),
        (
            json.dumps([_entry(), _entry(date="2026-02-17"), _entry(date="2025-06-01")]),
            "第3条：日期 2025-06-01 不属于 2026 年",
        ),
    ],
)
def test_parse_notice_names_the_faulty_entry(data: bytes | str, message: str) -> None:
    with pytest.raises(NoticeError) as caught:
        parse_notice(data)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)
