"""`check --deploy` warns when the application runs behind a proxy without knowing it.

Behind nginx every request arrives from 127.0.0.1. Unless GONGKAI_BEHIND_PROXY is true, the
sign-in throttle and the tracking page's throttle count every client as that one address: five
wrong passwords from anyone lock an account for everyone, and one guesser blocks every citizen.
Two signs are checked:

- the setting was never made (GONGKAI_BEHIND_PROXY unset): the deployment must say which it is
  (`true` behind nginx as docs/deploy.md describes, `false` when clients connect directly);
- a request came with a proxy's headers (X-Forwarded-For, X-Real-IP) while the setting is off:
  `ProxyHeadersMiddleware` notes it in the shared cache (and logs it, once a process), and the
  check reports it even when the setting says `false`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

__all__ = ["SEEN_KEY", "ProxyHeadersMiddleware", "proxy_setting_check"]

logger = logging.getLogger(__name__)

SEEN_KEY = "gongkai:proxy-headers-seen"
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")
_CONSEQUENCE = (
    "此时所有请求都按代理的一个地址计数：任何人输错五次密码即可锁住他人的账号，"
    "一人反复猜查询码即可让所有人无法查询。"
)


@register(Tags.security, deploy=True)
def proxy_setting_check(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when the proxy setting is missing, or off while proxy headers have been seen."""
    if getattr(settings, "BEHIND_PROXY", False):
        return []
    messages: list[CheckMessage] = []
    seen = cache.get(SEEN_KEY)
    if seen:
        messages.append(
            CheckWarning(
                f"GONGKAI_BEHIND_PROXY 未开启，但 {seen} 收到过经代理转发的请求"
                f"（X-Forwarded-For 或 X-Real-IP）。{_CONSEQUENCE}",
                hint="在 nginx 之后运行时设置 GONGKAI_BEHIND_PROXY=true（见 docs/deploy.md）。",
                id="gongkai.W002",
            )
        )
    if not getattr(settings, "BEHIND_PROXY_DECLARED", True):
        messages.append(
            CheckWarning(
                f"未设置 GONGKAI_BEHIND_PROXY。若网站在 nginx 等反向代理之后，{_CONSEQUENCE}",
                hint="在代理之后设为 true；客户端直接连接本服务时设为 false。",
                id="gongkai.W001",
            )
        )
    return messages


class ProxyHeadersMiddleware:
    """Note a proxy's headers on a request while the proxy setting is off (for the check)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.noted = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not self.noted
            and not settings.BEHIND_PROXY
            and any(header in request.META for header in PROXY_HEADERS)
        ):
            self.noted = True
            moment = timezone.localtime().strftime("%Y-%m-%d %H:%M")
            cache.set(SEEN_KEY, moment, timeout=None)
            logger.warning(
                "proxy headers seen from %s while GONGKAI_BEHIND_PROXY is off: every client "
                "counts as one address for sign-in throttling",
                request.META.get("REMOTE_ADDR"),
            )
        return self.get_response(request)
