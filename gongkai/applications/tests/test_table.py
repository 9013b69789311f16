"""Table 三 from generated case histories: the balance rules hold in every column, and each
count equals a straightforward recount in Python."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import APPLICANT_KINDS, Application
from gongkai.applications.selectors import applications_table
from gongkai.applications.tests.generated import generate_cases
from gongkai.report.catalogue import APPLICATION_ROW_KEYS, Layout
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check

pytestmark = pytest.mark.django_db

SUB_ROWS_2019 = ("other_handling.no_clarification", "other_handling.fee_unpaid")


def recount(cases: list[Application], year: int) -> dict[str, list[int]]:
    """The counting rule of cli-and-import.md, case by case."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = {key: [0] * 7 for key in APPLICATION_ROW_KEYS}
    for case in cases:
        received, concluded = case.receipt_date, case.concluded_on
        assert received is not None
        col = APPLICANT_KINDS.index(case.applicant_kind)
        rows = []
        if start <= received <= end:
            rows.append("new")
        if received < start and (concluded is None or concluded >= start):
            rows.append("carried_over")
        if concluded is not None and start <= concluded <= end:
            outcome = case.outcome
            assert outcome is not None
            if year < 2021 and outcome in SUB_ROWS_2019:
                outcome = "other_handling.other"
            rows += [outcome, "total"]
        if received <= end and (concluded is None or concluded > end):
            rows.append("carried_forward")
        for row in rows:
            table[row][col] += 1
            table[row][6] += 1
    return table


def as_report(agency_name: str, year: int, table: dict[str, list[int]]) -> AnnualReport:
    layout = Layout.for_year(year)
    report = AnnualReport.empty(agency=agency_name, year=year, layout=layout)
    for key in APPLICATION_ROW_KEYS:
        if report.applications[key] is not None:
            report.applications[key] = list(table[key])
    return report


@pytest.mark.parametrize("seed", range(6))
def test_generated_histories_balance_and_match_a_recount(seed):
    # given an agency with a few hundred generated cases over 2019–2026
    agency = make_agency()
    cases = generate_cases(agency=agency, count=300, seed=seed)
    other = make_agency()
    generate_cases(agency=other, count=50, seed=seed + 100)  # never counted for `agency`
    for year in range(2020, 2027):
        # when table 三 is computed from the database
        table = applications_table(agency=agency, year=year)
        # then it equals the recount, cell by cell
        assert table == recount(cases, year), year
        # and every table 三 rule of the report engine holds
        findings = [
            f for f in check(as_report(agency.name, year, table)) if f.rule.startswith("T3.")
        ]
        assert findings == [], (year, findings)
        # and 一 + 二 = 三(七) + 四 in every column, by construction
        for col in range(7):
            assert (
                table["new"][col] + table["carried_over"][col]
                == table["total"][col] + table["carried_forward"][col]
            )
        # and last year's carried forward is this year's carried over
        if year > 2020:
            previous = applications_table(agency=agency, year=year - 1)
            assert previous["carried_forward"] == table["carried_over"]


def test_an_empty_agency_has_an_all_zero_table():
    table = applications_table(agency=make_agency(), year=2025)
    assert set(table) == set(APPLICATION_ROW_KEYS)
    assert all(cells == [0] * 7 for cells in table.values())


def test_table_three_is_one_query(django_assert_num_queries):
    agency = make_agency()
    generate_cases(agency=agency, count=100, seed=1)
    with django_assert_num_queries(1):
        applications_table(agency=agency, year=2025)
