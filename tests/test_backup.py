"""`gongkai backup create/restore` across the apps whose records hold files: a round trip brings
back the records and their files (run on SQLite and on PostgreSQL: `make test` runs the
django_db tests on both); a damaged or foreign archive is refused in Chinese before anything
changes."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import application_submit
from gongkai.applications.tests.factories import make_office, person, registered
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.models import IssuedLetter
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.letters.tests.factories import BODIES
from gongkai.publications.models import ItemAttachment
from gongkai.publications.services import item_attach
from gongkai.publications.tests.factories import draft, make_team, publish_revision

pytestmark = pytest.mark.django_db(transaction=True)

SCAN = b"%PDF-1.4\n%an identity card\n%%EOF\n"
NOTICE = b"%PDF-1.4\n%a published notice\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.PORTAL_AGENCY_CODE = "backup-portal"
    root: Path = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def a_case_a_letter_and_a_published_file():
    office = make_office()
    scan = SimpleUploadedFile("身份证.pdf", SCAN, content_type="application/pdf")
    submission = application_submit(agency=office.agency, applicant=person(), attachments=[scan])
    case = registered(office, dt.date(2026, 3, 2))
    context = application_context(
        case,
        kind=LetterKind.REPLY,
        letter_date=dt.date(2026, 3, 20),
        outcome="granted",
        provision="随本答复书附送",
        review_bodies=BODIES,
        contact="王科员，0396-1234567",
    )
    letter = letter_issue(
        agency=office.agency, context=context, actor=None, application=case, formats=["docx"]
    )
    team = make_team(code="backup-portal")
    item = draft(team)
    attachment = item_attach(
        item=item, actor=team.handler, seen_version=item.version, name="通知.pdf", data=NOTICE
    )
    item = publish_revision(team, item)
    return office, submission.tracking_code, case, letter, item, attachment


def run(*args: str) -> int:
    try:
        call_command(*args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_a_round_trip_brings_back_the_records_and_their_files(client, media, tmp_path, capsys):
    # given records with files of each kind: an applicant's scan, a letter, a published file
    office, online_code, case, letter, item, attachment = a_case_a_letter_and_a_published_file()
    stored = {
        name: (media / name).read_bytes()
        for name in (
            Application.objects.get(tracking_code=online_code).attachments.get().file.name,
            letter.docx_file.name,
            attachment.file.name,
        )
    }
    backup = tmp_path / "gongkai.tar.gz"

    # when a backup is made
    assert run("backup", "create", str(backup)) == 0
    assert "3 个文件" in capsys.readouterr().out
    assert backup.stat().st_mode & 0o077 == 0  # personal data: the owner's only

    # and then the files are lost and the database moves on
    shutil.rmtree(media)
    media.mkdir()
    later = registered(office, dt.date(2026, 4, 1), name="李四")

    # and the backup is restored
    assert run("backup", "restore", str(backup), "--no-input") == 0
    assert "3 个文件" in capsys.readouterr().out

    # then the records are those of the backup, each with its file
    assert not Application.objects.filter(pk=later.pk).exists()
    assert Application.objects.filter(tracking_code=online_code).exists()
    assert IssuedLetter.objects.filter(pk=letter.pk).exists()
    assert ItemAttachment.objects.filter(pk=attachment.pk).exists()
    for name, data in stored.items():
        assert (media / name).read_bytes() == data
    # and they download again, on the portal and in the workspace
    portal = client.get(f"/items/{item.pk}/attachments/{attachment.pk}/")
    assert b"".join(portal.streaming_content) == NOTICE
    client.force_login(office.office)
    url = reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "docx"])
    assert client.get(url).status_code == 200


def test_a_backup_names_the_files_its_records_have_already_lost(media, tmp_path, capsys):
    _office, _code, _case, letter, _item, _attachment = a_case_a_letter_and_a_published_file()
    (media / letter.docx_file.name).unlink()
    backup = tmp_path / "gongkai.tar.gz"
    assert run("backup", "create", str(backup)) == 0
    assert letter.docx_file.name in capsys.readouterr().err
    with tarfile.open(backup) as archive:
        stream = archive.extractfile("manifest.json")
        assert stream is not None
        manifest = json.load(stream)
    assert manifest["missing"] == [letter.docx_file.name]


def _rewrite(backup: Path, target: Path, change) -> None:
    """Copy the archive, passing each member's bytes through `change(name, data)`."""
    with tarfile.open(backup) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            stream = source.extractfile(member)
            assert stream is not None
            data = change(member.name, stream.read())
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def test_a_damaged_or_foreign_backup_is_refused_before_anything_changes(media, tmp_path, capsys):
    # given a backup, and a case made after it
    office, *_ = a_case_a_letter_and_a_published_file()
    backup = tmp_path / "gongkai.tar.gz"
    assert run("backup", "create", str(backup)) == 0
    later = registered(office, dt.date(2026, 4, 1), name="李四")
    capsys.readouterr()

    # a file whose bytes changed
    damaged = tmp_path / "damaged.tar.gz"
    _rewrite(backup, damaged, lambda name, data: data + b"x" if name.startswith("media/") else data)
    assert run("backup", "restore", str(damaged), "--no-input") == 2
    assert "校验值不符" in capsys.readouterr().err

    # a backup of the other kind of database
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def foreign_vendor(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        return json.dumps({**json.loads(data), "vendor": other}).encode()

    foreign = tmp_path / "foreign.tar.gz"
    _rewrite(backup, foreign, foreign_vendor)
    assert run("backup", "restore", str(foreign), "--no-input") == 2
    assert "请恢复到同类数据库" in capsys.readouterr().err

    # a backup from a newer version of the code
    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        return json.dumps(
            {**manifest, "migrations": [*manifest["migrations"], "x.9999_y"]}
        ).encode()

    newer_backup = tmp_path / "newer.tar.gz"
    _rewrite(backup, newer_backup, newer)
    assert run("backup", "restore", str(newer_backup), "--no-input") == 2
    assert "较新的版本" in capsys.readouterr().err

    # not a backup at all
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    assert run("backup", "restore", str(junk), "--no-input") == 2
    assert "无法读取" in capsys.readouterr().err

    # then nothing changed
    assert Application.objects.filter(pk=later.pk).exists()


def test_a_restore_asks_first_and_a_backup_stays_out_of_the_media_folder(
    media, tmp_path, capsys, monkeypatch
):
    office, *_ = a_case_a_letter_and_a_published_file()
    # a backup inside the media folder would hold itself
    assert run("backup", "create", str(media / "gongkai.tar.gz")) == 2
    assert "不能放在文件目录" in capsys.readouterr().err
    backup = tmp_path / "gongkai.tar.gz"
    assert run("backup", "create", str(backup)) == 0
    later = registered(office, dt.date(2026, 4, 1), name="李四")
    # a restore without --no-input asks; anything but "yes" changes nothing
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert run("backup", "restore", str(backup)) == 2
    assert "已取消" in capsys.readouterr().err
    assert Application.objects.filter(pk=later.pk).exists()
