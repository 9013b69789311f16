"""Every API error is JSON with a Chinese `detail` (and `errors` by field): `ErrorOut`.

django-ninja's own answers are English (`Unauthorized`, pydantic's "Input should be a valid
integer", `Cannot parse request body`, `Method not allowed`); its validation errors are a list,
unlike the documented `ErrorOut`. The handlers below answer them in Chinese in one shape, an
unexpected exception as a JSON 500 (its traceback logged), and `ApiErrorsMiddleware` turns
the few answers made outside ninja (a 405, an unknown address under /api/) into the same JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

__all__ = [
    "ApiErrorsMiddleware",
    "field_message",
    "register_error_handlers",
    "status_detail",
]

logger = logging.getLogger("gongkai.api")

INVALID_INPUT = "输入有误。"
STATUS_DETAILS = {
    400: "请求无法处理。",
    401: "请先登录工作平台，或在 Authorization 请求头中提供 API 令牌（Bearer 加令牌）。",
    403: "无权进行此操作。",
    404: "没有找到请求的内容。",
    405: "不支持此请求方法。",
    409: "该申请已被他人更新，请刷新后重试。",
    413: "请求内容过大。",
    415: "请求内容须为 JSON。",
    422: INVALID_INPUT,
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，请稍后再试；问题已记录。",
}
# ninja's English messages, where it raises HttpError with its own words.
KNOWN_MESSAGES = {
    "Cannot parse request body": "请求内容无法解析：须为有效的 JSON。",
    "CSRF check Failed": "CSRF 校验失败：提交须带 CSRF 令牌（X-CSRFToken 请求头）。",
}
_PLACES = {"body", "query", "path", "header", "cookie", "form", "file"}


def status_detail(status: int) -> str:
    """The Chinese sentence for an HTTP error status."""
    if status in STATUS_DETAILS:
        return STATUS_DETAILS[status]
    return STATUS_DETAILS[500] if status >= 500 else STATUS_DETAILS[400]


def field_message(error: dict[str, Any]) -> str:
    """pydantic's error (type and context) as a Chinese message."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "必填。"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "须为整数。"
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return "须为数字。"
    if kind in ("bool_parsing", "bool_type"):
        return "须为 true 或 false。"
    if kind.startswith("date"):
        return "须为日期，格式为 YYYY-MM-DD。"
    if kind in ("string_type", "string_unicode"):
        return "须为文本。"
    if kind == "string_too_long":
        return f"不能超过 {ctx.get('max_length')} 个字符。"
    if kind in ("list_type", "tuple_type"):
        return "须为列表。"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "须为 JSON 对象。"
    if kind == "enum":  # pydantic's "'a', 'b' or 'c'": the values are identifiers
        values = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"取值无效，可选值：{'、'.join(v.strip() for v in values.split(','))}。"
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {ctx.get('ge', ctx.get('gt'))}。"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {ctx.get('le', ctx.get('lt'))}。"
    if kind == "json_invalid":
        return "请求内容无法解析：须为有效的 JSON。"
    return "取值无效。"


def _field(loc: Any) -> str:
    parts = [str(part) for part in (loc or ()) if str(part) not in _PLACES]
    # ninja names the body parameter itself ("body") after the place: drop it too.
    return ".".join(parts) or "__all__"


def _validation(api: NinjaAPI) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:  # NinjaValidationError
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field(error.get("loc")), []).append(field_message(error))
        return api.create_response(request, {"detail": INVALID_INPUT, "errors": errors}, status=422)

    return handler


def _http_error(api: NinjaAPI) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:  # HttpError
        message = str(exc)
        detail = KNOWN_MESSAGES.get(message) or status_detail(exc.status_code)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    return handler


def _unexpected(api: NinjaAPI) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.error("API error at %s", request.path, exc_info=exc)
        return api.create_response(request, {"detail": status_detail(500)}, status=500)

    return handler


def register_error_handlers(api: NinjaAPI) -> None:
    """Answer ninja's own errors and unexpected exceptions in Chinese, as `ErrorOut`."""
    api.add_exception_handler(NinjaValidationError, _validation(api))
    api.add_exception_handler(AuthenticationError, _http_error(api))
    api.add_exception_handler(HttpError, _http_error(api))
    api.add_exception_handler(Exception, _unexpected(api))


class ApiErrorsMiddleware:
    """Under /api/, an error answered outside ninja (405, an unknown address) becomes JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse(
                {"detail": status_detail(response.status_code)},
                status=response.status_code,
                json_dumps_params={"ensure_ascii": False},
            )
            for header, value in response.items():  # Allow, Retry-After, the security headers
                if header.lower() not in ("content-type", "content-length"):
                    answer[header] = value
            return answer
        return response
