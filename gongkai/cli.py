"""The `gongkai` command: report commands start fast and need no Django; the rest set it up.

`gongkai report …` is handed to `gongkai.report.cli` before anything else is imported, so that
checking one file stays a fraction of a second as a whole process. Every other command is a
Django management command (`gongkai migrate`, `gongkai agencies create …`, `gongkai workdays …`,
`gongkai demo_data`, `gongkai runserver`), run with DJANGO_SETTINGS_MODULE defaulting to
`config.settings.dev` and the database chosen by DATABASE_URL.
"""

from __future__ import annotations

import os
import sys

USAGE = """用法：gongkai <命令> …

  report parse|check|render        读取、检查、生成政府信息公开工作年度报告（无需数据库）
  migrate                          创建或升级数据库（由 DATABASE_URL 指定，默认 var/）
  agencies create CODE NAME [--parent CODE]
                                   创建机关；--parent 为上级机关的代码或全称
  workdays add|between|load …      工作日计算与节假日数据
  applications replay FILE.json    按案件事实重算期限并说明计算过程（无需数据库）
  applications replay-all          重算数据库中全部申请的期限并保存
  registers import-decisions FILE --agency CODE
                                   导入行政许可、处罚、强制决定的月度数量（表二）
  annual export --agency CODE --year YEAR [--consolidated]
                                   输出年度报告 JSON；--consolidated 汇总下级机关
  api-token create --agency CODE --system NAME [--expires YYYY-MM-DD]
  api-token list --agency CODE | revoke ID|TOKEN
                                   其他系统用的 API 令牌：新建（令牌只显示一次）、列出、撤销
  backup create|restore PATH       备份或恢复数据库和全部文件（申请附件、文书、公开附件）
  files sweep [--delete] [--older-than 60m]
                                   列出（--delete 则删除）没有记录指向的文件，及文件缺失的记录
  demo_data                        载入演示机关与演示账号
  runserver 127.0.0.1:8000         启动开发服务器（生产环境用 gunicorn，见 docs/deploy.md）
  help                             列出全部命令
"""


# Commands spelt as people type them; Django names a command after its module.
ALIASES = {"api-token": "api_token"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["report"]:
        from gongkai.report.cli import main as report_main

        return int(report_main(args[1:]))
    if args[:2] == ["applications", "replay"]:
        # Pure: the replay of one case's facts needs no Django and no database.
        from gongkai.applications.procedure.replay_cli import main as replay_main

        return replay_main(args[2:])
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0 if args else 2
    return run_django(args)


def run_django(args: list[str]) -> int:
    """Run a Django management command; an unknown command gets one Chinese line and exit 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    args = [ALIASES.get(args[0], args[0]), *args[1:]]
    if args[0] != "help" and not args[0].startswith("-") and args[0] not in get_commands():
        sys.stderr.write(f"未知命令：{args[0]}（gongkai --help 查看可用命令）\n")
        return 2
    try:
        execute_from_command_line(["gongkai", *args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
