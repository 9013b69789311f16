"""The official calendar in the workspace: everyone signed in reads it; administrators change it.

Reading: a year's official days (holidays and 调休 working days) and whether the year's State
Council notice is loaded. Changing: one day through `holidays.services.set_day`, or a whole
year's notice through `holidays.services.load_notice`; both are audited. Who may change it is
`holidays.permissions.can_edit_calendar` (the superuser, or an administrator of any agency).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.form_errors import add_service_errors
from gongkai.holidays.models import WEEKDAYS, OfficialDay
from gongkai.holidays.permissions import can_edit_calendar
from gongkai.holidays.selectors import calendar_year
from gongkai.holidays.services import load_notice, set_day
from gongkai.workspace.administration.calendar_forms import HOLIDAYS, NoticeEntryForm
from gongkai.workspace.forms import CalendarDayForm, NoticeUploadForm
from gongkai.workspace.signed_in import SignedInRequest

# Years the page accepts in its address: wide enough for any deadline, narrow enough to refuse
# nonsense such as ?year=99999.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(text: str | None) -> int:
    if not text:
        return timezone.localdate().year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Http404(f"年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间。")
    return int(text)


def _year_url(year: int) -> str:
    return f"{reverse('workspace:calendar')}?year={year}"


def _editor(request: SignedInRequest) -> None:
    if not can_edit_calendar(request.user):
        raise PermissionDenied("只有系统管理员可以修改节假日安排。")


@require_safe
@login_required
def calendar(request: SignedInRequest) -> HttpResponse:
    """A year's official days and whether its notice is loaded (?year=YYYY, default this year)."""
    view = calendar_year(year=_year(request.GET.get("year")))
    rows = [{"day": day, "weekday": f"周{WEEKDAYS[day.date.weekday()]}"} for day in view.days]
    context = {
        "view": view,
        "rows": rows,
        "previous_year": view.year - 1 if view.year > FIRST_YEAR else None,
        "next_year": view.year + 1 if view.year < LAST_YEAR else None,
        "can_edit": can_edit_calendar(request.user),
    }
    return render(request, "workspace/calendar/calendar.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def calendar_day(request: SignedInRequest) -> HttpResponse:
    """Set one day: rest (放假) or work (上班), with its holiday's name (?date= fills the form)."""
    _editor(request)
    if request.method == "POST":
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            day: dt.date = form.cleaned_data["date"]
            try:
                row = set_day(
                    date=day,
                    is_off_day=form.cleaned_data["is_off_day"],
                    name=form.cleaned_data["name"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已保存：{row}。")
                return redirect(_year_url(day.year))
    else:
        form = CalendarDayForm(initial=_initial(request.GET.get("date")))
    return render(request, "workspace/calendar/day_form.html", {"form": form})


def _initial(text: str | None) -> dict[str, object]:
    """The form's starting values: the day's present row, if the address names a day."""
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return {}
    row = OfficialDay.objects.filter(date=day).first()
    if row is None:
        return {"date": day, "is_off_day": "true" if day.weekday() < 5 else "false"}
    return {"date": day, "is_off_day": "true" if row.is_off_day else "false", "name": row.name}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def calendar_notice(request: SignedInRequest) -> HttpResponse:
    """Load a year's State Council notice from a JSON file: all its days, or none."""
    _editor(request)
    if request.method == "POST":
        form = NoticeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            days = form.cleaned_data["file"]
            calendar_year_row = load_notice(days=days, actor=request.user)
            off = sum(1 for day in days if day.is_off_day)
            messages.success(
                request,
                f"已载入 {calendar_year_row.year} 年节假日安排：放假 {off} 天，"
                f"调休上班 {len(days) - off} 天，共 {len(days)} 条。",
            )
            return redirect(_year_url(calendar_year_row.year))
    else:
        form = NoticeUploadForm()
    return render(request, "workspace/calendar/notice_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def calendar_notice_entry(request: SignedInRequest) -> HttpResponse:
    """Enter a year's notice as it reads: each holiday's days off and the 调休 working days
    (?year=YYYY; prefilled with the holidays the law fixes). All of it is loaded, or none."""
    _editor(request)
    year = _year(request.POST.get("year") or request.GET.get("year"))
    form = NoticeEntryForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["days"]
        calendar_year_row = load_notice(days=days, actor=request.user)
        off = sum(1 for day in days if day.is_off_day)
        messages.success(
            request,
            f"已载入 {calendar_year_row.year} 年节假日安排：放假 {off} 天，"
            f"调休上班 {len(days) - off} 天。",
        )
        return redirect(_year_url(calendar_year_row.year))
    pairs = [(name, form[f"first_{n}"], form[f"last_{n}"]) for n, name in enumerate(HOLIDAYS)]
    context = {"form": form, "year": year, "pairs": pairs}
    return render(
        request, "workspace/calendar/notice_entry.html", context, status=400 if form.errors else 200
    )
