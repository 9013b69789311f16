"""The registers behind table 二 in the workspace: the role × page matrix, GET and POST.

Reading: the disclosure office, the agency's leaders, the supervising-office reviewers above
it and the superuser. Writing: the disclosure office and the superuser. Everyone else 403;
anonymous visitors go to the login page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_section, make_user
from gongkai.registers.models import (
    AdministrativeDecision,
    DecisionMonthlyTotal,
    FeeLedgerEntry,
    RegulatoryDocument,
)
from gongkai.registers.permissions import can_view_registers
from gongkai.registers.selectors import agencies_with_registers_visible_to
from gongkai.registers.tests.factories import make_document

pytestmark = pytest.mark.django_db

OK, TO_LOGIN, FORBIDDEN, FOUND = 200, "login", 403, 302

READERS = {Role.DISCLOSURE_OFFICE.value, Role.LEADER.value, Role.SUPERVISING_REVIEWER.value}
KEEPERS = {Role.DISCLOSURE_OFFICE.value, "superuser"}
READ_PAGES = ("index", "table", "documents", "decisions", "fees")


@pytest.fixture
def world():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    bureau = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)
    other = make_agency(code="zmd-sjj", name="驻马店经济开发区审计局", parent=committee)
    section = make_section(agency=bureau, name="统计股")
    users: dict[str, Any] = {
        "anonymous": None,
        "no role": make_user(),
        "superuser": make_user(is_superuser=True),
        "office of another agency": make_member(agency=other, role=Role.DISCLOSURE_OFFICE),
    }
    for role in Role:
        where = committee if role == Role.SUPERVISING_REVIEWER else bureau
        users[role.value] = make_member(
            agency=where, role=role, section=section if role == Role.HANDLER else None
        )
    return users, bureau


def outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("workspace:login")):
        return TO_LOGIN
    return response.status_code


def expected_get(who: str, page: str) -> Any:
    if who in ("anonymous", "no role"):
        # A user without a role cannot sign in: its session counts for nothing.
        return TO_LOGIN
    if who == "superuser":
        return OK  # several agencies: the index lists them
    if who == Role.SUPERVISING_REVIEWER.value and page == "index":
        return OK  # the two agencies below its office: the index lists them
    if who == "office of another agency":
        return FOUND if page == "index" else FORBIDDEN  # its own registers only
    if page in READ_PAGES:
        if who not in READERS:
            return FORBIDDEN
        return FOUND if page == "index" else OK  # one agency: straight to its table
    return OK if who in KEEPERS else FORBIDDEN


def totals_file() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "月度数量.csv", "年份,月份,类别,数量\n2026,1,行政许可,7\n".encode(), "text/csv"
    )


def test_every_role_gets_what_it_may_on_the_register_pages(client, world):
    users, bureau = world
    code = bureau.code
    document = make_document(agency=bureau, issued_on=dt.date(2025, 1, 2))
    pages = {
        "index": reverse("workspace:register_index"),
        "table": reverse("workspace:register_table", args=[code]),
        "documents": reverse("workspace:register_documents", args=[code]),
        "decisions": reverse("workspace:register_decisions", args=[code]),
        "fees": reverse("workspace:register_fees", args=[code]),
        "document_new": reverse("workspace:register_document_new", args=[code]),
        "repeal": reverse("workspace:register_document_repeal", args=[code, document.pk]),
        "balance_new": reverse("workspace:register_balance_new", args=[code]),
        "decision_new": reverse("workspace:register_decision_new", args=[code]),
        "total_new": reverse("workspace:register_total_new", args=[code]),
        "import": reverse("workspace:register_totals_import", args=[code]),
        "fee_new": reverse("workspace:register_fee_new", args=[code]),
    }
    failures = []
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for page, url in pages.items():
            got, want = outcome(client.get(url)), expected_get(who, page)
            if got != want:
                failures.append(f"GET {who} × {page}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)


def test_only_the_keepers_write_and_a_refused_post_writes_nothing(client, world):
    users, bureau = world
    code = bureau.code
    failures = []
    for n, (who, user) in enumerate(users.items()):
        client.logout()
        if user is not None:
            client.force_login(user)
        document = make_document(agency=bureau, issued_on=dt.date(2025, 1, 2))
        posts = {
            "document_new": (
                reverse("workspace:register_document_new", args=[code]),
                {"kind": "rules", "title": f"规章{n}", "issued_on": "2025-04-01"},
            ),
            "repeal": (
                reverse("workspace:register_document_repeal", args=[code, document.pk]),
                {"repealed_on": "2025-06-30"},
            ),
            "balance_new": (
                reverse("workspace:register_balance_new", args=[code]),
                {"kind": "rules", "year": "2024", "in_force": "3"},
            ),
            "decision_new": (
                reverse("workspace:register_decision_new", args=[code]),
                {"kind": "penalty", "decided_on": "2026-02-03"},
            ),
            "total_new": (
                reverse("workspace:register_total_new", args=[code]),
                {"kind": "licensing", "year": "2026", "month": "2", "count": "4"},
            ),
            "import": (
                reverse("workspace:register_totals_import", args=[code]),
                {"file": totals_file()},
            ),
            "fee_new": (
                reverse("workspace:register_fee_new", args=[code]),
                {"collected_on": "2026-03-04", "amount_yuan": "150.00", "item": "证照工本费"},
            ),
        }
        for page, (url, data) in posts.items():
            got = outcome(client.post(url, data))
            want = (
                TO_LOGIN
                if who in ("anonymous", "no role")
                else FOUND
                if who in KEEPERS
                else FORBIDDEN
            )
            if got != want:
                failures.append(f"POST {who} × {page}: got {got}, expected {want}")
    assert not failures, "\n".join(failures)
    # then: only the two keepers' posts were written
    assert RegulatoryDocument.objects.filter(kind="rules").count() == 2
    assert RegulatoryDocument.objects.filter(repealed_on__isnull=False).count() == 2
    assert AdministrativeDecision.objects.count() == 2
    assert FeeLedgerEntry.objects.count() == 2
    assert set(DecisionMonthlyTotal.objects.values_list("month", "count")) == {(1, 7), (2, 4)}


@pytest.mark.parametrize(
    ("who", "linked"),
    [
        (Role.DISCLOSURE_OFFICE.value, True),
        (Role.LEADER.value, True),
        (Role.SUPERVISING_REVIEWER.value, True),
        (Role.APPROVER.value, False),
        (Role.HANDLER.value, False),
        ("no role", False),
    ],
)
def test_the_home_page_links_the_registers_only_for_those_who_may_read_them(
    client, world, who, linked
):
    users, _ = world
    client.force_login(users[who])
    html = client.get(reverse("workspace:home")).content.decode()
    assert (reverse("workspace:register_index") in html) is linked


@pytest.mark.parametrize("who", [Role.LEADER.value, Role.SUPERVISING_REVIEWER.value])
def test_readers_see_no_links_to_the_forms(client, world, who):
    users, bureau = world
    make_document(agency=bureau, issued_on=dt.date(2025, 1, 2))
    client.force_login(users[who])
    for view in ("register_table", "register_documents", "register_decisions", "register_fees"):
        html = client.get(reverse(f"workspace:{view}", args=[bureau.code])).content.decode()
        assert f"/workspace/registers/{bureau.code}/documents/new/" not in html
        assert "/repeal/" not in html
        assert "/decisions/month/" not in html
        assert "/fees/new/" not in html


def test_the_agency_set_agrees_with_the_predicate_for_every_user(world):
    users, _ = world
    agencies = list(Agency.objects.all())
    for who, user in users.items():
        if user is None:
            continue
        listed = set(agencies_with_registers_visible_to(user=user))
        allowed = {agency for agency in agencies if can_view_registers(user, agency)}
        assert listed == allowed, who
