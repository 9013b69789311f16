"""Templates per agency with versions, and issuing letters: numbered, stored, audited."""

from __future__ import annotations

import dataclasses
from datetime import date
from io import BytesIO
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.applications.models import APPLICANT_KINDS, CHANNEL_CHOICES, Application, Source
from gongkai.audit.models import AuditEvent
from gongkai.letters.case_facts import case_facts
from gongkai.letters.composition.defaults import DEFAULT_TEMPLATES
from gongkai.letters.composition.kinds import LetterKind
from gongkai.letters.models import IssuedLetter, LetterTemplate
from gongkai.letters.selectors import (
    REVIEW_ORGAN_MISSING,
    application_context,
    template_for,
    template_versions,
)
from gongkai.letters.services import letter_issue, template_save
from gongkai.letters.tests.factories import APPLICANT, BODIES, make_context
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db

REPLY = LetterKind.REPLY


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_application(agency) -> Application:
    return Application.objects.create(
        agency=agency,
        tracking_code=f"T-LETTER-{Application.objects.count() + 1}",
        source=Source.STAFF,
        applicant_kind=APPLICANT_KINDS[0],
        applicant_name=APPLICANT,
        channel=CHANNEL_CHOICES[0][0],
        description="某项政府信息",
    )


# --- Templates ------------------------------------------------------------------------------


def test_without_saved_templates_the_shipped_default_is_in_force():
    template = template_for(agency=make_agency(), kind=REPLY, outcome=Outcome.WITHHELD_STATE_SECRET)
    assert template.pk is None
    assert (template.outcome, template.body) == (
        "withheld",
        DEFAULT_TEMPLATES[(REPLY, "withheld")].body,
    )


def test_an_agency_template_replaces_the_default_and_each_save_is_a_new_version():
    # given an agency whose disclosure office edits the withheld reply twice
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    first = template_save(
        actor=office,
        agency=agency,
        kind=REPLY,
        outcome="withheld",
        title="答复书",
        body="一${reasons}",
    )
    second = template_save(
        actor=office,
        agency=agency,
        kind=REPLY,
        outcome="withheld",
        title="答复书",
        body="二${reasons}",
    )
    # then the latest is in force for every withheld outcome, and both versions are kept
    assert (first.version, second.version) == (1, 2)
    assert template_for(agency=agency, kind=REPLY, outcome=Outcome.WITHHELD_STATE_SECRET) == second
    assert list(template_versions(agency=agency, kind=REPLY, outcome="withheld")) == [second, first]
    # other agencies keep the default
    assert (
        template_for(agency=make_agency(), kind=REPLY, outcome=Outcome.WITHHELD_STATE_SECRET).pk
        is None
    )
    # and each save is audited
    events = AuditEvent.objects.filter(action="letter_template.save", agency=agency)
    assert events.count() == 2


def test_saving_the_same_text_again_adds_no_version():
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    kwargs: Any = {"actor": office, "agency": agency, "kind": LetterKind.EXTENSION, "title": "延期"}
    first = template_save(**kwargs, body="将于${new_due_date}前答复。")
    again = template_save(**kwargs, body="将于${new_due_date}前答复。\n")
    assert again == first
    assert LetterTemplate.objects.filter(agency=agency).count() == 1


def test_an_exact_outcome_template_comes_before_its_group():
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    group = template_save(
        actor=office, agency=agency, kind=REPLY, outcome="unavailable", title="答复", body="组"
    )
    exact = template_save(
        actor=office,
        agency=agency,
        kind=REPLY,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        title="答复",
        body="项",
    )
    assert template_for(agency=agency, kind=REPLY, outcome=Outcome.UNAVAILABLE_NOT_HELD) == exact
    assert (
        template_for(agency=agency, kind=REPLY, outcome=Outcome.UNAVAILABLE_NEEDS_CREATION) == group
    )


def test_a_template_with_an_unknown_placeholder_is_refused_in_chinese():
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    with pytest.raises(ValidationError) as refused:
        template_save(
            actor=office,
            agency=agency,
            kind=LetterKind.CLARIFICATION,
            title="补正告知书",
            body="请于${answer_deadline}前补正。",
        )
    message = refused.value.message_dict["body"][0]
    assert message.startswith("未知的占位符 ${answer_deadline}。补正告知书可用的占位符：")
    assert not LetterTemplate.objects.exists()


