"""How alike two applications' descriptions are: normalised text, then a ratio in [0, 1].

Pure Python. application-procedure.md §7: possible repeats are flagged for the handler, never
decided by the machine. Normalising (NFKC, case, whitespace and punctuation removed) makes
"2025年统计公报。" and "２０２５年 统计公报" the same text.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

__all__ = ["normalise_text", "similarity"]


def normalise_text(text: str) -> str:
    """Return `text` folded for comparison: NFKC, lower case, no spaces or punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        char for char in folded if not unicodedata.category(char).startswith(("P", "Z", "C", "S"))
    )


def similarity(a: str, b: str) -> float:
    """Return how alike two descriptions are, 1.0 for the same normalised text."""
    left, right = normalise_text(a), normalise_text(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    return SequenceMatcher(None, left, right, autojunk=False).ratio()
