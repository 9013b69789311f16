"""The receipt: a printable summary on the page, and a copy by e-mail without the query code."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import RESIDENT_ID

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_kind": "natural_person",
    "applicant_name": "李四",
    "id_document_type": "resident_id",
    "id_document_number": RESIDENT_ID,
    "contact_email": "lisi@example.cn",
    "description": "2025年度本局行政事业性收费清单",
    "delivery_form": "electronic",
    "delivery_route": "electronic",
}


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture(autouse=True)
def bureau(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")


def submit(client, data):
    response = client.post(reverse("portal:apply"), data)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_receipt_is_a_printable_summary(client):
    # when a citizen submits the form
    html = submit(client, {**FORM, "contact_email": "", "contact_phone": "13900139000"})
    case = Application.objects.get()
    # then the receipt block holds the facts to keep, and says how to print it
    receipt = html.split('<section class="receipt"')[1].split("</section>")[0]
    assert case.tracking_code in receipt and "驻马店经济开发区统计局" in receipt
    assert "2025年度本局行政事业性收费清单" in receipt
    day = timezone.localdate()
    assert f"<dt>提交日期</dt><dd>{day.year}年{day.month}月{day.day}日</dd>" in receipt
    assert "http://testserver/track/" in receipt and "输入申请编号和查询码" in receipt
    assert "使用浏览器的“打印”功能" in html
    # the query code is never part of an address
    query_code = html.split('id="query-code">')[1].split("<")[0]
    hrefs = [rest.split('"')[0] for rest in html.split('href="')[1:]]
    assert hrefs and all(query_code not in href for href in hrefs)
    # no address given, no copy, nothing said about one
    assert mail.outbox == [] and 'id="receipt-copy"' not in html


def test_a_copy_goes_to_the_address_given_without_the_query_code(client):
    # when a citizen who gave an e-mail address submits
    html = submit(client, FORM)
    case = Application.objects.get()
    query_code = html.split('id="query-code">')[1].split("<")[0]
    # then one mail goes to that address
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["lisi@example.cn"]
    assert sent.subject == f"政府信息公开申请回执（申请编号 {case.tracking_code}）"
    assert f"申请编号：{case.tracking_code}" in sent.body
    assert f"http://testserver/track/?code={case.tracking_code}" in sent.body
    assert "驻马店经济开发区统计局" in sent.body and "2025年度本局行政事业性收费清单" in sent.body
    # without the query code (a mistyped address must not open the case to a stranger)
    assert query_code not in sent.body and "本邮件不包含查询码" in sent.body
    assert "回执副本已发送到您填写的电子邮箱" in html


def test_a_mail_server_that_is_down_does_not_fail_the_submission(client, settings, caplog):
    # given a mail server that refuses
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    # when a citizen submits
    with caplog.at_level(logging.ERROR, logger="gongkai.portal.receipt_copy"):
        html = submit(client, FORM)
    # then the case exists and the receipt is shown, saying the copy was not sent
    case = Application.objects.get()
    assert case.tracking_code in html and 'id="query-code"' in html
    assert "回执副本未能发送" in html
    # and operators find it in the log (the case, not the applicant's address)
    assert any(case.tracking_code in record.getMessage() for record in caplog.records)
    assert all("lisi@example.cn" not in record.getMessage() for record in caplog.records)


def test_the_receipt_and_its_copy_name_a_correction_request_as_such(client):
    # when a citizen submits a 更正申请 (条例第四十一条) with its evidence and an address
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    html = submit(
        client,
        {
            **FORM,
            "request_kind": "correction",
            "description": "2025年度低保对象公示名单中本人的家庭人口数",
            "correction_requested": "记载为3人，实为4人",
            "delivery_form": "",
            "delivery_route": "",
            "attachments": evidence,
        },
    )
    case = Application.objects.get()
    # then the receipt names what is to be corrected, not “所需信息”
    receipt = html.split('<section class="receipt"')[1].split("</section>")[0]
    assert "<dt>要求更正的记录</dt>" in receipt and "所需信息" not in receipt
    # and the e-mail copy is a 更正申请's receipt, with the article it follows
    sent = mail.outbox[0]
    assert sent.subject == f"更正申请回执（申请编号 {case.tracking_code}）"
    assert "在线提交的更正申请" in sent.body and "要求更正的记录：" in sent.body
    assert "第四十一条" in sent.body
    assert "政府信息公开申请" not in sent.body and "所需信息" not in sent.body
