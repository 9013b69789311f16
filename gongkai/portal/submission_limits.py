"""How often the portal's application form may be submitted: per client address and overall.

A submission writes a case, an audit row, a session and files; unbounded, twenty clients in a
loop took the portal's reads from 749 to 16 a second. Two fixed-window counters refuse the
excess with 429 and a Chinese page saying when to try again. The limits are settings,
"count/seconds": GONGKAI_APPLY_LIMIT_PER_ADDRESS (default 20 in 10 minutes: an applicant
correcting a form, an agent filing for several people; an office behind one address stays
within it) and GONGKAI_APPLY_LIMIT_TOTAL (default 24 a second over all addresses: the host's
capacity, so that submissions never take more than half of two cores from the pages).

The counters are files under GONGKAI_LOCK_DIR (shared by the workers of a host, like the
slots below), one per key and window: counting is appending one byte (O_APPEND, atomic
between processes) and reading where it landed, so the count is exact and costs three system
calls. They were entries of the page cache before: each count rewrote a cache file and listed
the whole cache folder, and a flood from many addresses filled the page cache with counters.
The first count of a window removes the folders of windows before the previous one.

Beside the rates, at most GONGKAI_APPLY_CONCURRENT submissions (default 2) are processed at
once on a host: the gunicorn workers are few and serve requests in arrival order, so a
queue of submissions in front of every worker would hold up the portal's pages however cheap
each submission is. Fewer slots than workers leave a worker for pages; more than one slot
lets submissions overlap (one waits for the database while another computes), so the rate
is not capped at one over a submission's latency. A submission that finds every slot taken
gets its form back at once (429, "try again in a moment", Retry-After 1 s, the text kept)
instead of waiting, which would hold a worker; the slots are lock files (GONGKAI_LOCK_DIR),
released by the system when a worker dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

from gongkai.accounts.throttling import client_ip

__all__ = [
    "COUNTS_FOLDER",
    "Limit",
    "Refusal",
    "Scope",
    "count_submission",
    "parse_limit",
    "submission_slot",
]


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


COUNTS_FOLDER = "apply-counts"


def _counted(key: str, limit: Limit, now: int) -> tuple[int, int]:
    """Count one more for `key` in the current window of `limit`: (count so far, seconds left)."""
    window, into = divmod(now, limit.seconds)
    counts = Path(settings.GONGKAI_LOCK_DIR) / COUNTS_FOLDER
    folder = counts / f"{limit.seconds}-{window}"
    name = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    for _ in range(3):  # the folder can be removed under a process a window behind
        try:
            handle = os.open(folder / name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except FileNotFoundError:
            try:
                folder.mkdir(parents=True)
            except FileExistsError:
                continue
            _drop_old_windows(counts, limit.seconds, window)
            continue
        try:
            os.write(handle, b".")
            seen = os.lseek(handle, 0, os.SEEK_CUR)  # where this append ended: its number
        finally:
            os.close(handle)
        return seen, limit.seconds - into
    return 1, limit.seconds - into  # the folder kept vanishing: do not refuse for that


def _drop_old_windows(counts: Path, seconds: int, window: int) -> None:
    """Remove the counter folders of `seconds`-long windows before the previous one."""
    for entry in counts.iterdir():
        length, _, number = entry.name.partition("-")
        if length == str(seconds) and number.isdigit() and int(number) < window - 1:
            shutil.rmtree(entry, ignore_errors=True)


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


@contextlib.contextmanager
def submission_slot() -> Iterator[bool]:
    """Hold one of the host's GONGKAI_APPLY_CONCURRENT submission slots while inside; yield
    False at once when all are taken."""
    folder = Path(settings.GONGKAI_LOCK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(int(settings.GONGKAI_APPLY_CONCURRENT)):
        handle = os.open(folder / f"apply-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            continue
        try:
            yield True
        finally:
            os.close(handle)  # closing releases the lock
        return
    yield False
