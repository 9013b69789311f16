"""The remedies paragraph: before and from 2024-01-01, refusals and the other outcomes."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.applications.procedure.remedies import (
    RemedyError,
    ReviewBodies,
    reconsideration_first,
    remedies_paragraph,
)
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, OutcomeHeading

BODIES = ReviewBodies(reconsideration_organ="驻马店市人民政府", court="驻马店市驿城区人民法院")
OLD, NEW = dt.date(2023, 12, 31), dt.date(2024, 1, 1)
# The conservative default: rows （二）–（五） (decision 0013).
REFUSALS = {
    key
    for key in OUTCOME_KEYS
    if Outcome(key).group
    in (
        OutcomeHeading.PARTIALLY_GRANTED,
        OutcomeHeading.WITHHELD,
        OutcomeHeading.UNAVAILABLE,
        OutcomeHeading.NOT_PROCESSED,
    )
}


def test_before_2024_every_letter_offers_reconsideration_or_litigation() -> None:
    for outcome in OUTCOME_KEYS:
        assert not reconsideration_first(letter_date=OLD, outcome=outcome)
    text = remedies_paragraph(letter_date=OLD, outcome=Outcome.WITHHELD_STATE_SECRET, bodies=BODIES)
    assert text == (
        "如对本答复不服，可以自收到本答复之日起60日内向驻马店市人民政府申请行政复议，"
        "也可以自收到本答复之日起6个月内依法向驻马店市驿城区人民法院提起行政诉讼。"
    )


@pytest.mark.parametrize("outcome", sorted(REFUSALS))
def test_from_2024_a_refusal_sends_the_applicant_to_reconsideration_first(outcome: str) -> None:
    # 行政复议法（2023年修订）第二十三条第一款第（四）项: 申请政府信息公开，行政机关不予公开.
    assert reconsideration_first(letter_date=NEW, outcome=outcome)
    text = remedies_paragraph(letter_date=NEW, outcome=outcome, bodies=BODIES)
    assert "第二十三条第一款第（四）项" in text
    assert "应当先申请行政复议" in text
    assert "60日内向驻马店市人民政府申请行政复议；对行政复议决定不服的" in text
    assert "15日内依法向驻马店市驿城区人民法院提起行政诉讼" in text
    assert "6个月" not in text


@pytest.mark.parametrize("outcome", sorted(set(OUTCOME_KEYS) - REFUSALS))
def test_from_2024_other_outcomes_keep_the_choice(outcome: str) -> None:
    assert not reconsideration_first(letter_date=NEW, outcome=outcome)
    text = remedies_paragraph(letter_date=NEW, outcome=outcome, bodies=BODIES)
    assert text == remedies_paragraph(letter_date=OLD, outcome=outcome, bodies=BODIES)


def test_without_a_named_court_the_letter_says_人民法院() -> None:
    bodies = ReviewBodies(reconsideration_organ="驻马店市人民政府")
    text = remedies_paragraph(letter_date=OLD, outcome="granted", bodies=bodies)
    assert text.endswith("6个月内依法向人民法院提起行政诉讼。")


def test_missing_configuration_and_unknown_outcomes_are_refused() -> None:
    with pytest.raises(RemedyError, match="未配置行政复议机关"):
        remedies_paragraph(letter_date=NEW, outcome="granted", bodies=ReviewBodies(" "))
    with pytest.raises(RemedyError, match="不是年度报告表三的办理结果"):
        reconsideration_first(letter_date=NEW, outcome="withheld")


def test_a_jurisdiction_reading_不予公开_narrowly_sets_the_groups() -> None:
    narrow = ReviewBodies("驻马店市人民政府", reconsideration_first=frozenset({"withheld"}))
    text = remedies_paragraph(letter_date=NEW, outcome=Outcome.UNAVAILABLE_NOT_HELD, bodies=narrow)
    assert "6个月内" in text and "应当先申请行政复议" not in text
    # by default 无法提供 is read as 不予公开: reconsideration first
    default = remedies_paragraph(
        letter_date=NEW, outcome=Outcome.UNAVAILABLE_NOT_HELD, bodies=BODIES
    )
    assert "应当先申请行政复议" in default


def test_granted_and_other_handling_always_keep_the_choice() -> None:
    for outcome in OUTCOME_KEYS:
        if Outcome(outcome).group in (OutcomeHeading.GRANTED, OutcomeHeading.OTHER_HANDLING):
            assert not reconsideration_first(letter_date=NEW, outcome=outcome)
