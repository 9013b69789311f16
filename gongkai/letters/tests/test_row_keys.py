"""The letters name table 三's outcomes through the report catalogue, never by typing a row key."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.report.catalogue import OUTCOME_KEYS, OutcomeHeading

LETTERS = Path(__file__).resolve().parents[1]
KEYS = {*OUTCOME_KEYS, *OutcomeHeading}


def test_no_module_of_the_letters_types_a_row_key_of_table_three():
    # given every module of the letters app but its tests
    modules = [path for path in LETTERS.rglob("*.py") if "tests" not in path.parts]
    assert len(modules) > 10
    # then none holds a quoted row key (or "key:ground")
    quoted = re.compile(r"""["']([a-z_.]+)(?::[a-z_]+)?["']""")
    found = [
        f"{path.relative_to(LETTERS)}: {match.group(0)}"
        for path in modules
        for match in quoted.finditer(path.read_text(encoding="utf-8"))
        if match.group(1) in KEYS
    ]
    assert found == []
