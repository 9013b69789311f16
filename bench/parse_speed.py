"""How fast the report engine reads and checks published reports, per input type, on one core.

usage: python bench/parse_speed.py [CORPUS_DIR] [--seconds S] [--pdf-pages N]

For every input type in the folder (txt, md, html, pdf) it prints reports per second for
  - baseline: reading the bytes and decoding them (UTF-8 for text types; PDFium's text of every
    page for PDF, the least any PDF reader must do),
  - parse:    `gongkai.report.parse.read_bytes`,
  - parse+check: the same, then every consistency rule, and what checking costs as a share of
    parsing,
with the ratios to the baseline (how many times slower than merely decoding the same files),
pages per second for PDF, and the whole-process wall time of `gongkai report check FILE` on one
text file (median of several runs) next to a bare `python -c pass`. Rates are per second of the
process's CPU time (on a machine shared with other work, wall time mostly measures the queue);
the wall-clock rate is shown beside it. Then the peak memory of reading and checking each file
in a fresh process, and of a generated N-page PDF (our own report with a long narrative), next
to the targets of issue 12.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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


TARGETS = {"txt": 1000.0, "md": 1000.0, "html": 400.0}
"""Issue 12: parse + check, reports per second on one core; PDF: 20 pages per second."""
PDF_PAGES_TARGET = 20.0
PROCESS_TARGET = 0.15


def rate(
    files: list[tuple[str, bytes]], work: Callable[[str, bytes], object], seconds: float
) -> tuple[float, float]:
    """Reports per CPU second and per wall second of `work` over `files`, for `seconds` CPU."""
    for name, data in files:  # warm-up: imports, regex compilation
        work(name, data)
    done, start, wall = 0, time.process_time(), time.perf_counter()
    while True:
        for name, data in files:
            work(name, data)
        done += len(files)
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return done / elapsed, done / (time.perf_counter() - wall)


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


# VmHWM, not ru_maxrss: Linux keeps a parent's ru_maxrss across fork and exec.
_MEMORY_PROBE = """
import importlib, re, sys
from pathlib import Path
from gongkai.report.parse import read_bytes, sniff
from gongkai.report.rules import check
def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
data = Path(sys.argv[1]).read_bytes()
importlib.import_module("gongkai.report.parse.readers." + sniff(data))
before = peak()
check(read_bytes(data, Path(sys.argv[1]).name))
print(before, peak())
"""


def peak_memory(path: Path) -> tuple[float, float] | None:
    """MB: a fresh process's peak after importing the reader, and its growth reading `path`."""
    if not Path("/proc/self/status").exists():
        return None
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True, check=True
    )
    before, after = (int(value) / 1024 for value in done.stdout.split())
    return after, after - before


def long_pdf(pages: int, folder: Path) -> Path | None:
    """Our own report rendered to PDF with a narrative long enough for about `pages` pages."""
    try:
        from gongkai.report.catalogue import Layout
        from gongkai.report.model import AnnualReport
        from gongkai.report.render import render
    except ImportError:
        return None
    report = AnnualReport.empty(agency="示例市测试局", year=2024, layout=Layout.Y2021)
    paragraph = "本机关坚持以公开为常态、不公开为例外，按照年初制定的公开清单逐项发布信息。" * 12
    report.text = {
        "overview": "\n".join(paragraph for _ in range(pages * 3)),
        "problems": "部分栏目更新不够及时。",
        "other_matters": "本年度未收取信息处理费。",
    }
    try:
        data = render(report, "pdf")
    except Exception:  # no PDF writer on this machine
        return None
    path = folder / f"generated-{pages}-pages.pdf"
    path.write_bytes(data)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--runs", type=int, default=9, help="process runs for the median")
    parser.add_argument("--pdf-pages", type=int, default=50, help="pages of the generated PDF")
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
    print("rates per CPU second (wall-clock rate of parse+check in brackets)")
    header = f"{'type':<5} {'files':>5} {'decode/s':>10} {'parse/s':>9} {'parse+check/s':>14}"
    print(header + f" {'check÷parse':>11} {'parse÷dec':>9} {'p+c÷dec':>8} {'pages/s':>8}  target")
    for kind in ("txt", "md", "html", "pdf"):
        files = by_type.get(kind)
        if not files:
            continue
        base, _ = rate(files, lambda _name, data, k=kind: decode(data, k), args.seconds)
        parsed, _ = rate(files, parse_only, args.seconds)
        checked, checked_wall = rate(files, parse_and_check, args.seconds)
        share = (1 / checked - 1 / parsed) / (1 / parsed)
        pages, target = "", f"≥{TARGETS.get(kind, 0):.0f}/s"
        if kind == "pdf":
            counts = [read_bytes(data, name).source for name, data in files]
            per_report = sum((s.pages or 0) if s else 0 for s in counts) / len(files)
            pages = f"{checked * per_report:8.1f}"
            target = f"≥{PDF_PAGES_TARGET:.0f} pages/s"
        print(
            f"{kind:<5} {len(files):>5} {base:>10.1f} {parsed:>9.1f}"
            f" {checked:>7.1f} ({checked_wall:>4.0f}) {share:>10.0%}"
            f" {base / parsed:>8.1f}× {base / checked:>7.1f}× {pages:>8}  {target}"
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
        print(f"  target: ≤ {PROCESS_TARGET * 1000:.0f} ms wall")
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print(
                "  note: PYTHONDONTWRITEBYTECODE is set, so every run compiles the modules it"
                " imports that have no cached bytecode; a normal install has it and starts faster"
            )
    print("peak memory of reading and checking one file in a fresh process (MB):")
    paths = [corpus / name for kind in by_type for name, _ in by_type[kind]]
    with tempfile.TemporaryDirectory() as folder:
        generated = long_pdf(args.pdf_pages, Path(folder))
        for path in [*paths, *([generated] if generated else [])]:
            memory = peak_memory(path)
            if memory is None:
                print("  (no /proc on this system)")
                break
            pages = read_bytes(path.read_bytes(), path.name).source
            count = f"{pages.pages} pages" if pages and pages.pages else ""
            peak, growth = memory
            print(f"  {path.name:<32} {count:>9} peak {peak:6.1f}  reading adds {growth:6.1f}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
