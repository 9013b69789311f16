"""The OpenAPI document in Chinese: what each answer status, parameter and field means.

django-ninja writes HTTP's English phrases ("Unprocessable Entity") and Python docstrings into
the document; `chinese_schema` replaces them with the meanings a developer of another system
needs, from the tables below (one place, read by the document and the docs page alike).
"""

from __future__ import annotations

import copy
from typing import Any

from gongkai.applications.procedure.workflow import Action

__all__ = [
    "FIELD_TEXT",
    "PARAMETER_TEXT",
    "RESPONSE_TEXT",
    "SCHEMA_TEXT",
    "SECURITY_TEXT",
    "chinese_schema",
]

RESPONSE_TEXT = {
    "200": "成功。",
    "400": "办理规则不允许此操作（detail 说明原因），或请求内容不是有效的 JSON。",
    "401": "未认证：须先登录工作平台（会话 Cookie），或带 API 令牌"
    "（Authorization: Bearer 加令牌）；令牌无效、已撤销或已过期时 detail 说明原因。",
    "403": "无权查看或办理此申请，或 CSRF 校验失败（提交须带 X-CSRFToken 请求头），"
    "或 API 令牌没有这项权限（令牌只能读取，不能办理）。",
    "404": "没有找到该申请，或它不在您的权限范围内。",
    "409": "该申请已被他人更新：请求中的 version 与当前版本不符，请重新读取后再提交。",
    "422": "输入有误：errors 按字段列出原因（如 offset 超出范围、缺少 version、日期格式不对）。",
    "500": "服务器内部错误：已记录，请稍后再试。",
}

SCHEMA_TEXT = {
    "ApplicantOut": "申请人信息；masked 为 true 时姓名、证件号码、联系方式已脱敏。",
    "ApplicationSummaryOut": "列表中的一件申请。",
    "ApplicationDetailOut": "一件申请的详情：办理记录、可进行的操作、提示。",
    "ApplicationPageOut": "一页申请：count 为符合条件的总数。",
    "ActionIn": "办理操作的输入：version 为最近读取的版本号；其余字段按操作需要填写。",
    "EventOut": "办理记录中的一条。",
    "ErrorOut": "出错时的回答：detail 为一句中文说明；输入有误时 errors 按字段列出原因。",
}

# The two ways in (gongkai.api.callers): a person's session, another system's token.
SECURITY_TEXT = {
    "ApiTokenAuth": "API 令牌：其他系统用本机关系统管理员在工作平台“机关管理 › API 令牌”中发放的"
    "令牌（以 gk_ 开头），放在请求头 Authorization: Bearer gk_… 中。令牌只能读取所属机关的申请，"
    "申请人的个人信息已脱敏；不能办理。令牌可设失效时间，可随时撤销。",
    "SessionAuth": "工作平台的登录会话（Cookie sessionid）：工作人员在其权限范围内查看和办理；"
    "提交须带 X-CSRFToken 请求头。",
}

PARAMETER_TEXT = {
    "state": "按状态筛选（如 received、assigned）。",
    "offset": "跳过的条数，0 至 1000000000。",
    "limit": "每页条数，1 至 200（超出按边界取）。",
    "tracking_code": "申请编号。",
    "action": "办理操作："
    + "；".join(f"{action.value}（{action.label}）" for action in Action)
    + "。",
}

# A field's meaning; "Schema.field" where one name means different things.
FIELD_TEXT = {
    "tracking_code": "申请编号。",
    "state": "状态（英文标识，中文名称见 state_label）。",
    "agency": "机关名称。",
    "state_label": "状态的中文名称。",
    "outcome": "办理结果（答复后）。",
    "receipt_date": "收到申请日期。",
    "due_date": "答复期限。",
    "due_date_provisional": "答复期限是否为暂定（所涉年份的节假日安排尚未载入）。",
    "section": "承办股室。",
    "handler": "承办人。",
    "applicant": "申请人。",
    "version": "版本号：提交办理操作时须带上，用于发现他人的同时修改。",
    "description": "申请内容。",
    "delivery_form": "获取信息的方式。",
    "delivery_route": "获取信息的途径。",
    "clock_status": "期限状态。",
    "overdue": "是否已逾期。",
    "allowed_actions": "当前用户现在可以进行的办理操作。",
    "events": "办理记录。",
    "warnings": "办理提示。",
    "count": "符合条件的总数。",
    "items": "本页的申请。",
    "ActionIn.items": "告知补正的事项，每项一条。",
    "ActionIn.section": "承办股室的编号。",
    "ActionIn.handler": "承办人的编号。",
    "kind": "类别。",
    "name": "姓名或名称。",
    "id_document_type": "身份证件类型。",
    "id_document_number": "身份证件号码。",
    "credit_code": "统一社会信用代码。",
    "contact_phone": "联系电话。",
    "contact_email": "电子邮箱。",
    "contact_address": "通信地址。",
    "agent_name": "代理人。",
    "masked": "是否已脱敏。",
    "label": "中文名称。",
    "date": "日期。",
    "actor": "办理人。",
    "on": "办理日期（YYYY-MM-DD）。",
    "answer_due": "答复截止日期。",
    "due": "截止日期。",
    "party": "第三方。",
    "workdays": "工作日数。",
    "reason": "理由。",
    "method": "方式。",
    "pieces": "件数。",
    "pages": "页数。",
    "receipt_number": "票据号码。",
    "tracking_number": "邮件单号。",
    "detail": "一句中文说明。",
    "errors": "按字段列出的原因（字段名 → 原因列表）。",
}


def chinese_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the OpenAPI document with Chinese descriptions of answers, parameters and
    fields; English docstrings removed."""
    document = copy.deepcopy(schema)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                response["description"] = RESPONSE_TEXT.get(str(status), "")
            for parameter in operation.get("parameters", []):
                text = PARAMETER_TEXT.get(parameter.get("name", ""))
                if text:
                    parameter["description"] = text
                    parameter.get("schema", {}).pop("description", None)
    for name, scheme in document.get("components", {}).get("securitySchemes", {}).items():
        scheme["description"] = SECURITY_TEXT.get(name, "")
    for name, component in document.get("components", {}).get("schemas", {}).items():
        component["description"] = SCHEMA_TEXT.get(name, "")
        for field, definition in component.get("properties", {}).items():
            text = FIELD_TEXT.get(f"{name}.{field}") or FIELD_TEXT.get(field)
            if text:
                definition["description"] = text
    return document
