"""`gongkai api-token create|list|revoke`: the operator's way to the API tokens (decision 0016).

The same services as the administrator's pages (created and revoked by a system command, in
the audit log); the secret of a new token is printed once, on its own last line, for a script
to take. A leaked token can be revoked by its number or by the leaked secret itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.accounts.api_tokens import (
    PREFIX,
    api_token_create,
    api_token_revoke,
    api_token_status,
    api_tokens_of,
    token_digest,
    valid_through,
)
from gongkai.accounts.models import ApiToken, ApiTokenPermission
from gongkai.agencies.management.base import BadInput, PlatformCommand, named_agency

PERMISSIONS = ", ".join(f"{p.value}（{p.label}）" for p in ApiTokenPermission)


class Command(PlatformCommand):
    help = "管理其他系统用的 API 令牌：create 新建、list 列出、revoke 撤销"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = actions.add_parser("create", help="新建令牌", called_from_command_line=True)
        create.add_argument("--agency", required=True, metavar="CODE", help="机关的代码或全称")
        create.add_argument("--system", required=True, metavar="NAME", help="对接系统的名称")
        create.add_argument(
            "--permission",
            action="append",
            metavar="PERMISSION",
            help=f"权限，可重复；默认全部只读权限。可选：{PERMISSIONS}",
        )
        create.add_argument("--expires", metavar="YYYY-MM-DD", help="有效期至（含当日）")
        listing = actions.add_parser("list", help="列出令牌", called_from_command_line=True)
        listing.add_argument("--agency", required=True, metavar="CODE", help="机关的代码或全称")
        revoke = actions.add_parser("revoke", help="撤销令牌", called_from_command_line=True)
        revoke.add_argument("token", metavar="ID|TOKEN", help="令牌的编号（list 所列），或令牌本身")

    def handle(self, *args: Any, **options: Any) -> None:
        {"create": self.create, "list": self.list, "revoke": self.revoke}[options["action"]](
            options
        )

    def create(self, options: dict[str, Any]) -> None:
        agency = named_agency(options["agency"])
        permissions = options.get("permission") or [p.value for p in ApiTokenPermission]
        try:
            issued = api_token_create(
                actor=None,
                agency=agency,
                system_name=options["system"],
                permissions=permissions,
                expires_at=_end_of(options.get("expires")),
            )
        except ValidationError as exc:
            raise BadInput("；".join(str(m) for m in exc.messages)) from None
        token = issued.token
        until = f"，{_when(token.expires_at)} 失效" if token.expires_at else "，长期有效"
        self.stdout.write(
            f"已为{agency.name}新建{token.system_name}的 API 令牌（编号 {token.pk}{until}）。"
            "令牌只显示这一次，平台只保存其摘要："
        )
        self.stdout.write(issued.secret)

    def list(self, options: dict[str, Any]) -> None:
        agency = named_agency(options["agency"])
        tokens = list(api_tokens_of(agency=agency))
        if not tokens:
            self.stdout.write(f"{agency.name}尚无 API 令牌。")
            return
        now = timezone.now()
        self.stdout.write("编号\t对接系统\t令牌开头\t状态\t创建时间\t失效时间\t最近使用")
        for token in tokens:
            self.stdout.write(
                "\t".join(
                    [
                        str(token.pk),
                        token.system_name,
                        f"{token.hint}…",
                        api_token_status(token, now=now),
                        _when(token.created_at),
                        _when(token.expires_at) if token.expires_at else "长期",
                        _when(token.last_used_at) if token.last_used_at else "尚未使用",
                    ]
                )
            )

    def revoke(self, options: dict[str, Any]) -> None:
        value = str(options["token"]).strip()
        if value.startswith(PREFIX):
            token = ApiToken.objects.select_related("agency").filter(digest=token_digest(value))
        elif value.isdigit():
            token = ApiToken.objects.select_related("agency").filter(pk=int(value))
        else:
            raise BadInput(f"{value} 既不是令牌编号，也不是令牌（以 {PREFIX} 开头）。")
        found = token.first()
        if found is None:
            raise BadInput("没有这个 API 令牌。")
        try:
            api_token_revoke(actor=None, token=found)
        except ValidationError as exc:
            raise BadInput("；".join(str(m) for m in exc.messages)) from None
        self.stdout.write(
            f"已撤销{found.agency.name}{found.system_name}的 API 令牌（编号 {found.pk}，"
            f"{found.hint}…）。"
        )


def _end_of(value: str | None) -> dt.datetime | None:
    """The end of the day `value` names (YYYY-MM-DD), in the platform's time zone."""
    if not value:
        return None
    try:
        last_day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"日期 {value} 无效，格式为 YYYY-MM-DD。") from None
    if last_day < timezone.localdate():
        raise BadInput("有效期不能早于今天。")
    return valid_through(last_day)


def _when(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
