"""Files under the media folder that no record names, and records whose file is gone.

A record (an application's attachment or ID scan, an issued letter's DOCX and PDF, a
publication's attachment: every FileField of every model) names its file under MEDIA_ROOT.
The file is written just before its record commits (gongkai.stored_files), and a failed
transaction removes it again; but a worker killed (kill -9, power loss) in that instant leaves
the file with no record: personal data nobody can find. `sweep` lists such files and, asked
to, removes them — only those older than a guard (default an hour; no request writes a file
more than a gunicorn timeout before its commit), so a file being written now is never taken.
It also lists the opposite: records whose file is missing (a restore without its files).

The files are listed before the records are read, so a file whose record commits in between
is seen as named; one written after the listing is not looked at.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from gongkai.audit.models import AuditEvent

__all__ = [
    "DEFAULT_GUARD",
    "StrayFile",
    "SweepReport",
    "media_files",
    "referenced_names",
    "sweep",
]

DEFAULT_GUARD = dt.timedelta(hours=1)
AUDITED_NAMES = 1000  # the audit row names at most this many removed files


@dataclass(frozen=True, slots=True)
class StrayFile:
    name: str  # relative to MEDIA_ROOT, with "/"
    size: int
    age: dt.timedelta


@dataclass(frozen=True, slots=True)
class SweepReport:
    stray: tuple[StrayFile, ...]  # no record names them, older than the guard
    young: int  # no record names them (yet), younger than the guard: left alone
    missing: tuple[str, ...]  # named by a record, absent from the media folder
    removed: tuple[str, ...]  # the stray files removed (only with delete=True)


def referenced_names() -> set[str]:
    """Every stored file a record names, over every model's file fields."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.attname: ""})
                values = values.exclude(**{f"{field.attname}__isnull": True})
                names.update(values.values_list(field.attname, flat=True).iterator())
    return names


def media_files(media: Path) -> Iterator[str]:
    """The regular files under the media folder (no link is followed), in a stable order."""
    if not media.is_dir():
        return
    for folder, subfolders, names in os.walk(media):
        # A restore's or a backup's staging folder (".gongkai-…") is not content.
        subfolders[:] = sorted(s for s in subfolders if not s.startswith(".gongkai-"))
        for name in sorted(names):
            full = Path(folder) / name
            if full.is_file() and not full.is_symlink():
                yield full.relative_to(media).as_posix()


def sweep(*, delete: bool = False, guard: dt.timedelta = DEFAULT_GUARD) -> SweepReport:
    """Find the media folder's files no record names (and records without their file); with
    `delete`, remove those older than `guard` and write one audit row saying which."""
    if guard < dt.timedelta(0):
        raise ValueError("the guard is a duration, not negative")
    media = Path(settings.MEDIA_ROOT)
    now = time.time()
    on_disk: dict[str, os.stat_result] = {}
    for name in media_files(media):
        try:
            on_disk[name] = (media / name).stat()
        except FileNotFoundError:  # removed meanwhile
            continue
    named = referenced_names()
    stray: list[StrayFile] = []
    young = 0
    for name, stat in on_disk.items():
        if name in named:
            continue
        age = dt.timedelta(seconds=max(0.0, now - stat.st_mtime))
        if age < guard:
            young += 1
        else:
            stray.append(StrayFile(name, stat.st_size, age))
    missing = tuple(sorted(name for name in named if name not in on_disk))
    removed: list[str] = []
    if delete and stray:
        still_named = referenced_names()  # a record restored meanwhile keeps its file
        for file in stray:
            if file.name in still_named:
                continue
            try:
                (media / file.name).unlink()
            except FileNotFoundError:
                continue
            removed.append(file.name)
        if removed:
            removed_names = set(removed)
            with transaction.atomic():
                AuditEvent.objects.create(
                    actor=None,
                    action="files.sweep",
                    object_type="operations.media",
                    object_id="",
                    object_label="文件目录中无记录的文件",
                    before=None,
                    after={
                        "removed": len(removed),
                        "bytes": sum(f.size for f in stray if f.name in removed_names),
                        "names": removed[:AUDITED_NAMES],
                    },
                )
    return SweepReport(tuple(stray), young, missing, tuple(removed))
