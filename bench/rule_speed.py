"""What each consistency rule costs, per report, next to reading the report (issue 12).

usage: python bench/rule_speed.py [CORPUS_DIR] [--repeat R] [--number N]

For every text report of the folder (txt, md, html) it times, on one core, each rule of
`gongkai.report.rules.RULES` on the report's context, `check(report)` as a whole and
`read_bytes` (the best of R repeats of N calls: the machine's other work only ever adds
time), then prints per rule the mean and the worst report in microseconds, and per report what
checking costs as a share of reading. The rules are timed warm, one at a time: `check()`,
which runs them all in turn, costs more than their sum, and more again right after parsing,
as bench/parse_speed.py measures it (its check÷parse column).
"""

from __future__ import annotations

import argparse
import os
import sys
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

from gongkai.report.parse import read_bytes
from gongkai.report.rules import RULES, check
from gongkai.report.rules.context import Context

ROOT = Path(__file__).resolve().parent.parent
TEXT_TYPES = (".txt", ".md", ".html", ".htm")


def microseconds(work: Callable[[], object], repeat: int, number: int) -> float:
    """The best of `repeat` runs of `number` calls of `work`, per call, in µs."""
    return min(timeit.repeat(work, number=number, repeat=repeat)) / number * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=7, help="runs; the best one counts")
    parser.add_argument("--number", type=int, default=20, help="calls per run")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = [
        path
        for path in sorted(Path(args.corpus).iterdir())
        if path.suffix.lower() in TEXT_TYPES and path.stem.upper() != "README"
    ]
    if not paths:
        print(f"no text reports in {args.corpus}")
        return 2

    def timed(work: Callable[[], object]) -> float:
        return microseconds(work, args.repeat, args.number)

    costs: dict[str, dict[str, float]] = {}
    for path in paths:
        name, data = path.name, path.read_bytes()
        report = read_bytes(data, name)
        context = Context(report)
        for rule in RULES:
            costs.setdefault(rule.id, {})[name] = timed(partial(rule.run, context))
        costs.setdefault("check()", {})[name] = timed(partial(check, report))
        costs.setdefault("read_bytes", {})[name] = timed(partial(read_bytes, data, name))

    print(f"{len(paths)} reports · Python {sys.version.split()[0]} · load {os.getloadavg()[0]:.1f}")
    print(f"µs per report, best of {args.repeat}×{args.number} calls")
    print(f"{'':<18} {'mean':>7} {'worst':>7}  worst report")
    for name, by_report in costs.items():
        worst = max(by_report, key=by_report.__getitem__)
        mean = sum(by_report.values()) / len(by_report)
        print(f"{name:<18} {mean:>7.1f} {by_report[worst]:>7.1f}  {worst}")
    print("\ncheck() as a share of read_bytes:")
    for path in paths:
        checking, reading = costs["check()"][path.name], costs["read_bytes"][path.name]
        share = checking / reading
        print(f"  {path.name:<34} {checking:>7.1f} of {reading:>7.1f} µs  {share:>5.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
