"""What the citizen's status page shows: plain outcome names, letters as PDF (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import application_decide, application_register
from gongkai.applications.tests.factories import make_office, person
from gongkai.letters.case_facts import case_facts
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue, letter_settings_save
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, application_row

pytestmark = pytest.mark.django_db
COUNTING_NOTE = "只计这一情形"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def test_plain_names_carry_the_group_and_no_counting_note():
    names = {key: application_row(key).plain_label for key in OUTCOME_KEYS}
    assert names[Outcome.PARTIALLY_GRANTED] == "部分公开"
    assert names[Outcome.WITHHELD_STATE_SECRET] == "不予公开：属于国家秘密"
    assert names[Outcome.NOT_PROCESSED_REPEATED] == "不予处理：重复申请"
    assert all(
        COUNTING_NOTE not in name and "行政机关不再处理" not in name for name in names.values()
    )


def test_the_case_page_and_the_citizens_page_say_partially_granted(client):
    office = make_office()
    submission = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.IN_PERSON,
        arrived_on=dt.date(2026, 3, 2),
    )
    case = application_decide(
        application=submission.application,
        actor=office.approver,
        seen_version=1,
        outcome=Outcome.PARTIALLY_GRANTED,
        on=dt.date(2026, 3, 20),
    ).application
    client.force_login(office.office)
    staff = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    html = staff.content.decode()
    assert "已作出答复决定（部分公开）" in html and COUNTING_NOTE not in html
    client.logout()
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    public = client.get(reverse("portal:track_status", args=[case.tracking_code])).content.decode()
    assert '<dd id="case-outcome">部分公开</dd>' in public and COUNTING_NOTE not in public
    # and once decided the page says when, not a due date still marked 暂定 or days left
    assert "已于2026年3月20日作出答复" in public
    due = public.split('id="case-due">', 1)[1].split("</dd>", 1)[0]
    assert "暂定" not in due and "剩余" not in due


def test_the_public_gets_a_letter_as_pdf_only(client, settings, tmp_path):
    # issue 11 (minor): the status page offered the editable Word file too
    settings.MEDIA_ROOT = tmp_path
    office = make_office()
    submission = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.IN_PERSON,
        arrived_on=dt.date(2026, 3, 2),
    )
    case = application_decide(
        application=submission.application,
        actor=office.approver,
        seen_version=1,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        on=dt.date(2026, 3, 20),
    ).application
    letter_settings_save(actor=None, agency=office.agency, reconsideration_organ="某市人民政府")
    context = application_context(
        case,
        kind=LetterKind.REPLY,
        letter_date=dt.date(2026, 3, 20),
        **case_facts(case, LetterKind.REPLY, contact="王科员，0396-1234567"),
    )
    letter = letter_issue(agency=office.agency, context=context, actor=None, application=case)
    assert letter.docx_file  # staff keep the Word file
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    html = client.get(reverse("portal:track_status", args=[case.tracking_code])).content.decode()
    assert "下载 PDF" in html and "下载 Word" not in html
    pdf = client.get(reverse("portal:track_letter", args=[case.tracking_code, letter.pk, "pdf"]))
    assert pdf.status_code == 200
    docx = client.get(reverse("portal:track_letter", args=[case.tracking_code, letter.pk, "docx"]))
    assert docx.status_code == 404
