#!/usr/bin/env python
"""Requests per second and latency of the article and home pages, cached and uncached,
with `/healthz` as the ceiling, under gunicorn on loopback, at each archive size.

Usage: python bench/pages.py [--stories 1000 100000] [--duration 10] [--connections 8]
                             [--workers 2] [--repeat 3]

For each size, the benchmark database beside `DATABASE_URL` (`common.scaled_url`) is
generated if missing. Gunicorn serves `newsroom.settings.production` (through
`bench_settings`) on 127.0.0.1 with sync workers; wrk (or, without it, a small Python load
generator) asks each page for `--duration` seconds after a short warm-up. "uncached" runs
a second server that stores no page (`BENCH_PAGE_CACHE=off`: every request renders, the
site state stays cached). `served` is the page's X-Newsroom-Cache after the warm-up (hit
or miss), `load` the load average when its runs ended. Each page is measured `--repeat`
times, each time right after `/healthz` on the same server, and reported as the median of
those paired ratios (page requests per second over `/healthz`'s) with their range; at the
largest size also as a ratio of its median p50 latency at the smallest.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import common

PAGES = ("healthz", "home", "article")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str, cache: str, prefix: str = "") -> dict:
    return {
        **os.environ,
        "BENCH_CACHE_PREFIX": prefix,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_PAGE_CACHE": cache,
        "PYTHONPATH": os.pathsep.join(
            filter(
                None, [str(common.ROOT / "bench"), str(common.ROOT), os.environ.get("PYTHONPATH")]
            )
        ),
    }


def start_server(url: str, cache: str, workers: int, prefix: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    gunicorn = Path(common.PYTHON).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--log-level", "warning"],
        env=server_env(url, cache, prefix), cwd=common.ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.3)
    stop_server(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, duration: float, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency", url],
        capture_output=True, text=True, check=True, timeout=duration + 60,
    ).stdout  # fmt: skip
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        result[f"p{pct}"] = float(value) * _UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    result["errors"] = int(errors.group(1)) if errors else 0
    if socket_errors:
        result["socket_errors"] = socket_errors.group(1).strip()
    return result


async def _python_load(host: str, port: int, path: str, duration: float, connections: int):
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + duration
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()

    async def one_connection():
        nonlocal errors
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                reader, writer = await asyncio.open_connection(host, port)
                writer.write(request)
                data = await reader.read()
                writer.close()
            except OSError:
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            if not data.startswith((b"HTTP/1.1 2", b"HTTP/1.0 2")):
                errors += 1

    started = time.monotonic()
    await asyncio.gather(*(one_connection() for _ in range(connections)))
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    return {
        "rps": len(latencies) / elapsed,
        "p50": pick(0.5), "p90": pick(0.9), "p99": pick(0.99), "errors": errors,
    }  # fmt: skip


def load(port: int, path: str, duration: float, connections: int) -> dict:
    if shutil.which("wrk"):
        return run_wrk(f"http://127.0.0.1:{port}{path}", duration, connections)
    return asyncio.run(_python_load("127.0.0.1", port, path, duration, connections))


def article_path(url: str) -> str:
    """The story with 5 bylines, 12 credits and 20 links (`queries.shaped_story`, published
    once through the services): the same page at every archive size, so their latencies
    compare, and the heaviest shape the targets name. Both shaped stories are made, so the
    home page shows the same mix at every size."""
    code = (
        f"import sys; sys.path.insert(0, {str(common.ROOT / 'bench')!r}); import queries; "
        "from django.db import transaction\n"
        "with transaction.atomic():\n"
        "    queries.shaped_story('small', queries.SHAPES['small'])\n"
        "    p = queries.shaped_story('large', queries.SHAPES['large'])\n"
        "print(p.get_absolute_url())"
    )
    done = common.manage("shell", "-c", code, url=url, capture_output=True, text=True)
    return done.stdout.split()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--repeat", type=int, default=3, help="healthz/page pairs per page; the median is kept"
    )
    args = parser.parse_args()

    tool = "wrk" if shutil.which("wrk") else "python"
    base = common.database_url()
    subprocess.run(
        [common.PYTHON, str(common.ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=server_env(base, "on"), cwd=common.ROOT, check=True,
    )  # fmt: skip
    urls, paths = {}, {}
    for stories in args.stories:
        urls[stories] = common.scaled_url(base, stories)
        generated = common.ensure_dataset(urls[stories], stories)
        if generated is not None:
            common.emit("pages", "generate", round(generated, 1), "s", stories=stories)
        paths[stories] = {
            "healthz": "/healthz",
            "home": "/",
            "article": article_path(urls[stories]),
        }
    latency: dict[tuple, float] = {}
    for cache in ("on", "off"):
        mode = "cached" if cache == "on" else "uncached"
        # One server per archive size, asked in turn page by page, so a change in the
        # machine's load during the run falls on every size alike.
        servers = {}
        try:
            for stories in args.stories:
                prefix = f"bench-{stories}-{cache}-{os.getpid()}"
                servers[stories] = start_server(urls[stories], cache, args.workers, prefix)
            for page in PAGES[1:]:
                for stories in args.stories:
                    port = servers[stories][1]
                    path = paths[stories][page]
                    for warm in ("/healthz", path):
                        load(port, warm, min(2.0, args.duration), args.connections)
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                        served = r.headers.get("X-Newsroom-Cache", "")  # hit, miss or none
                    # /healthz just before the page, on the same server, each time: the
                    # ratio compares two runs seconds apart, not minutes, on a busy machine.
                    runs = []
                    for _ in range(args.repeat):
                        ceiling = load(port, "/healthz", args.duration, args.connections)
                        result = load(port, path, args.duration, args.connections)
                        runs.append((result["rps"] / ceiling["rps"], result, ceiling))
                    runs.sort(key=lambda run: run[0])
                    ratio, result, ceiling = runs[len(runs) // 2]  # the median pair
                    labels = {"page": page, "cache": mode, "stories": stories, "tool": tool,
                              "served": served or "-", "load": round(os.getloadavg()[0], 2)}
                    for name, run in (("healthz", ceiling), (page, result)):
                        named = {**labels, "page": name, "paired": page,
                                 "served": labels["served"] if name == page else "-"}
                        common.emit("pages", "rps", round(run["rps"], 1), "req/s", **named)
                        for pct in ("p50", "p90", "p99"):
                            if pct in run:
                                common.emit("pages", pct, round(run[pct], 2), "ms", **named)
                        if run["errors"] or run.get("socket_errors"):
                            common.emit(
                                "pages", "errors", run["errors"], "non-2xx responses",
                                **named, socket_errors=run.get("socket_errors", ""),
                            )  # fmt: skip
                    common.emit("pages", "rps/healthz", round(ratio, 3), "ratio", **labels)
                    if len(runs) > 1:
                        spread = f"{runs[0][0]:.2f}-{runs[-1][0]:.2f} ({len(runs)} pairs)"
                        common.emit("pages", "rps/healthz range", spread, "ratio", **labels)
                    p50s = sorted(run[1].get("p50", float("nan")) for run in runs)
                    latency[page, mode, stories] = p50s[len(p50s) // 2]
        finally:
            for process, _ in servers.values():
                stop_server(process)
    smallest, largest = min(args.stories), max(args.stories)
    if smallest != largest:
        for page in PAGES[1:]:
            for mode in ("cached", "uncached"):
                ratio = latency[page, mode, largest] / latency[page, mode, smallest]
                common.emit(
                    "pages", f"p50 at {largest:,} / at {smallest:,}", round(ratio, 3), "ratio",
                    page=page, cache=mode,
                )  # fmt: skip
    common.emit("pages", "machine", common.machine(), "")
    common.print_table("Pages under gunicorn on loopback")


if __name__ == "__main__":
    main()
