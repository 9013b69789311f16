"""What publishing sets off: search follows it; a 行政规范性文件 enters the register."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.publications.models import Validity
from gongkai.publications.services import item_retire, item_withdraw
from gongkai.publications.tests.factories import make_team, published
from gongkai.registers.models import RegulatoryDocument
from gongkai.registers.selectors import active_table
from gongkai.search.selectors import search

pytestmark = pytest.mark.django_db


def test_a_published_normative_document_is_counted_in_table_two() -> None:
    # given a normative document written in 2023 and published through the path
    team = make_team()
    item = published(
        team,
        document_number="测开统〔2023〕2号",
        date_written=dt.date(2023, 3, 1),
        is_normative_document=True,
    )

    # then it stands in the register, once, linked to the item
    document = RegulatoryDocument.objects.get(publication=item)
    assert document.document_number == "测开统〔2023〕2号"
    assert document.issued_on == dt.date(2023, 3, 1)
    cells = active_table(agency=team.agency, year=2023).cells()
    assert cells["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_retiring_it_repeals_it_in_the_register() -> None:
    # given a published normative document
    team = make_team()
    item = published(
        team,
        document_number="测开统〔2023〕3号",
        date_written=dt.date(2023, 3, 1),
        is_normative_document=True,
    )

    # when it is declared 废止 from 2024-01-01
    item_retire(
        item=item,
        actor=team.office,
        seen_version=item.version,
        validity=Validity.REPEALED,
        on=dt.date(2024, 1, 1),
        reason="已被新文件替代",
    )

    # then the register counts it repealed in 2024 and no longer in force
    assert RegulatoryDocument.objects.get(publication=item).repealed_on == dt.date(2024, 1, 1)
    cells = active_table(agency=team.agency, year=2024).cells()
    assert cells["normative_documents"] == {"issued": 0, "repealed": 1, "in_force": 0}


def test_an_ordinary_item_does_not_enter_the_register() -> None:
    # given a work-news item
    team = make_team()
    published(team)

    # then the register is empty
    assert not RegulatoryDocument.objects.filter(agency=team.agency).exists()


def test_a_published_item_is_found_by_search_until_it_is_withdrawn() -> None:
    # given an item published through the path
    team = make_team()
    item = published(team, title="我区开展招生工作检查", body="检查了全区中小学招生工作。")
    assert search("招生", agency=team.agency).item_ids == [item.pk]

    # when it is withdrawn
    item_withdraw(item=item, actor=team.office, seen_version=item.version, reason="信息有误")

    # then search no longer finds it
    assert search("招生", agency=team.agency).item_ids == []