def test_the_disclosure_office_or_an_administrator_edits_templates_defaults_need_a_superuser():
    agency = make_agency()
    handler = make_member(agency=agency, role=Role.HANDLER)
    admin = make_member(agency=agency, role=Role.ADMINISTRATOR)
    kwargs = {"kind": LetterKind.EXTENSION, "title": "延期答复告知书", "body": "正文"}
    with pytest.raises(PermissionDenied, match="无权修改"):
        template_save(actor=handler, agency=agency, **kwargs)
    assert template_save(actor=admin, agency=agency, **kwargs).version == 1
    with pytest.raises(PermissionDenied, match="系统默认"):
        template_save(actor=admin, agency=None, **kwargs)
    default = template_save(actor=make_user(is_superuser=True), agency=None, **kwargs)
    assert template_for(agency=make_agency(), kind=LetterKind.EXTENSION) == default


def test_a_notice_template_names_no_outcome_and_a_reply_template_names_one():
    agency = make_agency()
    with pytest.raises(ValidationError, match="不区分办理结果"):
        template_save(
            actor=None,
            agency=agency,
            kind=LetterKind.EXTENSION,
            outcome="granted",
            title="t",
            body="b",
        )
    with pytest.raises(ValidationError, match="须对应一类办理结果"):
        template_save(actor=None, agency=agency, kind=REPLY, outcome="", title="t", body="b")


def test_saved_template_versions_cannot_be_changed_or_deleted():
    template = template_save(
        actor=None, agency=make_agency(), kind=LetterKind.EXTENSION, title="t", body="b"
    )
    template.body = "changed"
    with pytest.raises(PermissionError):
        template.save()
    with pytest.raises(PermissionError):
        template.delete()


# --- Issuing ---------------------------------------------------------------------------------


def test_issuing_a_reply_stores_numbered_docx_and_pdf_and_an_audit_event_without_personal_data():
    # given a case of the agency and its handler
    agency = make_agency(name="驻马店经济开发区统计局")
    handler = make_member(agency=agency, role=Role.HANDLER)
    application = make_application(agency)
    context = make_context(REPLY, outcome=Outcome.WITHHELD_STATE_SECRET, letter_number="")
    # when
    issued = letter_issue(agency=agency, context=context, actor=handler, application=application)
    # then
    assert issued.number == "依申请公开〔2024〕1号"
    assert (issued.kind, issued.outcome, issued.tracking_code) == (
        "reply",
        Outcome.WITHHELD_STATE_SECRET,
        application.tracking_code,
    )
    assert list(application.letters.all()) == [issued]
    with issued.docx_file.open("rb") as stored:
        text = "\n".join(p.text for p in docx.Document(BytesIO(stored.read())).paragraphs)
    assert "依申请公开〔2024〕1号" in text and f"{APPLICANT}：" in text
    assert "《条例》第十四条" in text and "应当先申请行政复议" in text
    with issued.pdf_file.open("rb") as stored:
        assert stored.read(4) == b"%PDF"
    assert APPLICANT not in str(issued.docx_file.name)
    event: Any = AuditEvent.objects.get(action="letter.issue")
    assert event.after["number"] == "依申请公开〔2024〕1号"
    assert APPLICANT not in str(event.after) and APPLICANT not in event.object_label
    # the shipped default it used is now saved as version 1 of the system default
    assert (issued.template.agency, issued.template.version) == (None, 1)


def test_letters_are_numbered_in_sequence_per_agency_and_year():
    agency, other = make_agency(), make_agency()
    context = make_context(LetterKind.CLARIFICATION, letter_number="")
    issue = lambda a, c: letter_issue(agency=a, context=c, actor=None, formats=["docx"])  # noqa: E731
    numbers = [
        issue(agency, context).number,
        issue(agency, context).number,
        issue(other, context).number,
    ]
    assert numbers == ["依申请公开〔2024〕1号", "依申请公开〔2024〕2号", "依申请公开〔2024〕1号"]
    given = issue(agency, dataclasses.replace(context, letter_number="驻经开统公开〔2024〕88号"))
    assert (given.number, given.sequence) == ("驻经开统公开〔2024〕88号", 3)
    assert LetterTemplate.objects.filter(agency=None).count() == 1


def test_a_letter_with_missing_facts_is_refused_and_nothing_is_stored():
    agency = make_agency()
    context = make_context(LetterKind.EXTENSION, new_due_date=None)
    with pytest.raises(ValidationError) as refused:
        letter_issue(agency=agency, context=context, actor=None, formats=["docx"])
    assert refused.value.messages == ["缺少“延长后的答复期限”（${new_due_date}），请先填写。"]
    assert not IssuedLetter.objects.exists()


