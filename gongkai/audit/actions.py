"""How the audit timeline names actions and shows a change: Chinese labels, before → after.

Services record actions by code (`page.save`, `agency.update`); people read labels. A code
missing here shows as itself, so a new action is never hidden, only unlabelled: add its label
here when adding the action. An app whose actions are a workflow's enum registers their labels
from the enum (`register_labels`, in its AppConfig.ready), so that an act has the same name on
its button, in the case's timeline and in the audit log; it registers the Chinese names of its
recorded values (states, outcomes, methods) the same way. Values are shown as recorded, so
masked personal data (＊＊＊, see `services.mask_personal_data`) stays masked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = [
    "ACTION_LABELS",
    "BY_APPLICANT",
    "FIELD_LABELS",
    "HIDDEN_FIELDS",
    "Change",
    "action_label",
    "changes",
    "register_labels",
]

ACTION_LABELS: dict[str, str] = {
    # accounts
    "user.create": "新建账号",
    "user.set_password": "设置密码",
    "user.create_superuser": "新建平台管理员账号",
    "user.change_password": "本人修改密码",
    "user.set_email": "本人修改电子邮箱",
    "user.reset_password": "重置密码",
    "user.unlock": "解除登录锁定",
    "user.deactivate": "停用账号",
    "user.reactivate": "恢复账号",
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
    "page.publish": "发布公开页面",
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
    # applications: `application.<workflow action>` is labelled by the workflow's own Action
    # enum (registered by the applications app, `register_labels`): one name per act.
    "application.submit": "申请人网上提交",
    "application.attach": "添加申请附件",
    "applications.import": "导入申请登记台账",
    # operations
    "files.sweep": "删除无记录的文件",
    # annual reports: `annual_report.<workflow action>` from the reporting workflow's Action enum
    "annual_report.create": "起草年度报告",
    "annual_report.import": "导入已发布的年度报告",
    "annual_report.templates": "修改年度报告正文模板",
    # publications (主动公开): `publication.<workflow action>` from the workflow's Action enum
    "publication.create": "起草主动公开信息",
    "publication.import": "导入已发布信息",
    "publication.attach": "添加信息附件",
    "publication.detach": "移除信息附件",
    "category.create": "新建信息分类",
    "category.update": "修改信息分类",
    "category.move": "移动信息分类",
    "catalogue_entry.create": "新增公开事项目录",
    "catalogue_entry.update": "修改公开事项目录",
    "catalogue_entry.retire": "停用公开事项",
    "catalogue_entry.restore": "恢复公开事项",
    "catalogue_entry.import": "导入公开事项目录",
}

FIELD_LABELS: dict[str, str] = {
    "active": "有效",
    "address": "地址",
    "amount_yuan": "金额（元）",
    "collected_on": "收费日期",
    "fee_record": "收费记录",
    "item": "信息",
    "number": "编号",
    "agency": "机关",
    "failed_sign_in_addresses": "登录失败的地址数",
    "is_active": "账号可用",
    "last_role": "最后一个岗位",
    "must_change_password": "须修改密码",
    "reason": "原因",
    "applicant_name": "申请人",
    "application": "申请",
    "body_chars": "正文字数",
    "case_number": "案号",
    "category": "栏目",
    "closed_on": "办结日期",
    "code": "代码",
    "concluded_on": "办结日期",
    "date": "日期",
    "days": "日期条目",
    "decided_on": "结果日期",
    "email": "电子邮箱",
    "entries": "条目数",
    "filed_on": "立案日期",
    "full_name": "姓名",
    "handler": "承办人",
    "id_number": "证件号码",
    "is_off_day": "放假",
    "kind": "类型",
    "legal_basis": "公开依据",
    "known": "已载入",
    "loaded_at": "载入时间",
    "name": "名称",
    "our_role": "本机关身份",
    "outcome": "办理结果",
    "parent": "上级机关",
    "index_prefix": "索引号前缀",
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
    "timing": "公开时限类型",
    "title": "标题",
    "tracking_code": "申请编号",
    "user": "用户",
    "username": "用户名",
    "version": "版本号",
    "workdays": "时限（工作日）",
    "year": "年份",
}

# Record counters and internal references: kept in the log, not shown to people.
HIDDEN_FIELDS = frozenset({"version", "revision_id", "template_id", "template_version"})
# Actions recorded without a user because the applicant took them on the portal.
BY_APPLICANT: set[str] = set()
# (code prefix, field) → recorded value → its Chinese name, e.g. ("application", "state").
VALUE_LABELS: dict[tuple[str, str], dict[str, str]] = {}

EMPTY = "—"


def register_labels(
    *,
    prefix: str,
    actions: Mapping[str, str] = MappingProxyType({}),
    fields: Mapping[str, str] = MappingProxyType({}),
    values: Mapping[str, Mapping[str, str]] = MappingProxyType({}),
    by_applicant: Iterable[str] = (),
) -> None:
    """Register an app's labels: `actions` by name after `prefix.`, its `fields`, the names of
    its recorded `values` per field, and the actions its applicants take (`by_applicant`)."""
    for name, label in actions.items():
        ACTION_LABELS[f"{prefix}.{name}"] = label
    for key, label in fields.items():
        FIELD_LABELS.setdefault(key, label)
    for key, labels in values.items():
        VALUE_LABELS.setdefault((prefix, key), {}).update(labels)
    BY_APPLICANT.update(f"{prefix}.{name}" for name in by_applicant)


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


def changes(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    action: str = "",
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Change]:
    """Return the fields that differ between `before` and `after`, labelled and readable.

    A field present on one side only shows an empty other side (—). When nothing differs
    (a record with only `after`, or identical sides) every field of `after` is shown. Values
    recorded as codes (a state, an outcome) show by the names registered for `action`'s app;
    record counters (HIDDEN_FIELDS) are not shown. `names` gives more names by field (the
    caller's lookups, e.g. a section's name for the id an older record holds).
    """
    old, new = before or {}, after or {}
    prefix = action.partition(".")[0]
    keys = [key for key in dict.fromkeys([*old, *new]) if key not in HIDDEN_FIELDS]
    extra = names or {}

    def named(key: str) -> Mapping[str, str] | None:
        return {**VALUE_LABELS.get((prefix, key), {}), **extra.get(key, {})} or None

    rows = [
        Change(
            field=field_label(key),
            before=_text(old.get(key), named(key)),
            after=_text(new.get(key), named(key)),
        )
        for key in keys
    ]
    differing = [row for row in rows if row.changed]
    return differing or rows


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def _text(value: Any, names: Mapping[str, str] | None = None) -> str:
    """Return a recorded value as short Chinese text (`names`: the field's value labels)."""
    if names is not None and isinstance(value, str | int) and str(value) in names:
        return names[str(value)]
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
