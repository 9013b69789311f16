"""Table 四 from review cases: the year rule worked by hand, and generated cases recounted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.tests.factories import make_agency
from gongkai.report.catalogue import REVIEW_BLOCKS, REVIEW_RESULTS
from gongkai.reviews.models import (
    DECIDED_RESULTS,
    ReviewCaseResult,
    ReviewKind,
    ReviewRole,
)
from gongkai.reviews.selectors import reviews_table
from gongkai.reviews.tests.factories import make_case

pytestmark = pytest.mark.django_db

R = ReviewKind.RECONSIDERATION
D = ReviewKind.LITIGATION_DIRECT
A = ReviewKind.LITIGATION_AFTER_RECONSIDERATION


def block(upheld=0, corrected=0, other=0, pending=0):
    return {
        "upheld": upheld,
        "corrected": corrected,
        "other": other,
        "pending": pending,
        "total": upheld + corrected + other + pending,
    }


def test_the_year_rule_worked_by_hand():
    # given an agency's reconsiderations around 2024
    agency = make_agency()
    # filed and decided in 2023: 2023's business only
    make_case(agency=agency, kind=R, filed_on=date(2023, 3, 1),
              result=ReviewCaseResult.UPHELD, decided_on=date(2023, 5, 1))  # fmt: skip
    # filed 2023, decided 31 Dec 2023 (the last day still belongs to 2023)
    make_case(agency=agency, kind=R, filed_on=date(2023, 11, 1),
              result=ReviewCaseResult.OTHER, decided_on=date(2023, 12, 31))  # fmt: skip
    # filed 2023, decided 2 Jan 2024: pending in 2023, corrected in 2024
    make_case(agency=agency, kind=R, filed_on=date(2023, 12, 20),
              result=ReviewCaseResult.CORRECTED, decided_on=date(2024, 1, 2))  # fmt: skip
    # filed 2023, still undecided: pending in 2023 and again in 2024
    make_case(agency=agency, kind=R, filed_on=date(2023, 12, 28))
    # filed 1 Jan 2024, upheld the same year
    make_case(agency=agency, kind=R, filed_on=date(2024, 1, 1),
              result=ReviewCaseResult.UPHELD, decided_on=date(2024, 3, 1))  # fmt: skip
    # filed 31 Dec 2024, decided 2025: pending in 2024
    make_case(agency=agency, kind=R, filed_on=date(2024, 12, 31),
              result=ReviewCaseResult.UPHELD, decided_on=date(2025, 2, 1))  # fmt: skip
    # filed 2025: not in 2024 at all
    make_case(agency=agency, kind=R, filed_on=date(2025, 1, 1))
    # when / then
    assert reviews_table(agency=agency, year=2023)["reconsideration"] == block(
        upheld=1, other=1, pending=2
    )
    assert reviews_table(agency=agency, year=2024)["reconsideration"] == block(
        upheld=1, corrected=1, pending=2
    )
    # 2025: the 2024 case upheld; the one filed in 2025 and the one open since 2023 pending
    assert reviews_table(agency=agency, year=2025)["reconsideration"] == block(upheld=1, pending=2)
    assert reviews_table(agency=agency, year=2022)["reconsideration"] == block()


def test_a_reconsideration_organ_sued_as_co_defendant_does_not_count_the_case():
    # given the original agency and the organ that upheld its reply, both sued after it
    original, organ = make_agency(), make_agency()
    for agency, role in ((original, ReviewRole.ORIGINAL_AGENCY), (organ, ReviewRole.CO_DEFENDANT)):
        make_case(agency=agency, kind=A, our_role=role, filed_on=date(2024, 4, 1),
                  result=ReviewCaseResult.UPHELD, decided_on=date(2024, 8, 1))  # fmt: skip
    # and the organ's own direct lawsuit, which it does count
    make_case(agency=organ, kind=D, filed_on=date(2024, 5, 1))
    # then
    assert reviews_table(agency=original, year=2024) == {
        "reconsideration": block(),
        "litigation_direct": block(),
        "litigation_after_reconsideration": block(upheld=1),
    }
    assert reviews_table(agency=organ, year=2024) == {
        "reconsideration": block(),
        "litigation_direct": block(pending=1),
        "litigation_after_reconsideration": block(),
    }


def test_another_agencys_cases_are_not_counted():
    mine, theirs = make_agency(), make_agency()
    make_case(agency=theirs, kind=R, filed_on=date(2024, 4, 1))
    assert reviews_table(agency=mine, year=2024)["reconsideration"] == block()


def test_the_table_is_one_query(django_assert_num_queries):
    agency = make_agency()
    for kind in ReviewKind:
        make_case(agency=agency, kind=kind, filed_on=date(2024, 4, 1))
    with django_assert_num_queries(1):
        table = reviews_table(agency=agency, year=2024)
    assert [list(table), list(table["reconsideration"])] == [
        [b.key for b in REVIEW_BLOCKS],
        [r.key for r in REVIEW_RESULTS],
    ]


# --- generated cases, recounted the plain way ------------------------------------------------

DAY0 = date(2021, 1, 1)
YEARS = (2021, 2022, 2023, 2024)


@st.composite
def cases(draw):
    """A case as (kind, role, filed_on, result, decided_on) over 2021–2024."""
    kind = draw(st.sampled_from(list(ReviewKind)))
    role = ReviewRole.ORIGINAL_AGENCY
    if kind == A:
        role = draw(st.sampled_from(list(ReviewRole)))
    filed_on = DAY0 + timedelta(days=draw(st.integers(0, 4 * 365)))
    if draw(st.booleans()):
        return kind, role, filed_on, ReviewCaseResult.PENDING, None
    decided_on = filed_on + timedelta(days=draw(st.integers(0, 500)))
    return kind, role, filed_on, draw(st.sampled_from(DECIDED_RESULTS)), decided_on


def recount(rows, year):
    """Table 四 by reading each case: the rule of docs/decisions/0004 in plain Python."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    table = {kind.value: block() for kind in ReviewKind}
    for kind, role, filed_on, result, decided_on in rows:
        if role != ReviewRole.ORIGINAL_AGENCY or filed_on > last:
            continue
        if decided_on is not None and decided_on < first:
            continue
        key = "pending" if decided_on is None or decided_on > last else str(result)
        table[kind.value][key] += 1
        table[kind.value]["total"] += 1
    return table


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(cases(), max_size=25))
def test_generated_cases_count_as_a_recount_and_every_total_adds_up(rows):
    # given a fresh agency per example (examples share the test's transaction)
    agency = make_agency()
    for kind, role, filed_on, result, decided_on in rows:
        make_case(agency=agency, kind=kind, our_role=role, filed_on=filed_on,
                  result=result, decided_on=decided_on)  # fmt: skip
    for year in YEARS:
        # when
        table = reviews_table(agency=agency, year=year)
        # then
        assert table == recount(rows, year)
        for cells in table.values():  # T4.total
            assert cells["total"] == sum(
                cells[k] for k in ("upheld", "corrected", "other", "pending")
            )
    # and a case pending at the end of a year is counted again the next year (X.pending_cases)
    for year in YEARS[:-1]:
        pending = sum(b["pending"] for b in reviews_table(agency=agency, year=year).values())
        following = reviews_table(agency=agency, year=year + 1)
        carried = sum(
            1
            for _kind, role, filed_on, _r, decided_on in rows
            if role == ReviewRole.ORIGINAL_AGENCY
            and filed_on.year <= year
            and (decided_on is None or decided_on.year > year)
        )
        assert pending == carried
        assert sum(b["total"] for b in following.values()) >= carried
