"""Security settings: sign-in throttling, headers, CSP, and `check --deploy` under prod."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.tests.factories import make_agency, make_member

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_sixth_attempt_even_with_the_right_one(client):
    # given
    user = make_member(agency=make_agency(), role=Role.LEADER)
    url = reverse("workspace:login")
    # when five wrong passwords are tried
    statuses = [
        client.post(url, {"username": user.username, "password": f"wrong{i}"}).status_code
        for i in range(5)
    ]
    # then the first four are an ordinary failure and the fifth locks the account
    assert statuses == [200, 200, 200, 200, 429]
    # and the sixth attempt is refused although the password is right
    response = client.post(url, {"username": user.username, "password": "correct horse battery"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text and "分钟后再试" in text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_is_per_username_so_colleagues_still_sign_in(client):
    agency = make_agency()
    victim = make_member(agency=agency, role=Role.LEADER)
    colleague = make_member(agency=agency, role=Role.HANDLER)
    url = reverse("workspace:login")
    for i in range(6):
        client.post(url, {"username": victim.username, "password": f"wrong{i}"})
    response = client.post(
        url, {"username": colleague.username, "password": "correct horse battery"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_and_the_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_have_no_inline_script_and_no_cdn(client):
    html = client.get(reverse("workspace:login")).content.decode()
    assert "<script>" not in html and "<style" not in html
    assert "//cdn" not in html and "https://" not in html


def _prod_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    return env


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = _prod_env(
        GONGKAI_SECRET_KEY="k" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-0123456789",
        GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn",
        GONGKAI_BEHIND_PROXY="true",  # as docs/deploy.md's nginx setup; unset, it warns
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_prod_env(GONGKAI_ALLOWED_HOSTS="x.example"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr
