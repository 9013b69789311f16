"""One case's facts as JSON in, its dates and their reasoning as JSON out (the replay command).

Pure (no Django, no database). Input (docs/replay.md):

    {"received_on": "2025-03-03",
     "events": [{"kind": "fee_notice", "sent_on": "2025-03-03", "served_on": "2025-03-06"},
                {"kind": "consultation", "party": "third_party",
                 "sent_on": "2025-03-03", "served_on": "2025-03-05"}],
     "as_of": "2025-03-10"}

Each event names one letter or act with its dates; `events_from` turns them into the clock's
events (`clock_events`), `replay_case` explains them (`clock_explain.explain`) and `as_json`
writes the result. Output keys for facts not given are absent; dates are ISO. Any input the
law or the format does not allow raises `ReplayInputError` with one Chinese line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

import gongkai.applications.procedure.clock_events as ev
from gongkai.applications.procedure.clock_events import ConsultationAnswer
from gongkai.applications.procedure.clock_explain import Explanation, explain
from gongkai.applications.procedure.clock_replay import ClockRules, DeadlineError
from gongkai.workdays import Calendar, Deadline

__all__ = [
    "EVENT_KINDS",
    "ReplayInputError",
    "ReplayedInput",
    "as_json",
    "dumps",
    "parse",
    "replay_case",
]


class ReplayInputError(ValueError):
    """A replay input that cannot be read or that the law does not allow (one Chinese line)."""


# kind → (required keys, optional keys); the dates of each are ISO strings.
EVENT_KINDS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "clarification": (("requested_on", "answer_due"), ("answered_on",)),
    "consultation": (("party", "sent_on"), ("served_on", "answered_on", "answer")),
    "fee_notice": (("sent_on",), ("served_on", "paid_on")),
    "reasons": (
        ("requested_on",),
        ("served_on", "answered_on", "delayed_due_set_on", "delayed_due"),
    ),
    "extension": (("approved_on", "workdays"), ()),
    "reply_served": (("on",), ()),
    "withdrawn": (("on",), ()),
}
_TOP = ("received_on", "events", "as_of", "rules")
_RULES = {f.name: f.type for f in fields(ClockRules)}


@dataclass(frozen=True, slots=True)
class ReplayedInput:
    """A replay input read: the clock's events in order, the day to look from, the rules."""

    events: tuple[ev.Event, ...]
    as_of: dt.date
    rules: ClockRules


def parse(data: object, *, today: dt.date) -> ReplayedInput:
    """Return the case `data` describes (decoded JSON); `as_of` defaults to `today`."""
    if not isinstance(data, dict):
        raise ReplayInputError("输入应为 JSON 对象，含 received_on、events、as_of")
    _no_unknown(data, _TOP, "输入")
    events: list[tuple[dt.date, int, int, ev.Event]] = []
    if "received_on" in data:
        events.append(
            (
                _date(data, "received_on", "输入"),
                -1,
                0,
                ev.Received(_date(data, "received_on", "输入")),
            )
        )
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise ReplayInputError("events 应为数组")
    for number, raw in enumerate(raw_events, start=1):
        for date, phase, event in _atomic(number, raw):
            events.append((date, phase, number, event))
    events.sort(key=lambda item: item[:3])
    as_of = _date(data, "as_of", "输入") if "as_of" in data else today
    return ReplayedInput(
        events=tuple(item[3] for item in events), as_of=as_of, rules=_rules(data.get("rules", {}))
    )


def replay_case(data: object, calendar: Calendar, *, today: dt.date) -> Explanation:
    """Return the explanation of the case `data` describes, or raise ReplayInputError."""
    case = parse(data, today=today)
    try:
        return explain(case.events, calendar, as_of=case.as_of, rules=case.rules)
    except DeadlineError as error:
        raise ReplayInputError(str(error)) from error


def as_json(explanation: Explanation) -> dict[str, Any]:
    """Return the explanation as the replay prints it: keys of absent facts are left out."""
    out: dict[str, Any] = {}
    result = explanation.clock
    if result.receipt_date is not None:
        out["received_on"] = result.receipt_date.isoformat()
    out["status"] = result.status.value
    _put(out, "reply_due", explanation.reply_due)
    out["provisional"] = explanation.provisional
    _put(out, "fee_due", explanation.fee_due)
    _put(out, "consultation_due", explanation.consultation_due)
    if (
        result.clarification_notice_due is not None
        and not explanation.clarification_requested
        and result.stopped_on is None
    ):
        _put(out, "clarification_notice_due", result.clarification_notice_due)
    if result.extended_by:
        out["extended_by"] = result.extended_by
    if explanation.paused:
        out["paused"] = [
            {
                "kind": span.kind.value,
                **({"party": span.party} if span.party else {}),
                "from": span.first.isoformat(),
                "to": span.last.isoformat(),
                "workdays": span.workdays,
                "open": span.open,
            }
            for span in explanation.paused
        ]
    if explanation.days_left is not None:
        out["days_left"] = explanation.days_left
    if explanation.overdue_days:
        out["overdue_days"] = explanation.overdue_days
    if result.stopped_on is not None:
        out["stopped_on"] = result.stopped_on.isoformat()
    unserved = [
        {
            "letter": u.kind.value,
            "sent_on": u.sent.isoformat(),
            **({"party": u.party} if u.party else {}),
        }
        for u in result.unserved
    ]
    if unserved:
        out["unserved"] = unserved
    out["explanation"] = list(explanation.lines)
    out["allowed"] = list(explanation.allowed)
    if result.warnings:
        out["warnings"] = list(result.warnings)
    out["as_of"] = explanation.as_of.isoformat()
    return out


