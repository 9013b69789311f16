"""Django admin for the official calendar: an administrator corrects days; years are shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from gongkai.holidays.models import CalendarYear, OfficialDay
from gongkai.holidays.services import set_day


@admin.register(OfficialDay)
# Unparametrised: ModelAdmin[...] needs django_stubs_ext.monkeypatch() at run time.
class OfficialDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("date", "weekday", "name", "is_off_day", "source", "updated_at")
    list_filter = ("source", "is_off_day")
    search_fields = ("name",)
    date_hierarchy = "date"
    fields = ("date", "is_off_day", "name", "source", "updated_at")

    @admin.display(description="星期")
    def weekday(self, obj: OfficialDay) -> str:
        return "周" + "一二三四五六日"[obj.date.weekday()]

    def get_readonly_fields(self, request: HttpRequest, obj: OfficialDay | None = None) -> Any:
        # A row is one date: change its status, never move it to another date.
        return ("date", "source", "updated_at") if obj else ("source", "updated_at")

    def save_model(
        self, request: HttpRequest, obj: OfficialDay, form: ModelForm[Any], change: bool
    ) -> None:
        # Through the service, so the change is audited and the calendar cache dropped.
        saved = set_day(
            date=obj.date,
            is_off_day=obj.is_off_day,
            name=obj.name,
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk, obj.source, obj.updated_at = saved.pk, saved.source, saved.updated_at

    def has_delete_permission(self, request: HttpRequest, obj: OfficialDay | None = None) -> bool:
        # Nothing is deleted (ARCHITECTURE rule 6): set the day to follow the week instead.
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: a year becomes known by seeding or by loading its notice (`workdays load`)."""

    list_display = ("year", "source", "loaded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CalendarYear | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: CalendarYear | None = None) -> bool:
        return False
