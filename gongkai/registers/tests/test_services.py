"""The registers are written by audited services, each in one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent
from gongkai.registers.models import (
    DecisionKind,
    DocumentKind,
    DocumentSource,
    RegisterOpeningBalance,
    RegulatoryDocument,
)
from gongkai.registers.services import (
    decision_record,
    document_register,
    document_repeal,
    fee_record,
    monthly_total_set,
    opening_balance_set,
    register_normative_document_from_publication,
    repeal_normative_document_of_publication,
)
from gongkai.registers.tests.factories import make_published_item

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_the_disclosure_office_registers_and_repeals_a_document_with_two_events():
    # given
    agency = make_agency()
    office = make_member(agency=agency, role=Role.DISCLOSURE_OFFICE)
    # when
    document = document_register(
        actor=office,
        agency=agency,
        kind=DocumentKind.NORMATIVE_DOCUMENT,
        title="  统计调查项目管理办法  ",
        document_number="驻经开统〔2023〕1号",
        issued_on=date(2023, 2, 1),
    )
    document_repeal(actor=office, document=document, repealed_on=date(2024, 6, 30))
    # then
    document.refresh_from_db()
    assert (document.title, document.repealed_on) == ("统计调查项目管理办法", date(2024, 6, 30))
    assert actions() == ["regulatory_document.register", "regulatory_document.repeal"]
    repeal = AuditEvent.objects.get(action="regulatory_document.repeal")
    assert repeal.before is not None and repeal.after is not None
    assert (repeal.before["repealed_on"], repeal.after["repealed_on"]) == (None, "2024-06-30")


def test_a_repealed_document_is_not_repealed_again_nor_before_it_was_issued():
    agency = make_agency()
    document = document_register(actor=None, agency=agency, kind=DocumentKind.RULE,
                                 title="规章", issued_on=date(2023, 5, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="早于制发日期"):
        document_repeal(actor=None, document=document, repealed_on=date(2023, 4, 30))
    document_repeal(actor=None, document=document, repealed_on=date(2023, 5, 1))
    with pytest.raises(ValidationError, match="已于 2023-05-01 废止"):
        document_repeal(actor=None, document=document, repealed_on=date(2024, 1, 1))
    assert actions() == ["regulatory_document.register", "regulatory_document.repeal"]


def test_a_document_number_names_one_document_of_the_agency():
    agency = make_agency()
    document_register(actor=None, agency=agency, kind=DocumentKind.RULE, title="甲",
                      document_number="令第1号", issued_on=date(2023, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="令第1号 已在"):
        document_register(actor=None, agency=agency, kind=DocumentKind.RULE, title="乙",
                          document_number="令第1号", issued_on=date(2023, 1, 2))  # fmt: skip
    # another agency may use the same number
    document_register(actor=None, agency=make_agency(), kind=DocumentKind.RULE, title="丙",
                      document_number="令第1号", issued_on=date(2023, 1, 2))  # fmt: skip


def test_only_the_disclosure_office_keeps_the_registers():
    agency = make_agency()
    handler = make_member(agency=agency, role=Role.HANDLER)
    with pytest.raises(PermissionDenied):
        document_register(actor=handler, agency=agency, kind=DocumentKind.RULE, title="规章",
                          issued_on=date(2023, 1, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        fee_record(actor=handler, agency=agency, collected_on=date(2023, 1, 1),
                   amount_yuan=Decimal("10"), item="工本费")  # fmt: skip
    assert actions() == []


def test_a_published_normative_document_enters_the_register_once():
    # given a normative document published through the review path
    agency = make_agency()
    item = make_published_item(agency=agency, document_number="驻经开统规〔2024〕2号",
                               date_written=date(2024, 2, 28))  # fmt: skip
    # when the publications app tells the register, twice
    first = register_normative_document_from_publication(item=item, actor=None)
    second = register_normative_document_from_publication(item=item, actor=None)
    # then one document, issued on the 成文日期, with one event
    assert first.pk == second.pk
    assert RegulatoryDocument.objects.count() == 1
    assert (first.kind, first.source, first.issued_on) == (
        DocumentKind.NORMATIVE_DOCUMENT,
        DocumentSource.PUBLICATION,
        date(2024, 2, 28),
    )
    assert first.publication_id == item.pk and first.document_number == "驻经开统规〔2024〕2号"
    assert actions() == ["regulatory_document.from_publication"]
    # and retiring the item repeals it (and only once)
    repeal_normative_document_of_publication(item=item, repealed_on=date(2024, 9, 1), actor=None)
    repeal_normative_document_of_publication(item=item, repealed_on=date(2024, 9, 2), actor=None)
    first.refresh_from_db()
    assert first.repealed_on == date(2024, 9, 1)


def test_a_published_document_already_entered_by_hand_is_linked_not_counted_twice():
    agency = make_agency()
    manual = document_register(actor=None, agency=agency, kind=DocumentKind.NORMATIVE_DOCUMENT,
                               title="旧登记", document_number="规〔2024〕3号",
                               issued_on=date(2024, 1, 5))  # fmt: skip
    item = make_published_item(agency=agency, document_number="规〔2024〕3号")
    document = register_normative_document_from_publication(item=item, actor=None)
    assert document.pk == manual.pk and RegulatoryDocument.objects.count() == 1
    assert (document.source, document.publication_id) == (DocumentSource.PUBLICATION, item.pk)
    assert document.issued_on == date(2024, 1, 5)  # the register's own date stands
    assert actions()[-1] == "regulatory_document.link_publication"


def test_without_a_date_written_the_publication_day_is_the_issue_day():
    item = make_published_item(agency=make_agency())
    document = register_normative_document_from_publication(item=item, actor=None)
    assert document.issued_on == date(2024, 3, 5)


def test_decisions_totals_and_fees_are_recorded_with_events():
    agency = make_agency()
    decision_record(actor=None, agency=agency, kind=DecisionKind.PENALTY,
                    decided_on=date(2024, 1, 9), reference="驻经开统罚〔2024〕1号")  # fmt: skip
    with pytest.raises(ValidationError, match="已登记"):
        decision_record(actor=None, agency=agency, kind=DecisionKind.PENALTY,
                        decided_on=date(2024, 1, 10),
                        reference="驻经开统罚〔2024〕1号")  # fmt: skip
    monthly_total_set(actor=None, agency=agency, kind=DecisionKind.LICENSING, year=2024,
                      month=2, count=7)  # fmt: skip
    total = monthly_total_set(actor=None, agency=agency, kind=DecisionKind.LICENSING,
                              year=2024, month=2, count=9)  # fmt: skip
    assert total.count == 9
    fee_record(actor=None, agency=agency, collected_on=date(2024, 3, 1),
               amount_yuan=Decimal("1234.50"), item="不动产登记费",
               receipt_number="No.001")  # fmt: skip
    with pytest.raises(ValidationError, match="两位小数"):
        fee_record(actor=None, agency=agency, collected_on=date(2024, 3, 1),
                   amount_yuan=Decimal("1.005"), item="不动产登记费")  # fmt: skip
    with pytest.raises(ValidationError, match="大于 0"):
        fee_record(actor=None, agency=agency, collected_on=date(2024, 3, 1),
                   amount_yuan=Decimal("0"), item="不动产登记费")  # fmt: skip
    assert actions() == [
        "administrative_decision.record",
        "decision_total.set",
        "decision_total.set",
        "fee.record",
    ]
    corrected = AuditEvent.objects.filter(action="decision_total.set").order_by("id").last()
    assert corrected is not None and corrected.before == {"count": 7}


def test_an_opening_balance_is_set_and_corrected():
    agency = make_agency()
    opening_balance_set(actor=None, agency=agency, kind=DocumentKind.NORMATIVE_DOCUMENT,
                        year=2022, in_force=40)  # fmt: skip
    opening_balance_set(actor=None, agency=agency, kind=DocumentKind.NORMATIVE_DOCUMENT,
                        year=2022, in_force=41, notes="2022 年度报告")  # fmt: skip
    balance = RegisterOpeningBalance.objects.get()
    assert (balance.in_force, balance.notes) == (41, "2022 年度报告")
    assert actions() == ["register_opening_balance.set"] * 2
