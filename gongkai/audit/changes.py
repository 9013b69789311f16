"""The one path of an audited change to a versioned record: lock, compare, check, write, audit.

`locked_change` is what every service that changes a record with an optimistic `version`
does, written once:

1. lock the row (`select_for_update`; on SQLite the write lock of the transaction) and compare
   its version with the one the actor saw (`ConcurrentChange` if someone came first);
2. take a snapshot for the audit log and let the caller check and change the locked record
   (`change`: refuse by raising, or set fields; it may also write rows of its own);
3. write the record back with `version + 1`, guarded by `UPDATE … WHERE version = seen`;
4. record one audit event with the snapshots before and after.

A record with no version column (a complaint, a review case, a register's document, a
category) passes `seen_version=None`: step 1 only locks the row, step 3 saves it without a
version, and the record's own check in `change` refuses the second of two writers (already
closed, already decided): the row lock makes it see what the first wrote.

Anything raised rolls the whole change back. SQLite refuses a second writer instead of making
it wait ("database is locked"): the outermost call is retried a few times, and the retry then
sees the new version and refuses with `ConcurrentChange` if the first writer changed the row.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import OperationalError, connection, models, transaction
from django.db.models import F

from gongkai.audit.services import record_event

if TYPE_CHECKING:
    from gongkai.accounts.models import User

__all__ = ["ConcurrentChange", "locked_change"]


class ConcurrentChange(Exception):
    """Someone else changed the record since the actor loaded it; nothing was written."""

    def __init__(self, obj: models.Model, what: str) -> None:
        super().__init__(f"{what}已被他人修改，本次操作未保存。请刷新后查看最新内容再办理。")
        self.obj = obj


M = TypeVar("M", bound=models.Model)

_LOCK_RETRIES = 8


def locked_change(
    *,
    model: type[M],
    pk: Any,
    seen_version: int | None,
    actor: User | None,
    action: str,
    describe: Callable[[M], str],
    snapshot: Callable[[M], Mapping[str, Any]],
    change: Callable[[M], Mapping[str, Any] | None],
    after: Callable[[M], None] | None = None,
) -> M:
    """Change the `model` row `pk`, which the actor saw at `seen_version` (None: the record
    has no version column); see the module.

    `change(locked)` checks and sets fields on the locked record; what it returns is added to
    the audit event's `after` (a reason, a comment). `after(saved)` runs once the record is
    saved, in the same transaction (the rows the action sets off elsewhere). `describe(record)`
    names the record in the refusal of a concurrent change (「年度报告“…”」).
    """
    for attempt in range(_LOCK_RETRIES):
        try:
            return _change(
                model, pk, seen_version, actor, action, describe, snapshot, change, after
            )
        except OperationalError as error:
            if attempt == _LOCK_RETRIES - 1 or connection.in_atomic_block:
                raise
            if "locked" not in str(error):
                raise
            time.sleep(0.02 * (attempt + 1) + random.random() * 0.02)  # noqa: S311
    raise AssertionError("unreachable")


def _change(
    model: type[M],
    pk: Any,
    seen_version: int | None,
    actor: User | None,
    action: str,
    describe: Callable[[M], str],
    snapshot: Callable[[M], Mapping[str, Any]],
    change: Callable[[M], Mapping[str, Any] | None],
    after: Callable[[M], None] | None,
) -> M:
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=pk)
        versioned = seen_version is not None
        if versioned and getattr(current, "version") != seen_version:  # noqa: B009 - any model
            raise ConcurrentChange(current, describe(current))
        before = dict(snapshot(current))
        extra = change(current) or {}
        if versioned:
            bumped = model._default_manager.filter(pk=pk, version=seen_version).update(
                version=F("version") + 1
            )
            if bumped != 1:
                raise ConcurrentChange(current, describe(current))
            current.version = seen_version + 1  # type: ignore[attr-defined, operator]
        current.save()
        if after is not None:
            after(current)
        record_event(
            actor=actor,
            action=action,
            obj=current,
            before=before,
            after={**snapshot(current), **extra},
        )
    return current
