"""Files written inside a transaction are removed again when it rolls back.

A record (an attachment, an ID scan, an issued letter) names a file under the media folder. The
file is written before the record commits, so that a committed record always has its file;
when the transaction fails instead (a conflict, "database is locked", a refused letter), the
file it wrote would be left on disk with no record — personal data nobody can find or delete.
`files_removed_on_rollback()` opens the transaction and deletes, when it does not commit, every
file the code inside reported with `written()`.

Nested blocks hand their files to the enclosing block, which decides. A block opened inside a
plain `transaction.atomic()` of a caller cleans up what fails inside it; a later rollback of
the caller's transaction is the caller's to handle (by opening this block instead).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

__all__ = ["files_removed_on_rollback", "written"]

logger = logging.getLogger(__name__)
_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("written", default=None)


def written(file: FieldFile) -> None:
    """Report a file just saved inside `files_removed_on_rollback()` (elsewhere: nothing)."""
    pending = _written.get()
    if pending is not None and file.name:
        pending.append((file.storage, file.name))


@contextlib.contextmanager
def files_removed_on_rollback(using: str | None = None) -> Iterator[None]:
    """`transaction.atomic()`, and the files written in it deleted if it does not commit."""
    outer = _written.get()
    mine: list[tuple[Storage, str]] = []
    token = _written.set(mine)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        _delete(mine)
        raise
    finally:
        _written.reset(token)
    if outer is not None:
        outer.extend(mine)


def _delete(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # the rollback's own error is the one to report
            logger.warning("could not remove %s after a rollback", name, exc_info=True)
