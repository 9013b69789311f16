"""`check --deploy` warns when the proxy setting is missing, or off behind a proxy."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

from gongkai.operations.proxy import SEEN_KEY


def deploy_ids() -> set[str]:
    return {str(message.id) for message in run_checks(include_deployment_checks=True)}


def test_an_unset_proxy_setting_is_warned(settings):
    settings.BEHIND_PROXY, settings.BEHIND_PROXY_DECLARED = False, False
    assert "gongkai.W001" in deploy_ids()
    settings.BEHIND_PROXY_DECLARED = True  # "false" said on purpose: clients connect directly
    assert "gongkai.W001" not in deploy_ids()
    settings.BEHIND_PROXY = True
    assert not {"gongkai.W001", "gongkai.W002"} & deploy_ids()


@pytest.mark.django_db
def test_proxy_headers_seen_with_the_setting_off_are_warned(client, settings):
    # given a deployment that says it is not behind a proxy
    settings.BEHIND_PROXY, settings.BEHIND_PROXY_DECLARED = False, True
    assert "gongkai.W002" not in deploy_ids()

    # when a request comes through nginx anyway
    client.get("/", headers={"X-Real-IP": "203.0.113.9", "X-Forwarded-For": "203.0.113.9"})

    # then the deployment check says so
    assert "gongkai.W002" in deploy_ids()
    [warning] = [m for m in run_checks(include_deployment_checks=True) if m.id == "gongkai.W002"]
    assert "GONGKAI_BEHIND_PROXY" in warning.msg and "锁住他人的账号" in warning.msg


@pytest.mark.django_db
def test_proxy_headers_are_not_noted_when_the_setting_is_on(client, settings):
    from django.core.cache import cache

    settings.BEHIND_PROXY = True
    client.get("/", headers={"X-Real-IP": "203.0.113.9"})
    assert cache.get(SEEN_KEY) is None
