"""The citizen's status page lists the case's steps: dates and plain act names only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.models import ApplicationEvent
from gongkai.applications.procedure.history import EventKind, applicant_steps
from gongkai.applications.procedure.receipt import Channel
from gongkai.applications.services import application_register
from gongkai.applications.tests.factories import make_office, person

THIRD_PARTY = "驻马店某某科技有限公司"
NOTE = "内部备注：请科长把关"


def test_only_the_steps_the_applicant_may_see_each_once_in_order():
    # given a case's events as recorded
    day = dt.date(2026, 3, 2)
    events = [
        ("arrived", day),
        ("received", day),
        ("assigned", day),
        ("reminded", dt.date(2026, 3, 5)),
        ("consultation_started", dt.date(2026, 3, 6)),
        ("consultation_started", dt.date(2026, 3, 6)),  # a second third party, same day
        ("consultation_served", dt.date(2026, 3, 9)),
        ("extension_requested", dt.date(2026, 3, 20)),
        ("extension_granted", dt.date(2026, 3, 23)),
        ("reply_served", dt.date(2026, 4, 10)),
    ]
    # then the applicant's steps leave out the office's own work and the third party's service
    assert [(s.date.isoformat(), s.label) for s in applicant_steps(events)] == [
        ("2026-03-02", "登记申请"),
        ("2026-03-02", "收到申请"),
        ("2026-03-06", "征求意见"),
        ("2026-03-23", "批准延长答复期限"),
        ("2026-04-10", "送达答复"),
    ]


def test_every_event_kind_is_decided_one_way_or_the_other():
    # a new kind must be placed deliberately: shown with its label, or left out on purpose
    hidden = {
        EventKind.ASSIGNED, EventKind.REMINDED, EventKind.EXTENSION_REQUESTED,
        EventKind.EXTENSION_REFUSED, EventKind.IMPORTED, EventKind.ARCHIVED,
        EventKind.CONSULTATION_SERVED,
    }  # fmt: skip
    shown = {
        step.label for step in applicant_steps((k.value, dt.date(2026, 1, 5)) for k in EventKind)
    }
    assert shown == {kind.label for kind in EventKind if kind not in hidden}


@pytest.mark.django_db
def test_the_status_page_shows_the_steps_and_no_names_notes_or_identifiers(client):
    # given a case with a consultation of a named third party, by a named handler, with a note
    cache.clear()
    office = make_office()
    submission = application_register(
        actor=office.office,
        agency=office.agency,
        applicant=person(),
        channel=Channel.IN_PERSON,
        arrived_on=dt.date(2026, 3, 2),
    )
    case = submission.application
    for kind, day in (
        (EventKind.ASSIGNED, dt.date(2026, 3, 3)),
        (EventKind.CONSULTATION_STARTED, dt.date(2026, 3, 6)),
        (EventKind.CONSULTATION_SERVED, dt.date(2026, 3, 9)),
        (EventKind.CONSULTATION_ENDED, dt.date(2026, 3, 20)),
    ):
        ApplicationEvent.objects.create(
            application=case,
            kind=kind,
            date=day,
            actor=office.handler,
            details={"party": THIRD_PARTY, "note": NOTE, "section": office.section.name},
        )
    # when the applicant opens the status page with the codes
    client.post(
        reverse("portal:track"),
        {"tracking_code": submission.tracking_code, "query_code": submission.query_code},
    )
    html = client.get(reverse("portal:track_status", args=[case.tracking_code])).content.decode()
    # then the steps are listed with their dates
    steps = html.split('id="case-steps"')[1].split("</section>")[0]
    assert '<time datetime="2026-03-02">2026年3月2日</time> 收到申请' in steps
    assert '<time datetime="2026-03-06">2026年3月6日</time> 征求意见' in steps
    assert '<time datetime="2026-03-20">2026年3月20日</time> 征求意见结束' in steps
    # and nothing internal: no third party, no staff, no note, no section, no event code
    for secret in (
        THIRD_PARTY,
        NOTE,
        office.section.name,
        office.handler.full_name,
        office.handler.username,
        "交办承办股室",
        "征求意见书（函）送达",
        "consultation_started",
    ):
        assert secret not in html, secret