def test_the_agency_template_in_force_is_the_one_used():
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    mine = template_save(
        actor=office,
        agency=agency,
        kind=LetterKind.EXTENSION,
        title="延期答复通知",
        body="${recipient}的申请将于${new_due_date}前答复。",
    )
    issued = letter_issue(
        agency=agency, context=make_context(LetterKind.EXTENSION), actor=office, formats=["docx"]
    )
    assert issued.template == mine
    assert issued.title == "延期答复通知"
    assert f"{APPLICANT}的申请将于2024年2月22日前答复。" in issued.text
    assert "依据：《条例》第三十三条第二款。" in issued.text


def test_only_case_staff_issue_letters_and_only_for_their_own_agency():
    agency, other = make_agency(), make_agency()
    stranger = make_member(agency=other, role=Role.HANDLER)
    context = make_context(LetterKind.CLARIFICATION)
    with pytest.raises(PermissionDenied):
        letter_issue(agency=agency, context=context, actor=stranger, formats=["docx"])
    with pytest.raises(PermissionDenied, match="不属于本机关"):
        letter_issue(
            agency=agency,
            context=context,
            actor=None,
            application=make_application(other),
            formats=["docx"],
        )


def test_a_case_gives_its_own_facts_and_the_handler_adds_the_rest():
    # given a received case
    agency = make_agency(name="驻马店经济开发区统计局")
    application = make_application(agency)
    application.receipt_date = date(2024, 3, 1)
    application.save()
    # when the handler replies 予以公开
    context = application_context(
        application,
        kind=REPLY,
        letter_date=date(2024, 3, 20),
        outcome="granted",
        provision="随本答复书附送",
        review_bodies=BODIES,
        contact="王科员，0396-1234567",
    )
    issued = letter_issue(
        agency=agency, context=context, actor=None, application=application, formats=["docx"]
    )
    # then
    assert "本机关于2024年3月1日收到您提出的政府信息公开申请" in issued.text
    assert f"申请编号：{application.tracking_code}" in issued.text
    assert "申请获取“某项政府信息”" in issued.text
    assert "《条例》第三十六条第（一）项、第（二）项" in issued.text


def test_a_case_without_a_receipt_date_gets_no_letter():
    application = make_application(make_agency())
    with pytest.raises(ValueError, match="尚未确定收到申请之日"):
        application_context(application, kind=REPLY, letter_date=date(2024, 3, 20))


def test_no_reply_without_a_reconsideration_organ_set_by_the_agency():
    # given an agency under a supervising office, with no letter settings
    parent = make_agency(name="驻马店经济开发区管理委员会")
    agency = make_agency(name="驻马店经济开发区统计局", parent=parent)
    application = make_application(agency)
    application.receipt_date = date(2024, 3, 1)
    application.outcome = "granted"
    # then the case's reply names no 复议机关 (never the parent by default) and is refused
    facts = case_facts(application, REPLY, provision="随本答复书附送")
    assert facts["review_bodies"].reconsideration_organ == ""
    context = application_context(application, kind=REPLY, letter_date=date(2024, 3, 20), **facts)
    with pytest.raises(ValidationError) as refused:
        letter_issue(agency=agency, context=context, actor=None, application=application)
    assert refused.value.messages == [REVIEW_ORGAN_MISSING]
    assert "文书设置" in REVIEW_ORGAN_MISSING and "本级人民政府" in REVIEW_ORGAN_MISSING
    assert not IssuedLetter.objects.exists()


def test_a_letter_whose_transaction_fails_leaves_no_file(media_root, monkeypatch):
    # given the audit write fails after the letter's files were written (as "database is
    # locked" did under concurrent writes on SQLite)
    from django.db import IntegrityError

    import gongkai.letters.services as services

    def locked(**kwargs: Any) -> None:
        raise IntegrityError("database is locked")

    monkeypatch.setattr(services, "record_event", locked)
    # when a letter is issued
    with pytest.raises(IntegrityError):
        letter_issue(agency=make_agency(), context=make_context(LetterKind.EXTENSION), actor=None)
    # then neither a record nor a file is left
    assert not IssuedLetter.objects.exists()
    assert [path for path in media_root.rglob("*") if path.is_file()] == []
