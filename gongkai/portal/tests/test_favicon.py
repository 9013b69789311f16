"""Every page links the site icon, and a browser asking /favicon.ico is sent to it."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_pages_link_the_icon_and_the_icon_exists(client):
    # when a portal page and the sign-in page are rendered
    for url in ("/", "/workspace/login/"):
        html = client.get(url).content.decode()
        # then each links the SVG icon, which the static files hold
        assert f'<link rel="icon" href="{static("gongkai/favicon.svg")}"' in html, url
    assert finders.find("gongkai/favicon.svg") is not None


def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("gongkai/favicon.svg")
