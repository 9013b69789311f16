"""One backup holds the database and the media folder; one restore puts both back.

The media folder holds what the records point at: applicants' ID scans and other attachments,
issued letters, published attachments. A database without them answers "文件暂不可用" at every
download, so a backup has both, taken so that every record in it finds its file:

1. the database is dumped first (one consistent snapshot, `database_dump`);
2. then the files every record names are listed (a superset of the dump's records: nothing is
   deleted), and the media folder is copied. Stored files are written once and never changed
   or deleted, so a file named by a record in the dump is there when it is copied; one a
   writer has not finished yet is waited for briefly, and a file still missing is named in
   the report and the manifest (the record has lost it already; the backup cannot bring it).

The archive is one tar file (gzip): `manifest.json` (format, database kind, the migrations
applied, each file's size and SHA-256), the dump, and `media/<path>` for each file. It is
written beside the target and renamed at the end, so a half-written backup never has the name.

A restore first reads and checks everything (checksums, the dump readable by the database's
tool, the migrations known to this version), then puts the files in place (a file not in the
backup stays: without a record it is harmless), then replaces the database in one step, empties
the page cache, and runs the migrations a newer version of the code brings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from gongkai.operations.database_dump import (
    DumpError,
    database_check,
    database_dump,
    database_replace,
    database_vendor,
)
from gongkai.operations.file_sweep import media_files, referenced_names

__all__ = ["BackupError", "BackupReport", "backup_create", "backup_restore"]

FORMAT = "gongkai-backup"
VERSION = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# How long to wait for a file a committed record names but a writer has not finished.
WRITER_GRACE_SECONDS = 2.0
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore was refused or failed; the message is Chinese, one line."""


@dataclass(frozen=True)
class BackupReport:
    vendor: str
    database_bytes: int
    files: int
    file_bytes: int
    missing: tuple[str, ...]
    migrated: bool = False


def backup_create(path: Path) -> BackupReport:
    """Write a backup of the database and the media folder to `path` (a .tar.gz file)."""
    try:
        vendor = database_vendor()
    except DumpError as exc:
        raise BackupError(str(exc)) from None
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} 是文件夹：请给出备份文件的路径，如 backup/gongkai.tar.gz。")
    if not path.parent.is_dir():
        raise BackupError(f"文件夹 {path.parent} 不存在。")
    media = Path(settings.MEDIA_ROOT)
    if path.resolve().is_relative_to(media.resolve()):
        raise BackupError(f"备份文件不能放在文件目录 {media} 之内：它会把自己也备份进去。")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".gongkai-backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        try:
            database_dump(dump)
        except DumpError as exc:
            raise BackupError(str(exc)) from None
        except OSError as exc:
            raise BackupError(f"无法写入 {path.parent}（{exc.strerror}）。") from None
        missing = _missing_files(media, referenced_names())
        part = Path(work) / "backup.part"
        files: list[dict[str, Any]] = []
        try:
            # Level 1: most stored files (PDF, scans, DOCX) are compressed already.
            with tarfile.open(part, "w:gz", compresslevel=1) as archive:
                database: dict[str, Any] = {"file": dump.name, "size": dump.stat().st_size}
                database["sha256"] = _sha256(dump)
                archive.add(dump, arcname=dump.name, recursive=False)
                for relative in media_files(media):
                    source = media / relative
                    entry: dict[str, Any] = {"name": relative, "size": source.stat().st_size}
                    entry["sha256"] = _sha256(source)
                    archive.add(source, arcname=f"media/{relative}", recursive=False)
                    files.append(entry)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": timezone.now().isoformat(),
                    "vendor": vendor,
                    "migrations": _applied_migrations(),
                    "database": database,
                    "files": files,
                    "missing": list(missing),
                }
                _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False))
            part.chmod(0o600)  # personal data: readable by the service's account only
            os.replace(part, path)
        except OSError as exc:
            raise BackupError(f"无法写入备份文件 {path}（{exc.strerror}）。") from None
    return BackupReport(
        vendor=vendor,
        database_bytes=int(database["size"]),
        files=len(files),
        file_bytes=sum(int(entry["size"]) for entry in files),
        missing=missing,
    )


