"""Hostile report files: time and peak memory of `gongkai report parse` on each.

usage: python bench/hostile_files.py [--timeout S] [--memory-cap MB] [--only NAME …] [--keep DIR]

Generates the cases of issue 9 item 3 (a tiny XLSX with a far cell, a DOCX and a PDF whose
compressed content inflates to 1 GB, a PDF of 3,000 pages, …) into a temporary folder, runs
`gongkai report parse FILE` on each in its own process and prints, per case, the file's size,
the exit status, the wall time, the peak resident memory (from wait4) and the first line of
stderr. A process past --timeout (default 60 s) is killed; --memory-cap (default 4096 MB) caps
its address space so that a runaway case cannot take the machine with it.

Target (issue 9): every file up to 20 MB answered within 10 s and 300 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.report.parse.tests.hostile import (
    billion_laughs,
    docx_with_body,
    pdf_pages,
    pdf_stream_bomb,
    pdf_with_encoded_content,
    xlsx_with_cells,
    zip_lying_about_size,
)

GIB = 1 << 30


def _text(size: int) -> bytes:
    line = "本机关全年共收到政府信息公开申请若干件，均已按期答复。\n".encode()
    return line * (size // len(line))


def _html(size: int) -> bytes:
    row = "<tr><td>行政许可</td><td>12</td><td>3</td><td>4</td></tr>\n".encode()
    body = row * (size // len(row))
    return b"<html><body><h1>2024\xe5\xb9\xb4</h1><table>" + body + b"</table></body></html>"


def _deep_html(depth: int) -> bytes:
    return (
        b"<html><body><p>\xe5\xbc\x80\xe5\xa4\xb4</p>"
        + b"<div>" * depth
        + "表三".encode()
        + b"</div>" * depth
        + b"</body></html>"
    )


def _flate_in_flate(size: int) -> bytes:
    """A content stream of `size` spaces compressed twice: a few KB on disk."""
    packer = zlib.compressobj(9)
    inner = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(size >> 20))
    inner += packer.flush()
    return pdf_with_encoded_content(zlib.compress(inner, 9), b"[/FlateDecode /FlateDecode]")


def _pdf_heavy_pages(count: int, size: int) -> bytes:
    """Pages whose compressed content is `size` bytes of short ruled lines (a dense grid)."""
    from gongkai.report.parse.tests.hostile import pdf_with_contents

    grid = b"".join(b"%d 100 m %d 700 l S " % (x % 500 + 50, x % 500 + 50) for x in range(2000))
    content = (grid * (size // len(grid) + 1))[:size]
    content = content[: content.rfind(b" S ") + 3]
    return pdf_with_contents([content + b"BT /F1 12 Tf 72 750 Td (Text) Tj ET"] * count)


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "xlsx A1 + ZZ20000": ("xlsx", lambda: xlsx_with_cells([(1, 1, "a"), (20000, 702, "b")])),
    "xlsx A1 + XFD1048576": (
        "xlsx",
        lambda: xlsx_with_cells([(1, 1, "a"), (1048576, 16384, "b")]),
    ),
    "xlsx 1M cells (200k rows x 5)": (
        "xlsx",
        lambda: xlsx_with_cells((r, c, "12") for r in range(1, 200_001) for c in range(1, 6)),
    ),
    "xlsx DTD entities": (
        "xlsx",
        lambda: xlsx_with_cells([(1, 1, "&a9;")], prologue=billion_laughs("worksheet")),
    ),
    "docx inflating to 1 GB": ("docx", lambda: docx_with_body(18_000_000)),
    "docx 60 MB claiming 1 KB": (
        "docx",
        lambda: zip_lying_about_size(docx_with_body(1_000_000), "word/document.xml", claimed=1000),
    ),
    "pdf stream inflating to 1 GiB": ("pdf", lambda: pdf_stream_bomb(GIB)),
    "pdf flate in flate to 1 GiB": ("pdf", lambda: _flate_in_flate(GIB)),
    "pdf 3,000 ruled pages": ("pdf", lambda: pdf_pages(3000)),
    "text 20 MB": ("txt", lambda: _text(20_000_000)),
    "html 20 MB table": ("html", lambda: _html(20_000_000)),
    "html nested 5,000 deep": ("html", lambda: _deep_html(5000)),
    # Just under the limits: what a hostile file may still cost.
    "edge: docx 15 MB of XML": ("docx", lambda: docx_with_body(270_000)),
    "edge: xlsx 4 MB sheet, 49,000 cells": (
        "xlsx",
        lambda: xlsx_with_cells((r, c, "12") for r in range(1, 9_801) for c in range(1, 6)),
    ),
    "edge: xlsx 49,000 cells 1 table": (
        "xlsx",
        lambda: xlsx_with_cells(
            [(r, c, "12") for r in range(1, 501) for c in range(1, 99)] + [(1, 999, "x")]
        ),
    ),
    "edge: xlsx 12 sheets of 4 MB": (
        "xlsx",
        lambda: xlsx_with_cells(
            [(r, c, "1") for r in range(1, 13_001) for c in range(1, 5)], copies=12
        ),
    ),
    "edge: pdf 20 pages of 9,000 paths": ("pdf", lambda: _pdf_heavy_pages(20, 9_000 * 22)),
    "edge: pdf 200 ruled pages": ("pdf", lambda: pdf_pages(200)),
    "edge: pdf 15 pages of 4 MB paths": ("pdf", lambda: _pdf_heavy_pages(15, 4_000_000)),
    "edge: html 190,000 tags": ("html", lambda: _html(190_000 // 10 * 52)),
    "edge: text 990,000 characters": ("txt", lambda: _text(2_900_000)),
}


def run(path: Path, timeout: float, cap_mb: int) -> tuple[int | str, float, float, str]:
    """Exit status (or "killed"), seconds, peak RSS in MB, first stderr line."""
    gongkai = Path(sys.executable).parent / "gongkai"

    def limit() -> None:
        cap = cap_mb * (1 << 20)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [str(gongkai), "report", "parse", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit,
        )
        status: int | str
        deadline = started + timeout
        while True:
            pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.send_signal(signal.SIGKILL)
                pid, wait_status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        process.returncode = 0  # reaped by wait4
        if os.WIFSIGNALED(wait_status):
            sig = os.WTERMSIG(wait_status)
            status = "timeout" if sig == signal.SIGKILL and seconds >= timeout else f"signal {sig}"
        else:
            status = os.WEXITSTATUS(wait_status)
        err.seek(0)
        lines = err.read().decode("utf-8", errors="replace").strip().splitlines()
    return status, seconds, usage.ru_maxrss / 1024, (lines[-1] if lines else "")[:90]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-cap", type=int, default=4096, help="MB of address space")
    parser.add_argument("--only", nargs="*", help="run the cases whose name contains one of these")
    parser.add_argument("--keep", metavar="DIR", help="write the files there and keep them")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'case':32} {'size':>9} {'exit':>8} {'seconds':>8} {'peak MB':>8}  stderr")
    worst_ok = True
    for name, (suffix, build) in CASES.items():
        if args.only and not any(word in name for word in args.only):
            continue
        path = folder / f"{re.sub(r'[^0-9A-Za-z]+', '-', name).strip('-')}.{suffix}"
        if not path.exists():
            path.write_bytes(build())
        size = path.stat().st_size
        status, seconds, peak, line = run(path, args.timeout, args.memory_cap)
        print(
            f"{name:32} {size / 1e6:8.2f}M {status!s:>8} {seconds:8.2f} {peak:8.0f}  {line}",
            flush=True,
        )
        if size <= 20_000_000 and (seconds > 10 or peak > 300 or not isinstance(status, int)):
            worst_ok = False
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    print("target (≤ 20 MB: 10 s, 300 MB):", "met" if worst_ok else "NOT met")
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())
