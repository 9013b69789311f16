"""The official days (holidays and adjusted working days) and the years whose notice is known."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai import workdays

WEEKDAYS = "一二三四五六日"


class Source(models.TextChoices):
    """Where an official day, or a year's calendar, came from."""

    CHINESECALENDAR = "chinesecalendar", "chinesecalendar 软件包"
    NOTICE = "notice", "国务院放假通知"
    ADMIN = "admin", "管理员修改"


class OfficialDay(models.Model):
    """A day that departs from the week: a rest day on a weekday, or a weekend working day.

    A day with no row follows the week (Monday to Friday work). Rows are changed only through
    `gongkai.holidays.services`, which records each change in the audit log.
    """

    date = models.DateField("日期", unique=True)
    is_off_day = models.BooleanField("放假", help_text="勾选：放假；不勾选：调休上班")
    name = models.CharField("节日", max_length=workdays.NAME_MAX_LENGTH, help_text="如：春节")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering: ClassVar[list[str]] = ["date"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="holidays_officialday_source_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="holidays_officialday_name_set"),
        ]

    def __str__(self) -> str:
        status = "放假" if self.is_off_day else "上班"
        return f"{self.date.isoformat()}（周{WEEKDAYS[self.date.weekday()]}）{self.name}{status}"

    def as_workday(self) -> workdays.OfficialDay:
        """Return this row as the pure core's record."""
        return workdays.OfficialDay(date=self.date, is_off_day=self.is_off_day, name=self.name)


class CalendarYear(models.Model):
    """A year whose official calendar is known: deadlines reaching it are not provisional."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    loaded_at = models.DateTimeField("载入时间", default=timezone.now)

    class Meta:
        verbose_name = "已载入年份"
        verbose_name_plural = "已载入年份"
        ordering: ClassVar[list[str]] = ["year"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="holidays_calendaryear_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年（{self.get_source_display()}）"
