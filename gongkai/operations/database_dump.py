"""Dump and replace the whole database with the database's own tools, schema and data alike.

SQLite: the online backup API of Python's sqlite3 (a consistent copy while others read and
write; the copy is itself a database file). PostgreSQL: `pg_dump --format=custom` (one
snapshot, so consistent) and, to restore, `pg_restore` piped into one `psql` transaction that
first drops and recreates the schema: either the whole backup is in, or nothing changed.
Django's serialisation (dumpdata) is not used: it leaves out what migrations build in SQL
(the full-text table and triggers on SQLite, the generated search column on PostgreSQL) and
cannot restore a backup made before a migration; a dump of the database's own can, followed
by `migrate`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any

from django.db import connection

__all__ = [
    "DumpError",
    "database_check",
    "database_dump",
    "database_replace",
    "database_vendor",
]

SUPPORTED = ("sqlite", "postgresql")


class DumpError(Exception):
    """The database could not be dumped or replaced; the message is Chinese, one line."""


def database_vendor() -> str:
    """ "sqlite" or "postgresql"; DumpError for another database."""
    vendor = connection.vendor
    if vendor not in SUPPORTED:
        raise DumpError(f"不支持备份此类数据库：{vendor}（支持 SQLite 和 PostgreSQL）。")
    return vendor


def database_dump(target: Path) -> None:
    """Write a consistent copy of the whole database to `target`."""
    if database_vendor() == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def database_check(dump: Path) -> None:
    """Refuse a dump the database's tool cannot read, before anything is replaced."""
    if database_vendor() == "sqlite":
        try:
            with sqlite3.connect(f"file:{dump}?mode=ro", uri=True) as copy:
                row = copy.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DumpError(f"备份中的数据库文件已损坏（{exc}）。") from None
        if row is None or row[0] != "ok":
            raise DumpError("备份中的数据库文件已损坏（完整性检查未通过）。")
        return
    _run(["pg_restore", "--list", str(dump)])


def database_replace(dump: Path) -> None:
    """Replace the whole database (schema and rows) by the dump; all or nothing."""
    database_check(dump)
    if database_vendor() == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    if shutil.which("psql") is None:
        raise DumpError(
            "找不到 psql：请安装 PostgreSQL 客户端工具（apt-get install postgresql-client）。"
        )
    connection.close()
    env = _pg_env()
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors:
        psql = subprocess.Popen(
            ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=env,
        )
        restore = subprocess.Popen(
            ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=env,
        )
        assert psql.stdin is not None and restore.stdout is not None
        try:
            psql.stdin.write(b"DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n")
            shutil.copyfileobj(restore.stdout, psql.stdin)
            psql.stdin.close()
        except BrokenPipeError:
            pass  # psql stopped at an error: reported below
        restored, applied = restore.wait(), psql.wait()
        if restored != 0 or applied != 0:
            errors = _first_line(restore_errors) or _first_line(psql_errors)
            raise DumpError(f"数据库未恢复，原数据库保持不变（{errors}）。")


def _pg_env() -> dict[str, str]:
    """The PostgreSQL tools' connection from Django's settings (the password not on a
    command line)."""
    settings: dict[str, Any] = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise DumpError(
            f"找不到 {command[0]}：请安装与数据库服务器同一版本的 PostgreSQL 客户端工具"
            "（apt-get install postgresql-client）。"
        )
    done = subprocess.run(command, env=_pg_env(), capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DumpError(f"{command[0]} 失败：{message[0] if message else done.returncode}")


def _first_line(stream: IO[bytes]) -> str:
    stream.seek(0)
    text: str = stream.read().decode("utf-8", "replace")
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
