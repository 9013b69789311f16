"""A 更正申请 (条例第四十一条) is never counted in table 三 nor opened from its cells."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.applications.procedure.correction import CorrectionOutcome, RequestKind
from gongkai.applications.selectors import applications_table
from gongkai.applications.services import application_decide
from gongkai.applications.tests.factories import make_office, registered
from gongkai.report.catalogue import SummaryRow
from gongkai.reporting.drilldown import cases_in_cell

pytestmark = pytest.mark.django_db
D = dt.date


def correction(office, received: dt.date):
    return registered(
        office,
        received,
        request_kind=RequestKind.CORRECTION.value,
        description="2025年度公示名单中本人的家庭人口数",
        correction_requested="名单记载为3人，实际为4人",
    )


def test_table_three_never_counts_a_correction_request():
    office = make_office()
    disclosure = registered(office, D(2026, 3, 2))
    open_correction = correction(office, D(2026, 3, 2))
    decided = correction(office, D(2026, 3, 3))
    application_decide(
        application=decided,
        actor=office.approver,
        seen_version=decided.version,
        outcome=CorrectionOutcome.REFUSED.value,
        on=D(2026, 3, 20),
    )
    table = applications_table(agency=office.agency, year=2026)
    # only the one disclosure request: received in 2026, still open at the year's end
    assert table[SummaryRow.NEW][-1] == 1
    assert table[SummaryRow.CARRIED_FORWARD][-1] == 1
    assert table[SummaryRow.TOTAL][-1] == 0
    for row in (SummaryRow.NEW, SummaryRow.CARRIED_FORWARD, SummaryRow.TOTAL):
        cases = set(cases_in_cell(agency=office.agency, year=2026, row=row, column="total"))
        assert open_correction not in cases and decided not in cases
    assert set(
        cases_in_cell(agency=office.agency, year=2026, row=SummaryRow.NEW, column="total")
    ) == {disclosure}
