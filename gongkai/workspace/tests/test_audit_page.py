"""The audit timeline page names actions in Chinese and shows before → after readably."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member, make_user
from gongkai.audit.services import MASK, record_event
from gongkai.holidays.services import set_day


@pytest.mark.django_db
def test_the_timeline_shows_labels_and_changes(client):
    # given an agency renamed by its administrator and a calendar day changed by the superuser
    bureau = make_agency(code="zmd-tjj", name="统计局")
    admin = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    client.post(
        reverse("workspace:agency_edit", args=["zmd-tjj"]),
        {"code": "zmd-tjj", "name": "驻马店经济开发区统计局", "kind": bureau.kind},
    )
    superuser = make_user(is_superuser=True)
    set_day(date=dt.date(2025, 10, 8), is_off_day=False, name="国庆节", actor=superuser)
    # when the superuser reads the timeline
    client.force_login(superuser)
    html = client.get(reverse("workspace:audit")).content.decode()
    # then actions read in Chinese, with their changes before → after
    assert "修改机关信息" in html and "名称：统计局 → 驻马店经济开发区统计局" in html
    assert "修改节假日安排（单日）" in html and "放假：是 → 否" in html
    assert ">agency.update<" not in html


@pytest.mark.django_db
def test_masked_personal_data_stays_masked_on_the_page(client):
    bureau = make_agency(code="zmd-tjj", name="统计局")
    with transaction.atomic():
        record_event(
            actor=None,
            action="applicant.update",
            obj=bureau,
            before={"applicant_name": "张三"},
            after={"applicant_name": "李四"},
        )
    client.force_login(make_member(agency=bureau, role=Role.DISCLOSURE_OFFICE))
    html = client.get(reverse("workspace:audit")).content.decode()
    assert "张三" not in html and "李四" not in html
    assert f"申请人：{MASK} → {MASK}" in html
    # an action without a label shows its code
    assert "applicant.update" in html
