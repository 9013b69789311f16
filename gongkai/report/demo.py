"""`make demo` for the report engine: read the seed report, check it, write every output format.

The seed is the real report the project started from (`../shared/seed/`). Where that folder is
absent (a machine with only the repository) the demo uses the seed's figures as a JSON sample
shipped with the package, so the command works anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai.report import parse, render
from gongkai.report.model import AnnualReport, ReportError
from gongkai.report.rules import check

SAMPLE = Path(__file__).parent / "samples" / "seed-figures-2023.json"
SUFFIXES = {"html": "html", "docx": "docx", "pdf": "pdf", "xlsx": "xlsx", "txt": "txt"}


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def seed_path(root: Path) -> Path:
    """The seed report beside the checkout if present, else the bundled sample of its figures."""
    seeds = sorted((root.parent / "shared" / "seed").glob("*.txt"))
    return seeds[0] if seeds else SAMPLE


def run(root: Path, out: Path) -> int:
    source = seed_path(root)
    try:
        report: AnnualReport = parse.read_path(source)
    except ReportError as exc:
        sys.stderr.write(f"无法读取示例报告 {source}：{exc}\n")
        return 2
    say(f"读取：{source}")
    say(f"  {report.agency} {report.year} 年度报告（{report.layout.value} 年格式）")
    findings = check(report)
    if findings:
        say(f"  检查：{len(findings)} 项发现")
        for finding in findings:
            say(f"    [{finding.rule}] {finding.message}")
    else:
        say("  检查：勾稽关系全部一致")
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    for fmt in render.FORMATS:
        target = out / f"{stem}.{SUFFIXES[fmt]}"
        target.write_bytes(render.render(report, fmt))
        say(f"  写出：{target}")
    return 0


def main() -> int:
    root = Path.cwd()
    return run(root, root / "out")


if __name__ == "__main__":
    sys.exit(main())
