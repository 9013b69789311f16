"""How the audit timeline names actions and shows a change: Chinese labels, before → after.

Services record actions by code (`page.save`, `agency.update`); people read labels. A code
missing here shows as itself, so a new action is never hidden, only unlabelled: add its label
here when adding the action. Values are shown as recorded, so masked personal data (＊＊＊,
see `services.mask_personal_data`) stays masked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ACTION_LABELS", "FIELD_LABELS", "Change", "action_label", "changes"]

ACTION_LABELS: dict[str, str] = {
    # accounts
    "user.create": "新建账号",
    "user.set_password": "设置密码",
    # agencies
    "agency.create": "新建机关",
    "agency.update": "修改机关信息",
    "section.create": "新建股室",
    "section.rename": "修改股室名称",
    "membership.grant": "分配岗位",
    "membership.revoke": "撤销岗位",
    # holidays: the official calendar
    "holidays.set_day": "修改节假日安排（单日）",
    "holidays.load_notice": "载入国务院放假通知",
    # pages
    "page.save": "保存公开页面",
    # letters
    "letter_template.save": "保存文书模板",
    "letter.issue": "出具文书",
    "letter_settings.save": "保存文书设置",
    # reviews (table 四)
    "complaint.record": "登记举报投诉",
    "complaint.close": "办结举报投诉",
    "review_case.record": "登记复议诉讼案件",
    "review_case.decide": "记录复议诉讼结果",
    # registers (table 二)
    "regulatory_document.register": "登记规章或规范性文件",
    "regulatory_document.repeal": "废止规章或规范性文件",
    "regulatory_document.from_publication": "规范性文件发布后登记",
    "regulatory_document.link_publication": "规范性文件关联发布信息",
    "register_opening_balance.set": "登记年末现行有效件数",
    "administrative_decision.record": "登记行政决定",
    "decision_total.set": "填报行政决定月度数量",
    "decision_totals.import": "导入行政决定月度数量",
    "fee.record": "登记行政事业性收费",
    # applications: `application.<workflow action>`
    "application.submit": "提交申请",
    "application.attach": "添加申请附件",
    "application.register": "登记申请",
    "application.assign": "分办申请",
    "application.request_clarification": "发出补正通知",
    "application.answer_clarification": "申请人补正",
    "application.lapse_clarification": "逾期未补正",
    "application.start_consultation": "开始征求第三方意见",
    "application.end_consultation": "结束征求第三方意见",
    "application.record_service": "记录文书送达日期",
    "application.request_reasons": "要求说明理由",
    "application.answer_reasons": "收到申请人说明的理由",
    "application.accept_reasons": "接受说明的理由",
    "application.continue_after_reasons": "理由合理，继续办理",
    "application.extend": "延长答复期限",
    "application.request_fee": "发出收费通知",
    "application.pay_fee": "缴纳费用",
    "application.lapse_fee": "逾期未缴费",
    "application.withdraw": "申请人撤回申请",
    "application.decide": "作出答复决定",
    "application.serve": "送达答复",
    "application.close": "办结申请",
    "application.archive": "归档",
    "applications.import": "导入申请登记台账",
    # publications (主动公开): `publication.<workflow action>`
    "publication.create": "起草主动公开信息",
    "publication.import": "导入已发布信息",
    "publication.update": "修改信息草稿",
    "publication.attach": "添加信息附件",
    "publication.detach": "移除信息附件",
    "publication.submit": "提交信息审核",
    "publication.approve": "审核通过信息",
    "publication.reject": "退回信息修改",
    "publication.review_clear": "保密审查通过",
    "publication.review_reject": "保密审查不通过",
    "publication.publish": "发布信息",
    "publication.schedule": "定时发布信息",
    "publication.publish_due": "定时发布到时自动发布",
    "publication.revise": "更新已发布信息",
    "publication.withdraw": "撤回信息",
    "publication.retire": "宣布文件失效或废止",
    "category.create": "新建信息分类",
    "category.update": "修改信息分类",
    "category.move": "移动信息分类",
    "catalogue_entry.create": "新增公开事项目录",
    "catalogue_entry.update": "修改公开事项目录",
}

FIELD_LABELS: dict[str, str] = {
    "active": "有效",
    "address": "地址",
    "agency": "机关",
    "applicant_name": "申请人",
    "application": "申请",
    "body_chars": "正文字数",
    "case_number": "案号",
    "closed_on": "办结日期",
    "code": "代码",
    "concluded_on": "办结日期",
    "date": "日期",
    "days": "日期条目",
    "decided_on": "结果日期",
    "email": "电子邮箱",
    "filed_on": "立案日期",
    "full_name": "姓名",
    "handler": "承办人",
    "id_number": "证件号码",
    "is_off_day": "放假",
    "kind": "类型",
    "known": "已载入",
    "loaded_at": "载入时间",
    "name": "名称",
    "our_role": "本机关身份",
    "outcome": "办理结果",
    "parent": "上级机关",
    "password": "密码",
    "phone": "电话",
    "receipt_date": "收到日期",
    "received_on": "收到日期",
    "result": "结果",
    "revision": "版本",
    "role": "岗位",
    "section": "股室",
    "source": "来源",
    "state": "状态",
    "subject": "事由",
    "title": "标题",
    "tracking_code": "查询码",
    "user": "用户",
    "username": "用户名",
    "version": "版本号",
    "year": "年份",
}

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    """One field of an audited change, as people read it."""

    field: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def action_label(code: str) -> str:
    """Return the Chinese label of an action code, or the code itself when it has none."""
    return ACTION_LABELS.get(code, code)


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[Change]:
    """Return the fields that differ between `before` and `after`, labelled and readable.

    A field present on one side only shows an empty other side (—). When nothing differs
    (a record with only `after`, or identical sides) every field of `after` is shown.
    """
    old, new = before or {}, after or {}
    keys = list(dict.fromkeys([*old, *new]))
    rows = [
        Change(field=field_label(key), before=_text(old.get(key)), after=_text(new.get(key)))
        for key in keys
    ]
    differing = [row for row in rows if row.changed]
    return differing or rows


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def _text(value: Any) -> str:
    """Return a recorded value as short Chinese text."""
    if value is None or value == "":
        return EMPTY
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, Mapping):
        return "；".join(f"{field_label(str(k))}：{_text(v)}" for k, v in value.items()) or EMPTY
    if isinstance(value, list | tuple):
        return f"{len(value)} 项" if value else EMPTY
    return str(value)
