"""Table 二 from the registers: recounts, the 现行有效 continuity, totals vs records, fees."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.tests.factories import make_agency
from gongkai.registers.models import DecisionKind, DocumentKind
from gongkai.registers.selectors import (
    active_table,
    decision_counts,
    stock_discrepancies,
    stock_lines,
    yuan_to_10k_yuan,
)
from gongkai.registers.tests.factories import (
    make_balance,
    make_decision,
    make_document,
    make_fee,
    make_total,
)

START = date(2019, 1, 1)
DAYS = 6 * 365
YEARS = range(2019, 2025)


def test_yuan_become_10k_yuan_rounded_half_up_to_four_places():
    assert yuan_to_10k_yuan(Decimal("12345.67")) == Decimal("1.2346")
    assert yuan_to_10k_yuan(Decimal("0.50")) == Decimal("0.0001")  # 0.00005 rounds up
    assert yuan_to_10k_yuan(Decimal("0.49")) == Decimal("0.0000")
    assert yuan_to_10k_yuan(Decimal("59490886.67")) == Decimal("5949.0887")
    assert yuan_to_10k_yuan(Decimal(0)) == Decimal("0.0000")


@pytest.mark.django_db
def test_fees_are_summed_in_yuan_before_rounding():
    # given three receipts of 0.40 yuan: each alone would round to 0 万元
    agency = make_agency()
    for day in (1, 2, 3):
        make_fee(agency=agency, collected_on=date(2024, 5, day), amount_yuan="0.40")
    make_fee(agency=agency, collected_on=date(2023, 12, 31), amount_yuan="99999.00")
    make_fee(agency=make_agency(), collected_on=date(2024, 5, 1), amount_yuan="5000.00")
    # when / then: 1.20 yuan → 0.0001 万元 (0.00012 rounded)
    assert active_table(agency=agency, year=2024).fees_10k_yuan == Decimal("0.0001")
    assert active_table(agency=agency, year=2023).fees_10k_yuan == Decimal("9.9999")


@pytest.mark.django_db
def test_a_month_with_a_total_counts_the_total_and_other_months_count_records():
    # given January: 3 penalty decisions recorded and a total of 5 (from the business system)
    agency = make_agency()
    for day in (3, 4, 5):
        make_decision(agency=agency, kind=DecisionKind.PENALTY, decided_on=date(2024, 1, day))
    make_total(agency=agency, kind=DecisionKind.PENALTY, year=2024, month=1, count=5)
    # February: 2 recorded, no total; March: a licensing total only, which does not cover
    # March's penalty decisions
    make_decision(agency=agency, kind=DecisionKind.PENALTY, decided_on=date(2024, 2, 1))
    make_decision(agency=agency, kind=DecisionKind.PENALTY, decided_on=date(2024, 2, 29))
    make_total(agency=agency, kind=DecisionKind.LICENSING, year=2024, month=3, count=7)
    make_decision(agency=agency, kind=DecisionKind.PENALTY, decided_on=date(2024, 3, 15))
    # another year and another agency do not count
    make_total(agency=agency, kind=DecisionKind.PENALTY, year=2023, month=1, count=50)
    make_decision(agency=make_agency(), kind=DecisionKind.PENALTY, decided_on=date(2024, 1, 3))
    # when
    counts = decision_counts(agency=agency, year=2024)
    # then 5 (January's total) + 2 (February) + 1 (March) penalties; 7 licensing
    assert counts == {
        DecisionKind.LICENSING: 7,
        DecisionKind.PENALTY: 8,
        DecisionKind.ENFORCEMENT: 0,
    }


@pytest.mark.django_db
def test_table_two_costs_five_queries(django_assert_num_queries):
    agency = make_agency()
    make_balance(agency=agency, kind=DocumentKind.RULE, year=2020, in_force=3)
    for n in range(10):
        make_document(agency=agency, issued_on=date(2021, 1, 1 + n))
    with django_assert_num_queries(5):
        active_table(agency=agency, year=2024)


# --- generated registers: table 二 equals a recount, and 现行有效 carries over ---------------


@st.composite
def documents(draw):
    kind = draw(st.sampled_from(list(DocumentKind)))
    issued = START + timedelta(days=draw(st.integers(0, DAYS)))
    repealed = None
    if draw(st.booleans()):
        repealed = issued + timedelta(days=draw(st.integers(0, 3 * 365)))
        repealed = repealed if repealed.year <= 2024 else None
    return kind, issued, repealed


@st.composite
def decisions(draw):
    kind = draw(st.sampled_from(list(DecisionKind)))
    return kind, START + timedelta(days=draw(st.integers(0, DAYS)))


def recount(docs, records, totals, fees, year):
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, dict[str, int | Decimal]] = {}
    for doc_kind in DocumentKind:
        mine = [(i, r) for k, i, r in docs if k == doc_kind]
        rows[doc_kind.value] = {
            "issued": sum(1 for i, _ in mine if first <= i <= last),
            "repealed": sum(1 for _, r in mine if r is not None and first <= r <= last),
            "in_force": sum(1 for i, r in mine if i <= last and (r is None or r > last)),
        }
    for kind in DecisionKind:
        months = {m: c for k, y, m, c in totals if k == kind and y == year}
        recorded = sum(
            1 for k, d in records if k == kind and d.year == year and d.month not in months
        )
        rows[kind.value] = {"": sum(months.values()) + recorded}
    yuan = sum((Decimal(a) for d, a in fees if d.year == year), Decimal(0))
    rows["fees_10k_yuan"] = {"": (yuan / 10000).quantize(Decimal("0.0001"), ROUND_HALF_UP)}
    return rows


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    docs=st.lists(documents(), max_size=25),
    records=st.lists(decisions(), max_size=25),
    months=st.lists(
        st.tuples(
            st.sampled_from(list(DecisionKind)),
            st.sampled_from(list(YEARS)),
            st.integers(1, 12),
            st.integers(0, 40),
        ),
        max_size=8,
        unique_by=lambda t: t[:3],
    ),
    fees=st.lists(st.tuples(st.integers(0, DAYS), st.integers(1, 10_000_000)), max_size=10),
)
def test_generated_registers_give_a_recounted_table_that_carries_over(docs, records, months, fees):
    # given a fresh agency (examples share the test's transaction) and its registers
    agency = make_agency()
    for kind, issued, repealed in docs:
        make_document(agency=agency, kind=kind, issued_on=issued, repealed_on=repealed)
    for kind, decided in records:
        make_decision(agency=agency, kind=kind, decided_on=decided)
    for kind, year, month, count in months:
        make_total(agency=agency, kind=kind, year=year, month=month, count=count)
    ledger = [(START + timedelta(days=d), f"{fen // 100}.{fen % 100:02d}") for d, fen in fees]
    for collected, amount in ledger:
        make_fee(agency=agency, collected_on=collected, amount_yuan=amount)
    for year in YEARS:
        # when
        table = active_table(agency=agency, year=year)
        # then every cell equals the recount
        assert table.cells() == recount(docs, records, months, ledger, year), year
    # and 现行有效 carries over from year to year with nothing to show
    assert stock_discrepancies(agency=agency, years=YEARS) == []
    assert all(line.holds for line in stock_lines(agency=agency, years=YEARS))


@pytest.mark.django_db
def test_an_opening_balance_carries_forward_and_a_disagreeing_one_is_shown():
    # given an agency that brings 2021 in as a count: 40 normative documents in force
    agency = make_agency()
    normative = DocumentKind.NORMATIVE_DOCUMENT
    make_balance(agency=agency, kind=normative, year=2021, in_force=40)
    # 2022: 3 issued, and one old (pre-2022) document repealed, entered only for its repeal
    for day in (1, 2, 3):
        make_document(agency=agency, issued_on=date(2022, 3, day))
    make_document(agency=agency, issued_on=date(2015, 1, 1), repealed_on=date(2022, 6, 1))
    # 2023: 2 issued — but the agency's own year-end count says 45, not 44
    make_document(agency=agency, issued_on=date(2023, 1, 9))
    make_document(agency=agency, issued_on=date(2023, 2, 9))
    make_balance(agency=agency, kind=normative, year=2023, in_force=45)
    # 2024: 1 issued, carried on from the 2023 balance
    make_document(agency=agency, issued_on=date(2024, 4, 1))
    # when
    cells = {y: active_table(agency=agency, year=y).normative_documents for y in (2022, 2023, 2024)}
    # then
    assert (cells[2022].issued, cells[2022].repealed, cells[2022].in_force) == (3, 1, 42)
    assert (cells[2023].issued, cells[2023].repealed, cells[2023].in_force) == (2, 0, 45)
    assert (cells[2024].issued, cells[2024].repealed, cells[2024].in_force) == (1, 0, 46)
    # and the one break is 2023: 42 + 2 − 0 = 44 expected, 45 counted
    [line] = stock_discrepancies(agency=agency, years=range(2022, 2025))
    assert (line.kind, line.year, line.previous_in_force, line.expected) == (
        normative,
        2023,
        42,
        44,
    )
    assert (line.in_force, line.balance, line.difference) == (45, 45, 1)
