"""One name per act: the audit log names an application's acts as the workflow does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.applications.services import application_submit
from gongkai.applications.tests.factories import make_office, person
from gongkai.applications.workflow import Action
from gongkai.audit.actions import action_label


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
