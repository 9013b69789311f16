"""`gongkai files sweep`: the media folder's files no record names (a worker killed between
writing a file and committing its record leaves one) are listed, and with --delete removed —
never one younger than the guard, never one a record names — and records whose file is gone
are listed too."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.operations.file_sweep import referenced_names
from tests.test_backup import a_case_a_letter_and_a_published_file, media  # noqa: F401

pytestmark = pytest.mark.django_db


def stray(root: Path, name: str, *, hours_ago: float) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n%left behind\n%%EOF\n")
    then = time.time() - hours_ago * 3600
    os.utime(path, (then, then))
    return name


def sweep(capsys, *args: str) -> list[str]:
    call_command("files", "sweep", *args)
    return capsys.readouterr().out.splitlines()


def test_sweep_lists_then_removes_exactly_the_old_files_no_record_names(media, capsys):  # noqa: F811
    # given records with files of each kind (an ID scan, a letter, a published attachment)
    _, code, _, letter, _, attachment = a_case_a_letter_and_a_published_file()
    named = referenced_names()
    assert len(named) == 3
    for name in named:  # all written long ago, like the strays
        os.utime(media / name, (time.time() - 7200, time.time() - 7200))
    # and files no record names: two old ones, one written a moment ago, one in a restore's
    # staging folder
    old = {
        stray(media, "applications/2026/03/left-by-a-kill", hours_ago=3),
        stray(media, "letters/orphan.docx", hours_ago=30),
    }
    young = stray(media, "applications/2026/03/being-written", hours_ago=0)
    staging = stray(media, ".gongkai-restore-1/x.pdf", hours_ago=5)
    # and a record whose file is gone
    (media / letter.docx_file.name).unlink()

    # when the sweep runs without --delete
    lines = sweep(capsys)
    # then it lists exactly the old strays and the missing file, and changes nothing
    listed = {line.split("：", 1)[1].split("（")[0] for line in lines if line.startswith("无记录")}
    assert listed == old
    assert [line for line in lines if line.startswith("文件缺失")] == [
        f"文件缺失的记录：{letter.docx_file.name}"
    ]
    assert "发现 2 个无记录的文件" in lines[-1] and "另有 1 个较新的文件" in lines[-1]
    assert all((media / name).exists() for name in [*old, young, staging])
    assert not AuditEvent.objects.filter(action="files.sweep").exists()

    # when it runs with --delete
    lines = sweep(capsys, "--delete")
    # then exactly the old strays are gone; the records' files, the young one and the staging
    # folder stay; one audit row names what was removed
    assert {
        line.split("：", 1)[1].split("（")[0] for line in lines if line.startswith("已删除：")
    } == old
    assert not any((media / name).exists() for name in old)
    assert (media / young).exists() and (media / staging).exists()
    scan = Application.objects.get(tracking_code=code).attachments.get().file.name
    assert (media / scan).exists() and (media / attachment.file.name).exists()
    event = AuditEvent.objects.get(action="files.sweep")
    assert event.actor is None and sorted(event.after["names"]) == sorted(old)
    assert event.after["removed"] == 2

    # and a guard of zero takes the young stray too; then nothing is left to find
    sweep(capsys, "--delete", "--older-than", "0")
    assert not (media / young).exists()
    assert "没有无记录的文件" in sweep(capsys)[-1]


def test_a_bad_age_is_refused_in_chinese(media, capsys):  # noqa: F811
    with pytest.raises(SystemExit) as exit:
        call_command("files", "sweep", "--older-than", "2x")
    assert exit.value.code == 2
    assert "--older-than 2x 无效" in capsys.readouterr().err
