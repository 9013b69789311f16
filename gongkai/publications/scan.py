"""The automatic part of the confidentiality review: find personal data in an item's text.

Pure Python. Only patterns that are clearly defined and can be verified are looked for, so a
finding is worth a reviewer's time:

- resident id numbers (居民身份证号码, GB 11643): 18 characters whose check character and birth
  date are right (gongkai.applications.procedure.identity);
- mobile numbers (手机号码): 11 digits 1[3-9]…, not part of a longer number (+86 allowed);
- bank card numbers (银行卡号): 16–19 digits passing the Luhn check, written whole or in
  groups of four separated by a space or a hyphen.

Not looked for: unified social credit codes (an organisation's code is public by law), 15-digit
id numbers (no check character), landlines and names (no pattern that does not drown the
reviewer in false alarms). The checklist asks the reviewer about those.

Each finding carries a stable key (source, kind, position) by which a reviewer overrides it
with a reason; the excerpt shown is masked, so the review record does not copy the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai.applications.procedure.identity import is_valid_resident_id

__all__ = [
    "BODY",
    "Finding",
    "FindingKind",
    "attachment_source",
    "is_luhn_valid",
    "scan_text",
    "unresolved",
]

BODY = "body"
_CONTEXT = 8


def attachment_source(attachment_id: int) -> str:
    """Return the source name of an attachment's text in findings' keys."""
    return f"attachment:{attachment_id}"


class FindingKind(StrEnum):
    RESIDENT_ID = "resident_id"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    FindingKind.RESIDENT_ID: "居民身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.BANK_CARD: "银行卡号",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in `source` at [start, end) that looks like personal data of `kind`."""

    kind: FindingKind
    source: str
    start: int
    end: int
    excerpt: str  # the surrounding text with the finding masked

    @property
    def key(self) -> str:
        """The finding's identity within one version, as overrides name it."""
        return f"{self.source}#{self.kind.value}@{self.start}"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind.value,
            "label": self.kind.label,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }


# Letters and digits on either side would make the match part of a longer token.
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[ -]?)?(1[3-9]\d{9})(?![0-9A-Za-z])")
_CARD = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?![0-9A-Za-z])"
)


def is_luhn_valid(digits: str) -> bool:
    """Return whether a digit string passes the Luhn (mod 10) check."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _hide(found: str) -> str:
    """Return `found` with all but its first and last few characters as '*' (same length)."""
    kept = 3 if len(found) > 8 else 1
    return found[:kept] + "*" * (len(found) - 2 * kept) + found[-kept:]


def scan_text(text: str, *, source: str = BODY) -> tuple[Finding, ...]:
    """Return the findings in `text`, in order of position; overlaps are reported once."""
    spans: list[tuple[int, int, FindingKind]] = []
    for match in _ID.finditer(text):
        if is_valid_resident_id(match.group()):
            spans.append((match.start(), match.end(), FindingKind.RESIDENT_ID))
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 16 <= len(digits) <= 19 and is_luhn_valid(digits):
            spans.append((match.start(), match.end(), FindingKind.BANK_CARD))
    for match in _MOBILE.finditer(text):
        spans.append((match.start(1), match.end(1), FindingKind.MOBILE))
    kept: list[tuple[int, int, FindingKind]] = []
    # An 18-digit valid id number may also pass Luhn: the id reading wins (listed first).
    for start, end, kind in spans:
        if not any(start < k_end and k_start < end for k_start, k_end, _ in kept):
            kept.append((start, end, kind))
    kept.sort()
    # Excerpts are cut from the text with every finding hidden, so no excerpt shows a
    # neighbouring finding in clear.
    masked = text
    for start, end, _ in kept:
        masked = masked[:start] + _hide(text[start:end]) + masked[end:]
    return tuple(
        Finding(kind, source, start, end, _excerpt(masked, start, end)) for start, end, kind in kept
    )


def _excerpt(masked: str, start: int, end: int) -> str:
    return masked[max(0, start - _CONTEXT) : end + _CONTEXT].replace("\n", " ")


def unresolved(findings: Iterable[Finding], overrides: Mapping[str, str]) -> tuple[Finding, ...]:
    """Return the findings not overridden with a reason (a blank reason does not count)."""
    return tuple(f for f in findings if not overrides.get(f.key, "").strip())
