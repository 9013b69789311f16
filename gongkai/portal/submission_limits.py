"""How often the portal's application form may be submitted: per client address and overall.

A submission writes a case, an audit row, a session and files; unbounded, twenty clients in a
loop took the portal's reads from 749 to 16 a second. Two fixed-window counters in the shared
cache (the FileBasedCache the gunicorn workers share, docs/deploy.md) refuse the excess with
429 and a Chinese page saying when to try again. The limits are settings, "count/seconds":
GONGKAI_APPLY_LIMIT_PER_ADDRESS (default 20 in 10 minutes: an applicant correcting a form, an
agent filing for several people; an office behind one address stays within it) and
GONGKAI_APPLY_LIMIT_TOTAL (default 1,800 a minute over all addresses).

The counters are approximate: the cache's increment is not atomic across processes, so under
a race a few more may pass; a limit is a guard against floods, not an account of submissions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from gongkai.accounts.throttling import client_ip

__all__ = ["Limit", "Refusal", "Scope", "count_submission", "parse_limit"]


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    seconds: int


class Scope(StrEnum):
    ADDRESS = "address"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Refusal:
    scope: Scope
    retry_after: int  # seconds until the window ends


def parse_limit(text: str) -> Limit:
    """Read "count/seconds", e.g. "20/600"; a count of 0 refuses everything."""
    count, _, seconds = text.partition("/")
    limit = Limit(int(count), int(seconds or "60"))
    if limit.count < 0 or limit.seconds <= 0:
        raise ValueError(f"not a submission limit: {text!r}")
    return limit


def _counted(key: str, limit: Limit, now: int) -> tuple[int, int]:
    window, into = divmod(now, limit.seconds)
    full_key = f"gongkai:apply:{key}:{limit.seconds}:{window}"
    cache.add(full_key, 0, timeout=limit.seconds + 5)
    try:
        seen = cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.set(full_key, 1, timeout=limit.seconds + 5)
        seen = 1
    return seen, limit.seconds - into


def count_submission(request: HttpRequest) -> Refusal | None:
    """Count one submission from `request`'s client; return why it is refused, or None."""
    now = int(time.time())
    per_address = parse_limit(settings.GONGKAI_APPLY_LIMIT_PER_ADDRESS)
    seen, left = _counted(f"address:{client_ip(request) or 'unknown'}", per_address, now)
    if seen > per_address.count:
        return Refusal(Scope.ADDRESS, left)
    total = parse_limit(settings.GONGKAI_APPLY_LIMIT_TOTAL)
    seen, left = _counted("all", total, now)
    if seen > total.count:
        return Refusal(Scope.ALL, left)
    return None
