"""Table 三 from generated case histories: the balance rules hold in every column, and each
count equals a straightforward recount in Python."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import APPLICANT_KINDS, Application, Source
from gongkai.applications.procedure.workflow import State
from gongkai.applications.selectors import applications_table
from gongkai.applications.tests.generated import generate_cases
from gongkai.report.catalogue import APPLICATION_ROW_KEYS, Layout, Outcome, SummaryRow
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check

pytestmark = pytest.mark.django_db

SUB_ROWS_2019 = (Outcome.OTHER_HANDLING_NO_CLARIFICATION, Outcome.OTHER_HANDLING_FEE_UNPAID)


def recount(cases: list[Application], year: int) -> dict[str, list[int]]:
    """The counting rule of cli-and-import.md, case by case."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = {key: [0] * 7 for key in APPLICATION_ROW_KEYS}
    for case in cases:
        received, concluded = case.receipt_date, case.concluded_on
        assert received is not None
        col = APPLICANT_KINDS.index(case.applicant_kind)
        rows: list[str] = []
        if start <= received <= end:
            rows.append(SummaryRow.NEW)
        if received < start and (concluded is None or concluded >= start):
            rows.append(SummaryRow.CARRIED_OVER)
        if concluded is not None and start <= concluded <= end:
            outcome = case.outcome
            assert outcome is not None
            if year < 2021 and outcome in SUB_ROWS_2019:
                outcome = Outcome.OTHER_HANDLING_OTHER
            rows += [outcome, SummaryRow.TOTAL]
        if received <= end and (concluded is None or concluded > end):
            rows.append(SummaryRow.CARRIED_FORWARD)
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
                table[SummaryRow.NEW][col] + table[SummaryRow.CARRIED_OVER][col]
                == table[SummaryRow.TOTAL][col] + table[SummaryRow.CARRIED_FORWARD][col]
            )
        # and last year's carried forward is this year's carried over
        if year > 2020:
            previous = applications_table(agency=agency, year=year - 1)
            assert previous[SummaryRow.CARRIED_FORWARD] == table[SummaryRow.CARRIED_OVER]


def make_case(agency, n, *, kind, received, concluded=None, outcome=None):
    if outcome is not None:
        state = State.CLOSED
    else:
        state = State.ARRIVED if received is None else State.RECEIVED
    return Application.objects.create(
        agency=agency,
        tracking_code=f"B{agency.pk}-{n}",
        source=Source.IMPORT,
        applicant_kind=kind,
        applicant_name="申请人",
        channel="online",
        receipt_date=received,
        description="边界日期",
        state=state.value,
        outcome=outcome,
        concluded_on=concluded,
    )


def test_cases_on_the_years_first_and_last_day_count_where_the_rule_says():
    # given cases received or concluded on 1 January and 31 December 2025, one not yet
    # received, one concluded before 2025, and a (六)1 outcome that 2020 folds into (六)3
    agency = make_agency()
    d = dt.date
    specs = [
        ("natural_person", d(2025, 1, 1), d(2025, 12, 31), "granted"),
        ("natural_person", d(2024, 12, 31), d(2025, 1, 1), Outcome.PARTIALLY_GRANTED),
        ("commercial", d(2025, 12, 31), d(2026, 1, 1), "granted"),
        ("commercial", d(2025, 12, 31), None, None),
        ("research", d(2024, 12, 31), d(2024, 12, 31), "granted"),
        ("research", d(2026, 1, 1), None, None),
        ("other", None, None, None),
        ("legal_service", d(2020, 1, 1), d(2020, 12, 31), Outcome.OTHER_HANDLING_NO_CLARIFICATION),
        ("social_welfare", d(2019, 12, 31), d(2021, 1, 1), Outcome.WITHHELD_STATE_SECRET),
    ]
    cases = [
        make_case(agency, n, kind=kind, received=received, concluded=concluded, outcome=outcome)
        for n, (kind, received, concluded, outcome) in enumerate(specs)
    ]
    received = [case for case in cases if case.receipt_date is not None]
    for year in (2019, 2020, 2021, 2024, 2025, 2026):
        # when table 三 is computed
        table = applications_table(agency=agency, year=year)
        # then every cell equals the case-by-case recount
        assert table == recount(received, year), year
    # and 2025 reads as worked by hand: 一 new 3 (1 Jan, 31 Dec ×2), 二 carried over 1,
    # 三 concluded 2 (granted, partially granted), 四 carried forward 2
    table = applications_table(agency=agency, year=2025)
    assert table[SummaryRow.NEW][6] == 3
    assert table[SummaryRow.CARRIED_OVER][6] == 1
    assert table[SummaryRow.TOTAL][6] == 2
    assert table[SummaryRow.CARRIED_FORWARD][6] == 2
    assert table[Outcome.OTHER_HANDLING_OTHER] == [0] * 7
    assert applications_table(agency=agency, year=2020)[Outcome.OTHER_HANDLING_OTHER][6] == 1


def test_an_empty_agency_has_an_all_zero_table():
    table = applications_table(agency=make_agency(), year=2025)
    assert set(table) == set(APPLICATION_ROW_KEYS)
    assert all(cells == [0] * 7 for cells in table.values())


def test_table_three_is_one_query(django_assert_num_queries):
    agency = make_agency()
    generate_cases(agency=agency, count=100, seed=1)
    with django_assert_num_queries(1):
        applications_table(agency=agency, year=2025)
