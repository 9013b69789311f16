"""Complaints and review cases (table 四) and letter settings in the workspace.

The role × page matrix: the disclosure office records and decides; leaders and the
supervising-office reviewers above read the list and table 四; the letter settings belong to
the disclosure office and the administrators.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.applications.tests.factories import Office, registered
from gongkai.audit.models import AuditEvent
from gongkai.letters.models import LetterSettings
from gongkai.letters.selectors import letter_settings_for
from gongkai.reviews.models import Complaint, ComplaintSource, ReviewCase, ReviewKind
from gongkai.reviews.services import complaint_record, review_case_record

pytestmark = pytest.mark.django_db

OK, TO_LOGIN, FORBIDDEN, FOUND = 200, "login", 403, 302
D = dt.date


@pytest.fixture
def world():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    section = make_section(agency=bureau, name="统计股")
    users: dict[str, Any] = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        users[role.value] = make_member(
            agency=where, role=role, section=section if role == Role.HANDLER else None
        )
    office = users[Role.DISCLOSURE_OFFICE.value]
    complaint = complaint_record(
        actor=office,
        agency=bureau,
        source=ComplaintSource.DIRECT,
        received_on=D(2026, 1, 5),
        subject="未按时答复",
    )
    case = review_case_record(
        actor=office, agency=bureau, kind=ReviewKind.RECONSIDERATION, filed_on=D(2026, 1, 6)
    )
    return users, bureau, complaint, case


READERS = {Role.DISCLOSURE_OFFICE.value, Role.LEADER.value, Role.SUPERVISING_REVIEWER.value}
SETTINGS = {Role.DISCLOSURE_OFFICE.value, Role.ADMINISTRATOR.value}


def expected(who: str, page: str) -> Any:
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return TO_LOGIN
    if who == "superuser":
        return OK  # several agencies: the index lists them
    if page == "index":
        return FOUND if who in READERS else FORBIDDEN  # one agency: straight to its list
    if page == "list":
        return OK if who in READERS else FORBIDDEN
    if page == "settings":
        return OK if who in SETTINGS else FORBIDDEN
    return OK if who == Role.DISCLOSURE_OFFICE.value else FORBIDDEN  # the forms


def outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("workspace:login")):
        return TO_LOGIN
    return response.status_code


def test_every_role_gets_what_it_may_on_the_review_pages(client, world):
    users, bureau, complaint, case = world
    code = bureau.code
    pages = {
        "index": reverse("workspace:review_index"),
        "list": reverse("workspace:review_list", args=[code]),
        "complaint_new": reverse("workspace:complaint_new", args=[code]),
        "complaint_close": reverse("workspace:complaint_close", args=[code, complaint.pk]),
        "case_new": reverse("workspace:review_case_new", args=[code]),
        "case_decide": reverse("workspace:review_case_decide", args=[code, case.pk]),
        "settings": reverse("workspace:letter_settings", args=[code]),
    }
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for page, url in pages.items():
            got, want = outcome(client.get(url)), expected(who, page)
            if got != want:
                failures.append(f"{who} × {page}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", [Role.LEADER.value, Role.SUPERVISING_REVIEWER.value])
def test_readers_see_table_four_but_cannot_write(client, world, who):
    users, bureau, _, case = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:review_list", args=[bureau.code]) + "?year=2026")
    assert "未按时答复" in html.content.decode()
    assert "登记投诉举报" not in html.content.decode()
    refused = client.post(
        reverse("workspace:review_case_decide", args=[bureau.code, case.pk]),
        {"result": "upheld", "decided_on": "2026-02-01"},
    )
    assert refused.status_code == 403
    assert ReviewCase.objects.get(pk=case.pk).result == "pending"


def test_the_office_records_and_decides_and_table_four_counts_it(client, world):
    users, bureau, _, _ = world
    office_user = users[Role.DISCLOSURE_OFFICE.value]
    office = Office(bureau, bureau.sections.get(), office_user, office_user, *[office_user] * 3)
    application = registered(office, D(2026, 2, 2))
    client.force_login(office_user)
    code = bureau.code
    response = client.post(
        reverse("workspace:review_case_new", args=[code]),
        {
            "kind": "litigation_direct",
            "our_role": "original_agency",
            "filed_on": "2026-02-20",
            "case_number": "（2026）豫1702行初15号",
            "tracking_code": application.tracking_code.lower(),
        },
    )
    assert response.status_code == 302
    suit = ReviewCase.objects.get(case_number="（2026）豫1702行初15号")
    assert suit.application == application
    unknown = client.post(
        reverse("workspace:complaint_new", args=[code]),
        {
            "source": "superior",
            "received_on": "2026-02-21",
            "subject": "答复不规范",
            "tracking_code": "2026-NOPE",
        },
    )
    assert unknown.status_code == 400 and "本机关没有这个编号的申请" in unknown.content.decode()
    decided = client.post(
        reverse("workspace:review_case_decide", args=[code, suit.pk]),
        {"result": "corrected", "decided_on": "2026-03-10"},
    )
    assert decided.status_code == 302
    page = client.get(reverse("workspace:review_list", args=[code]) + "?year=2026")
    rows = dict(page.context["table"])
    assert rows["行政复议"] == [0, 0, 0, 1, 1]  # the fixture's, pending at the end of 2026
    assert rows["行政诉讼（未经复议直接起诉）"] == [0, 1, 0, 0, 1]
    again = client.post(
        reverse("workspace:review_case_decide", args=[code, suit.pk]),
        {"result": "upheld", "decided_on": "2026-03-11"},
    )
    assert again.status_code == 400 and "已于 2026-03-10 审结" in again.content.decode()
    assert Complaint.objects.count() == 1


def test_letter_settings_have_no_default_review_organ_and_are_saved_audited(client, world):
    users, bureau, _, _ = world
    # 行政复议法第二十四条: not the supervising office (管委会) by default; nothing until set
    assert letter_settings_for(bureau).reconsideration_organ == ""
    assert letter_settings_for(bureau).number_prefix == "依申请公开"
    client.force_login(users[Role.ADMINISTRATOR.value])
    url = reverse("workspace:letter_settings", args=[bureau.code])
    bad = client.post(url, {"number_prefix": "驻统〔2026〕"})
    assert bad.status_code == 400 and "文号前缀只填机关代字" in bad.content.decode()
    response = client.post(
        url, {"reconsideration_organ": "驻马店市人民政府", "number_prefix": "驻开统公开"}
    )
    assert response.status_code == 302
    used = letter_settings_for(bureau)
    assert (used.reconsideration_organ, used.number_prefix, used.court) == (
        "驻马店市人民政府",
        "驻开统公开",
        "",
    )
    saved = LetterSettings.objects.get(agency=bureau)
    assert (
        AuditEvent.objects.filter(action="letter_settings.save", object_id=str(saved.pk)).count()
        == 1
    )
    client.post(url, {"reconsideration_organ": "驻马店市人民政府", "number_prefix": "驻开统公开"})
    assert AuditEvent.objects.filter(action="letter_settings.save").count() == 1  # no change
