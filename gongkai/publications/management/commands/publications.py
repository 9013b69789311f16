"""`gongkai publications publish-due`: publish the scheduled items whose time has come (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from gongkai.agencies.management.base import PlatformCommand
from gongkai.publications.services import publish_due_scheduled


class Command(PlatformCommand):
    help = "主动公开：publish-due 发布已到定时发布时间的信息（供定时任务每分钟调用）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="publish-due")
        actions.add_parser("publish-due", help="发布已到时间的定时发布信息")

    def handle(self, *args: Any, **options: Any) -> None:
        published = publish_due_scheduled()
        for item in published:
            self.stdout.write(f"已发布 {item.index_number} {item.title}")
        if not published:
            self.stdout.write("没有到时的定时发布信息。")
