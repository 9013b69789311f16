"""The `gongkai` command: report commands start fast and need no Django; the rest set it up.

`gongkai report …` is handed to `gongkai.report.cli` before anything else is imported, so that
checking one file stays a fraction of a second as a whole process.
"""

from __future__ import annotations

import sys

USAGE = """用法：gongkai <命令> …

  report parse|check|render   读取、检查、生成政府信息公开工作年度报告
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["report"]:
        from gongkai.report.cli import main as report_main

        return report_main(args[1:])
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if args else 2
    sys.stderr.write(f"未知命令：{args[0]}（gongkai --help 查看可用命令）\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
