"""An agency's annual report from the database: exact cells, layouts, consolidation, checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.tests.factories import make_agency
from gongkai.report.catalogue import APPLICANT_COLUMNS, OUTCOME_KEYS, Outcome, SummaryRow
from gongkai.report.model import report_to_json
from gongkai.report.rules import check
from gongkai.report.rules.finding import Severity
from gongkai.reporting.selectors import annual_report_for, consolidated_report_for
from gongkai.reporting.tests.factories import make_application
from gongkai.reviews.models import DECIDED_RESULTS, ReviewCaseResult, ReviewKind, ReviewRole
from gongkai.reviews.tests.factories import make_case

pytestmark = pytest.mark.django_db

ZERO7 = [0] * 7
KINDS = [column.key for column in APPLICANT_COLUMNS if column.key != "total"]


def zero_reviews():
    cells = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    return {block: dict(cells) for block in ReviewKind.values}


def given_a_small_agency(**names):
    """An agency with two applications and three review cases about 2024."""
    agency = make_agency(**names)
    # 2023 application, open at New Year, answered 予以公开 in 2024 (natural person)
    make_application(agency=agency, kind="natural_person", receipt_date=date(2023, 12, 20),
                     outcome="granted", concluded_on=date(2024, 1, 10))  # fmt: skip
    # 2024 application from a company, still open at 31 Dec 2024
    make_application(agency=agency, kind="commercial", receipt_date=date(2024, 12, 25))
    # a reconsideration upheld in 2024, a direct suit pending, and a suit after
    # reconsideration in which the agency is only the co-defendant organ (not counted)
    make_case(agency=agency, kind=ReviewKind.RECONSIDERATION, filed_on=date(2024, 2, 1),
              result=ReviewCaseResult.UPHELD, decided_on=date(2024, 4, 1))  # fmt: skip
    make_case(agency=agency, kind=ReviewKind.LITIGATION_DIRECT, filed_on=date(2024, 6, 1))
    make_case(agency=agency, kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION,
              our_role=ReviewRole.CO_DEFENDANT, filed_on=date(2024, 6, 1))  # fmt: skip
    return agency


def test_a_small_agencys_report_has_exactly_its_cells():
    # given
    agency = given_a_small_agency(name="驻马店经济开发区统计局")
    # when
    data = report_to_json(annual_report_for(agency=agency, year=2024))
    # then
    assert (data["format"], data["agency"], data["year"], data["layout"]) == (
        "gongkai.annual-report/1",
        "驻马店经济开发区统计局",
        2024,
        "2021",
    )
    rows = data["applications"]
    assert rows[SummaryRow.NEW] == [0, 1, 0, 0, 0, 0, 1]
    assert rows[SummaryRow.CARRIED_OVER] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows[SummaryRow.TOTAL] == [1, 0, 0, 0, 0, 0, 1]
    assert rows[SummaryRow.CARRIED_FORWARD] == [0, 1, 0, 0, 0, 0, 1]
    others = set(rows) - {
        SummaryRow.NEW,
        SummaryRow.CARRIED_OVER,
        "granted",
        SummaryRow.TOTAL,
        SummaryRow.CARRIED_FORWARD,
    }
    assert all(rows[key] == ZERO7 for key in others)
    assert data["reviews"] == zero_reviews() | {
        "reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    # table 二 comes from the registers, empty here: zeros, and no note about it
    assert data["active"]["licensing"] == 0 and data["active"]["fees_10k_yuan"] == "0"
    assert not any("表二" in note for note in data.get("notes", []))
    assert not any("表三" in note for note in data.get("notes", []))


def test_the_report_for_2020_takes_the_2019_layout():
    agency = make_agency()
    make_application(agency=agency, kind="natural_person", receipt_date=date(2020, 3, 2),
                     outcome=Outcome.OTHER_HANDLING_NO_CLARIFICATION,
                     concluded_on=date(2020, 4, 1))  # fmt: skip
    data = report_to_json(annual_report_for(agency=agency, year=2020))
    assert data["layout"] == "2019"
    rows = data["applications"]
    assert rows[Outcome.OTHER_HANDLING_NO_CLARIFICATION] is None
    assert rows[Outcome.OTHER_HANDLING_FEE_UNPAID] is None
    assert rows[Outcome.OTHER_HANDLING_OTHER] == [1, 0, 0, 0, 0, 0, 1]
    assert not [
        f for f in check(annual_report_for(agency=agency, year=2020)) if f.severity == "error"
    ]


def test_a_consolidated_report_adds_up_the_office_and_every_agency_below_it():
    # given an office, a department under it, a unit under the department, and a stranger
    office = given_a_small_agency(name="某区人民政府办公室")
    department = given_a_small_agency(name="某区统计局", parent=office)
    unit = given_a_small_agency(name="某区统计局普查中心", parent=department)
    given_a_small_agency(name="别处机关")
    # when
    report = consolidated_report_for(agency=office, year=2024)
    # then every cell is three times one agency's
    single = annual_report_for(agency=unit, year=2024)
    assert report.agency == "某区人民政府办公室"
    for key, row in report.applications.items():
        assert row == [3 * (value or 0) for value in single.row(key)], key
    for block, results in report.reviews.items():
        assert results == {result: 3 * (n or 0) for result, n in single.reviews[block].items()}
    assert report.notes[0].startswith("汇总报告：某区人民政府办公室及下级机关共 3 个机关")
    assert not [f for f in check(report) if f.severity == Severity.ERROR]
    # and the department's consolidated report covers itself and its unit only
    below = consolidated_report_for(agency=department, year=2024)
    assert below.reviews["litigation_direct"]["pending"] == 2


def test_the_report_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    agency = given_a_small_agency()
    for n in range(20):
        make_case(agency=agency, kind=ReviewKind.RECONSIDERATION, filed_on=date(2024, 1, 1 + n))
    # table 三 and 四: one query each; table 二: five (registers.selectors.active_table)
    with django_assert_max_num_queries(7):
        annual_report_for(agency=agency, year=2024)


# --- generated histories: the report passes every consistency rule -------------------------

START = date(2022, 1, 1)


@st.composite
def applications(draw):
    kind = draw(st.sampled_from(KINDS))
    receipt = START + timedelta(days=draw(st.integers(0, 3 * 365)))
    if draw(st.booleans()):
        return kind, receipt, None, None
    concluded = receipt + timedelta(days=draw(st.integers(0, 120)))
    return kind, receipt, draw(st.sampled_from(OUTCOME_KEYS)), concluded


@st.composite
def review_cases(draw):
    kind = draw(st.sampled_from(list(ReviewKind)))
    filed = START + timedelta(days=draw(st.integers(0, 3 * 365)))
    if draw(st.booleans()):
        return kind, filed, ReviewCaseResult.PENDING, None
    decided = filed + timedelta(days=draw(st.integers(0, 400)))
    return kind, filed, draw(st.sampled_from(DECIDED_RESULTS)), decided


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    apps=st.lists(applications(), max_size=15),
    cases=st.lists(review_cases(), max_size=10),
    year=st.sampled_from([2022, 2023, 2024]),
)
def test_generated_histories_give_reports_without_errors(apps, cases, year):
    # given a fresh office with one department (examples share the test's transaction)
    office = make_agency()
    department = make_agency(parent=office)
    for n, (kind, receipt, outcome, concluded) in enumerate(apps):
        make_application(agency=(office, department)[n % 2], kind=kind, receipt_date=receipt,
                         outcome=outcome, concluded_on=concluded)  # fmt: skip
    for n, (kind, filed, result, decided) in enumerate(cases):
        make_case(agency=(office, department)[n % 2], kind=kind, filed_on=filed,
                  result=result, decided_on=decided)  # fmt: skip
    # when
    own = annual_report_for(agency=office, year=year)
    whole = consolidated_report_for(agency=office, year=year)
    previous = consolidated_report_for(agency=office, year=year - 1)
    # then no consistency rule finds an error (X.carry_over against last year included)
    for report, last in ((own, None), (whole, previous)):
        errors = [f for f in check(report, previous=last) if f.severity == Severity.ERROR]
        assert errors == []
    # and the consolidated reviews count every case of the year once
    counted = sum(
        1
        for _k, filed, _r, decided in cases
        if filed.year <= year and (decided is None or decided.year >= year)
    )
    assert sum(block["total"] or 0 for block in whole.reviews.values()) == counted
