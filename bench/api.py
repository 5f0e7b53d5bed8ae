#!/usr/bin/env python
"""Throughput of the read API (story list and detail, our JSON and ninjs) as a ratio of
`/healthz` on the same server, cached and uncached, and its queries per request, at each
archive size.

Usage: python bench/api.py [--stories 1000 100000] [--duration 10] [--connections 8]
                           [--workers 2] [--repeat 3]

The servers, load generator and pairing are `bench/pages.py`'s: gunicorn on loopback with
`bench_settings` ("uncached" stores no response, `BENCH_PAGE_CACHE=off`), wrk or the Python
load generator, `--repeat` healthz/endpoint pairs of which the median ratio is kept. The
detail endpoints ask for the story with 5 bylines, 12 credits and 20 links
(`queries.shaped_story`); queries are counted in this process, with the response cache
off, for the 1-byline and the large story, so a count that grows with bylines, credits or
links shows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import urllib.request

import common
import pages
import queries


def shaped_ids(url: str) -> dict[str, int]:
    """The story ids of the two shaped stories (made once through the services)."""
    code = (
        f"import sys; sys.path.insert(0, {str(common.ROOT / 'bench')!r}); import queries; "
        "from django.db import transaction\n"
        "with transaction.atomic():\n"
        "    small = queries.shaped_story('small', queries.SHAPES['small'])\n"
        "    large = queries.shaped_story('large', queries.SHAPES['large'])\n"
        "print(small.article_id, large.article_id)"
    )
    done = common.manage("shell", "-c", code, url=url, capture_output=True, text=True)
    small, large = done.stdout.split()[-2:]
    return {"small": int(small), "large": int(large)}


def endpoints(story: int) -> dict[str, str]:
    return {
        "list": "/api/v1/stories/",
        "detail": f"/api/v1/stories/{story}/",
        "ninjs list": "/api/v1/ninjs/stories/",
        "ninjs detail": f"/api/v1/ninjs/stories/{story}/",
    }


def count_queries(url: str, ids: dict[str, int], stories: int) -> None:
    """Queries per request of each endpoint, for the small and the large story, in a
    subprocess with Django set up against the benchmark database (no response cache)."""
    code = (
        "import json, sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext, override_settings\n"
        f"paths = {dict((shape, endpoints(pk)) for shape, pk in ids.items())!r}\n"
        "counts = {}\n"
        "with override_settings(NEWSROOM_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=['*']):\n"
        "    client = Client()\n"
        "    for shape, named in paths.items():\n"
        "        for name, path in named.items():\n"
        "            client.get(path)\n"
        "            with CaptureQueriesContext(connection) as q:\n"
        "                status = client.get(path).status_code\n"
        "            counts[f'{name}|{shape}'] = (len(q), status)\n"
        "print(json.dumps(counts))"
    )
    done = common.manage(
        "shell", "-c", code, url=url, settings="newsroom.settings.test",
        capture_output=True, text=True,
    )  # fmt: skip
    for key, (count, status) in json.loads(done.stdout.strip().splitlines()[-1]).items():
        name, shape = key.split("|")
        if status != 200:
            raise SystemExit(f"{name} answered {status} for the {shape} story")
        common.emit(
            "api", "queries", count, "per request", endpoint=name,
            story=queries.SHAPES[shape]["label"], stories=stories,
        )  # fmt: skip


def measure(port: int, path: str, args) -> tuple[float, dict, dict, list]:
    """The median of `--repeat` healthz/endpoint pairs: (ratio, endpoint run, healthz run,
    all ratios)."""
    for warm in ("/healthz", path):
        pages.load(port, warm, min(2.0, args.duration), args.connections)
    runs = []
    for _ in range(args.repeat):
        ceiling = pages.load(port, "/healthz", args.duration, args.connections)
        result = pages.load(port, path, args.duration, args.connections)
        runs.append((result["rps"] / ceiling["rps"], result, ceiling))
    runs.sort(key=lambda run: run[0])
    ratio, result, ceiling = runs[len(runs) // 2]
    return ratio, result, ceiling, [run[0] for run in runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tool = "wrk" if shutil.which("wrk") else "python"
    base = common.database_url()
    subprocess.run(
        [common.PYTHON, str(common.ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=pages.server_env(base, "on"), cwd=common.ROOT, check=True,
    )  # fmt: skip
    for stories in args.stories:
        url = common.scaled_url(base, stories)
        generated = common.ensure_dataset(url, stories)
        if generated is not None:
            common.emit("api", "generate", round(generated, 1), "s", stories=stories)
        ids = shaped_ids(url)
        count_queries(url, ids, stories)
        for cache in ("on", "off"):
            mode = "cached" if cache == "on" else "uncached"
            prefix = f"bench-api-{stories}-{cache}-{os.getpid()}"
            process, port = pages.start_server(url, cache, args.workers, prefix)
            try:
                for name, path in endpoints(ids["large"]).items():
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                        served = r.headers.get("X-Newsroom-Cache", "") or "-"
                    ratio, result, ceiling, ratios = measure(port, path, args)
                    labels = {"endpoint": name, "cache": mode, "stories": stories,
                              "tool": tool, "served": served,
                              "load": round(os.getloadavg()[0], 2)}  # fmt: skip
                    common.emit("api", "rps", round(result["rps"], 1), "req/s", **labels)
                    common.emit("api", "healthz rps", round(ceiling["rps"], 1), "req/s", **labels)
                    if "p50" in result:
                        common.emit("api", "p50", round(result["p50"], 2), "ms", **labels)
                    if result["errors"]:
                        common.emit("api", "errors", result["errors"], "non-2xx", **labels)
                    common.emit("api", "rps/healthz", round(ratio, 3), "ratio", **labels)
                    if len(ratios) > 1:
                        spread = f"{ratios[0]:.2f}-{ratios[-1]:.2f} ({len(ratios)} pairs)"
                        common.emit("api", "rps/healthz range", spread, "ratio", **labels)
            finally:
                pages.stop_server(process)
    common.emit("api", "machine", common.machine(), "")
    common.print_table("Read API under gunicorn on loopback")


if __name__ == "__main__":
    main()
