"""`gongkai search reindex [--agency CODE]`: rebuild the portal's full-text index."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency
from gongkai.search.index import search_reindex


class Command(BaseCommand):
    help = "全文检索：reindex 重建索引"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        reindex = sub.add_parser("reindex", help="重建全文检索索引")
        reindex.add_argument("--agency", help="只重建该机关（机关代码）")

    def handle(self, *args: Any, **options: Any) -> None:
        agency_id = None
        if options.get("agency"):
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"没有代码为 {options['agency']} 的机关")
            agency_id = agency.pk
        started = time.perf_counter()
        count = search_reindex(agency_id=agency_id)
        seconds = time.perf_counter() - started
        self.stdout.write(f"已重建索引：{count} 条信息，用时 {seconds:.1f} 秒")
