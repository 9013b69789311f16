"""`gongkai applications replay`: one case's facts in, its dates and their reasoning out."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.applications.procedure.clock_json import ReplayInputError, as_json, replay_case
from gongkai.workdays import Calendar

DOCS = Path(__file__).resolve().parents[3] / "docs" / "replay"
TODAY = dt.date(2026, 12, 7)

ISSUE_EXAMPLE = {
    "received_on": "2025-03-03",
    "events": [
        {"kind": "fee_notice", "sent_on": "2025-03-03", "served_on": "2025-03-06"},
        {
            "kind": "consultation",
            "party": "third_party",
            "sent_on": "2025-03-03",
            "served_on": "2025-03-05",
        },
    ],
    "as_of": "2025-03-10",
}


def test_the_issue_s_example(calendar: Calendar) -> None:
    out = as_json(replay_case(ISSUE_EXAMPLE, calendar, today=TODAY))
    assert out["fee_due"] == "2025-04-03"
    assert out["consultation_due"] == "2025-03-26"
    assert out["provisional"] is False
    assert out["reply_due"] == "2025-04-08"
    assert out["allowed"] == ["extend"]
    assert any("国办函〔2020〕109号" in line for line in out["explanation"])
    assert "剩余20个工作日" in out["explanation"][-1]


def test_keys_not_given_are_absent(calendar: Calendar) -> None:
    out = as_json(
        replay_case({"received_on": "2025-03-03", "as_of": "2025-03-04"}, calendar, today=TODAY)
    )
    for key in ("fee_due", "consultation_due", "paused", "overdue_days", "stopped_on", "warnings"):
        assert key not in out
    assert out["reply_due"] == "2025-03-31"


def test_an_unserved_fee_notice_has_no_date_and_cannot_lapse(calendar: Calendar) -> None:
    data = {
        "received_on": "2025-03-03",
        "events": [{"kind": "fee_notice", "sent_on": "2025-03-03"}],
        "as_of": "2025-06-30",
    }
    out = as_json(replay_case(data, calendar, today=TODAY))
    assert "fee_due" not in out
    assert out["unserved"] == [{"letter": "fee_payment", "sent_on": "2025-03-03"}]
    assert "lapse_fee" not in out["allowed"]
    assert any("尚未记录送达日期" in line for line in out["explanation"])


def test_a_closed_case_shows_no_days_left_and_a_late_one_its_days_late(calendar: Calendar) -> None:
    late = {
        "received_on": "2025-03-03",
        "events": [{"kind": "reply_served", "on": "2025-04-02"}],
        "as_of": "2025-05-01",
    }
    out = as_json(replay_case(late, calendar, today=TODAY))
    assert "days_left" not in out and out["overdue_days"] == 2
    assert out["explanation"][-1] == "2025-04-02 送达答复，停止计时，逾期2个工作日。"
    assert not any("剩余" in line for line in out["explanation"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "received_on": "2025-03-03",
                "events": [
                    {"kind": "fee_notice", "sent_on": "2025-03-05", "served_on": "2025-03-04"}
                ],
            },
            "served_on 2025-03-04 早于 sent_on 2025-03-05",
        ),
        ({"received_on": "2025-03-03", "events": [{"kind": "fax"}]}, "不认识的事件类型 'fax'"),
        ({"received_on": "2025-3-3"}, "received_on 的日期 '2025-3-3' 无效"),
        ({"received_on": "2025-03-03", "colour": "red"}, "不认识的字段 colour"),
        (
            {
                "received_on": "2025-03-03",
                "events": [{"kind": "extension", "approved_on": "2025-03-04"}],
            },
            "缺少 workdays",
        ),
        ([], "输入应为 JSON 对象"),
    ],
)
def test_bad_input_is_one_chinese_line(calendar: Calendar, data: object, message: str) -> None:
    with pytest.raises(ReplayInputError, match=message):
        replay_case(data, calendar, today=TODAY)


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "applications", "replay", *args],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )


def test_the_command_needs_no_database_and_exits_2_on_bad_input(tmp_path: Path) -> None:
    # given no Django settings at all: the replay is pure
    good = run(str(DOCS / "fee-and-consultation.json"))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["fee_due"] == "2025-04-03"
    bad = run("-", stdin='{"received_on": "2025-03-03", "events": [{"kind": "fax"}]}')
    assert bad.returncode == 2
    assert bad.stdout == "" and len(bad.stderr.strip().splitlines()) == 1
    assert run(str(tmp_path / "missing.json")).returncode == 2


EXAMPLES = sorted(p for p in DOCS.glob("*.json") if not p.name.endswith(".out.json"))


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_documented_examples_print_what_the_docs_show(example: Path) -> None:
    # docs/replay/NAME.json → docs/replay/NAME.out.json (regenerate with the command)
    expected = example.with_name(example.name.replace(".json", ".out.json"))
    result = run(str(example))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(expected.read_text("utf-8"))
