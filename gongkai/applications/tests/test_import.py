"""`gongkai applications import FILE --agency CODE`, as cli-and-import.md defines it."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import Application
from gongkai.applications.procedure.register_file import outcome_key, parse_date
from gongkai.applications.selectors import applications_table
from gongkai.audit.models import AuditEvent
from gongkai.report.catalogue import OUTCOME_KEYS, Outcome, SummaryRow, application_row, group_label

HEADER = "编号,申请人,收到日期,申请人类型,申请方式,申请内容,办理结果,答复日期,经办人备注"
GOOD = [
    "A-1,张三,2025-12-20,自然人,当面,2025年统计公报,予以公开,2026-01-05,甲",
    "A-2,某公司,2026/1/3,商业企业,邮寄,企业名录,不予公开/1.属于国家秘密,2026-01-20,",
    "A-3,某律所,2026年2月1日,法律服务机构,网络,案卷,（三）不予公开／7．属于行政执法案卷,2026年2月10日,",
    "A-4,李四,2026-03-01,自然人,,预算,,,乙",
    "A-5,王五,2026-03-02,自然人,传真,某文件,"
    "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请,2026-04-30,",
]


def write_csv(path: Path, lines: list[str], bom: bool = False) -> Path:
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("applications", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("bom", [False, True])
def test_a_good_csv_register_is_imported_whole(tmp_path, bom):
    # given an agency and a register with headers in their own order and an unknown column
    agency = make_agency(code="tjj", name="驻马店经济开发区统计局")
    path = write_csv(tmp_path / "register.csv", [HEADER, *GOOD], bom=bom)
    # when it is imported by the agency's full name
    code, out, err = run("import", str(path), "--agency", "驻马店经济开发区统计局")
    # then every row is a case, concluded or open as the register says, audited once
    assert (code, err) == (0, "")
    assert "5 件" in out and "已办结 4 件" in out
    cases = {c.case_number: c for c in Application.objects.filter(agency=agency)}
    assert cases["A-1"].outcome == "granted" and cases["A-1"].state == "closed"
    assert cases["A-2"].outcome == Outcome.WITHHELD_STATE_SECRET
    assert cases["A-2"].receipt_date == dt.date(2026, 1, 3)
    assert cases["A-3"].outcome == Outcome.WITHHELD_ENFORCEMENT_CASE_FILE
    assert cases["A-3"].concluded_on == dt.date(2026, 2, 10)
    assert cases["A-4"].outcome is None and cases["A-4"].state == "received"
    assert cases["A-4"].channel == "other" and cases["A-4"].notes == {"经办人备注": "乙"}
    assert cases["A-5"].outcome == Outcome.OTHER_HANDLING_FEE_UNPAID
    assert AuditEvent.objects.filter(action="applications.import").count() == 1
    # and table 三 counts them: A-1 carried over into 2026 and granted in 2026
    table = applications_table(agency=agency, year=2026)
    assert table[SummaryRow.CARRIED_OVER][0] == 1 and table[SummaryRow.NEW][6] == 4
    assert table["granted"][0] == 1 and table[SummaryRow.CARRIED_FORWARD][6] == 1


@pytest.mark.django_db
def test_a_bad_register_imports_nothing_and_names_every_bad_row(tmp_path):
    agency = make_agency(code="tjj")
    lines = [
        HEADER,
        GOOD[0],
        "B-2,某人,2026-13-01,自然人,当面,x,,,",
        "B-3,某人,2026-01-02,个人,当面,x,,,",
        "B-4,某人,2026-01-02,自然人,当面,x,不予公开,2026-01-03,",
        "B-5,某人,2026-01-02,自然人,当面,x,予以公开,,",
        "A-1,某人,2026-01-05,自然人,当面,x,予以公开,2026-01-04,",
    ]
    code, out, err = run("import", str(write_csv(tmp_path / "r.csv", lines)), "--agency", "tjj")
    assert code == 2 and out == ""
    bad = [line for line in err.splitlines() if line.startswith("第")]
    assert [line.split(":")[0] for line in bad] == ["第3行", "第4行", "第5行", "第6行", "第7行"]
    assert "收到日期“2026-13-01”无法识别" in bad[0]
    assert "申请人类型“个人”无效" in bad[1]
    assert "办理结果“不予公开”不是表三的办理结果" in bad[2]
    assert "答复日期为空" in bad[3]
    assert "早于收到日期" in bad[4] and "与第2行重复" in bad[4]
    assert not Application.objects.filter(agency=agency).exists()


@pytest.mark.django_db
def test_missing_required_headers_are_reported_on_line_one(tmp_path):
    make_agency(code="tjj")
    path = write_csv(tmp_path / "r.csv", ["申请人,申请内容", "张三,x"])
    code, _, err = run("import", str(path), "--agency", "tjj")
    assert code == 2
    assert err.splitlines()[0] == "第1行: 缺少必填列：收到日期、申请人类型"


@pytest.mark.django_db
def test_an_unknown_agency_is_refused(tmp_path):
    path = write_csv(tmp_path / "r.csv", [HEADER, *GOOD])
    code, _, err = run("import", str(path), "--agency", "nope")
    assert code == 2 and "不存在" in err


@pytest.mark.django_db
def test_an_xlsx_register_reads_its_first_sheet_with_real_dates(tmp_path):
    agency = make_agency(code="tjj")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "编号"])
    sheet.append(
        [
            dt.datetime(2026, 1, 5),
            "科研机构",
            "某研究所",
            "数据",
            "部分公开",
            dt.date(2026, 1, 9),
            17,
        ]
    )
    sheet.append(
        [
            "2026-01-06",
            "其他",
            "某协会",
            "名单",
            "无法提供/本机关不掌握相关政府信息",
            "2026-01-08",
            None,
        ]
    )
    book.create_sheet("说明").append(["不读这一页"])
    book.save(tmp_path / "r.xlsx")
    code, _, err = run("import", str(tmp_path / "r.xlsx"), "--agency", "tjj")
    assert (code, err) == (0, ""), err
    first = Application.objects.get(agency=agency, case_number="17")
    assert (first.applicant_kind, first.outcome) == ("research", Outcome.PARTIALLY_GRANTED)
    assert first.receipt_date == dt.date(2026, 1, 5)


def test_every_outcome_is_read_in_the_forms_of_the_report():
    for key in OUTCOME_KEYS:
        row = application_row(key)
        group = group_label(key)
        if group is None or group.startswith("三、"):
            forms = [row.label, row.short_label.split("（")[0]]
        else:
            bare = group.split("）", 1)[1]
            forms = [
                f"{bare}/{row.short_label}",
                f"{bare}/{row.label}",
                f"{group}／{row.label}".replace(".", "．"),
                f"{bare} / {row.short_label}".replace("、", "、"),
            ]
        for form in forms:
            assert outcome_key(form) == key, form


def test_dates_in_the_three_forms():
    assert parse_date("2026-01-05") == parse_date("2026/1/5") == parse_date("2026年1月5日")
    assert parse_date("2026-02-30") is None and parse_date("05/01/2026") is None


def _unreadable_workbooks() -> dict[str, bytes]:
    """Files named .xlsx that cannot be read as a register, by what is wrong with them."""
    from gongkai.report.parse.tests.hostile import billion_laughs, with_member_cut, xlsx_with_cells

    good = xlsx_with_cells([(1, 1, "收到日期"), (1, 2, "申请人")])
    return {
        "not a zip": "收到日期,申请人\n2026-01-01,张三\n".encode(),
        "cut in half": good[: len(good) // 2],
        "sheet cut short": with_member_cut(good, "xl/worksheets/sheet1.xml", 200),
        "dtd entities": xlsx_with_cells([(1, 1, "&a9;")], prologue=billion_laughs("worksheet")),
        "far cell": xlsx_with_cells(
            [(1, column, name) for column, name in enumerate(HEADER.split(","), start=1)]
            + [(1048576, 16384, "x")]
        ),
    }


UNREADABLE = _unreadable_workbooks()


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_xlsx_register_is_one_line_exit_2_and_nothing_stored(tmp_path, case):
    # given a file named .xlsx that is not a readable workbook
    make_agency(code="tjj")
    path = tmp_path / "register.xlsx"
    path.write_bytes(UNREADABLE[case])
    # when it is imported
    code, out, err = run("import", str(path), "--agency", "tjj")
    # then one Chinese line says why, exit 2, and nothing is stored
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("无法读取台账：") and lines[0].endswith("未导入任何申请。")
    assert "Traceback" not in err and "Error" not in err
    assert not Application.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_an_unreadable_register_file_names_the_os_error_in_chinese(tmp_path, monkeypatch):
    make_agency(code="tjj")
    path = write_csv(tmp_path / "register.csv", [HEADER, *GOOD])

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = run("import", str(path), "--agency", "tjj")
    assert code == 2
    assert err.strip() == "无法读取台账：没有读取权限。未导入任何申请。"
