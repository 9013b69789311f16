"""The holidays the law itself fixes, computed for any year: the floor under a provisional count.

《全国年节及纪念日放假办法》 (as amended by 国务院令第795号, from 2025-01-01; before: 第644号)
names the days off for all citizens: 元旦 1 January; 春节 除夕 to 正月初三 (初一 to 初三 before
2025); 清明节 (the day of the solar term); 劳动节 1–2 May (1 May before 2025); 端午节 (五月初五);
中秋节 (八月十五); 国庆节 1–3 October. The lunar dates come from `lunardate`, 清明 from
`chinesecalendar`'s solar-term formula: computed, never typed in.

What the law does not fix is the 调休 arrangement (which weekend days are worked, which weekdays
join a holiday block): only the State Council's yearly notice says it. So a year whose notice is
not loaded still counts these days as holidays, and its results stay provisional (`Calendar`).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from gongkai.workdays.days import OfficialDay

__all__ = ["FIRST_YEAR", "LAST_YEAR", "statutory_holidays"]

FIRST_YEAR = 2014  # 国务院令第644号 (2013): 春节 初一–初三, 劳动节 1 May
LAST_YEAR = 2099  # the last year `lunardate` knows
_AMENDED = 2025  # 国务院令第795号: 春节 adds 除夕, 劳动节 adds 2 May


@cache
def statutory_holidays(year: int) -> tuple[OfficialDay, ...]:
    """Return `year`'s statutory holidays, one entry a day in date order ((): out of range).

    A day two holidays share (中秋 on 1–3 October, as in 2028) is listed once under both names.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ()
    from lunardate import LunarDate  # lazy: only a year without a notice needs it

    def lunar(month: int, day: int) -> dt.date:
        solar: dt.date = LunarDate(year, month, day).to_solar_date()
        return solar

    new_year = lunar(1, 1)
    spring = [new_year + dt.timedelta(days=n) for n in range(3)]
    if year >= _AMENDED:
        spring.insert(0, new_year - dt.timedelta(days=1))  # 除夕
    labour = [dt.date(year, 5, 1)] + ([dt.date(year, 5, 2)] if year >= _AMENDED else [])
    named: list[tuple[str, list[dt.date]]] = [
        ("元旦", [dt.date(year, 1, 1)]),
        ("春节", spring),
        ("清明节", [_qingming(year)]),
        ("劳动节", labour),
        ("端午节", [lunar(5, 5)]),
        ("中秋节", [lunar(8, 15)]),
        ("国庆节", [dt.date(year, 10, d) for d in (1, 2, 3)]),
    ]
    names: dict[dt.date, list[str]] = {}
    for name, days in named:
        for day in days:
            names.setdefault(day, []).append(name)
    # 除夕 of 2025's 春节 falls in the year itself; a 除夕 in the previous December never does.
    return tuple(
        OfficialDay(date=day, is_off_day=True, name="、".join(names[day]))
        for day in sorted(names)
        if day.year == year
    )


def _qingming(year: int) -> dt.date:
    """Return the day of the solar term 清明 in `year` (4, 5 or 6 April)."""
    from chinese_calendar import get_solar_terms  # lazy, as in `sources`

    april = get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30))
    day: dt.date = next(day for day, name in april if name == "清明")
    return day
