"""No rendered page shows staff or citizens an identifier the code uses (issue 11).

A raw enum value (`received`, `awaiting_fee`, `per_volume`, `unavailable.not_held`), a field
name (`fee_method`, `amount_yuan`), an English colon after Chinese, Django's `---------` or a
scan source (`body`) is a sign that a label is missing. The pages are rendered for a case and an
item that went through the acts that record such values, and their visible text is searched.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.applications.models import OUTCOME_CHOICES, Source
from gongkai.applications.procedure.correction import CORRECTION_OUTCOME_KEYS, RequestKind
from gongkai.applications.procedure.fees import FeeMethod
from gongkai.applications.procedure.history import EventKind
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.procedure.workflow import Action, State
from gongkai.applications.services import (
    application_answer_clarification,
    application_assign,
    application_decide,
    application_pay_fee,
    application_request_clarification,
    application_request_fee,
    application_submit,
)
from gongkai.applications.tests.factories import make_office, person, registered
from gongkai.audit.actions import FIELD_LABELS
from gongkai.letters.composition.kinds import LetterKind
from gongkai.publications.models import PublishedItem
from gongkai.publications.services import item_create_draft, item_reject, item_submit
from gongkai.publications.services.items import item_approve, item_import_published
from gongkai.publications.tests.factories import content, make_team
from gongkai.publications.workflow import Action as ItemAction
from gongkai.publications.workflow import State as ItemState
from gongkai.registers.services.fees import fee_record
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db

# Every code a page could leak: enum values and the field names the audit log records.
CODES = {
    *(s.value for s in State),
    *(a.value for a in Action),
    *(k.value for k in EventKind),
    *(key for key, _ in OUTCOME_CHOICES),
    *CORRECTION_OUTCOME_KEYS,
    *(k.value for k in RequestKind),
    *(k.value for k in LetterKind),
    *(m.value for m in FeeMethod),
    *(c.value for c in Channel),
    *(s.value for s in Source),
    *(s.value for s in ItemState),
    *(a.value for a in ItemAction),
    *(r.value for r in Role),
    *FIELD_LABELS,
    "amount_yuan",
    "fee_amount",
    "title",
    "body",
}
# Words that are also plain labels on the pages.
ALLOWED = {"PDF", "Word"}
SNAKE = re.compile(r"(?<![\w.-])[a-z]+(?:[_.][a-z_]+)+(?![\w-])")
WORD = re.compile(r"(?<![\w.:/-])[a-z][a-z_.]*[a-z](?![\w:/-])")


def visible_text(html: str) -> str:
    root: Any = lxml.html.fromstring(html)
    for hidden in root.xpath("//script|//style|//*[@hidden]"):
        hidden.drop_tree()
    return " ".join(" ".join(str(text) for text in root.itertext()).split())


def leaks(html: str) -> list[str]:
    text = visible_text(html)
    found = {w for w in WORD.findall(text) if w in CODES} | set(SNAKE.findall(text))
    if "---------" in text:
        found.add("---------")
    found |= {f"“{m}”" for m in re.findall(r"[\u4e00-\u9fff]:", text)}
    return sorted(found - ALLOWED)


@pytest.fixture
def office_world():
    office = make_office()
    today = timezone.localdate()
    start = today - dt.timedelta(days=5)
    online = application_submit(agency=office.agency, applicant=person(name="李四"))
    clarified = registered(office, start)
    clarified = application_assign(
        application=clarified,
        actor=office.office,
        seen_version=clarified.version,
        section=office.section,
        handler=office.handler,
        on=start,
    ).application
    clarified = application_request_clarification(
        application=clarified,
        actor=office.office,
        seen_version=clarified.version,
        items=["请写明年份"],
        answer_due=today + dt.timedelta(days=10),
        on=start,
    ).application
    application_answer_clarification(
        application=clarified, actor=office.office, seen_version=clarified.version, on=today
    )
    charged = registered(office, start)
    charged = application_request_fee(
        application=charged,
        actor=office.office,
        seen_version=charged.version,
        method=FeeMethod.PER_VOLUME,
        pages=50,
        on=start,
    ).application
    charged = application_pay_fee(
        application=charged, actor=office.office, seen_version=charged.version, on=today
    ).application
    decided = registered(office, start)
    application_decide(
        application=decided,
        actor=office.approver,
        seen_version=decided.version,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        on=today,
    )
    fee_record(
        agency=office.agency,
        actor=office.office,
        collected_on=today,
        amount_yuan=Decimal("120.00"),
        item="依申请公开信息处理费",
    )
    return office, online, [clarified, charged, decided]


def test_the_staffs_pages_of_cases_and_the_audit_log_hold_no_identifier(client, office_world):
    office, online, cases = office_world
    pages = [reverse("workspace:home"), reverse("workspace:case_list"), reverse("workspace:audit")]
    pages += [
        reverse("workspace:case_detail", args=[case.tracking_code])
        for case in [online.application, *cases]
    ]
    failures = []
    for user in (office.office, office.handler, office.approver):
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            if response.status_code == 200 and (found := leaks(response.content.decode())):
                failures.append(f"{url} ({user.username}): {found}")
    assert not failures, "\n".join(failures)


def test_the_citizens_status_page_holds_no_identifier(client, office_world):
    _, online, _ = office_world
    client.post(
        reverse("portal:track"),
        {"tracking_code": online.tracking_code, "query_code": online.query_code},
    )
    response = client.get(reverse("portal:track_status", args=[online.tracking_code]))
    assert response.status_code == 200
    assert leaks(response.content.decode()) == []


def test_the_publishing_pages_hold_no_identifier(client):
    team = make_team()
    returned = item_create_draft(actor=team.handler, agency=team.agency, content=content(team))
    returned = item_submit(item=returned, actor=team.handler, seen_version=returned.version)
    item_reject(item=returned, actor=team.approver, seen_version=returned.version, reason="请改")
    flagged = item_create_draft(
        actor=team.handler,
        agency=team.agency,
        content=content(team, title="联系人 13800138000", body="身份证 11010519491231002X"),
    )
    flagged = item_submit(item=flagged, actor=team.handler, seen_version=flagged.version)
    item_approve(item=flagged, actor=team.approver, seen_version=flagged.version)
    failures = []
    for user in (team.handler, team.reviewer, team.office):
        client.force_login(user)
        for url in (
            reverse("workspace:home"),
            reverse("workspace:publication_list"),
            reverse("workspace:publication_new"),
            reverse("workspace:publication_detail", args=[returned.pk]),
            reverse("workspace:publication_detail", args=[flagged.pk]),
            reverse("workspace:audit"),
        ):
            response = client.get(url)
            if response.status_code == 200 and (found := leaks(response.content.decode())):
                failures.append(f"{url} ({user.username}): {found}")
    assert not failures, "\n".join(failures)


def test_the_check_finds_what_it_looks_for():
    page = "<main><p>状态: received → awaiting_fee</p><p>fee_method</p>"
    page += "<option>---------</option></main>"
    assert leaks(page) == ["---------", "awaiting_fee", "fee_method", "received", "“态:”"]


def test_an_item_whose_history_has_an_act_of_no_person_opens(client):
    # given an item imported as already published: its event has no actor
    team = make_team()
    item = item_import_published(
        agency=team.agency,
        content=content(team),
        published_at=timezone.now() - dt.timedelta(days=3),
        reason="旧网站已发布",
    )
    client.force_login(team.office)
    response = client.get(reverse("workspace:publication_detail", args=[item.pk]))
    # then its page opens (it failed with an error on the missing actor's name)
    assert response.status_code == 200
    assert "系统" in response.content.decode()


def test_the_portals_pages_hold_no_identifier(client):
    # given the demo agency with its pages and published items
    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    item = PublishedItem.objects.filter(is_public=True).order_by("id").first()
    assert item is not None
    failures = []
    for url in (
        reverse("portal:home"),
        reverse("portal:guide"),
        reverse("portal:policies"),
        reverse("portal:statutory"),
        reverse("portal:category", args=[item.category.slug]),
        reverse("portal:item", args=[item.pk]),
        reverse("portal:search") + "?q=统计",
        reverse("portal:apply"),
        reverse("portal:track"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := leaks(response.content.decode()):
            failures.append(f"{url}: {found}")
    assert not failures, "\n".join(failures)


def test_the_pages_of_issues_11_and_14_hold_no_identifier(client):
    # given the demo: its 更正申请 waiting for a decision, its guide, its administrator
    from gongkai.accounts.models import User
    from gongkai.applications.models import Application
    from gongkai.pages.models import PageKind

    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    correction = Application.objects.get(request_kind="correction")
    case = reverse("workspace:case_detail", args=[correction.tracking_code])
    guide = ("zmd-tjj", PageKind.GUIDE.value)
    pages = {
        "demo-office": [
            reverse("workspace:home"),
            reverse("workspace:case_list"),
            case,
            reverse("workspace:page_list"),
            reverse("workspace:page_edit", args=guide),
            reverse("workspace:page_revision", args=[*guide, 1]),
        ],
        "demo-handler": [reverse("workspace:home"), case],
        "demo-approver": [reverse("workspace:home"), case],
        "demo-admin": [
            reverse("workspace:api_token_list", args=["zmd-tjj"]),
            reverse("workspace:api_token_new", args=["zmd-tjj"]),
        ],
    }
    failures = []
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url)
            if found := leaks(response.content.decode()):
                failures.append(f"{url} ({username}): {found}")
    # the approver's draft of the 更正申请答复书, the form's outcomes named in Chinese
    client.force_login(User.objects.get(username="demo-approver"))
    response = client.post(
        reverse("workspace:case_reply_preview", args=[correction.tracking_code]),
        {"decide-version": correction.version, "decide-outcome": "correction.corrected"},
    )
    assert response.status_code == 200
    if found := leaks(response.content.decode()):
        failures.append(f"reply preview: {found}")
    # the citizen's apply form with a 更正申请 refused (its messages), and the new token form
    client.logout()
    response = client.post(reverse("portal:apply"), {"request_kind": "correction"})
    if found := leaks(response.content.decode()):
        failures.append(f"apply (refused): {found}")
    assert not failures, "\n".join(failures)


def test_an_attachment_shows_its_type_in_words_not_its_mime_type(client, settings, tmp_path):
    # given a 更正申请 with its evidence, a PDF
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    office = make_office()
    evidence = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    case = application_submit(
        agency=office.agency,
        applicant=person(request_kind="correction", correction_requested="记载为3人，实为4人"),
        attachments=[evidence],
    ).application
    # when the office opens the case
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    text = visible_text(page.content.decode())
    # then the file is a “PDF 文件”, not application/pdf
    assert "证明.pdf （PDF 文件，" in text
    assert "application/pdf" not in text
