"""条例第三十五条 from the case page: ask for reasons, then accept them or refuse the requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import application_clock
from gongkai.applications.services import application_assign
from gongkai.applications.tests.factories import make_office, registered
from gongkai.report.catalogue import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    return make_office()


def assigned(office, received):
    case = registered(office, received)
    return application_assign(
        application=case,
        actor=office.office,
        seen_version=case.version,
        section=office.section,
        handler=office.handler,
        on=received,
    ).application


def act(client, case, action, **data):
    fields = {f"{action}-{key}": value for key, value in {"version": case.version, **data}.items()}
    return client.post(reverse("workspace:case_act", args=[case.tracking_code, action]), fields)


def buttons(client, case) -> set[str]:
    page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
    return {form.action.value for form in page.context["action_forms"]}


def test_the_handler_asks_for_reasons_and_the_office_sets_a_delayed_deadline(client, office):
    case = assigned(office, D(2026, 3, 2))
    client.force_login(office.handler)
    assert "request_reasons" in buttons(client, case)
    response = act(client, case, "request_reasons", on="2026-03-04")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "awaiting_reasons"
    # only the disclosure office accepts the reasons (the workflow table)
    assert "accept_reasons" not in buttons(client, case)
    client.force_login(office.office)
    assert "accept_reasons" in buttons(client, case)
    response = act(client, case, "accept_reasons", on="2026-03-10", due="2026-06-30")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "delayed"
    clock = application_clock(application=case, as_of=D(2026, 3, 10))
    assert clock.reply_due is not None and clock.reply_due.date == D(2026, 6, 30)
    kinds = list(ApplicationEvent.objects.filter(application=case).values_list("kind", flat=True))
    assert kinds[-2:] == ["reasons_requested", "delayed_deadline_set"]


def test_a_delayed_deadline_is_required_and_must_follow_the_notice(client, office):
    case = registered(office, D(2026, 3, 2))
    client.force_login(office.office)
    act(client, case, "request_reasons", on="2026-03-04")
    case.refresh_from_db()
    missing = act(client, case, "accept_reasons", on="2026-03-10")
    assert missing.status_code == 400
    form = next(f for f in missing.context["action_forms"] if f.is_bound)
    assert form.errors["due"] == ["这个字段是必填项。"]
    earlier = act(client, case, "accept_reasons", on="2026-03-10", due="2026-03-09")
    assert earlier.status_code == 400
    assert "应晚于告知之日" in earlier.content.decode()
    assert Application.objects.get(pk=case.pk).state == "awaiting_reasons"


def test_unreasonable_reasons_lead_the_approver_to_not_processed_excessive(client, office):
    case = assigned(office, D(2026, 3, 2))
    client.force_login(office.handler)
    act(client, case, "request_reasons", on="2026-03-04")
    case.refresh_from_db()
    client.force_login(office.approver)
    assert buttons(client, case) == {"decide"}
    response = act(client, case, "decide", outcome=Outcome.NOT_PROCESSED_EXCESSIVE, on="2026-03-12")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("decided", Outcome.NOT_PROCESSED_EXCESSIVE)


def test_the_case_page_explains_its_dates_and_says_how_late_not_a_negative_number(client, office):
    from gongkai.applications.services import ServiceMethod, application_decide, application_serve

    # received 2 March 2026, due 30 March; on the day it is looked at it is long overdue
    late = assigned(office, D(2026, 3, 2))
    client.force_login(office.office)
    page = client.get(reverse("workspace:case_detail", args=[late.tracking_code]))
    html = page.content.decode()
    assert "日期是怎样计算的" in html and "答复期限为20个工作日（条例第三十三条第二款）" in html
    assert "逾期 " in html and "剩余工作日" not in html
    overdue = page.context["explanation"].overdue_days
    assert overdue > 0 and f"逾期 {overdue} 个工作日" in html
    # once replied, the page shows no days left at all
    late = application_decide(
        application=late,
        actor=office.approver,
        seen_version=late.version,
        outcome="granted",
        on=D(2026, 3, 20),
    ).application
    application_serve(
        application=late,
        actor=office.office,
        seen_version=late.version,
        method=ServiceMethod.DIRECT,
        on=D(2026, 3, 23),
    )
    html = client.get(reverse("workspace:case_detail", args=[late.tracking_code])).content.decode()
    assert "剩余工作日" not in html and "2026-03-23 送达答复，停止计时。" in html


def test_reasonable_reasons_may_lead_back_to_work_without_a_delayed_deadline(client, office):
    # 条例第三十五条: a delayed deadline only when the normal periods cannot be met
    case = assigned(office, D(2026, 3, 2))
    client.force_login(office.handler)
    act(client, case, "request_reasons", on="2026-03-04")
    case.refresh_from_db()
    client.force_login(office.office)
    assert "continue_after_reasons" in buttons(client, case)
    response = act(client, case, "continue_after_reasons", on="2026-03-09")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "received"
    # the national text has no pause: the clock ran all along (due 30 March, as if never asked)
    due = application_clock(application=case, as_of=D(2026, 3, 9)).reply_due
    assert due is not None and due.date == D(2026, 3, 30)


def test_the_article_35_notices_are_issued_from_the_case(client, office, settings, tmp_path):
    from gongkai.letters.models import IssuedLetter

    settings.MEDIA_ROOT = tmp_path
    case = assigned(office, D(2026, 3, 2))
    client.force_login(office.handler)
    act(client, case, "request_reasons", on="2026-03-04")
    client.force_login(office.office)
    case.refresh_from_db()
    act(client, case, "accept_reasons", on="2026-03-10", due="2026-06-30")
    for kind in ("reasons_request", "delayed_deadline"):
        # each letter kind names the act it rests on (the form's own choice)
        page = client.get(reverse("workspace:case_detail", args=[case.tracking_code]))
        (form,) = [f for f in page.context["letter_forms"] if f.kind == kind]
        url = reverse("workspace:case_letter_new", args=[case.tracking_code, kind])
        data = {
            f"letter-{kind}-letter_date": "2026-03-10",
            f"letter-{kind}-event": str(form.fields["event"].initial),
        }
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()
    delayed = IssuedLetter.objects.get(application=case, kind="delayed_deadline")
    assert "延迟答复的期限为2026年6月30日前（含当日）" in delayed.text
    assert "《条例》第三十五条" in delayed.text
