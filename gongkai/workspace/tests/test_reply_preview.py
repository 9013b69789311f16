"""The decision form: outcomes under table 三's headings, and the reply's draft for the approver."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.applications.access import applicant_shown
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import make_office, registered
from gongkai.audit.models import AuditEvent
from gongkai.letters.models import IssuedLetter
from gongkai.letters.services import letter_settings_save
from gongkai.report.catalogue import Outcome, OutcomeHeading

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    office = make_office()
    letter_settings_save(
        actor=office.office, agency=office.agency, reconsideration_organ="驻马店市人民政府"
    )
    return office


def preview(client, case, **data: str):
    fields = {f"decide-{key}": value for key, value in {"version": case.version, **data}.items()}
    return client.post(reverse("workspace:case_reply_preview", args=[case.tracking_code]), fields)


def test_the_decision_lists_outcomes_under_the_headings_of_table_three(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.approver)
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code])).content.decode()
    select = re.search(r'<select name="decide-outcome".*?</select>', page, re.S)
    assert select is not None
    headings = re.findall(r'<optgroup label="([^"]+)">', select.group(0))
    assert headings == [heading.label for heading in OutcomeHeading]
    assert headings[:3] == ["予以公开", "部分公开", "不予公开"]
    # an option under 不予公开 does not repeat the heading
    withheld = re.search(r'<optgroup label="不予公开">(.*?)</optgroup>', select.group(0), re.S)
    assert withheld is not None
    assert f'value="{Outcome.WITHHELD_STATE_SECRET}">属于国家秘密</option>' in withheld.group(1)


def test_the_approver_reads_the_draft_reply_before_deciding_and_nothing_changes(client, office):
    # given a received case the approver is about to decide
    case = registered(office, D(2026, 3, 2))
    version, trail = case.version, AuditEvent.objects.count()
    client.force_login(office.approver)
    # when the approver previews the reply for 不予公开：属于国家秘密
    response = preview(client, case, outcome=Outcome.WITHHELD_STATE_SECRET, on="2026-03-10")
    # then the page shows the letter as it would be issued, with the article it cites
    assert response.status_code == 200
    page = response.content.decode()
    draft = re.search(r'<article class="letter-draft".*?</article>', page, re.S)
    assert draft is not None
    text = re.sub(r"<[^>]+>", "", draft.group(0))
    assert "政府信息公开申请答复书" in text
    assert "属于国家秘密" in text and "《条例》第十四条" in text
    assert "驻马店市人民政府" in text  # the remedies, from the letter settings
    assert "2026年3月10日" in text
    # the handler's free text is still open, and the page says who fills it in
    assert "【" in text and "由承办人制发答复书时填写" in page
    assert 'role="alert"' not in page  # nothing keeps the reply from being issued
    # the approver sees the case masked, and so the applicant's name in the draft
    shown = applicant_shown(case, full=False).name
    assert shown != case.applicant_name
    assert f"{shown}：" in text and case.applicant_name not in text
    # and nothing was decided, numbered or recorded
    case.refresh_from_db()
    assert (case.state, case.version, case.outcome) == ("received", version, None)
    assert not IssuedLetter.objects.exists()
    assert AuditEvent.objects.count() == trail


def test_a_draft_needs_an_outcome_and_only_those_who_decide_see_it(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.approver)
    response = preview(client, case, outcome="")
    assert response.status_code == 400
    assert 'class="letter-draft"' not in response.content.decode()
    client.force_login(office.office)  # sees every case of the agency, does not decide
    assert preview(client, case, outcome=Outcome.GRANTED, ground="disclosed").status_code == 403
    assert Application.objects.get(pk=case.pk).state == "received"


def test_a_draft_without_a_reviewing_body_says_the_reply_could_not_be_issued(client):
    office = make_office()  # no letter settings: no 复议机关
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.approver)
    response = preview(client, case, outcome=Outcome.NOT_PROCESSED_REPEATED)
    assert response.status_code == 200
    assert "未配置行政复议机关" in response.content.decode()


def test_the_approver_reads_the_draft_reply_to_a_correction_request(client, office):
    # given a 更正申请 (条例第四十一条) the approver is about to decide
    case = registered(
        office,
        D(2026, 3, 2),
        request_kind="correction",
        description="2025年度低保对象公示名单中本人的家庭人口数",
        correction_requested="记载为3人，实为4人",
    )
    client.force_login(office.approver)
    # when the approver previews the reply for 予以更正 (it failed with an error: the draft
    # looked the outcome up among table 三's)
    response = preview(client, case, outcome="correction.corrected", on="2026-03-10")
    # then the page shows the 更正申请答复书 as it would be issued
    assert response.status_code == 200
    page = response.content.decode()
    draft = re.search(r'<article class="letter-draft".*?</article>', page, re.S)
    assert draft is not None
    text = re.sub(r"<[^>]+>", "", draft.group(0))
    assert "政府信息更正申请答复书" in text and "第四十一条" in text
    assert "记载为3人，实为4人" in text
    assert "政府信息公开申请答复书" not in text
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("received", None)
