"""Chinese text → words, the same way for documents and queries. Pure Python (jieba only).

Neither database can cut Chinese into words: FTS5's unicode61 and PostgreSQL's default parser
take a run of Han characters as one token, and FTS5's trigram tokenizer cannot find a
two-character word such as 招生 or 拆迁. So the text is cut by jieba in search mode (long words
also yield their shorter parts: 中华人民共和国 → 中华 华人 人民 共和 共和国 …) and stored as words
separated by spaces; a query is cut the same way, so both sides agree.

Each word is NFKC-normalised (full-width digits and letters become ASCII), lower-cased, and
split on anything but letters and digits, so that FTS5's unicode61 and PostgreSQL's `simple`
configuration see exactly the same words and give the same results.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

import jieba

__all__ = ["ParsedQuery", "normalise", "parse_query", "segment", "warm", "words"]

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r"[\"“”「」]([^\"“”「」]*)[\"“”「」]")
_lock = threading.Lock()
_warm = False
# A query longer than this is cut off: nobody types more, and a long query is a slow one.
MAX_QUERY_CHARS = 100


def warm() -> None:
    """Load jieba's dictionary now (about 1 s) rather than in the first search request."""
    global _warm
    with _lock:
        if not _warm:
            jieba.initialize()
            _warm = True


def normalise(text: str) -> str:
    """Return `text` NFKC-normalised and lower-cased (全角 ２０２３ → 2023)."""
    return unicodedata.normalize("NFKC", text).lower()


def words(text: str) -> list[str]:
    """Return the words of `text` in order, as indexed: jieba search mode, letters/digits only."""
    warm()
    found: list[str] = []
    for token in jieba.cut_for_search(normalise(text)):
        found.extend(_WORD.findall(token))
    return found


def segment(text: str) -> str:
    """Return the shadow-column text: the words of `text` separated by single spaces."""
    return " ".join(words(text))


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query as words that must all occur (`terms`) and phrases whose words must be adjacent."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_words(self) -> tuple[str, ...]:
        """Every word of the query, for highlighting."""
        return tuple(dict.fromkeys([*self.terms, *(w for p in self.phrases for w in p)]))


def parse_query(query: str) -> ParsedQuery:
    """Cut a query typed by a citizen: "…" (or “…”, 「…」) is a phrase; the rest, words (AND)."""
    query = query[:MAX_QUERY_CHARS]
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(query):
        phrase = tuple(words(match.group(1)))
        if len(phrase) == 1:
            phrases.append(phrase)  # a one-word phrase is a word
        elif phrase:
            phrases.append(phrase)
    rest = _PHRASE.sub(" ", query)
    terms = tuple(dict.fromkeys(words(rest)))
    return ParsedQuery(terms=terms, phrases=tuple(dict.fromkeys(phrases)))
