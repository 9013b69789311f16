"""The 2024 and 2025 State Council holiday notices, typed in by hand from their official text.

国办发明电〔2023〕7号 (2024) and 国办发明电〔2024〕12号 (2025; application-procedure.md
§11). Written out here rather than taken from `chinesecalendar`, so the arithmetic is checked
against the notice itself; `test_sources` checks that the package agrees.
"""

from __future__ import annotations

import datetime as dt
import json

from gongkai.workdays import Calendar, OfficialDay


def _off(first: str, last: str, name: str) -> list[dict[str, object]]:
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    days = []
    while day <= end:
        days.append({"date": day.isoformat(), "is_off_day": True, "name": name})
        day += dt.timedelta(days=1)
    return days


def _work(date: str, name: str) -> dict[str, object]:
    return {"date": date, "is_off_day": False, "name": name}


NOTICE_2024: list[dict[str, object]] = [
    # 元旦: Monday 1 January; the block began on the weekend of 30–31 December 2023.
    *_off("2023-12-30", "2024-01-01", "元旦"),
    # 春节: 10–17 February off; Sunday 4 February and Sunday 18 February are working days.
    _work("2024-02-04", "春节"),
    *_off("2024-02-10", "2024-02-17", "春节"),
    _work("2024-02-18", "春节"),
    # 清明: 4–6 April off; Sunday 7 April works.
    *_off("2024-04-04", "2024-04-06", "清明"),
    _work("2024-04-07", "清明"),
    # 劳动节: 1–5 May off; Sunday 28 April and Saturday 11 May work.
    _work("2024-04-28", "劳动节"),
    *_off("2024-05-01", "2024-05-05", "劳动节"),
    _work("2024-05-11", "劳动节"),
    # 端午: Monday 10 June.
    *_off("2024-06-10", "2024-06-10", "端午"),
    # 中秋: 15–17 September off; Saturday 14 September works.
    _work("2024-09-14", "中秋"),
    *_off("2024-09-15", "2024-09-17", "中秋"),
    # 国庆节: 1–7 October off; Sunday 29 September and Saturday 12 October work.
    _work("2024-09-29", "国庆节"),
    *_off("2024-10-01", "2024-10-07", "国庆节"),
    _work("2024-10-12", "国庆节"),
]

NOTICE_2025: list[dict[str, object]] = [
    *_off("2025-01-01", "2025-01-01", "元旦"),
    # 春节: 28 January – 4 February off; Sunday 26 January and Saturday 8 February work.
    _work("2025-01-26", "春节"),
    *_off("2025-01-28", "2025-02-04", "春节"),
    _work("2025-02-08", "春节"),
    *_off("2025-04-04", "2025-04-06", "清明"),
    # 劳动节: 1–5 May off; Sunday 27 April works.
    _work("2025-04-27", "劳动节"),
    *_off("2025-05-01", "2025-05-05", "劳动节"),
    *_off("2025-05-31", "2025-06-02", "端午"),
    # 国庆节 and 中秋 together: 1–8 October off; Sunday 28 September and Saturday 11 October work.
    _work("2025-09-28", "国庆节"),
    *_off("2025-10-01", "2025-10-08", "国庆节"),
    _work("2025-10-11", "国庆节"),
]


def official_days(notice: list[dict[str, object]]) -> list[OfficialDay]:
    """Return a hand-typed notice as OfficialDay records."""
    return [
        OfficialDay(
            date=dt.date.fromisoformat(str(entry["date"])),
            is_off_day=bool(entry["is_off_day"]),
            name=str(entry["name"]),
        )
        for entry in notice
    ]


def notice_json(notice: list[dict[str, object]]) -> str:
    """Return a hand-typed notice as the JSON text of a notice file."""
    return json.dumps(notice, ensure_ascii=False, indent=1)


def calendar_2024_2025() -> Calendar:
    """Return the calendar of the two hand-typed notices, 2024 and 2025 known."""
    return Calendar(
        official_days(NOTICE_2024) + official_days(NOTICE_2025), known_years={2024, 2025}
    )
