"""One name per act: the audit log names an application's acts as the workflow does."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.procedure.workflow import Action
from gongkai.applications.services import application_assign, application_submit
from gongkai.applications.tests.factories import make_office, person, registered
from gongkai.audit.actions import action_label
from gongkai.audit.services import record_event


@pytest.mark.parametrize("action", list(Action))
def test_the_audit_log_names_each_act_as_its_button_does(action):
    assert action_label(f"application.{action.value}") == action.label


def test_the_two_names_the_walkthrough_found_are_one_each():
    assert action_label("application.assign") == "交办承办股室"
    assert action_label("application.request_clarification") == "告知补正"


@pytest.mark.django_db
def test_an_online_submission_is_the_applicants_act_not_a_system_command(client):
    office = make_office()
    application_submit(agency=office.agency, applicant=person())
    client.force_login(office.office)
    html = client.get(reverse("workspace:audit")).content.decode()
    row = html[html.index("申请人网上提交") - 400 : html.index("申请人网上提交")]
    assert "申请人（网上）" in row
    assert "系统命令" not in row


@pytest.mark.django_db
def test_the_audit_log_names_the_section_and_handler_of_a_handing_over(client):
    # given a case handed to a section and a handler
    office = make_office()
    case = registered(office, timezone.localdate())
    application_assign(
        application=case,
        actor=office.office,
        seen_version=case.version,
        section=office.section,
        handler=office.handler,
    )
    # and an older record that held them by id
    record_event(
        actor=office.office,
        action="application.assign",
        obj=case,
        before={"section": None, "handler": None},
        after={"section": office.section.pk, "handler": office.handler.pk},
    )
    client.force_login(office.office)
    html = client.get(reverse("workspace:audit")).content.decode()
    changes = re.findall(r'<ul class="changes">(.*?)</ul>', html, re.S)[:2]
    # then both records show the names, not the ids
    for listed in changes:
        assert f"股室：— → {office.section.name}" in listed
        assert f"承办人：— → {office.handler.full_name}" in listed
