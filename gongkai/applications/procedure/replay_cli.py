"""`gongkai applications replay FILE.json`: one case's dates and their reasoning, as JSON.

Pure: no Django, no database. The calendar is the official one as shipped (the State Council
notices the `chinesecalendar` package carries, which the database is seeded from), plus any
notice files given with `--calendar` (the format `gongkai workdays load` reads). Bad input —
unreadable JSON, an unknown event kind, a served date before its sent date, a sequence the
law does not allow — prints one Chinese line on stderr and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from gongkai.applications.procedure.clock_json import ReplayInputError, dumps, replay_case
from gongkai.workdays import (
    Calendar,
    NoticeError,
    OfficialDay,
    chinesecalendar_days,
    chinesecalendar_years,
    notice_year,
    parse_notice,
)

__all__ = ["main", "shipped_calendar"]


def shipped_calendar(notices: Sequence[Sequence[OfficialDay]] = ()) -> Calendar:
    """Return the calendar of the shipped notices, with `notices` (one list per year) on top."""
    by_year: dict[int, list[OfficialDay]] = {
        year: chinesecalendar_days(year) for year in chinesecalendar_years()
    }
    for days in notices:
        by_year[notice_year(days)] = list(days)
    merged: dict[dt.date, OfficialDay] = {}
    for year in sorted(by_year):
        for day in by_year[year]:
            merged[day.date] = day
    return Calendar(merged.values(), known_years=by_year)


def _today() -> dt.date:
    # Periods are counted in China's days, whatever the machine's zone.
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="gongkai applications replay",
        description="按案件事实重算各项期限，并说明每个日期的计算过程（输出 JSON）",
    )
    parser.add_argument(
        "file", metavar="FILE.json", help="案件事实（格式见 docs/replay.md）；- 为标准输入"
    )
    parser.add_argument(
        "--calendar",
        action="append",
        default=[],
        metavar="NOTICE.json",
        help="另行载入某年的放假通知文件（可多次指定）",
    )
    args = parser.parse_args(list(argv))
    try:
        notices = [parse_notice(Path(path).read_bytes()) for path in args.calendar]
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8-sig")
        data = json.loads(text)
        explanation = replay_case(data, shipped_calendar(notices), today=_today())
    except OSError as error:
        sys.stderr.write(f"无法读取文件：{error.filename}\n")
        return 2
    except UnicodeDecodeError:
        sys.stderr.write("文件不是 UTF-8 编码的文本\n")
        return 2
    except json.JSONDecodeError as error:
        sys.stderr.write(f"不是有效的 JSON（第{error.lineno}行第{error.colno}列：{error.msg}）\n")
        return 2
    except (ReplayInputError, NoticeError) as error:
        sys.stderr.write(f"{error}\n")
        return 2
    sys.stdout.write(dumps(explanation))
    return 0
