"""`gongkai demo_data`: load the demo agencies, accounts and pages (idempotent); print logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from gongkai.accounts.models import User
from gongkai.agencies.demo import ACCOUNTS, DEMO_PASSWORD, load_demo_data
from gongkai.agencies.management.base import PlatformCommand
from gongkai.agencies.models import Section
from gongkai.applications.demo import load_demo_correction
from gongkai.letters.demo import load_demo_letter_settings
from gongkai.pages.demo import load_demo_pages
from gongkai.publications.demo import load_demo_publications
from gongkai.publications.demo_catalogue import load_demo_catalogue
from gongkai.reporting.demo import load_demo_reports


class Command(PlatformCommand):
    help = "载入演示数据：驻马店经济开发区统计局及其上级机关、股室，每个角色一个演示账号"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--address",
            default="http://127.0.0.1:8000",
            help="打印的网站地址（默认本机 8000 端口）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo_data()
        pages = load_demo_pages(agency=result.agency)
        catalogue = load_demo_catalogue(agency=result.agency)
        pages += catalogue.created
        pages += load_demo_publications(agency=result.agency, catalogue=catalogue.by_item_title)
        pages += load_demo_letter_settings(
            agency=result.agency, supervising_office=result.supervising_office
        )
        pages += load_demo_reports(
            agency=result.agency,
            office=User.objects.get(username="demo-office"),
            leader=User.objects.get(username="demo-leader"),
        )
        pages += load_demo_correction(
            agency=result.agency,
            office=User.objects.get(username="demo-office"),
            handler=User.objects.get(username="demo-handler"),
            section=Section.objects.get(agency=result.agency, name="统计股"),
        )
        address = options["address"].rstrip("/")
        say = self.stdout.write
        if result.created or pages:
            say(f"演示数据已载入（新建 {result.created + pages} 项）。")
        else:
            say("演示数据已存在，未作改动。")
        say("")
        say(f"  门户网站（公众）：{address}/            {result.agency.name}")
        say(f"  工作平台（工作人员）：{address}/workspace/")
        say("")
        say(f"  演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account in ACCOUNTS:
            where = (
                result.agency.name
                if account.agency_code == result.agency.code
                else result.supervising_office.name
            )
            # Full-width padding keeps the Chinese column aligned in a terminal.
            say(f"    {account.username:<16} {account.role.label.ljust(5, '　')}  {where}")
