"""The API object, its error answers (Chinese messages), its documentation and its routers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from gongkai.api.applications import router as applications_router
from gongkai.api.callers import AUTH, ApiTokenRefused
from gongkai.api.docs import docs_page
from gongkai.api.errors import register_error_handlers
from gongkai.api.openapi_text import chinese_schema
from gongkai.applications.services import ConcurrentChange, WorkflowError

CONFLICT = "该申请已被他人更新，请刷新后重试。"


class GongkaiApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The OpenAPI document with Chinese meanings of every answer, parameter and field."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        translated = chinese_schema(dict(schema))
        schema.clear()
        schema.update(translated)
        return schema


api = GongkaiApi(
    title="政府信息公开平台 API",
    version="1",
    description=(
        "依申请公开：申请的列表、详情和办理操作。工作人员登录工作平台后使用（会话认证，提交须带"
        " CSRF 令牌）；其他系统用本机关系统管理员发放的 API 令牌读取（Authorization: Bearer）。"
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url=None,
)
register_error_handlers(api)


@api.get("/docs/", auth=None, include_in_schema=False, url_name="docs")
def documentation(request: HttpRequest) -> HttpResponse:
    """The API's documentation, readable by anyone (it holds no data), served locally."""
    return docs_page(request, api.get_openapi_schema())


@api.exception_handler(ApiTokenRefused)
def token_refused(request: HttpRequest, exc: ApiTokenRefused) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'  # RFC 6750 section 3
    return response


@api.exception_handler(ConcurrentChange)
def concurrent_change(request: HttpRequest, exc: ConcurrentChange) -> HttpResponse:
    return api.create_response(request, {"detail": CONFLICT}, status=409)


@api.exception_handler(WorkflowError)
def workflow_error(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
    # 400, not 409: 409 means only that someone else changed the case (ConcurrentChange).
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "无权进行此操作。"}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "输入有误。", "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "没有找到该申请。"}, status=404)


api.add_router("/applications/", applications_router)