def dumps(explanation: Explanation) -> str:
    """Return the replay's JSON text (UTF-8 Chinese, indented)."""
    return json.dumps(as_json(explanation), ensure_ascii=False, indent=2) + "\n"


def _put(out: dict[str, Any], key: str, deadline: Deadline | None) -> None:
    if deadline is not None:
        out[key] = deadline.date.isoformat()


def _no_unknown(data: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise ReplayInputError(
            f"{where}：不认识的字段 {'、'.join(unknown)}（可用：{'、'.join(allowed)}）"
        )


def _date(data: Mapping[str, Any], key: str, where: str) -> dt.date:
    value = data.get(key)
    if not isinstance(value, str):
        raise ReplayInputError(f"{where}：缺少日期 {key}（应写作 YYYY-MM-DD）")
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(where, key, value)
    except ValueError:
        return _bad_date(where, key, value)


def _bad_date(where: str, key: str, value: str) -> dt.date:
    raise ReplayInputError(f"{where}：{key} 的日期 {value!r} 无效（应写作 YYYY-MM-DD）")


def _atomic(number: int, raw: object) -> list[tuple[dt.date, int, ev.Event]]:
    """Return the clock events of one input event: (date, phase, event); phase orders one day."""
    where = f"第{number}个事件"
    if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
        raise ReplayInputError(
            f"{where}：应为对象，并以 kind 写明事件类型（{'、'.join(EVENT_KINDS)}）"
        )
    kind = raw["kind"]
    if kind not in EVENT_KINDS:
        raise ReplayInputError(
            f"{where}：不认识的事件类型 {kind!r}（可用：{'、'.join(EVENT_KINDS)}）"
        )
    where = f"第{number}个事件（{kind}）"
    required, optional = EVENT_KINDS[kind]
    _no_unknown(raw, ("kind", *required, *optional), where)
    for key in required:
        if key not in raw:
            raise ReplayInputError(f"{where}：缺少 {key}")

    def day(key: str) -> dt.date | None:
        return _date(raw, key, where) if key in raw else None

    def after(first: str, later: str) -> None:
        a, b = day(first), day(later)
        if a is not None and b is not None and b < a:
            raise ReplayInputError(f"{where}：{later} {b.isoformat()} 早于 {first} {a.isoformat()}")

    out: list[tuple[dt.date, int, ev.Event]] = []

    def add(key: str, phase: int, make: Callable[[dt.date], ev.Event]) -> None:
        date = day(key)
        if date is not None:
            out.append((date, phase, make(date)))

    if kind == "clarification":
        due = _date(raw, "answer_due", where)
        after("requested_on", "answered_on")
        add("requested_on", 0, lambda d: ev.ClarificationRequested(d, due))
        add("answered_on", 2, ev.ClarificationAnswered)
    elif kind == "consultation":
        party = raw["party"]
        if not isinstance(party, str) or not party.strip():
            raise ReplayInputError(f"{where}：party 应写明被征求意见的第三方或机关")
        answer = _answer(raw.get("answer"), where)
        if answer is not None and "answered_on" not in raw:
            raise ReplayInputError(f"{where}：写明 answer 时须同时写明 answered_on")
        after("sent_on", "served_on")
        after("sent_on", "answered_on")
        add("sent_on", 0, lambda d: ev.ConsultationStarted(d, party))
        add("served_on", 1, lambda d: ev.ConsultationServed(d, party))
        add("answered_on", 2, lambda d: ev.ConsultationEnded(d, party, answer))
    elif kind == "fee_notice":
        after("sent_on", "served_on")
        after("sent_on", "paid_on")
        add("sent_on", 0, ev.FeeNoticeSent)
        add("served_on", 1, ev.FeeNoticeServed)
        add("paid_on", 2, ev.FeePaid)
    elif kind == "reasons":
        after("requested_on", "served_on")
        after("requested_on", "answered_on")
        if ("delayed_due" in raw) != ("delayed_due_set_on" in raw):
            raise ReplayInputError(f"{where}：delayed_due 与 delayed_due_set_on 须同时写明")
        add("requested_on", 0, ev.ReasonsRequested)
        add("served_on", 1, ev.ReasonsRequestServed)
        add("answered_on", 2, ev.ReasonsAnswered)
        if "delayed_due" in raw:
            due = _date(raw, "delayed_due", where)
            add("delayed_due_set_on", 3, lambda d: ev.DelayedDeadlineSet(d, due))
    elif kind == "extension":
        workdays = raw["workdays"]
        if not isinstance(workdays, int) or isinstance(workdays, bool):
            raise ReplayInputError(f"{where}：workdays 应为整数")
        add("approved_on", 2, lambda d: ev.ExtensionGranted(d, workdays))
    elif kind == "reply_served":
        add("on", 9, ev.ReplyServed)
    else:
        add("on", 9, ev.Withdrawn)
    return out


def _answer(value: object, where: str) -> ConsultationAnswer | None:
    if value is None:
        return None
    try:
        return ConsultationAnswer(str(value))
    except ValueError:
        allowed = "、".join(a.value for a in ConsultationAnswer)
        raise ReplayInputError(f"{where}：answer {value!r} 无效（可用：{allowed}）") from None


def _rules(raw: object) -> ClockRules:
    if not isinstance(raw, dict):
        raise ReplayInputError("rules 应为对象")
    _no_unknown(raw, tuple(_RULES), "rules")
    for key, value in raw.items():
        expected = bool if _RULES[key] in ("bool", bool) else int
        if type(value) is not expected:
            raise ReplayInputError(
                f"rules：{key} 应为{'true 或 false' if expected is bool else '整数'}"
            )
    return ClockRules(**raw)
