"""The exact ground of a reply whose table 三 row covers more than one article.

Pure (no Django). Table 三 counts some answers in one row that rest on different articles; the
letter must cite the one that applies, once (issue 14 M2, M9; courts criticise alternative
citations as unclear application of law):

- （一）予以公开: 条例第三十六条第（一）项 when the information is already public (tell where to
  obtain it), 第（二）项 when it is provided now;
- （四）1 本机关不掌握: 第三十六条第（四）项 when it does not exist (after a search),
  第（五）项 when it is not this agency's to disclose (reasons required; the responsible agency
  named when known);
- （二）部分公开: 第三十七条, plus the article on which the withheld part is refused (the grounds
  of table 三 （三）: 第十四条、第十五条、第十六条, 第三十六条第（七）项).

The decision records the ground (`application_decide(ground=…)`); the reply prints its basis.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report.catalogue import Outcome, OutcomeHeading, application_row

__all__ = ["GROUNDS", "Ground", "GroundError", "ground_basis", "grounds_for"]


class GroundError(ValueError):
    """A ground that does not fit the outcome; the message (Chinese) says which fit."""


@dataclass(frozen=True, slots=True)
class Ground:
    """One ground: its key, its Chinese label and the article the letter cites."""

    key: str
    label: str
    basis: str


_WITHHELD = tuple(outcome.value for outcome in OutcomeHeading.WITHHELD.outcomes)

GROUNDS: dict[str, tuple[Ground, ...]] = {
    Outcome.GRANTED.value: (
        Ground(
            "already_public", "已经主动公开（告知获取方式和途径）", "《条例》第三十六条第（一）项"
        ),
        Ground(
            "disclosed",
            "可以公开（提供或告知获取方式、途径和时间）",
            "《条例》第三十六条第（二）项",
        ),
    ),
    Outcome.UNAVAILABLE_NOT_HELD.value: (
        Ground("not_exist", "经检索，该政府信息不存在", "《条例》第三十六条第（四）项"),
        Ground("not_ours", "不属于本机关负责公开", "《条例》第三十六条第（五）项"),
    ),
    Outcome.PARTIALLY_GRANTED.value: tuple(
        Ground(
            key,
            f"不予公开部分：{application_row(key).short_label}",
            f"《条例》第三十七条；不予公开部分依据{application_row(key).legal_basis}",
        )
        for key in _WITHHELD
    ),
}
"""The grounds of each outcome whose row covers several articles."""


def grounds_for(outcome: str) -> tuple[Ground, ...]:
    """Return the grounds the outcome must choose from (empty: its row has one basis)."""
    return GROUNDS.get(outcome, ())


def ground_basis(outcome: str, ground: str) -> str:
    """Return the article the letter cites for `outcome` on `ground`, or raise GroundError."""
    for candidate in grounds_for(outcome):
        if candidate.key == ground:
            return candidate.basis
    choices = "、".join(g.label for g in grounds_for(outcome)) or "（无须选择）"
    raise GroundError(f"“{application_row(outcome).short_label}”的依据应为：{choices}")
