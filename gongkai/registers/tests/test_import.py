"""Monthly decision totals from CSV/XLSX: all rows or none, every bad row named `第N行: …`."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from gongkai.agencies.tests.factories import make_agency
from gongkai.audit.models import AuditEvent
from gongkai.registers.decision_file import TotalsFileError, read_totals
from gongkai.registers.models import DecisionKind, DecisionMonthlyTotal, TotalSource
from gongkai.registers.selectors import decision_counts
from gongkai.registers.services import monthly_totals_import
from gongkai.registers.tests.factories import make_total

TODAY = date(2024, 12, 31)


def write_csv(tmp_path, text, name="totals.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_a_good_csv_reads_in_any_column_order(tmp_path):
    path = write_csv(
        tmp_path, "类别,数量,年份,月份,备注\n行政许可,12,2024,1,\n行政处罚,0,2024,1月,无\n"
    )
    rows = read_totals(path, today=TODAY)
    assert [(r.line, r.year, r.month, r.kind, r.count) for r in rows] == [
        (2, 2024, 1, "licensing", 12),
        (3, 2024, 1, "penalty", 0),
    ]


def test_every_bad_row_is_named_with_its_line(tmp_path):
    path = write_csv(
        tmp_path,
        "年份,月份,类别,数量\n"
        "2024,1,行政许可,3\n"
        "2024,13,行政许可,3\n"
        "2024,2,行政检查,3\n"
        "2024,3,行政强制,-1\n"
        "\n"
        "2024,1,行政许可,4\n"
        "2025,1,行政处罚,1\n"
        ",,,\n"
        "2024,4,,\n",
    )
    with pytest.raises(TotalsFileError) as caught:
        read_totals(path, today=TODAY)
    assert caught.value.lines == (
        "第3行: 月份“13”无效（应为 1–12）",
        "第4行: 类别“行政检查”无效（可选：行政许可、行政处罚、行政强制）",
        "第5行: 数量“-1”应为不小于 0 的整数",
        "第7行: 2024年1月行政许可与第2行重复",
        "第8行: 年份“2025”无效（应为 2008–2024 年）",
        "第10行: 类别为空；数量为空",
    )


def test_a_file_without_the_required_headers_is_refused_at_line_one(tmp_path):
    path = write_csv(tmp_path, "年份,月,类别\n2024,1,行政许可\n")
    with pytest.raises(TotalsFileError) as caught:
        read_totals(path, today=TODAY)
    assert caught.value.lines == ("第1行: 缺少必填列：月份、数量",)


@pytest.mark.django_db
def test_an_xlsx_import_corrects_months_and_writes_one_event(tmp_path):
    # given an agency that already entered February's licensing total by hand
    agency = make_agency()
    make_total(agency=agency, kind=DecisionKind.LICENSING, year=2024, month=2, count=1)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["年份", "月份", "类别", "数量"])
    sheet.append([2024, 1, "行政许可", 5])
    sheet.append([2024, 2, "行政许可", 6])
    sheet.append([2024, 2, "行政强制", 2.0])
    path = tmp_path / "totals.xlsx"
    book.save(path)
    # when
    result = monthly_totals_import(agency=agency, path=path, today=TODAY)
    # then
    assert (result.created, result.updated) == (2, 1)
    assert decision_counts(agency=agency, year=2024)[DecisionKind.LICENSING] == 11
    assert set(DecisionMonthlyTotal.objects.values_list("source", flat=True)) == {
        TotalSource.IMPORT
    }
    [event] = AuditEvent.objects.filter(action="decision_totals.import")
    assert event.after == {"file": "totals.xlsx", "rows": 3, "created": 2, "updated": 1}


@pytest.mark.django_db
def test_a_bad_file_writes_nothing(tmp_path):
    agency = make_agency()
    path = write_csv(tmp_path, "年份,月份,类别,数量\n2024,1,行政许可,5\n2024,2,行政许可,x\n")
    with pytest.raises(TotalsFileError):
        monthly_totals_import(agency=agency, path=path, today=TODAY)
    assert not DecisionMonthlyTotal.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_command_imports_or_exits_2_with_the_lines(tmp_path, capsys):
    agency = make_agency(code="tjj")
    good = write_csv(tmp_path, "年份,月份,类别,数量\n2023,5,行政处罚,4\n", name="good.csv")
    call_command("registers", "import-decisions", str(good), "--agency", "tjj")
    assert "新增 1 个月份" in capsys.readouterr().out
    bad = write_csv(tmp_path, "年份,月份,类别,数量\n2023,5,行政处罚,四\n", name="bad.csv")
    with pytest.raises(SystemExit) as exited:
        call_command("registers", "import-decisions", str(bad), "--agency", agency.name)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "第2行: 数量“四”应为不小于 0 的整数" in err
    assert "未导入任何数量" in err
    assert DecisionMonthlyTotal.objects.get().count == 4


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["not a zip", "sheet cut short", "dtd entities", "far cell"])
def test_an_unreadable_xlsx_is_one_line_exit_2_and_nothing_stored(tmp_path, capsys, case):
    from gongkai.report.parse.tests.hostile import billion_laughs, with_member_cut, xlsx_with_cells

    good = xlsx_with_cells([(1, 1, "年份"), (1, 2, "月份"), (1, 3, "类别"), (1, 4, "数量")])
    data = {
        "not a zip": "年份,月份,类别,数量\n2024,1,行政许可,3\n".encode(),
        "sheet cut short": with_member_cut(good, "xl/worksheets/sheet1.xml", 200),
        "dtd entities": xlsx_with_cells([(1, 1, "&a9;")], prologue=billion_laughs("worksheet")),
        "far cell": xlsx_with_cells(
            [(1, 1, "年份"), (1, 2, "月份"), (1, 3, "类别"), (1, 4, "数量"), (1048576, 16384, "x")]
        ),
    }[case]
    make_agency(code="tjj")
    path = tmp_path / "totals.xlsx"
    path.write_bytes(data)
    with pytest.raises(SystemExit) as exited:
        call_command("registers", "import-decisions", str(path), "--agency", "tjj")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("无法读取文件：") and lines[0].endswith("未导入任何数量。")
    assert not DecisionMonthlyTotal.objects.exists()
    assert not AuditEvent.objects.exists()
