"""`gongkai annual export` fills table 二 from the registers (gongkai.registers), and the report
rules agree."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.agencies.demo import load_demo_data
from gongkai.agencies.tests.factories import make_agency
from gongkai.registers.models import DecisionKind, DocumentKind
from gongkai.registers.tests.factories import (
    make_balance,
    make_decision,
    make_document,
    make_fee,
    make_total,
)
from gongkai.report.model import loads
from gongkai.report.rules import check
from gongkai.reporting.selectors import (
    ACTIVE_2019_NOT_KEPT,
    annual_report_for,
    consolidated_report_for,
)

pytestmark = pytest.mark.django_db


def export(*args: str):
    out = StringIO()
    call_command("annual", "export", *args, stdout=out)
    return json.loads(out.getvalue())


def given_registers(agency):
    """2023 and 2024 of a small agency: documents, decisions (records and a total), fees."""
    make_balance(agency=agency, kind=DocumentKind.NORMATIVE_DOCUMENT, year=2022, in_force=6)
    make_document(agency=agency, issued_on=date(2023, 3, 1))
    make_document(agency=agency, issued_on=date(2024, 3, 1))
    make_document(agency=agency, issued_on=date(2024, 5, 1))
    make_document(agency=agency, issued_on=date(2019, 1, 1), repealed_on=date(2024, 7, 1))
    make_document(agency=agency, kind=DocumentKind.RULE, issued_on=date(2024, 8, 8))
    make_decision(agency=agency, kind=DecisionKind.LICENSING, decided_on=date(2024, 1, 5))
    make_total(agency=agency, kind=DecisionKind.LICENSING, year=2024, month=6, count=10)
    make_decision(agency=agency, kind=DecisionKind.PENALTY, decided_on=date(2024, 9, 9))
    make_fee(agency=agency, collected_on=date(2024, 2, 1), amount_yuan="3500.00")
    make_fee(agency=agency, collected_on=date(2024, 2, 2), amount_yuan="0.50")


def test_the_export_has_table_two_from_the_registers_and_no_t2_finding():
    # given
    agency = make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")
    given_registers(agency)
    # when
    data = export("--agency", "zmd-tjj", "--year", "2024")
    last = export("--agency", "zmd-tjj", "--year", "2023")
    # then
    assert data["active"] == {
        "rules": {"issued": 1, "repealed": 0, "in_force": 1},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 8},
        "licensing": 11,
        "penalty": 1,
        "enforcement": 0,
        "fees_10k_yuan": "0.3501",
    }
    assert last["active"]["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 7}
    assert not any("表二" in note for note in data.get("notes", []))
    # and the rules (T2.stock against last year's report included) find nothing in table 二
    findings = check(loads(json.dumps(data)), previous=loads(json.dumps(last)))
    assert [f for f in findings if f.rule.startswith("T2.")] == []
    assert [f for f in findings if f.severity == "error"] == []


def test_a_consolidated_report_adds_up_table_two():
    office = make_agency(name="某区人民政府办公室")
    given_registers(office)
    given_registers(make_agency(parent=office))
    report = consolidated_report_for(agency=office, year=2024)
    assert report.active["licensing"][""] == 22
    assert report.active["normative_documents"]["in_force"] == 16
    assert str(report.active["fees_10k_yuan"][""]) == "0.7002"


def test_a_2020_report_fills_the_2019_cells_the_registers_keep_and_says_which_it_does_not():
    agency = make_agency()
    make_document(agency=agency, issued_on=date(2020, 4, 1))
    make_decision(agency=agency, kind=DecisionKind.ENFORCEMENT, decided_on=date(2020, 4, 1))
    make_fee(agency=agency, collected_on=date(2020, 4, 1), amount_yuan="100.00")
    report = annual_report_for(agency=agency, year=2020)
    assert report.active["normative_documents"] == {"made": 1, "published": 0, "public_total": 0}
    assert report.active["enforcement"] == {"previous_items": 0, "change": 0, "decisions": 1}
    assert report.active["fees"] == {"previous_items": 0, "change": 0}
    assert ACTIVE_2019_NOT_KEPT in report.notes


def test_the_demo_agencys_2023_table_two_is_zeros_from_the_registers():
    demo = load_demo_data().agency
    data = export("--agency", demo.code, "--year", "2023")
    assert data["active"] == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
        "licensing": 0,
        "penalty": 0,
        "enforcement": 0,
        "fees_10k_yuan": "0",
    }
    assert not any("表二" in note for note in data.get("notes", []))
