"""Seeding, loading a notice and an administrator's edit: data, audit events, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gongkai import workdays
from gongkai.audit.models import AuditEvent
from gongkai.holidays import services
from gongkai.holidays.models import CalendarYear, OfficialDay, Source
from gongkai.holidays.selectors import official_calendar
from gongkai.holidays.services import load_notice, seed_from_chinesecalendar, set_day
from gongkai.workdays.tests.notices import NOTICE_2024, official_days

D = dt.date.fromisoformat

NOTICE_2027 = [
    # A made-up 2027 notice for the tests (the real one appears around November 2026).
    workdays.OfficialDay(D("2027-01-01"), True, "元旦"),
    workdays.OfficialDay(D("2027-02-06"), True, "春节"),
    workdays.OfficialDay(D("2027-02-07"), False, "春节"),
]


@pytest.mark.django_db
def test_migrate_seeded_every_year_chinesecalendar_knows() -> None:
    # given the test database, built by migrate (the post_migrate hook seeds it)
    years = CalendarYear.objects.filter(source=Source.CHINESECALENDAR)
    # then
    assert list(years.values_list("year", flat=True)) == list(workdays.chinesecalendar_years())
    # 2025: 28 rest days (元旦 1, 春节 8, 清明 3, 劳动节 5, 端午 3, 国庆·中秋 8) + 5 调休 days
    assert OfficialDay.objects.filter(date__year=2025).count() == 33
    assert OfficialDay.objects.filter(date__year=2025, is_off_day=False).count() == 5


@pytest.mark.django_db
def test_seeding_again_changes_nothing() -> None:
    before = OfficialDay.objects.count()
    assert seed_from_chinesecalendar() == []
    assert OfficialDay.objects.count() == before


@pytest.mark.django_db
def test_seeding_a_missing_year_keeps_an_administrators_advance_edit() -> None:
    # given 2025 forgotten, and an administrator's entry for one of its days
    CalendarYear.objects.filter(year=2025).delete()
    OfficialDay.objects.filter(date__year=2025).delete()
    set_day(date=D("2025-01-27"), is_off_day=True, name="春节（本地）")
    # when
    seeded = seed_from_chinesecalendar(years=[2025, 2024])
    # then 2024 was known already; 2025 is back, the edit kept
    assert seeded == [2025]
    assert OfficialDay.objects.filter(date__year=2025).count() == 34
    assert OfficialDay.objects.get(date=D("2025-01-27")).source == Source.ADMIN


@pytest.mark.django_db
def test_seeding_a_year_the_package_does_not_know_is_refused() -> None:
    with pytest.raises(workdays.UnknownYearError):
        seed_from_chinesecalendar(years=[2099])
    assert not CalendarYear.objects.filter(year=2099).exists()


@pytest.mark.django_db
def test_load_notice_makes_a_new_year_known_and_audits_it() -> None:
    # given 2027 unknown: 元旦 (fixed by law) rests, so after Thu 2026-12-31 the guess is
    # Mon 2027-01-04, provisional (the 调休 arrangement is unknown)
    assert official_calendar().add_workdays(D("2026-12-31"), 1) == workdays.Deadline(
        D("2027-01-04"), True
    )
    # when
    calendar_year = load_notice(days=NOTICE_2027)
    # then 1/1 rests, the weekend rests: Mon 2027-01-04 = 1, no longer provisional
    assert calendar_year.year == 2027
    assert calendar_year.source == Source.NOTICE
    assert official_calendar().add_workdays(D("2026-12-31"), 1) == workdays.Deadline(
        D("2027-01-04"), False
    )
    event = AuditEvent.objects.get(action="holidays.load_notice")
    assert event.actor is None
    assert event.object_id == str(calendar_year.pk)
    assert event.before == {"known": None, "days": []}
    assert event.after is not None
    assert event.after["known"]["year"] == 2027
    assert {"date": "2027-02-07", "is_off_day": False, "name": "春节", "source": "notice"} in (
        event.after["days"]
    )


@pytest.mark.django_db
def test_load_notice_replaces_the_years_rows_including_edits() -> None:
    # given 2024 seeded, plus an administrator's edit in 2024
    set_day(date=D("2024-03-08"), is_off_day=True, name="妇女节")
    days = official_days(NOTICE_2024)
    # when the 2024 notice is loaded
    load_notice(days=days)
    # then 2024 holds the notice exactly; the edit is gone (the notice is authoritative)
    rows = OfficialDay.objects.filter(date__year=2024)
    assert {row.as_workday() for row in rows} == {d for d in days if d.date.year == 2024}
    assert set(rows.values_list("source", flat=True)) == {Source.NOTICE}
    assert CalendarYear.objects.get(year=2024).source == Source.NOTICE
    # the notice's edge days in December 2023 replaced those dates only
    assert OfficialDay.objects.get(date=D("2023-12-30")).source == Source.NOTICE
    assert OfficialDay.objects.filter(date__year=2023, source=Source.CHINESECALENDAR).count() > 20
    before = AuditEvent.objects.get(action="holidays.load_notice").before
    assert before is not None
    assert {"date": "2024-03-08", "is_off_day": True, "name": "妇女节", "source": "admin"} in (
        before["days"]
    )


@pytest.mark.django_db
def test_reloading_a_year_keeps_the_december_days_of_the_next_years_notice() -> None:
    # given the 2027 notice reaching back to Thu 2026-12-31 (a made-up 元旦 block)
    load_notice(days=[workdays.OfficialDay(D("2026-12-31"), True, "元旦"), *NOTICE_2027])
    # when the 2026 notice is loaded again (say, corrected)
    load_notice(days=workdays.chinesecalendar_days(2026))
    # then the 2027 notice's day survives
    assert OfficialDay.objects.get(date=D("2026-12-31")).is_off_day


@pytest.mark.django_db
def test_load_notice_is_all_or_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # given the audit write fails at the end of the transaction
    def broken(**kwargs: object) -> None:
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "record_event", broken)
    rows_before = list(OfficialDay.objects.filter(date__year=2024).values_list("date", "source"))
    # when
    with pytest.raises(RuntimeError):
        load_notice(days=official_days(NOTICE_2024))
    # then nothing changed
    assert (
        list(OfficialDay.objects.filter(date__year=2024).values_list("date", "source"))
        == rows_before
    )
    assert CalendarYear.objects.get(year=2024).source == Source.CHINESECALENDAR


@pytest.mark.django_db
def test_load_notice_refuses_a_notice_spread_over_years() -> None:
    days = [*NOTICE_2027, workdays.OfficialDay(D("2027-06-01"), True, "x")]
    days += [workdays.OfficialDay(D(f"2025-0{m}-01"), True, "x") for m in range(2, 8)]
    with pytest.raises(workdays.NoticeError, match="不属于 2025 年"):
        load_notice(days=days)
    assert not AuditEvent.objects.filter(action="holidays.load_notice").exists()


@pytest.mark.django_db
def test_set_day_creates_then_changes_an_override_with_audit() -> None:
    # given Fri 2025-03-07 follows the week (no row); when an administrator gives it off
    row = set_day(date=D("2025-03-07"), is_off_day=True, name=" 本地假日 ")
    # then
    assert (row.is_off_day, row.name, row.source) == (True, "本地假日", Source.ADMIN)
    assert not official_calendar().is_workday(D("2025-03-07"))
    # when changed back to working
    set_day(date=D("2025-03-07"), is_off_day=False, name="本地假日")
    # then
    assert official_calendar().is_workday(D("2025-03-07"))
    first, second = AuditEvent.objects.filter(action="holidays.set_day").order_by("id")
    assert first.before is None
    assert first.after == {
        "date": "2025-03-07",
        "is_off_day": True,
        "name": "本地假日",
        "source": "admin",
    }
    assert second.before == first.after
    assert second.after is not None
    assert second.after["is_off_day"] is False


@pytest.mark.django_db
def test_set_day_on_a_seeded_day_becomes_an_admin_override() -> None:
    set_day(date=D("2025-01-26"), is_off_day=True, name="春节")  # the 调休 Sunday, now off
    assert OfficialDay.objects.get(date=D("2025-01-26")).source == Source.ADMIN
    before = AuditEvent.objects.get(action="holidays.set_day").before
    assert before == {
        "date": "2025-01-26",
        "is_off_day": False,
        "name": "春节",
        "source": "chinesecalendar",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "message"), [("  ", "请填写节日名称"), ("节" * 51, "不能超过 50")]
)
def test_set_day_refuses_a_bad_name(name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        set_day(date=D("2025-03-07"), is_off_day=True, name=name)
    assert not OfficialDay.objects.filter(date=D("2025-03-07")).exists()


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_seeds_it_again() -> None:
    # Transactional tests flush the tables after each test; post_migrate then seeds again.
    call_command("flush", interactive=False, verbosity=0)
    assert CalendarYear.objects.count() == len(workdays.chinesecalendar_years())
