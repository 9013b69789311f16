"""How fast the report engine reads and checks published reports, per input type, on one core.

usage: python bench/parse_speed.py [CORPUS_DIR] [--seconds S]

For every input type in the folder (txt, md, html, pdf) it prints reports per second for
  - baseline: reading the bytes and decoding them (UTF-8 for text types; PDFium's text of every
    page for PDF, the least any PDF reader must do),
  - parse:    `gongkai.report.parse.read_bytes`,
  - parse+check: the same, then every consistency rule,
with the ratios to the baseline (how many times slower than merely decoding the same files),
pages per second for PDF, and the whole-process wall time of `gongkai report check FILE` on one
text file (median of several runs) next to a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gongkai.report.parse import read_bytes
from gongkai.report.rules import check

TYPES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
ROOT = Path(__file__).resolve().parent.parent


def pin_to_one_core() -> str:
    """Run on one CPU where the OS allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"CPU {cpu}"
    return "unpinned"


def decode(data: bytes, kind: str) -> int:
    if kind != "pdf":
        return len(data.decode("utf-8", "replace"))
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in document)
    finally:
        document.close()


def rate(
    files: list[tuple[str, bytes]], work: Callable[[str, bytes], object], seconds: float
) -> float:
    """Reports per second of `work` over `files`, repeated for at least `seconds`."""
    for name, data in files:  # warm-up: imports, regex compilation
        work(name, data)
    done, start = 0, time.perf_counter()
    while True:
        for name, data in files:
            work(name, data)
        done += len(files)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def parse_only(name: str, data: bytes) -> object:
    return read_bytes(data, name)


def parse_and_check(name: str, data: bytes) -> object:
    return check(read_bytes(data, name))


def process_time(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of running `args` as a process.

    CPU time is shown too because wall time on a busy machine mostly measures the queue.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--runs", type=int, default=9, help="process runs for the median")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    by_type: dict[str, list[tuple[str, bytes]]] = {}
    for path in sorted(corpus.iterdir()):
        kind = TYPES.get(path.suffix.lower())
        if kind and path.stem.upper() != "README":
            by_type.setdefault(kind, []).append((path.name, path.read_bytes()))
    if not by_type:
        print(f"no report files in {corpus}")
        return 2
    print(f"corpus {corpus} · Python {sys.version.split()[0]} · {pin_to_one_core()}")
    header = f"{'type':<5} {'files':>5} {'decode/s':>10} {'parse/s':>9} {'parse+check/s':>14}"
    print(header + f" {'parse÷dec':>9} {'p+c÷dec':>8} {'pages/s':>8}")
    for kind in ("txt", "md", "html", "pdf"):
        files = by_type.get(kind)
        if not files:
            continue
        base = rate(files, lambda _name, data, k=kind: decode(data, k), args.seconds)
        parsed = rate(files, parse_only, args.seconds)
        checked = rate(files, parse_and_check, args.seconds)
        pages = ""
        if kind == "pdf":
            counts = [read_bytes(data, name).source for name, data in files]
            per_report = sum((s.pages or 0) if s else 0 for s in counts) / len(files)
            pages = f"{checked * per_report:8.1f}"
        print(
            f"{kind:<5} {len(files):>5} {base:>10.1f} {parsed:>9.1f} {checked:>14.1f}"
            f" {base / parsed:>8.1f}× {base / checked:>7.1f}× {pages:>8}"
        )
    one_text = next((corpus / name for name, _ in by_type.get("txt", [])), None)
    if one_text is not None:
        command = Path(sys.executable).with_name("gongkai")
        bare, bare_cpu = process_time([sys.executable, "-c", "pass"], args.runs)
        whole, cpu = process_time([str(command), "report", "check", str(one_text)], args.runs)
        print(
            f"whole process `gongkai report check {one_text.name}`: median {whole * 1000:.0f} ms"
            f" wall, {cpu * 1000:.0f} ms CPU, of {args.runs} runs (bare `python -c pass`:"
            f" {bare * 1000:.0f} ms wall, {bare_cpu * 1000:.0f} ms CPU)"
        )
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
