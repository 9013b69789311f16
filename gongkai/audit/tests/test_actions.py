"""Action labels and readable changes for the audit timeline."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.audit.actions import ACTION_LABELS, Change, action_label, changes
from gongkai.audit.services import MASK

GONGKAI = Path(__file__).resolve().parents[2]


def test_every_action_a_service_records_has_a_chinese_label():
    # given every literal action code recorded by a service in the code base
    recorded = {
        code
        for path in GONGKAI.rglob("*.py")
        if "tests" not in path.parts
        for code in re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    # then each has a label
    assert recorded, "no action codes found"
    missing = sorted(recorded - ACTION_LABELS.keys())
    assert not missing, f"add a Chinese label to gongkai/audit/actions.py for {missing}"


def test_a_label_is_chinese_and_an_unknown_code_shows_as_itself():
    assert action_label("page.save") == "保存公开页面"
    assert action_label("agency.update") == "修改机关信息"
    assert action_label("publication.future_thing") == "publication.future_thing"


def test_changes_list_the_differing_fields_with_labels():
    before = {"code": "zmd-tjj", "name": "统计局", "parent": None}
    after = {"code": "zmd-tjj", "name": "驻马店经济开发区统计局", "parent": "zmd-kfq"}
    assert changes(before, after) == [
        Change("名称", "统计局", "驻马店经济开发区统计局"),
        Change("上级机关", "—", "zmd-kfq"),
    ]


def test_a_creation_shows_every_field_and_booleans_and_lists_read_as_words():
    assert changes(None, {"date": "2025-10-08", "is_off_day": False, "days": [{}, {}]}) == [
        Change("日期", "—", "2025-10-08"),
        Change("放假", "—", "否"),
        Change("日期条目", "—", "2 项"),
    ]


def test_masked_personal_data_stays_masked():
    rows = changes({"applicant_name": MASK, "state": "received"}, {"applicant_name": MASK})
    assert Change("申请人", MASK, MASK) not in rows  # unchanged, so not listed
    assert changes(None, {"applicant_name": MASK}) == [Change("申请人", "—", MASK)]
