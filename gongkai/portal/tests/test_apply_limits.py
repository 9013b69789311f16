"""The application form under floods: per-address and overall limits (429 in Chinese), a cap
on a request's size before its body is read, and upload limits that agree with nginx's."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from gongkai.agencies.tests.factories import make_agency
from gongkai.applications.models import Application
from gongkai.portal import submission_limits
from gongkai.portal.submission_limits import Scope, count_submission
from gongkai.portal.tests.test_applying import FORM

pytestmark = pytest.mark.django_db
MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def test_one_address_is_refused_beyond_its_limit_and_told_when_to_retry(client, settings):
    # given a limit of 3 submissions in 10 minutes per address
    settings.GONGKAI_APPLY_LIMIT_PER_ADDRESS = "3/600"
    make_agency()
    answers = [client.post(reverse("portal:apply"), FORM).status_code for _ in range(4)]
    # then the fourth is refused with 429, a Chinese page and Retry-After; nothing stored
    assert answers == [302, 302, 302, 429]
    refused = client.post(reverse("portal:apply"), FORM)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert "您所在网络地址在短时间内提交的申请过多" in refused.content.decode()
    assert Application.objects.count() == 3
    # another address is not affected
    other = client.post(reverse("portal:apply"), FORM, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_all_addresses_together_are_refused_beyond_the_overall_limit(client, settings):
    settings.GONGKAI_APPLY_LIMIT_TOTAL = "2/60"
    make_agency()
    answers = [
        client.post(reverse("portal:apply"), FORM, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(1, 4)
    ]
    assert answers == [302, 302, 429]
    assert Application.objects.count() == 2


def test_a_request_larger_than_the_cap_is_refused_before_its_body_is_read(client, settings):
    # given a cap of 1 MiB on a request
    settings.GONGKAI_REQUEST_MAX_BYTES = MiB
    make_agency()
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (MiB + 10))
    # when a submission with a larger body arrives
    response = client.post(reverse("portal:apply"), {**FORM, "attachments": big})
    # then it is refused with 413 and a Chinese page, and nothing is stored
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert Application.objects.count() == 0


def test_the_files_of_one_submission_together_are_capped(client, settings):
    settings.GONGKAI_UPLOAD_MAX_BYTES = MiB
    make_agency()
    files = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4\n" + b"0" * 600 * 1024) for n in range(2)]
    response = client.post(reverse("portal:apply"), {**FORM, "attachments": files})
    assert response.status_code == 200
    assert response.context["form"].errors["attachments"] == ["附件合计不能超过 1 MB。"]


def test_the_upload_limits_agree_with_the_documented_nginx_limit():
    deploy = (Path(django_settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    nginx = re.search(r"client_max_body_size (\d+)m;", deploy)
    assert nginx is not None
    one_file = django_settings.GONGKAI_ATTACHMENT_MAX_BYTES
    files = django_settings.GONGKAI_UPLOAD_MAX_BYTES
    request_cap = django_settings.GONGKAI_REQUEST_MAX_BYTES
    assert int(nginx.group(1)) * MiB == request_cap
    # the files a form accepts fit in a request nginx and the application let through
    assert one_file <= files < request_cap


def test_when_every_slot_is_busy_the_form_comes_back_at_once_with_the_text(client, settings):
    # given one submission slot on this host, taken by a submission in progress
    from gongkai.portal.submission_limits import submission_slot

    settings.GONGKAI_APPLY_CONCURRENT = 1
    make_agency()
    with submission_slot() as taken:
        assert taken
        # when another submission arrives
        response = client.post(reverse("portal:apply"), FORM)
    # then it gets 429 and a page that keeps what was typed, to send again; nothing is stored
    assert response.status_code == 429 and response["Retry-After"] == "1"
    html = response.content.decode()
    assert "尚未提交" in html and f'value="{FORM["description"]}"' in html
    assert Application.objects.count() == 0
    # and once the slot is free, sending the kept fields again goes through
    kept = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    kept.pop("csrfmiddlewaretoken", None)
    assert kept == FORM
    assert client.post(reverse("portal:apply"), kept).status_code == 302


def test_submissions_are_admitted_up_to_the_number_of_slots_not_one_at_a_time(client, settings):
    # given two submission slots on this host (the default: fewer than the gunicorn workers)
    from gongkai.portal.submission_limits import submission_slot

    assert django_settings.GONGKAI_APPLY_CONCURRENT == 2
    settings.GONGKAI_APPLY_CONCURRENT = 2
    make_agency()
    with submission_slot() as first:
        # when one submission is in progress, another is processed beside it
        assert first
        assert client.post(reverse("portal:apply"), FORM).status_code == 302
        with submission_slot() as second:
            assert second
            # but with both slots taken a third gets its form back at once
            with submission_slot() as third:
                assert not third
            assert client.post(reverse("portal:apply"), FORM).status_code == 429
        # and a slot freed is taken again
        assert client.post(reverse("portal:apply"), FORM).status_code == 302
    assert Application.objects.count() == 2


def test_the_counters_are_exact_under_concurrent_counting_and_old_windows_go(settings, tmp_path):
    # given the counters in a folder of their own
    import threading

    from gongkai.portal.submission_limits import COUNTS_FOLDER, Limit, _counted

    settings.GONGKAI_LOCK_DIR = tmp_path
    limit, now = Limit(1000, 60), 6_000_000
    seen: list[int] = []
    lock = threading.Lock()

    def count() -> None:
        for _ in range(50):
            number, _ = _counted("address:192.0.2.1", limit, now)
            with lock:
                seen.append(number)

    # when eight workers count at once
    workers = [threading.Thread(target=count) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # then every count got its own number: none lost, none twice
    assert sorted(seen) == list(range(1, 401))
    # and another key counts apart, with the seconds left in the window
    assert _counted("all", limit, now + 15) == (1, 45)
    # and when a window two later begins, the old window's counters are removed
    _counted("all", limit, now + 60)
    assert (tmp_path / COUNTS_FOLDER / "60-100000").exists()
    _counted("all", limit, now + 120)
    assert sorted(p.name for p in (tmp_path / COUNTS_FOLDER).iterdir()) == [
        "60-100001",
        "60-100002",
    ]


def test_the_default_overall_limit_is_a_capacity_per_second(monkeypatch):
    # given the default settings and a clock that stands still within one second
    monkeypatch.setattr(submission_limits, "time", SimpleNamespace(time=lambda: 1_800_000_000.25))
    requests = [_request(f"198.51.100.{n}") for n in range(1, 26)]
    # when 25 clients submit in that second
    refusals = [count_submission(request) for request in requests]
    # then 24 pass (a burst the host can serve beside its pages) and the 25th is told to retry
    # after the second, not after a minute
    assert refusals[:24] == [None] * 24
    last = refusals[24]
    assert last is not None and last.scope is Scope.ALL and last.retry_after <= 1


def _request(address: str) -> HttpRequest:
    return RequestFactory().post("/apply/", REMOTE_ADDR=address)
