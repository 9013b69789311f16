"""How a case's dates were computed, in words: the one explanation every face shows.

Pure (no Django). `explain(events, calendar, as_of=…)` replays the case's events and returns an
`Explanation`: the dates (reply due, fee and consultation periods), the days kept off the clock,
what may be done on `as_of` (a lapse, an extension), and the reasoning as Chinese sentences —
start day, pauses for 补正/征求意见/缴费, the holidays and 调休 days crossed, the extension,
and whether a date is provisional. The workspace's case page, the citizen's tracking page and
`gongkai applications replay` all print this, so a supervisor, a trainer and the person who
answers a complaint read the same reasoning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.applications.procedure.clock_events import Event, ExtensionGranted
from gongkai.applications.procedure.clock_replay import ClockRules, ReplayedCase, replay
from gongkai.applications.procedure.clock_result import (
    Clock,
    ClockStatus,
    PauseKind,
    SubDeadlineKind,
)
from gongkai.applications.procedure.deadlines import clock, lapse_refusal
from gongkai.workdays import Calendar, Deadline

__all__ = ["Explanation", "PausedSpan", "explain"]

_ONE_DAY = dt.timedelta(days=1)
_WEEKDAYS = "一二三四五六日"
_PAUSE_NAMES = {
    PauseKind.CONSULTATION: "征求意见",
    PauseKind.FEE: "缴费",
    PauseKind.REASONS: "说明理由",
}


@dataclass(frozen=True, slots=True)
class PausedSpan:
    """Days kept off the reply clock: why, for whom, from and to (both included), how many."""

    kind: PauseKind
    party: str
    first: dt.date
    last: dt.date
    open: bool
    workdays: int


@dataclass(frozen=True, slots=True)
class Explanation:
    """A case's dates and the reasoning behind them, as seen at the end of `as_of`.

    `fee_due` and `consultation_due` are None where there is no such period, or its letter's
    service is not recorded (then the period has no date yet). `days_left` is None once the
    case is answered or withdrawn; `overdue_days` counts working days past the due date.
    """

    as_of: dt.date
    clock: Clock
    reply_due: Deadline | None
    fee_due: Deadline | None
    consultation_due: Deadline | None
    paused: tuple[PausedSpan, ...]
    days_left: int | None
    overdue_days: int
    closed: bool
    lines: tuple[str, ...]
    allowed: tuple[str, ...]
    clarification_requested: bool = False

    @property
    def provisional(self) -> bool:
        """Return whether any date shown rests on a year whose notice is not loaded."""
        dates = (self.reply_due, self.fee_due, self.consultation_due)
        return any(d is not None and d.provisional for d in dates)


def explain(
    events: Sequence[Event],
    calendar: Calendar,
    *,
    as_of: dt.date,
    rules: ClockRules | None = None,
    name_parties: bool = True,
) -> Explanation:
    """Return the case's dates at the end of `as_of` and how each was computed.

    `name_parties=False` (the applicant's page) writes 第三方或其他机关 for a consulted party:
    whom the agency consulted is not the applicant's to know (cf. 条例第三十二条). Raises
    DeadlineError (Chinese) on a sequence of events the law does not allow.
    """
    rules = rules or ClockRules()
    result = clock(events, calendar, as_of=as_of, rules=rules)
    case = replay(events, calendar, rules, as_of)
    until = case.stopped_on if case.stopped_on is not None else as_of
    paused = tuple(
        PausedSpan(
            kind=wait.kind,
            party=wait.party,
            first=span.first,
            last=span.last,
            open=wait.end is None and case.stopped_on is None,
            workdays=calendar.workdays_between(span.first - _ONE_DAY, span.last).days,
        )
        for wait in case.waits
        if wait.counted and (span := wait.span(until)) is not None
    )
    fee = result.sub_deadline(SubDeadlineKind.FEE_PAYMENT)
    consultations = [
        s for s in result.open_deadlines if s.kind is SubDeadlineKind.CONSULTATION_REPLY
    ]
    consultation_due = max((s.due for s in consultations), key=lambda d: d.date, default=None)
    closed = case.stopped_on is not None
    overdue_days = 0
    days_left = None
    if result.days_left is not None:
        if result.overdue:
            overdue_days = -result.days_left.days
        elif not closed:
            days_left = result.days_left.days
    lines = _lines(events, calendar, case, result, paused, rules)
    if not name_parties:
        for party in {wait.party for wait in case.waits if wait.party}:
            lines = [
                line.replace(f"征求“{party}”意见", "征求第三方或其他机关意见").replace(
                    f"（{party}）", ""
                )
                for line in lines
            ]
    return Explanation(
        as_of=as_of,
        clock=result,
        reply_due=result.reply_due,
        fee_due=fee.due if fee is not None else None,
        consultation_due=consultation_due,
        paused=paused,
        days_left=days_left,
        overdue_days=overdue_days,
        closed=closed,
        lines=tuple(lines),
        allowed=_allowed(result, case, rules),
        clarification_requested=case.clarification is not None,
    )


def _day(day: dt.date) -> str:
    return f"{day.isoformat()}（星期{_WEEKDAYS[day.weekday()]}）"


def _lines(
    events: Sequence[Event],
    calendar: Calendar,
    case: ReplayedCase,
    result: Clock,
    paused: tuple[PausedSpan, ...],
    rules: ClockRules,
) -> list[str]:
    if case.receipt is None or case.first_receipt is None:
        return ["尚未确定收到申请之日（条例第三十一条），答复期限尚未开始计算。"]
    lines = [
        f"收到申请之日为 {_day(case.first_receipt)}，当日不计入，自次日起计算"
        "（条例第三十一条；起算日按民法典第二百零一条类推）。"
    ]
    if case.clarification is not None:
        lines.append(
            f"{case.clarification.date.isoformat()} 告知补正，补正期限 "
            f"{case.clarification.answer_due.isoformat()}（条例第三十条）。"
        )
        if case.awaiting_clarification:
            lines.append("正在等待申请人补正：收到补正材料之日起重新计算20个工作日。")
        elif case.receipt != case.first_receipt:
            lines.append(
                f"{case.receipt.isoformat()} 收到补正材料，"
                "答复期限自该日起重新计算（条例第三十条）。"
            )
    if case.delayed_due is not None:
        lines.append(
            f"申请人说明的理由合理，已确定延迟答复期限为 {case.delayed_due.isoformat()}"
            "（条例第三十五条），取代20个工作日的答复期限。"
        )
    else:
        lines.append(f"答复期限为{rules.reply_workdays}个工作日（条例第三十三条第二款）。")
    for event in events:
        if isinstance(event, ExtensionGranted) and event.date <= result.as_of:
            lines.append(
                f"{event.date.isoformat()} 经政府信息公开工作机构负责人同意，"
                f"延长答复期限{event.workdays}个工作日（条例第三十三条第二款，合计不超过"
                f"{rules.extension_max_workdays}个工作日）。"
            )
    lines.extend(_wait_lines(case, rules))
    for span in paused:
        who = f"（{span.party}）" if span.party else ""
        still = "，仍在继续" if span.open else ""
        lines.append(
            f"{_PAUSE_NAMES[span.kind]}{who}：{span.first.isoformat()} 至 {span.last.isoformat()}"
            f"（含）不计入答复期限，其中工作日{span.workdays}天{still}。"
        )
    if result.reply_due is not None:
        lines.extend(_calendar_lines(calendar, case.receipt, result.reply_due.date))
        lines.append(f"答复期限届满日为 {_day(result.reply_due.date)}，当日（含）之前答复。")
    lines.append(_standing(result, case))
    return lines


def _wait_lines(case: ReplayedCase, rules: ClockRules) -> list[str]:
    lines = []
    for wait in case.waits:
        if wait.kind is PauseKind.FEE:
            text = f"收费通知于 {wait.sent.isoformat()} 发出"
            basis = "自收到收费通知次日起20个工作日内缴费（国办函〔2020〕109号）"
        elif wait.kind is PauseKind.CONSULTATION:
            text = f"征求“{wait.party}”意见的函件于 {wait.sent.isoformat()} 发出"
            basis = "自收到之日起15个工作日内提出意见（条例第三十二条、第三十四条）"
        else:
            text = f"{wait.sent.isoformat()} 要求申请人说明理由（条例第三十五条）"
            basis = (
                "说明理由期间不暂停计时"
                if not rules.reasons_pause_clock
                else f"按本地规定暂停计时，最长至送达后{rules.reasons_answer_workdays}个工作日"
            )
        if wait.served is not None and wait.cap is not None:
            text += f"，{wait.served.isoformat()} 送达；{basis}，期限为 {wait.cap.date.isoformat()}"
            if wait.cap.provisional:
                text += "（暂定）"
        elif wait.end is None:
            text += f"；尚未记录送达日期，{basis}，送达后才能确定具体日期"
        else:
            text += f"；{basis}"
        if wait.end is not None:
            text += f"；{wait.end.isoformat()} 结束"
            if wait.answer is not None:
                text += f"（{wait.answer.label}）"
        lines.append(text + "。")
    return lines


def _calendar_lines(calendar: Calendar, start: dt.date, end: dt.date) -> list[str]:
    """Name the holidays and 调休 working days between `start` and `end`, and unknown years."""
    rests: dict[str, list[dt.date]] = {}
    works: list[dt.date] = []
    day = start + _ONE_DAY
    while day <= end:
        entry = calendar.official_day(day)
        if entry is not None and entry.is_off_day and day.weekday() < 5:
            # A year without its notice: the holiday the law fixes (《全国年节及纪念日放假办法》).
            name = entry.name + (
                "（法定节日，按规定推算）" if calendar.is_statutory_only(day) else ""
            )
            rests.setdefault(name, []).append(day)
        elif entry is not None and not entry.is_off_day:
            works.append(day)
        day += _ONE_DAY
    lines = []
    if rests:
        parts = [
            f"{name} {days[0].isoformat()}"
            + (f" 至 {days[-1].isoformat()}" if len(days) > 1 else "")
            for name, days in rests.items()
        ]
        lines.append("期间的节假日（工作日放假，不计入）：" + "；".join(parts) + "。")
    if works:
        lines.append(
            "期间的调休上班日（周末上班，计入）：" + "、".join(_day(d) for d in works) + "。"
        )
    unknown = sorted(y for y in range(start.year, end.year + 1) if y not in calendar.known_years)
    for year in unknown:
        lines.append(
            f"{year}年的放假调休安排尚未载入：已按《全国年节及纪念日放假办法》规定的法定节假日计算，"
            "只有调休安排未知，相关日期为暂定。"
        )
    return lines


def _standing(result: Clock, case: ReplayedCase) -> str:
    if case.stopped_on is not None:
        what = "送达答复" if case.stopped_by == "答复" else "申请人撤回申请"
        late = ""
        if result.overdue and result.days_left is not None:
            late = f"，逾期{-result.days_left.days}个工作日"
        return f"{case.stopped_on.isoformat()} {what}，停止计时{late}。"
    if result.status is ClockStatus.AWAITING_CLARIFICATION or result.days_left is None:
        return f"截至 {result.as_of.isoformat()}：{result.status.label}。"
    used = result.days_used.days if result.days_used is not None else 0
    if result.overdue:
        return (
            f"截至 {result.as_of.isoformat()}：已用{used}个工作日，"
            f"逾期{-result.days_left.days}个工作日。"
        )
    return (
        f"截至 {result.as_of.isoformat()}：{result.status.label}，已用{used}个工作日，"
        f"剩余{result.days_left.days}个工作日。"
    )


def _allowed(result: Clock, case: ReplayedCase, rules: ClockRules) -> tuple[str, ...]:
    """Return the date-bound acts the law allows at the end of `as_of` (action values)."""
    if case.stopped_on is not None or case.receipt is None:
        return ()
    allowed = []
    if case.awaiting_clarification:
        if lapse_refusal(result, SubDeadlineKind.CLARIFICATION_ANSWER) is None:
            allowed.append("lapse_clarification")
        return tuple(allowed)
    notice_due = result.clarification_notice_due
    if (
        case.clarification is None
        and notice_due is not None
        and result.as_of <= notice_due.date  # 条例第三十条: within 7 working days of receipt
        and not any(w.end is None for w in case.waits)
    ):
        allowed.append("request_clarification")
    due = result.reply_due
    if (
        case.delayed_due is None
        and case.extended_by < rules.extension_max_workdays
        and due is not None
        and result.as_of <= due.date
    ):
        allowed.append("extend")
    if lapse_refusal(result, SubDeadlineKind.FEE_PAYMENT) is None:
        allowed.append("lapse_fee")
    for sub in result.open_deadlines:
        if (
            sub.kind is SubDeadlineKind.CONSULTATION_REPLY
            and sub.overdue
            and not sub.due.provisional
        ):
            allowed.append(f"consultation_no_reply:{sub.party}")
    return tuple(allowed)
