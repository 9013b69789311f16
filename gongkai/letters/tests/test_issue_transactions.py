"""Issuing a letter: the number is reserved in a short transaction, the files are rendered with
no lock held, and a letter whose files cannot be written leaves nothing behind (issue 13 item 4).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

import gongkai.letters.services as services
from gongkai.agencies.tests.factories import make_agency
from gongkai.audit.models import AuditEvent
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.models import IssuedLetter
from gongkai.letters.selectors import issued_letters
from gongkai.letters.services import letter_issue
from gongkai.letters.tests.factories import make_context

CONTEXT = make_context(LetterKind.EXTENSION, letter_number="")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root) -> list[str]:
    return sorted(path.name for path in root.rglob("*") if path.is_file())


@pytest.mark.django_db
def test_a_letter_that_cannot_be_rendered_leaves_nothing_and_its_number_is_used_next(
    media_root, monkeypatch
):
    # given an agency whose PDF writer fails once (after the DOCX was rendered)
    agency = make_agency()
    real = services.render_letter  # type: ignore[attr-defined]
    failures = iter([True])

    def render(letter: Any, fmt: Any) -> bytes:
        if str(fmt) == "pdf" and next(failures, False):
            raise OSError("fontconfig: out of memory")
        return real(letter, fmt)

    monkeypatch.setattr(services, "render_letter", render)
    # when a letter is issued
    with pytest.raises(OSError, match="fontconfig"):
        letter_issue(agency=agency, context=CONTEXT, actor=None)
    # then no record, no file and no audit event is left
    assert not IssuedLetter.objects.exists()
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.filter(action="letter.issue").exists()
    # and the next letter takes the number the failed one had reserved: no gap
    issued = letter_issue(agency=agency, context=CONTEXT, actor=None)
    assert issued.number == "依申请公开〔2024〕1号"
    assert issued.pdf_file and issued.docx_file
    assert len(stored_files(media_root)) == 2


@pytest.mark.django_db(transaction=True)
def test_another_letter_of_the_agency_is_numbered_while_one_is_rendered(monkeypatch):
    # given a letter being rendered (its PDF takes a while) ...
    agency = make_agency()
    real = services.render_letter  # type: ignore[attr-defined]
    during: dict[str, Any] = {}

    def issue_another() -> None:
        try:
            during["number"] = letter_issue(
                agency=agency, context=CONTEXT, actor=None, formats=["docx"]
            ).number
        except Exception as error:  # reported by the assertion below
            during["error"] = repr(error)
        finally:
            connection.close()

    def render(letter: Any, fmt: Any) -> bytes:
        if str(fmt) == "pdf" and "number" not in during:
            # ... while a colleague issues another letter of the same agency
            other = threading.Thread(target=issue_another)
            other.start()
            other.join(timeout=30)
            during["finished"] = not other.is_alive()
        return real(letter, fmt)

    monkeypatch.setattr(services, "render_letter", render)
    # when the first letter finishes
    first = letter_issue(agency=agency, context=CONTEXT, actor=None)
    # then the colleague's letter was numbered and stored before the first one's PDF was done:
    # no lock was held while rendering
    assert during.get("finished") is True, during
    assert during == {"number": "依申请公开〔2024〕2号", "finished": True}
    assert first.number == "依申请公开〔2024〕1号"
    assert sorted(IssuedLetter.objects.values_list("sequence", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(action="letter.issue").count() == 2


@pytest.mark.django_db
def test_a_number_reserved_while_its_files_are_drawn_is_listed_as_no_letter(monkeypatch):
    # given a letter whose files are being drawn: its numbered record exists, its files do not
    agency = make_agency()
    real = services.render_letter  # type: ignore[attr-defined]
    seen: dict[str, list[str]] = {}

    def render(letter: Any, fmt: Any) -> bytes:
        reserved = IssuedLetter.objects.get()
        seen[str(fmt)] = [
            letter.number for letter in issued_letters(tracking_code=reserved.tracking_code)
        ]
        return real(letter, fmt)

    monkeypatch.setattr(services, "render_letter", render)
    issued = letter_issue(agency=agency, context=CONTEXT, actor=None)
    # then the case lists no letter while drawing (nor would it after a kill in between) ...
    assert seen == {"docx": [], "pdf": []}
    # ... and the letter once its files are attached
    listed = issued_letters(tracking_code=issued.tracking_code)
    assert [letter.number for letter in listed] == [issued.number]
