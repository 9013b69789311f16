"""A submission stays cheap: the repeat check is bounded and outside the transaction, the
query code is kept as a keyed hash (older password hashes still verify)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import override_settings

from gongkai.applications import selectors
from gongkai.applications.models import Application
from gongkai.applications.query_codes import hash_query_code, query_code_matches
from gongkai.applications.selectors import REPEAT_CANDIDATES, application_by_codes
from gongkai.applications.services import application_submit
from gongkai.applications.services import intake as intake_module
from gongkai.applications.similarity import fingerprint
from gongkai.applications.tests.factories import make_office, person

pytestmark = pytest.mark.django_db


def test_the_repeat_check_runs_before_the_transaction_and_still_flags(monkeypatch):
    # given an earlier application and a spy on the repeat check
    office = make_office()
    application_submit(agency=office.agency, applicant=person(description="2025年统计公报全文"))
    outside = len(connection.atomic_blocks)
    depths: list[int] = []
    real = selectors.possible_repeats

    def spy(**kwargs):
        depths.append(len(connection.atomic_blocks))
        return real(**kwargs)

    monkeypatch.setattr(intake_module, "possible_repeats", spy)
    # when the same applicant submits nearly the same again
    again = application_submit(
        agency=office.agency, applicant=person(description="2025年 统计公报 全文。")
    ).application
    # then the check ran with no transaction of the submission open, and the flag is stored
    assert depths == [outside]
    again.refresh_from_db()
    assert again.possible_repeat


def test_the_repeat_check_compares_a_bounded_number_of_earlier_cases(monkeypatch):
    # given 60 earlier cases of the same applicant
    office = make_office()
    first = application_submit(agency=office.agency, applicant=person()).application
    copies = []
    for n in range(59):
        copy = Application.objects.get(pk=first.pk)
        copy.pk = None
        copy.tracking_code = f"2026-COPY{n:04d}"
        copy.description = f"第{n}份：不同的内容{n * 7919}"
        copies.append(copy)
    Application.objects.bulk_create(copies)
    # when the applicant submits once more
    compared: list[str] = []

    def counting(text: str):
        compared.append(text)
        return fingerprint(text)

    monkeypatch.setattr(selectors, "fingerprint", counting)
    application_submit(agency=office.agency, applicant=person(description="新的申请内容"))
    # then at most REPEAT_CANDIDATES earlier descriptions were fingerprinted (+ the new one)
    assert REPEAT_CANDIDATES < 60
    assert len(compared) == REPEAT_CANDIDATES + 1


def test_the_query_code_is_kept_as_a_keyed_hash():
    office = make_office()
    submission = application_submit(agency=office.agency, applicant=person())
    stored = submission.application.query_code_hash
    assert stored.startswith("hmac-sha256$") and submission.query_code not in stored
    assert stored == hash_query_code(submission.query_code)
    assert query_code_matches(submission.query_code, stored)
    assert not query_code_matches("AAAAAAAA", stored)


def test_a_query_code_hashed_before_still_opens_its_case():
    # given a case whose query code was stored as a Django password hash (before HMAC)
    office = make_office()
    case = application_submit(agency=office.agency, applicant=person()).application
    Application.objects.filter(pk=case.pk).update(query_code_hash=make_password("K7M3Q9TX"))
    # then the code still opens it, and a wrong one does not
    assert application_by_codes(tracking_code=case.tracking_code, query_code="k7m3q9tx") == case
    assert application_by_codes(tracking_code=case.tracking_code, query_code="K7M3Q9TY") is None


def test_a_query_code_survives_a_key_rotation_through_the_fallbacks():
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        stored = hash_query_code("K7M3Q9TX")
    with override_settings(SECRET_KEY="new-key-" + "y" * 50):
        assert not query_code_matches("K7M3Q9TX", stored)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert query_code_matches("K7M3Q9TX", stored)


def test_a_case_number_used_twice_is_still_a_clear_refusal():
    # The check constraints are left to the database at the insert; the unique ones are still
    # checked before it, with a message.
    import datetime as dt

    from django.core.exceptions import ValidationError

    from gongkai.applications.receipt import Channel
    from gongkai.applications.services import application_register

    office = make_office()

    def register():
        return application_register(
            actor=office.office,
            agency=office.agency,
            applicant=person(),
            channel=Channel.IN_PERSON,
            arrived_on=dt.date(2026, 3, 2),
            case_number="驻经开统〔2026〕1号",
        )

    register()
    with pytest.raises(ValidationError):
        register()
    assert Application.objects.count() == 1
