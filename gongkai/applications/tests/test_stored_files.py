"""A submission or attachment whose transaction fails leaves no file on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from gongkai.applications.models import Application, Attachment
from gongkai.applications.services import application_attach, application_submit
from gongkai.applications.services import intake as intake_module
from gongkai.applications.tests.factories import make_office, person, registered

pytestmark = pytest.mark.django_db
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def locked(**kwargs: object) -> None:
    raise OperationalError("database is locked")


def test_a_failed_submission_leaves_no_id_scan(media_root, monkeypatch):
    # given the last write of the submission fails (as under SQLite's lock contention)
    office = make_office()
    monkeypatch.setattr(intake_module, "record_event", locked)
    # when an applicant submits with an ID scan
    with pytest.raises(OperationalError):
        application_submit(
            agency=office.agency,
            applicant=person(),
            attachments=[SimpleUploadedFile("身份证.png", PNG)],
        )
    # then no case, no attachment record and no file are left
    assert not Application.objects.exists() and not Attachment.objects.exists()
    assert files_under(media_root) == []


def test_a_failed_attachment_leaves_no_file(media_root, monkeypatch):
    office = make_office()
    case = registered(office, dt.date(2026, 3, 2))
    monkeypatch.setattr(intake_module, "record_event", locked)
    with pytest.raises(OperationalError):
        application_attach(
            application=case, actor=office.office, upload=SimpleUploadedFile("信封.png", PNG)
        )
    assert not Attachment.objects.exists()
    assert files_under(media_root) == []


def test_a_successful_submission_keeps_its_file(media_root):
    office = make_office()
    application_submit(
        agency=office.agency, applicant=person(), attachments=[SimpleUploadedFile("a.png", PNG)]
    )
    attachment = Attachment.objects.get()
    assert files_under(media_root) == [media_root / attachment.file.name]
