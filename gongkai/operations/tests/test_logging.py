"""A refused request is one line in the log: no traceback a signed-in user could multiply."""

from __future__ import annotations

import logging
import sys

import pytest
from django.urls import reverse

from config.log_filters import ForbiddenWithoutTraceback
from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line_without_a_traceback(client, caplog):
    # given a handler, who may not read the audit log
    handler = make_member(agency=make_agency(), role=Role.HANDLER)
    client.force_login(handler)

    # when they ask for it
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("workspace:audit"))

    # then refused, and the log has the line and no traceback
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage().startswith("Forbidden (Permission denied)")
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_500_keeps_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert ForbiddenWithoutTraceback().filter(record) and record.exc_info is not None
