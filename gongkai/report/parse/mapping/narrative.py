"""Cut the narrative sections 一 (总体情况), 五 (问题及改进) and 六 (其他事项) out of the text."""

from __future__ import annotations

import re

from gongkai.report.parse.mapping.normalise import Compact

__all__ = ["read_narrative"]

_OVERVIEW = re.compile(r"一,总体情况|总体情况")
_ACTIVE = re.compile(r"二,主动公开政府信息情况")
_PROBLEMS = re.compile(
    r"五,[^。]{0,30}?存在[^。]{0,12}?问题[^。]{0,12}?(?:情况|措施)|存在的主要问题及改进情况"
)
# "其他需报告的事项" and "其他需要说明的事项" are printed variants of the heading.
_OTHER = re.compile(r"六,其他需要?(?:报告|说明)的事项|其他需要报告的事项")


def read_narrative(flat: str, packed: Compact, table2: int, table4_end: int) -> dict[str, str]:
    """The sections' texts keyed overview / problems / other_matters (absent ones left out)."""
    text = packed.text
    out: dict[str, str] = {}
    overview = _OVERVIEW.search(text, 0, table2)
    if overview is not None:
        active = _ACTIVE.search(text, overview.end(), table2)
        out["overview"] = _cut(flat, packed, overview.end(), active.start() if active else table2)
    problems = _PROBLEMS.search(text, table4_end) or _PROBLEMS.search(text, max(0, table4_end - 40))
    other = _OTHER.search(text, problems.end() if problems else table4_end)
    start = problems.end() if problems else table4_end
    end = other.start() if other else len(text)
    if end > start:
        out["problems"] = _cut(flat, packed, start, end)
    if other is not None:
        out["other_matters"] = _cut(flat, packed, other.end(), len(text))
    return {key: value for key, value in out.items() if value}


def _cut(flat: str, packed: Compact, start: int, end: int) -> str:
    piece = flat[packed.start(start) : packed.start(end) if end < len(packed.text) else len(flat)]
    lines = [" ".join(line.split()) for line in piece.replace("\t", " ").split("\n")]
    return "\n".join(line for line in lines if line).strip()
