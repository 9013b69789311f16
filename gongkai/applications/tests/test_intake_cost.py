"""A submission stays cheap: the repeat check is bounded and outside the transaction, the
query code is kept as a keyed hash (older password hashes still verify)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import override_settings

from gongkai.applications import selectors
from gongkai.applications.models import Application
from gongkai.applications.procedure.similarity import fingerprint
from gongkai.applications.query_codes import hash_query_code, query_code_matches
from gongkai.applications.selectors import REPEAT_CANDIDATES, application_by_codes
from gongkai.applications.services import application_submit
from gongkai.applications.services import intake as intake_module
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

    from gongkai.applications.procedure.receipt import Channel
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


def test_the_repeat_check_seeks_the_applicant_by_an_index_not_a_scan():
    # An agency's cases grow by thousands a year: the earlier cases of one applicant are found
    # through an index on each identifier, never by reading all the agency's cases.
    office = make_office()
    case = application_submit(agency=office.agency, applicant=person()).application
    others = []
    for n in range(500):  # other applicants' cases, so that a planner sees a table to seek in
        other = Application.objects.get(pk=case.pk)
        other.pk = None
        other.tracking_code = f"2026-OTHR{n:04d}"
        other.id_document_number = f"OTHER{n:06d}"
        other.applicant_name = f"他人{n}"
        others.append(other)
    Application.objects.bulk_create(others)
    indexes = ["application_agency_idno", "application_agency_namephone"]
    identifiers = selectors.applicant_identifiers(case)
    assert len(identifiers) == len(indexes)
    for identifier, index in zip(identifiers, indexes, strict=True):
        query = Application.objects.filter(agency_id=case.agency_id).filter(identifier)
        sql, params = query.only("id", "description").order_by("-id")[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            else:
                cursor.execute("ANALYZE applications_application")
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = " ".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_a_portal_submission_asks_the_database_only_what_it_needs(django_assert_num_queries):
    # given an agency and an earlier case of the applicant
    office = make_office()
    application_submit(agency=office.agency, applicant=person(description="2025年统计公报全文"))
    # then a submission is: the tracking code unused, the applicant's latest cases (one query
    # per identifier: id number; name and phone), the case, its event, its audit row — no
    # look-up of the agency given, no unique check of a case number it does not have (6, and
    # the SAVEPOINT and RELEASE of its transaction inside the test's)
    with django_assert_num_queries(8):
        application_submit(agency=office.agency, applicant=person(description="2024年预算"))
