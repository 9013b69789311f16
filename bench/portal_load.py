"""Portal pages under load: requests per second of the category listing and an item page,
against a trivial Django view served the same way.

usage: python bench/portal_load.py [--items N] [--duration S] [--connections C] [--workers W]

Builds a throw-away SQLite database in a temporary directory (migrations, the demo data of
`make demo`, plus N generated published items in the demo agency's 工作动态 category), starts
gunicorn (config.wsgi, W sync workers, DEBUG off, bench/load_settings.py and bench/load_urls.py)
on 127.0.0.1 and a free port, then drives a bounded loopback load with wrk (fixed duration,
fixed connections; a small threaded Python client when wrk is not installed) against:
  - trivial:  /bench/trivial/ — a view returning "ok": the same middleware, no database, no
              template; the ceiling for this server on this machine
  - home:     /                           (categories and the latest items)
  - list:     /categories/<slug>/         (one page of 20 of the N+ items, with the pager)
  - item:     /items/<pk>/                (index-number block, body, attachments)
and prints requests/s, latency p50/p99, errors (non-2xx answers and socket errors) and each
page's requests/s as a ratio to the trivial view's (target: at least 0.5, zero errors).
gunicorn is stopped and the database removed at the end, also on error.

The load generator runs on the same machine as the server and takes a share of its cores; the
ratio to the trivial view, measured in the same setup, is the figure to compare across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SETTINGS = "bench.load_settings"
_TEXT = (
    "关于 做好 年度 统计 调查 工作 通知 经济 开发区 召开 季度 数据 质量 分析 会议 "
    "开展 统计 法治 宣传 活动 公布 主要 指标 完成 情况 规模 以上 工业 增加值 增长"
)
WORDS = _TEXT.split()


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


def prepare(items: int) -> tuple[str, int]:
    """Migrate, load the demo data and `items` generated items; return (list slug, item id)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from gongkai.agencies.selectors import portal_agency
    from gongkai.publications.models import Category, PublishedItem

    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo_data", stdout=io.StringIO())
    agency = portal_agency()
    category = Category.objects.get(agency=agency, slug="gzdt")
    rng = random.Random(5)
    start = timezone.make_aware(dt.datetime(2019, 1, 1))
    generated = []
    for n in range(items):
        title = "".join(rng.choices(WORDS, k=rng.randint(6, 12)))
        body = "。".join("".join(rng.choices(WORDS, k=12)) for _ in range(rng.randint(5, 20)))
        moment = start + dt.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
        generated.append(
            PublishedItem(
                agency=agency,
                index_number=f"BENCH-{n:06d}",
                title=title,
                body=f"<p>{body}。</p>",
                body_text=body,
                category=category,
                issuer=agency.name,
                state="published",
                is_public=True,
                published_at=moment,
                updated_public_at=moment,
                public_revision_number=1,
            )
        )
    PublishedItem.objects.bulk_create(generated, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    newest = PublishedItem.objects.filter(category=category, is_public=True).first()
    assert newest is not None
    connection.close()
    return category.slug, newest.pk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> int:
    """One GET (redirects not followed); return the status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_until_up(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            if get(port, "/bench/trivial/") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log.read_text()}")


_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNIT[unit]


def run_wrk(name: str, url: str, args: argparse.Namespace) -> Result:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    output = subprocess.run(
        [*command, "--latency", "--timeout", "5s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    requests, seconds = re.search(r"(\d+) requests in ([\d.]+)(m?s)", output).groups()[:2]  # type: ignore[union-attr]
    unit = re.search(r"\d+ requests in [\d.]+(m?s)", output).group(1)  # type: ignore[union-attr]
    socket_errors = re.search(r"Socket errors: (.*)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        name=name,
        requests=int(requests),
        seconds=float(seconds) * (60 if unit == "m" else 1),
        p50_ms=_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
        p99_ms=_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=(
            sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1))) if socket_errors else 0
        ),
    )


def run_python_client(name: str, port: int, path: str, args: argparse.Namespace) -> Result:
    """Fallback without wrk: `connections` threads, each GETting in a loop for `duration` s."""
    latencies: list[float] = []
    counts = {"non_2xx": 0, "socket": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + args.duration

    def loop() -> None:
        mine, non_2xx, socket_errors = [], 0, 0
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                status = get(port, path)
            except OSError:
                socket_errors += 1
                continue
            mine.append((time.perf_counter() - began) * 1000)
            non_2xx += not 200 <= status < 300
        with lock:
            latencies.extend(mine)
            counts["non_2xx"] += non_2xx
            counts["socket"] += socket_errors

    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return Result(
        name=name,
        requests=len(latencies),
        seconds=time.monotonic() - started,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p99_ms=latencies[int(len(latencies) * 0.99)] if latencies else 0.0,
        non_2xx=counts["non_2xx"],
        socket_errors=counts["socket"],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=3000, help="generated items (+ the demo's)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_client

    tmp = tempfile.TemporaryDirectory(prefix="bench_portal_")
    database = Path(tmp.name) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["GONGKAI_CACHE_DIR"] = str(Path(tmp.name) / "cache")  # the workers share it
    server: subprocess.Popen[bytes] | None = None
    try:
        started = time.perf_counter()
        slug, item_id = prepare(args.items)
        size = database.stat().st_size / 2**20
        built = time.perf_counter() - started
        print(f"database: SQLite {size:.1f} MiB, demo data + {args.items} generated items, "
              f"built in {built:.1f} s")  # fmt: skip
        port = free_port()
        log = Path(tmp.name) / "gunicorn.log"
        gunicorn = Path(sys.executable).parent / "gunicorn"
        server = subprocess.Popen(
            [str(gunicorn), "config.wsgi:application", "--chdir", str(ROOT),
             "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "--error-logfile", str(log), "--log-level", "warning"],
            env={**os.environ},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(port, server, log)
        targets = {
            "trivial": "/bench/trivial/",
            "home": "/",
            "list": f"/categories/{slug}/",
            "item": f"/items/{item_id}/",
        }
        print("portal page cache: on (FileBasedCache shared by the workers); first request "
              "(cold, rendered) vs the next (warm):")  # fmt: skip
        for name, path in targets.items():
            began = time.perf_counter()
            status = get(port, path)
            cold = (time.perf_counter() - began) * 1000
            began = time.perf_counter()
            get(port, path)
            warm = (time.perf_counter() - began) * 1000
            print(f"  {name:8} {path:24} cold {cold:7.1f} ms  warm {warm:7.1f} ms")
            if status != 200:
                raise RuntimeError(f"{name} {path} answered {status}, not 200")
            for _ in range(20):  # warm both workers (templates, jieba is not involved)
                get(port, path)
        client = (
            f"wrk -t{args.threads} -c{args.connections}" if use_wrk else "threaded Python client"
        )
        print(
            f"server: gunicorn, {args.workers} sync workers, 127.0.0.1:{port}, DEBUG off; "
            f"load: {client} -d{args.duration}s on the same {os.cpu_count()} cores"
        )
        results = []
        for name, path in targets.items():
            if use_wrk:
                results.append(run_wrk(name, f"http://127.0.0.1:{port}{path}", args))
            else:
                results.append(run_python_client(name, port, path, args))
        baseline = results[0].rps
        print(f"  {'page':8} {'path':24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'requests':>9} {'errors':>7} {'ratio':>6}")  # fmt: skip
        for result, path in zip(results, targets.values(), strict=True):
            print(f"  {result.name:8} {path:24} {result.rps:8.1f} {result.p50_ms:8.1f} "
                  f"{result.p99_ms:8.1f} {result.requests:9d} {result.errors:7d} "
                  f"{result.rps / baseline:6.2f}")  # fmt: skip
        pages = [r for r in results if r.name in ("list", "item")]
        ok_ratio = all(r.rps / baseline >= 0.5 for r in pages)
        ok_errors = all(r.errors == 0 for r in results)
        print(f"  list and item at least 0.5 × trivial: {'yes' if ok_ratio else 'NO'}; "
              f"zero errors: {'yes' if ok_errors else 'NO'}")  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        tmp.cleanup()


if __name__ == "__main__":
    main()