def backup_restore(path: Path) -> BackupReport:
    """Replace the database and put back the media folder's files from the backup at `path`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"备份文件 {path} 不存在。")
    try:
        vendor = database_vendor()
    except DumpError as exc:
        raise BackupError(str(exc)) from None
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    # Staged inside the media folder: the same file system, so each file moves in one rename.
    with tempfile.TemporaryDirectory(dir=media, prefix=".gongkai-restore-") as work:
        manifest, dump, staged = _unpack(path, Path(work), vendor)
        try:
            database_check(dump)
        except DumpError as exc:
            raise BackupError(str(exc)) from None
        for relative in staged:
            target = media / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(work) / "media" / relative, target)
        try:
            database_replace(dump)
        except DumpError as exc:
            raise BackupError(str(exc)) from None
    cache.clear()
    before = set(_applied_migrations())
    call_command("migrate", interactive=False, verbosity=0)
    files = manifest["files"]
    return BackupReport(
        vendor=vendor,
        database_bytes=int(manifest["database"]["size"]),
        files=len(files),
        file_bytes=sum(int(entry["size"]) for entry in files),
        missing=tuple(manifest.get("missing", ())),
        migrated=set(_applied_migrations()) != before,
    )


def _unpack(path: Path, work: Path, vendor: str) -> tuple[dict[str, Any], Path, list[str]]:
    """Read and check the whole archive into `work`: manifest, dump, files (by checksum)."""
    try:
        with tarfile.open(path, "r:*") as archive:
            manifest = _manifest(archive)
            if manifest["vendor"] != vendor:
                raise BackupError(
                    f"这是 {VENDOR_LABELS.get(manifest['vendor'], manifest['vendor'])} 数据库的"
                    f"备份，当前数据库是 {VENDOR_LABELS[vendor]}：请恢复到同类数据库"
                    "（两类数据库之间迁移见 docs/deploy.md）。"
                )
            _check_migrations(manifest["migrations"])
            expected = {f"media/{entry['name']}": entry for entry in manifest["files"]}
            database = manifest["database"]
            expected[database["file"]] = database
            for member in archive:
                if member.name == "manifest.json":
                    continue
                entry = expected.pop(member.name, None)
                if entry is None or not member.isfile():
                    raise BackupError(f"备份中有清单之外的内容：{member.name}。")
                source = archive.extractfile(member)
                assert source is not None
                _copy_checked(source, work / member.name, entry)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"备份文件 {path} 无法读取（{exc}）。") from None
    if expected:
        raise BackupError(f"备份不完整：缺少 {sorted(expected)[0]} 等 {len(expected)} 项。")
    return manifest, work / database["file"], [entry["name"] for entry in manifest["files"]]


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        stream = archive.extractfile("manifest.json")
    except KeyError:
        stream = None
    if stream is None:
        raise BackupError("这不是 gongkai 的备份文件（没有 manifest.json）。")
    try:
        manifest = json.loads(stream.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError("备份的清单 manifest.json 已损坏。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("这不是 gongkai 的备份文件。")
    if manifest.get("version") != VERSION:
        raise BackupError(f"备份格式版本 {manifest.get('version')} 不受本版本支持。")
    for entry in manifest["files"]:
        if not _safe_name(entry["name"]):
            raise BackupError(f"备份中有不安全的文件路径：{entry['name']}。")
    if manifest["database"]["file"] not in DUMP_NAMES.values():
        raise BackupError("备份的清单 manifest.json 已损坏。")
    return manifest


def _check_migrations(applied: list[str]) -> None:
    """Refuse a backup made by a newer version: its schema has migrations this code lacks."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(applied) - known)
    if unknown:
        raise BackupError(
            f"备份来自较新的版本（含本版本没有的数据库迁移 {unknown[0]}）："
            "请用制作备份的版本或更新的版本恢复。"
        )


def _copy_checked(source: IO[bytes], target: Path, entry: dict[str, Any]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if size != int(entry["size"]) or digest.hexdigest() != entry["sha256"]:
        name = entry.get("name", entry.get("file"))
        raise BackupError(f"备份已损坏：{name} 的校验值不符。")


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts


def _missing_files(media: Path, names: set[str]) -> tuple[str, ...]:
    deadline = time.monotonic() + WRITER_GRACE_SECONDS
    missing = sorted(name for name in names if not (media / name).is_file())
    while missing and time.monotonic() < deadline:
        time.sleep(0.2)
        missing = [name for name in missing if not (media / name).is_file()]
    return tuple(missing)


def _applied_migrations() -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))
