"""The official calendar in the workspace: a year's days, the provisional warning, an
administrator's one-day edit and a notice upload (all or nothing, audited)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member
from gongkai.audit.models import AuditEvent
from gongkai.holidays.models import CalendarYear, OfficialDay, Source
from gongkai.holidays.selectors import official_calendar

D = dt.date.fromisoformat
CALENDAR = reverse("workspace:calendar")
DAY = reverse("workspace:calendar_day")
NOTICE = reverse("workspace:calendar_notice")


@pytest.fixture
def bureau():
    return make_agency(code="zmd-tjj", name="驻马店经济开发区统计局")


@pytest.fixture
def admin(client, bureau):
    user = make_member(agency=bureau, role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


@pytest.fixture
def handler(client, bureau):
    user = make_member(agency=bureau, role=Role.HANDLER)
    client.force_login(user)
    return user


def notice_file(entries, name="2027.json"):
    return SimpleUploadedFile(name, json.dumps(entries, ensure_ascii=False).encode())


NOTICE_2027 = [
    # A made-up 2027 notice (the real one is published around November 2026).
    {"date": "2027-01-01", "is_off_day": True, "name": "元旦"},
    {"date": "2027-02-06", "is_off_day": True, "name": "春节"},
    {"date": "2027-02-07", "is_off_day": False, "name": "春节"},
]


@pytest.mark.django_db
def test_a_known_year_lists_its_holidays_and_adjusted_working_days(client, handler):
    # when a handler opens 2025 (seeded from chinesecalendar by migrate)
    html = client.get(CALENDAR, {"year": "2025"}).content.decode()
    # then the days are listed with names, weekdays and source, and no warning shows
    assert "2025 年节假日安排" in html
    # 2025-01-26 was a Sunday worked for 春节 (调休)
    assert "2025-01-26" in html and "调休上班" in html and "春节" in html and "周日" in html
    assert "放假 28 天，调休上班 5 天。" in html
    assert "chinesecalendar 软件包" in html
    assert "尚未载入" not in html
    # and a handler is offered no change
    assert DAY not in html and NOTICE not in html


@pytest.mark.django_db
def test_a_year_without_its_notice_is_shown_with_a_provisional_warning(client, admin):
    html = client.get(CALENDAR, {"year": "2027"}).content.decode()
    assert "2027 年的国务院放假通知尚未载入" in html and "暂定" in html
    # an administrator is pointed to the upload
    assert NOTICE in html


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["abc", "1999", "2101", "20255"])
def test_a_nonsense_year_is_404(client, handler, year):
    assert client.get(CALENDAR, {"year": year}).status_code == 404


@pytest.mark.django_db
def test_the_page_defaults_to_this_year(client, handler):
    from django.utils import timezone

    html = client.get(CALENDAR).content.decode()
    assert f"{timezone.localdate().year} 年节假日安排" in html


@pytest.mark.django_db
def test_an_administrator_sets_one_day_through_the_audited_service(client, admin):
    # given the day form, filled from the present row
    form = client.get(DAY, {"date": "2025-10-08"}).content.decode()
    name = OfficialDay.objects.get(date=D("2025-10-08")).name
    assert 'value="2025-10-08"' in form and f'value="{name}"' in form
    # when 2025-10-08 (a 国庆 rest day) is set to a working day
    response = client.post(DAY, {"date": "2025-10-08", "is_off_day": "false", "name": "国庆节"})
    # then back to the year, the row is the administrator's, the calendar counts it, audited
    assert response.status_code == 302 and response["Location"] == f"{CALENDAR}?year=2025"
    row = OfficialDay.objects.get(date=D("2025-10-08"))
    assert (row.is_off_day, row.name, row.source) == (False, "国庆节", Source.ADMIN)
    assert official_calendar().is_workday(D("2025-10-08"))
    event = AuditEvent.objects.get(action="holidays.set_day")
    assert event.actor == admin
    assert event.before is not None and event.before["is_off_day"] is True
    assert event.after is not None and event.after["is_off_day"] is False
    page = client.get(response["Location"]).content.decode()
    assert "已保存" in page and "管理员修改" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2025-13-01", "is_off_day": "true", "name": "春节"}, "有效的日期"),
        ({"date": "2025-10-08", "is_off_day": "true", "name": "  "}, "这个字段是必填项"),
        ({"date": "2025-10-08", "name": "春节"}, "这个字段是必填项"),
        ({"date": "2025-10-08", "is_off_day": "true", "name": "节" * 60}, "不超过 50"),
    ],
)
def test_a_bad_day_is_refused_in_chinese(client, admin, data, message):
    response = client.post(DAY, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="holidays.set_day").exists()


@pytest.mark.django_db
def test_an_administrator_loads_a_years_notice(client, admin):
    # when the made-up 2027 notice is uploaded
    response = client.post(NOTICE, {"file": notice_file(NOTICE_2027)})
    # then the year is known from the notice, its days are in, the load audited
    assert response.status_code == 302 and response["Location"] == f"{CALENDAR}?year=2027"
    assert CalendarYear.objects.get(year=2027).source == Source.NOTICE
    assert OfficialDay.objects.filter(date__year=2027).count() == 3
    assert AuditEvent.objects.get(action="holidays.load_notice").actor == admin
    page = client.get(response["Location"]).content.decode()
    assert "已载入 2027 年节假日安排：放假 2 天，调休上班 1 天，共 3 条。" in page
    assert "尚未载入" not in page and "国务院放假通知" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [*NOTICE_2027, {"date": "2027-02-30", "is_off_day": True, "name": "春节"}],
            "第4条：日期 2027-02-30 不存在",
        ),
        (
            [*NOTICE_2027, {"date": "2027-05-01", "is_off_day": "yes", "name": "劳动节"}],
            "第4条（2027-05-01）：is_off_day 应为 true（放假）或 false（上班）",
        ),
        ([*NOTICE_2027, {"date": "2027-05-01", "is_off_day": True}], "第4条：缺少字段 name"),
        ([*NOTICE_2027, NOTICE_2027[0]], "第4条：日期 2027-01-01 与第1条重复"),
        ({"date": "2027-01-01"}, "通知文件应为 JSON 数组"),
    ],
)
def test_a_bad_notice_names_the_bad_entry_and_loads_nothing(client, admin, entries, message):
    # when a notice with one bad entry is uploaded
    response = client.post(NOTICE, {"file": notice_file(entries)})
    # then it is refused in Chinese, naming the entry, and nothing of it is loaded
    assert response.status_code == 200
    html = response.content.decode()
    assert "通知文件有误，未载入任何日期" in html and message in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not OfficialDay.objects.filter(date__year=2027).exists()
    assert not AuditEvent.objects.filter(action="holidays.load_notice").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_json_or_too_large_is_refused(client, admin):
    bad = SimpleUploadedFile("notice.json", b"\xff\xfe not text")
    assert "不是 UTF-8 编码的文本" in client.post(NOTICE, {"file": bad}).content.decode()
    big = SimpleUploadedFile("notice.json", b" " * (300 * 1024))
    assert "文件太大" in client.post(NOTICE, {"file": big}).content.decode()
    missing = client.post(NOTICE, {}).content.decode()
    assert "这个字段是必填项" in missing


ENTRY = reverse("workspace:calendar_notice_entry")


def entry_data(**changes):
    # A made-up 2027 notice in the shape the State Council writes it
    data = {
        "year": "2027",
        "first_0": "2027-01-01",
        "last_0": "2027-01-03",  # 元旦
        "first_1": "2027-02-05",
        "last_1": "2027-02-13",  # 春节 (除夕 2/5)
        "first_2": "2027-04-03",
        "last_2": "2027-04-05",  # 清明节 (4/5)
        "first_3": "2027-05-01",
        "last_3": "2027-05-05",  # 劳动节
        "first_4": "2027-06-09",
        "last_4": "2027-06-11",  # 端午节 (6/9)
        "first_5": "2027-09-15",
        "last_5": "2027-09-17",  # 中秋节 (9/15)
        "first_6": "2027-10-01",
        "last_6": "2027-10-07",  # 国庆节
        "workdays_text": "2027-02-20 春节\n2027-10-09 国庆节",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_form_is_prefilled_with_the_holidays_the_law_fixes(client, admin):
    html = client.get(ENTRY, {"year": "2027"}).content.decode()
    # computed, not typed: 除夕 2027-02-05 … 初三 02-08, 中秋 09-15
    assert 'value="2027-02-05"' in html and 'value="2027-02-08"' in html
    assert 'value="2027-09-15"' in html


@pytest.mark.django_db
def test_an_office_enters_a_year_s_notice_in_the_form(client, admin):
    response = client.post(ENTRY, entry_data())
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).source == Source.NOTICE
    calendar = official_calendar()
    assert 2027 in calendar.known_years
    assert not calendar.is_workday(D("2027-02-12"))  # inside the 春节 block
    assert calendar.is_workday(D("2027-02-20"))  # a Saturday worked (调休)
    assert AuditEvent.objects.filter(action="holidays.load_notice").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_1": "2027-02-06"}, "春节放假须包含法定节假日 2027-02-05"),
        ({"workdays_text": "2027-02-22 春节"}, "不是周六或周日"),
        ({"workdays_text": "2027-02-13 春节"}, "在放假时段内"),
        ({"workdays_text": "二月二十日"}, "应写作"),
        ({"last_6": "2027-09-30"}, "国庆节放假末日早于首日"),
    ],
)
def test_a_wrong_entry_is_refused_in_chinese_and_nothing_is_saved(client, admin, changes, message):
    response = client.post(ENTRY, entry_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_only_an_administrator_enters_a_notice(client, handler):
    assert client.post(ENTRY, entry_data()).status_code == 403
