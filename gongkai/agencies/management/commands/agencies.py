"""`gongkai agencies create CODE NAME [--parent CODE|NAME] [--kind KIND]` (cli-and-import.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser

from gongkai.agencies.management.base import BadInput, PlatformCommand
from gongkai.agencies.models import AgencyKind
from gongkai.agencies.selectors import agency_by_code_or_name
from gongkai.agencies.services import agency_create

KINDS = {kind.value: kind for kind in AgencyKind} | {kind.label: kind for kind in AgencyKind}


class Command(PlatformCommand):
    help = "管理机关：create 创建机关（--parent 指定上级机关的代码或全称）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create")
        create = actions.add_parser("create", help="创建机关", called_from_command_line=True)
        create.add_argument("code", metavar="CODE", help="机关代码，如 zmd-tjj")
        create.add_argument("name", metavar="NAME", help="机关全称")
        create.add_argument(
            "--parent", metavar="CODE", help="上级机关（政务公开主管部门）的代码或全称"
        )
        create.add_argument(
            "--kind",
            help="机关类型：人民政府、管委会、部门、其他（默认：有上级时为部门，否则为人民政府）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self.create(options)

    def create(self, options: dict[str, Any]) -> None:
        parent = None
        if options.get("parent"):
            parent = agency_by_code_or_name(value=options["parent"])
            if parent is None:
                raise BadInput(f"上级机关 {options['parent']} 不存在（按代码或全称查找）。")
        kind_name = options.get("kind")
        if kind_name:
            if kind_name not in KINDS:
                raise BadInput(f"机关类型 {kind_name} 无效，可选：人民政府、管委会、部门、其他。")
            kind = KINDS[kind_name]
        else:
            kind = AgencyKind.DEPARTMENT if parent else AgencyKind.GOVERNMENT
        try:
            agency = agency_create(
                actor=None, code=options["code"], name=options["name"], kind=kind, parent=parent
            )
        except ValidationError as exc:
            raise BadInput(_one_line(exc)) from None
        above = f"，上级机关：{parent.name}" if parent else ""
        self.stdout.write(
            f"已创建机关 {agency.code} {agency.name}（{agency.get_kind_display()}{above}）"
        )


def _one_line(exc: ValidationError) -> str:
    return "；".join(str(message) for message in exc.messages)
