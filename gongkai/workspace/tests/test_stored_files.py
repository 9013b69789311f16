"""A case's files in the workspace: a letter or an applicant's scan whose file storage lost
(a database-only restore) answers a clear Chinese page, not a 500; downloads are never stored
by a cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import application_submit
from gongkai.applications.tests.factories import make_office, person, registered
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue
from gongkai.letters.tests.factories import BODIES

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n%scan of an identity card\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def issued_reply(office):
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
    return case, letter


def test_a_letter_downloads_without_being_stored_by_a_cache(client):
    office = make_office()
    case, letter = issued_reply(office)
    client.force_login(office.office)
    url = reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "docx"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert "no-store" in response["Cache-Control"]


def test_a_letter_whose_file_is_missing_answers_a_clear_page(client):
    # given an issued letter whose file was not restored
    office = make_office()
    case, letter = issued_reply(office)
    letter.docx_file.storage.delete(str(letter.docx_file.name))
    client.force_login(office.office)

    # when the office downloads it
    url = reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "docx"])
    response = client.get(url)

    # then a Chinese page, not a 500
    assert response.status_code == 404
    assert "文件暂不可用" in response.content.decode()


def test_an_applicants_scan_whose_file_is_missing_answers_a_clear_page(client):
    # given an online application with an ID scan, whose file was not restored
    office = make_office()
    scan = SimpleUploadedFile("身份证.pdf", SCAN, content_type="application/pdf")
    submission = application_submit(agency=office.agency, applicant=person(), attachments=[scan])
    case = Application.objects.get(tracking_code=submission.tracking_code)
    attachment = case.attachments.get()
    client.force_login(office.office)
    url = reverse("workspace:case_attachment", args=[case.tracking_code, attachment.pk])
    assert "no-store" in client.get(url)["Cache-Control"]
    attachment.file.storage.delete(str(attachment.file.name))

    # when the office opens it
    response = client.get(url)

    # then a Chinese page that names the file, not a 500
    assert response.status_code == 404
    assert "文件暂不可用" in response.content.decode()
    assert "身份证.pdf" in response.content.decode()
