"""What the register pages show and do: table 二 from the registers, the 现行有效 continuity
warning, the totals import (all rows or none, each bad row in Chinese), the fee total in 万元."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent
from gongkai.registers.models import DecisionKind, DecisionMonthlyTotal, DocumentKind
from gongkai.registers.services import register_normative_document_from_publication
from gongkai.registers.tests.factories import (
    make_balance,
    make_decision,
    make_document,
    make_fee,
    make_published_item,
    make_total,
)

pytestmark = pytest.mark.django_db
D = dt.date
RULES_ROW = '<tr id="row-rules"><th scope="row">规章</th>'


@pytest.fixture
def bureau():
    committee = make_agency(code="zmd-kfq", name="驻马店经济开发区管理委员会")
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局", parent=committee)


@pytest.fixture
def office(client, bureau):
    user = make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE)
    client.force_login(user)
    return user


def page(client, view: str, bureau, query: str = "") -> str:
    response = client.get(reverse(f"workspace:{view}", args=[bureau.code]) + query)
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


def test_a_document_registered_through_the_page_appears_in_table_two(client, bureau, office):
    # given an empty register
    before = page(client, "register_table", bureau, "?year=2025")
    assert f"{RULES_ROW}<td>0</td><td>0</td><td>0</td></tr>" in before
    # when the office registers a rule issued in 2025
    response = client.post(
        reverse("workspace:register_document_new", args=[bureau.code]),
        {
            "kind": "rules",
            "title": "驻马店经济开发区统计调查管理办法",
            "document_number": "驻统规〔2025〕1号",
            "issued_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    # then table 二 of 2025 counts it as issued and in force, and the list shows it
    after = page(client, "register_table", bureau, "?year=2025")
    assert f"{RULES_ROW}<td>1</td><td>0</td><td>1</td></tr>" in after
    assert "驻统规〔2025〕1号" in page(client, "register_documents", bureau)
    assert AuditEvent.objects.filter(action="regulatory_document.register").count() == 1


def test_a_duplicate_document_number_is_refused_on_the_form(client, bureau, office):
    data = {"kind": "rules", "title": "办法", "document_number": "驻统规〔2025〕1号"}
    url = reverse("workspace:register_document_new", args=[bureau.code])
    client.post(url, data | {"issued_on": "2025-03-01"})
    again = client.post(url, data | {"title": "另一个办法", "issued_on": "2025-04-01"})
    assert again.status_code == 400
    assert "已在驻马店经济开发区统计局的文件台账中登记" in again.content.decode()


def test_the_continuity_warning_names_the_year_and_the_gap(client, bureau, office):
    # given two normative documents issued in 2024, one in 2025, and the agency's own count
    # of 5 in force at the end of 2025 (the register carries 3)
    for day in (D(2024, 2, 1), D(2024, 5, 1), D(2025, 3, 1)):
        make_document(agency=bureau, issued_on=day)
    make_balance(agency=bureau, kind=DocumentKind.NORMATIVE_DOCUMENT, year=2025, in_force=5)
    # when the table of 2026 is shown
    html = page(client, "register_table", bureau, "?year=2026")
    # then the warning says which year, what was expected and by how much it differs
    assert 'id="stock-warning"' in html
    assert "2025年行政规范性文件：现行有效 5 件" in html
    assert "按2024年末 2 件 + 本年制发 1 件 − 本年废止 0 件 应为 3 件，多 2 件" in html


def test_no_continuity_warning_when_the_years_carry_forward(client, bureau, office):
    for day in (D(2024, 2, 1), D(2024, 5, 1), D(2025, 3, 1)):
        make_document(agency=bureau, issued_on=day, repealed_on=None)
    make_document(agency=bureau, issued_on=D(2023, 1, 1), repealed_on=D(2025, 6, 1))
    make_balance(agency=bureau, kind=DocumentKind.NORMATIVE_DOCUMENT, year=2025, in_force=3)
    html = page(client, "register_table", bureau, "?year=2026")
    assert 'id="stock-warning"' not in html
    assert "不衔接（" not in html


def test_a_bad_totals_file_shows_every_line_error_and_writes_nothing(client, bureau, office):
    # given a file whose fourth row is good but whose second and third rows are not
    content = "年份,月份,类别,数量\n2026,13,行政处罚,5\n2026,2,行政罚款,x\n2026,3,行政许可,9\n"
    upload = SimpleUploadedFile("台账.csv", content.encode(), "text/csv")
    # when it is uploaded
    response = client.post(
        reverse("workspace:register_totals_import", args=[bureau.code]), {"file": upload}
    )
    # then both bad rows are listed in Chinese and no month was written, not even the good one
    html = response.content.decode()
    assert response.status_code == 400
    assert "第2行: 月份“13”无效（应为 1–12）" in html
    assert "第3行: 类别“行政罚款”无效" in html
    assert "数量“x”应为不小于 0 的整数" in html
    assert "未导入任何数据" in html
    assert "第4行" not in html
    assert not DecisionMonthlyTotal.objects.exists()
    assert not AuditEvent.objects.filter(action="decision_totals.import").exists()


def test_an_xlsx_totals_file_fills_the_monthly_grid(client, bureau, office):
    # given a workbook with two months of penalties, one of which has records already
    make_decision(agency=bureau, kind=DecisionKind.PENALTY, decided_on=D(2026, 1, 10))
    make_decision(agency=bureau, kind=DecisionKind.PENALTY, decided_on=D(2026, 4, 10))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("年份", "月份", "类别", "数量"))
    sheet.append((2026, 1, "行政处罚", 6))
    sheet.append((2026, 2, "行政处罚", 2))
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("台账.xlsx", buffer.getvalue())
    # when it is imported
    response = client.post(
        reverse("workspace:register_totals_import", args=[bureau.code]), {"file": upload}
    )
    assert response.status_code == 302
    # then January counts the total (not the record too), April its record: 6 + 2 + 1
    html = page(client, "register_decisions", bureau, "?year=2026")
    assert "<td><strong>9</strong></td>" in html
    assert '<tr id="row-penalty"><th scope="row">行政处罚</th><td>9</td></tr>' in page(
        client, "register_table", bureau, "?year=2026"
    )


def test_an_unreadable_xlsx_is_refused_with_a_message(client, bureau, office):
    upload = SimpleUploadedFile("台账.xlsx", b"not a workbook")
    response = client.post(
        reverse("workspace:register_totals_import", args=[bureau.code]), {"file": upload}
    )
    assert response.status_code == 400
    assert "无法读取该文件：文件不是 XLSX 工作簿" in response.content.decode()


@pytest.mark.parametrize("case", ["cut short", "dtd entities"])
def test_a_damaged_xlsx_or_one_with_a_dtd_is_refused_not_a_500(client, bureau, office, case):
    from gongkai.report.parse.tests.hostile import billion_laughs, with_member_cut, xlsx_with_cells

    good = xlsx_with_cells([(1, 1, "年份"), (1, 2, "月份"), (1, 3, "类别"), (1, 4, "数量")])
    data = {
        "cut short": with_member_cut(good, "xl/worksheets/sheet1.xml", 200),
        "dtd entities": xlsx_with_cells([(1, 1, "&a9;")], prologue=billion_laughs("worksheet")),
    }[case]
    response = client.post(
        reverse("workspace:register_totals_import", args=[bureau.code]),
        {"file": SimpleUploadedFile("台账.xlsx", data)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "无法读取该文件：" in html and "未导入任何数据" in html
    assert not DecisionMonthlyTotal.objects.exists()


def test_a_month_total_entered_on_the_page_replaces_the_records_of_that_month(
    client, bureau, office
):
    make_decision(agency=bureau, kind=DecisionKind.LICENSING, decided_on=D(2026, 5, 3))
    make_total(agency=bureau, kind=DecisionKind.LICENSING, year=2026, month=6, count=2)
    response = client.post(
        reverse("workspace:register_total_new", args=[bureau.code]),
        {"kind": "licensing", "year": "2026", "month": "5", "count": "4"},
    )
    assert response["Location"].endswith("?year=2026")
    table = page(client, "register_table", bureau, "?year=2026")
    assert '<tr id="row-licensing"><th scope="row">行政许可</th><td>6</td></tr>' in table


def test_the_fee_page_lists_yuan_and_totals_in_10k_yuan(client, bureau, office):
    make_fee(agency=bureau, collected_on=D(2026, 2, 1), amount_yuan="100.40")
    make_fee(agency=bureau, collected_on=D(2026, 3, 1), amount_yuan="49.60")
    make_fee(agency=bureau, collected_on=D(2025, 3, 1), amount_yuan="999.00")
    html = page(client, "register_fees", bureau, "?year=2026")
    assert "100.40" in html and "999.00" not in html
    assert "<strong>0.0150 万元</strong>" in html
    table = page(client, "register_table", bureau, "?year=2026")
    assert '<th scope="row">行政事业性收费</th><td>0.0150</td>' in table


def test_a_document_from_a_publication_links_to_its_portal_page(client, bureau, office):
    item = make_published_item(agency=bureau, document_number="驻统规〔2024〕2号")
    register_normative_document_from_publication(item=item, actor=None)
    html = page(client, "register_documents", bureau, "?state=in_force")
    assert reverse("portal:item", args=[item.pk]) in html
    assert "主动公开发布" in html


def test_the_office_repeals_a_document_and_it_leaves_the_in_force_list(client, bureau, office):
    document = make_document(agency=bureau, issued_on=D(2024, 1, 5))
    response = client.post(
        reverse("workspace:register_document_repeal", args=[bureau.code, document.pk]),
        {"repealed_on": "2023-12-31"},
    )
    assert response.status_code == 400
    assert "废止日期不能早于制发日期" in response.content.decode()
    client.post(
        reverse("workspace:register_document_repeal", args=[bureau.code, document.pk]),
        {"repealed_on": "2025-07-01"},
    )
    cell = f"<td>{document.title}</td>"
    assert cell not in page(client, "register_documents", bureau, "?state=in_force")
    assert cell in page(client, "register_documents", bureau, "?state=repealed")
    table = page(client, "register_table", bureau, "?year=2025")
    assert "<td>0</td><td>1</td><td>0</td>" in table
