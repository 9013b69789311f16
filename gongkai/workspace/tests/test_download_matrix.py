"""Who may download what a case holds: the role × download matrix (issue 11, item 3).

The rule: who may read a letter or an attachment = who may read the unmasked case, i.e. the
case's assigned handler and the agency's disclosure office (`may_see_personal_data`). Everyone
else who sees the case (approver, leader, confidentiality reviewer, supervising office, a
handler of another section's case, the platform's superuser) sees it masked and is refused
every download (403); whoever does not see the case at all gets 404; the anonymous visitor is
sent to sign in. A letter prints the applicant's name and request; an attachment may be a
scan of an identity document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.applications.services import (
    application_assign,
    application_attach,
    application_request_clarification,
)
from gongkai.applications.tests.factories import RESIDENT_ID, Office, registered
from gongkai.letters.case_facts import case_facts
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.models import IssuedLetter
from gongkai.letters.selectors import application_context
from gongkai.letters.services import letter_issue

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

FULL, MASKED, HIDDEN, TO_LOGIN = "full", "masked", "hidden", "login"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# What each person may do with the case: read it unmasked, read it masked, or not see it.
ACCESS: dict[str, str] = {
    "anonymous": TO_LOGIN,
    "no role": TO_LOGIN,  # an account without a role cannot sign in (decision 0007)
    "superuser": MASKED,
    Role.ADMINISTRATOR.value: HIDDEN,
    Role.DISCLOSURE_OFFICE.value: FULL,
    Role.HANDLER.value: FULL,  # the case's assigned handler
    "section colleague": MASKED,  # a handler of the same section, not assigned the case
    "other handler": HIDDEN,  # a handler of another section
    Role.APPROVER.value: MASKED,
    Role.LEADER.value: MASKED,
    Role.CONFIDENTIALITY_REVIEWER.value: MASKED,
    Role.SUPERVISING_REVIEWER.value: MASKED,
}
DOWNLOADS = ("letter pdf", "letter docx", "attachment")
STATUS = {FULL: 200, MASKED: 403, HIDDEN: 404}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world() -> tuple[dict[str, Any], Any, IssuedLetter, Any]:
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    stats = make_section(agency=bureau, name="统计股")
    other = make_section(agency=bureau, name="综合股")
    users: dict[str, Any] = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        section = stats if role == Role.HANDLER else None
        users[role.value] = make_member(agency=where, role=role, section=section)
    users["section colleague"] = make_member(agency=bureau, role=Role.HANDLER, section=stats)
    users["other handler"] = make_member(agency=bureau, role=Role.HANDLER, section=other)
    office_user = users[Role.DISCLOSURE_OFFICE.value]
    office = Office(
        agency=bureau,
        section=stats,
        office=office_user,
        head=office_user,
        handler=users[Role.HANDLER.value],
        approver=users[Role.APPROVER.value],
        leader=users[Role.LEADER.value],
    )
    case = registered(office, dt.date(2026, 3, 2), name="张三丰")
    case = application_assign(
        application=case,
        actor=office_user,
        seen_version=case.version,
        section=stats,
        handler=office.handler,
        on=dt.date(2026, 3, 3),
    ).application
    case = application_request_clarification(
        application=case,
        actor=office_user,
        seen_version=case.version,
        items=["请写明所需信息的年份"],
        answer_due=dt.date(2026, 3, 16),
        on=dt.date(2026, 3, 4),
    ).application
    letter = letter_issue(
        agency=bureau,
        context=application_context(
            case,
            kind=LetterKind.CLARIFICATION,
            letter_date=dt.date(2026, 3, 4),
            **case_facts(case, LetterKind.CLARIFICATION),
        ),
        actor=office_user,
        application=case,
    )
    scan = application_attach(
        application=case,
        actor=office_user,
        upload=SimpleUploadedFile("身份证.png", PNG, content_type="image/png"),
    )
    return users, case, letter, scan


def outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("workspace:login")):
        return TO_LOGIN
    return response.status_code


def test_every_download_follows_who_may_read_the_unmasked_case(client, world):
    users, case, letter, scan = world
    urls = {
        "letter pdf": reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]),
        "letter docx": reverse(
            "workspace:case_letter", args=[case.tracking_code, letter.pk, "docx"]
        ),
        "attachment": reverse("workspace:case_attachment", args=[case.tracking_code, scan.pk]),
    }
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        access = ACCESS[who]
        for download, url in urls.items():
            got = outcome(client.get(url))
            want = TO_LOGIN if access == TO_LOGIN else STATUS[access]
            if got != want:
                failures.append(f"{who} × {download}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", [who for who, access in ACCESS.items() if access == MASKED])
def test_a_masked_reader_sees_the_letters_listed_without_links_or_a_form(client, world, who):
    users, case, letter, _ = world
    client.force_login(users[who])
    response = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    html = response.content.decode()
    assert letter.number in html  # the letter exists and is named
    assert reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]) not in html
    assert "仅本申请的承办人和公开办可以查看和下载" in html
    assert response.context["letter_forms"] == []
    assert "张三丰" not in html and RESIDENT_ID not in html


@pytest.mark.parametrize("who", [who for who, access in ACCESS.items() if access == MASKED])
def test_a_masked_reader_cannot_issue_a_letter(client, world, who):
    users, case, _, _ = world
    client.force_login(users[who])
    before = IssuedLetter.objects.count()
    response = client.post(
        reverse("workspace:case_letter_new", args=[case.tracking_code, "clarification"]),
        {"letter-clarification-letter_date": "2026-03-05"},
    )
    assert response.status_code == 403
    assert IssuedLetter.objects.count() == before


@pytest.mark.parametrize("who", [Role.DISCLOSURE_OFFICE.value, Role.HANDLER.value])
def test_the_staff_working_on_the_case_get_the_letter_with_the_applicant(client, world, who):
    users, case, letter, _ = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    assert reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "pdf"]) in html
    response = client.get(
        reverse("workspace:case_letter", args=[case.tracking_code, letter.pk, "docx"])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_the_api_gives_personal_data_only_to_the_staff_working_on_the_case(client, world):
    users, case, _, _ = world
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        detail = client.get(f"/api/applications/{case.tracking_code}")
        listing = client.get("/api/applications/")
        access = ACCESS[who]
        if access == TO_LOGIN:
            if (detail.status_code, listing.status_code) != (401, 401):
                failures.append(f"{who}: {detail.status_code}/{listing.status_code}, not 401")
            continue
        if access == HIDDEN:
            if detail.status_code != 404 or case.tracking_code in listing.content.decode():
                failures.append(f"{who}: the case is visible")
            continue
        shown = detail.json()["applicant"]
        full = shown["name"] == "张三丰" and shown["id_document_number"] == RESIDENT_ID
        if full is not (access == FULL):
            failures.append(f"{who}: applicant shown {'in full' if full else 'masked'}")
        if "张三丰" in listing.content.decode() or RESIDENT_ID in listing.content.decode():
            failures.append(f"{who}: the list shows personal data")
    assert not failures, "\n".join(failures)


def test_the_portal_gives_no_letter_without_the_query_code(client, world):
    _, case, letter, _ = world
    url = reverse("portal:track_letter", args=[case.tracking_code, letter.pk, "pdf"])
    assert client.get(url).status_code == 404
