"""Every cell explains itself: the records a cell opens are exactly the ones it counts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import APPLICANT_KINDS
from gongkai.applications.selectors import applications_table
from gongkai.report.catalogue import APPLICATION_ROW_KEYS, OUTCOME_KEYS
from gongkai.reporting.drilldown import cases_in_cell, review_cases_in_cell
from gongkai.reporting.tests.factories import make_application
from gongkai.reviews.models import DECIDED_RESULTS, ReviewCaseResult, ReviewKind, ReviewRole
from gongkai.reviews.selectors import reviews_table
from gongkai.reviews.tests.factories import make_case

pytestmark = pytest.mark.django_db


def _day(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(last, 12, 31) - start).days + 1))


def given_random_cases(seed: int):
    """Forty applications and twelve review cases around the years 2019–2022, at random."""
    rng = random.Random(seed)
    agency = make_agency()
    for _ in range(40):
        received = _day(rng, 2019, 2022)
        concluded = received + dt.timedelta(days=rng.randrange(0, 400))
        done = rng.random() < 0.7
        make_application(
            agency=agency,
            kind=rng.choice(APPLICANT_KINDS),
            receipt_date=received,
            outcome=rng.choice(OUTCOME_KEYS) if done else None,
            concluded_on=concluded if done else None,
        )
    for _ in range(12):
        filed = _day(rng, 2019, 2022)
        decided = rng.random() < 0.6
        kind = rng.choice(list(ReviewKind))
        # only a case brought after reconsideration can have the 复议机关 as co-defendant
        roles = [ReviewRole.ORIGINAL_AGENCY]
        if kind is ReviewKind.LITIGATION_AFTER_RECONSIDERATION:
            roles.append(ReviewRole.CO_DEFENDANT)
        make_case(
            agency=agency,
            kind=kind,
            filed_on=filed,
            result=rng.choice(DECIDED_RESULTS) if decided else ReviewCaseResult.PENDING,
            decided_on=filed + dt.timedelta(days=rng.randrange(1, 300)) if decided else None,
            our_role=rng.choice(roles),
        )
    return agency


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("year", [2020, 2021])  # the 2019 layout folds （六）1–2, 2021 does not
def test_each_cell_of_table_three_opens_exactly_the_cases_it_counts(seed, year):
    agency = given_random_cases(seed)
    table = applications_table(agency=agency, year=year)
    for row in APPLICATION_ROW_KEYS:
        for index, column in enumerate([*APPLICANT_KINDS, "total"]):
            opened = cases_in_cell(agency=agency, year=year, row=row, column=column)
            assert opened.count() == table[row][index], (row, column)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_cell_of_table_four_opens_exactly_the_cases_it_counts(seed):
    agency = given_random_cases(seed)
    table = reviews_table(agency=agency, year=2021)
    for block, cells in table.items():
        for result, count in cells.items():
            opened = review_cases_in_cell(agency=agency, year=2021, block=block, result=result)
            assert opened.count() == count, (block, result)
