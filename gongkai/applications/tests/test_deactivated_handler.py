"""A deactivated account keeps its roles but is neither offered nor accepted as a handler."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.accounts.administration import account_deactivate
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_member
from gongkai.applications.action_forms.intake import _handlers
from gongkai.applications.services import application_assign
from gongkai.applications.tests.factories import make_office, registered

pytestmark = pytest.mark.django_db


def test_a_deactivated_handler_is_not_offered_and_cannot_be_given_a_case():
    office = make_office()
    admin = make_member(agency=office.agency, role=Role.ADMINISTRATOR)
    case = registered(office, dt.date(2026, 3, 2))
    assert office.handler in set(_handlers(case))
    # when the handler's account is deactivated
    account_deactivate(actor=admin, person=office.handler, agency=office.agency, reason="退休")
    # then the assign form does not list it and the service refuses it
    assert office.handler not in set(_handlers(case))
    with pytest.raises(ValidationError, match="已停用"):
        application_assign(
            application=case,
            actor=office.office,
            seen_version=case.version,
            section=office.section,
            handler=office.handler,
            on=dt.date(2026, 3, 3),
        )
