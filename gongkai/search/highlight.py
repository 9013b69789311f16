"""Marked-up titles and snippets: the query's words in <mark>, everything else escaped.

Done in Python on the stored plain text, so both databases show the very same result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["highlight", "snippet"]

SNIPPET_CHARS = 120


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    # Longest first, so 共和国 wins over 共和; IGNORECASE for Latin words.
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)


def _folded(text: str) -> str:
    # NFKC changes few characters' lengths; where it would, match on the text as it is.
    folded = unicodedata.normalize("NFKC", text)
    return folded if len(folded) == len(text) else text


def highlight(text: str, words: Sequence[str]) -> SafeString:
    """Return `text` escaped, with each occurrence of any of `words` wrapped in <mark>."""
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(_folded(text)):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    # Adjacent words (开放 数据) read as one marked run.
    return mark_safe("".join(parts).replace("</mark><mark>", ""))  # noqa: S308 — every piece of text above is escaped


def snippet(text: str, words: Sequence[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """Return about `width` characters of `text` around the first match, highlighted."""
    text = " ".join(text.split())
    pattern = _pattern(words)
    match = pattern.search(_folded(text)) if pattern is not None else None
    start = 0 if match is None else max(0, match.start() - width // 4)
    end = min(len(text), start + width)
    piece = text[start:end]
    marked = highlight(piece, words)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")  # noqa: S308 — highlight() escaped it
