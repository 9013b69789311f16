"""Printing variants real reports show, each on a synthetic report (spec §9)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.parse import read_bytes
from gongkai.report.parse.tests.fixtures import TAB_TEXT


def test_one_blank_cell_in_a_table_two_grid_row_is_zero_and_recorded():
    # given a 规章 row whose 本年制发件数 cell was printed blank
    data = TAB_TEXT.replace("规章\t0\t0\t0", "规章\t\t2\t5").encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the blank cell is 0 and recorded, the others keep their numbers
    assert report.active["rules"] == {"issued": 0, "repealed": 2, "in_force": 5}
    assert "active/rules/issued" in report.blank_cells
    assert "active/rules/repealed" not in report.blank_cells


def test_a_fee_printed_with_its_unit_keeps_the_unit_in_the_notes():
    # given a fee cell printed as "3500元"
    data = TAB_TEXT.replace("行政事业性收费\t0.35", "行政事业性收费\t3500元").encode()
    # when it is read
    report = read_bytes(data, "x.txt")
    # then the number is read as printed and the unit is noted for rule T2.fee_unit
    assert report.active["fees_10k_yuan"] == {"": Decimal(3500)}
    assert any("收费" in note and "“元”" in note for note in report.notes)
