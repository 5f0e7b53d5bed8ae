"""Publication lag: how long after its scheduled time a story becomes visible to readers.

Runs real Celery workers and beat (the production default sweep interval unless
--sweep-interval) against the broker and database the environment names (REDIS_URL and
DATABASE_URL; the filesystem broker and SQLite without them), in a database and var folder
of its own. Each scenario schedules fresh approved stories within one minute (or all at
the same instant) and polls readers' view (`Publication.objects.live()`) every 20 ms:
lag = first seen - scheduled time. The crash scenario SIGKILLs the worker mid-minute,
leaves it down, restarts it, and reports how long after the restart the overdue stories
were live.

Prints one JSON line per scenario, then a table. Run no other worker on the same broker.

    python bench/publication_lag.py [--stories 200] [--quick] [--scenarios spread,burst,crash]
    make bench   (NEWSROOM_BENCH_QUICK=1 for --quick)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
# A var folder of its own: the filesystem broker, the SQLite database, beat's schedule.
VAR = Path(os.environ.get("NEWSROOM_VAR_DIR", REPO / "var")) / "bench"
os.environ["NEWSROOM_VAR_DIR"] = str(VAR)
VAR.mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402

from articles.models import Article, ArticleEvent, Byline, Publication, Section  # noqa: E402
from articles.services import article_commit_edit, article_transition  # noqa: E402
from contributors.models import Person  # noqa: E402
from devtools.workers import CeleryProcesses, purge_broker, worker_env  # noqa: E402

POLL = 0.02


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def create_database() -> str:
    db = settings.DATABASES["default"]
    test = db.setdefault("TEST", {})
    test["NAME"] = (
        str(VAR / "bench.sqlite3") if db["ENGINE"].endswith("sqlite3") else f"{db['NAME']}_bench"
    )
    old_name = db["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return old_name


def approved_stories(count: int) -> list[int]:
    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    person, _ = Person.objects.get_or_create(slug="bench-writer", defaults={"name": "Bench Writer"})
    stamp = time.monotonic_ns()
    ids = []
    for n in range(count):
        article = Article.objects.create(
            headline=f"Benchmark story {stamp}-{n}", slug=f"bench-{stamp}-{n}",
            body="<p>A paragraph.</p>", section=section,
        )
        Byline.objects.create(article=article, person=person)
        article_commit_edit(article=article, comment="draft")
        article_transition(article=article, action="submit")
        article_transition(article=article, action="approve")
        ids.append(article.pk)
    return ids


class Poller(threading.Thread):
    """Notes when each story first appears to readers."""

    def __init__(self, ids: list[int]):
        super().__init__(daemon=True)
        self.pending, self.seen = set(ids), {}
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while self.pending and not self.stopped.is_set():
                now = time.time()
                for pk in Publication.objects.live().filter(
                    article_id__in=self.pending
                ).values_list("article_id", flat=True):
                    self.seen[pk] = now
                    self.pending.discard(pk)
                time.sleep(POLL)
        finally:
            connections.close_all()


def run_scenario(args, broker_url, *, name, workers, burst=False, crash=False) -> dict:
    purge_broker()
    ids = approved_stories(args.stories)
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=VAR))
    procs = CeleryProcesses(tmp, worker_env(
        broker_url, sweep_interval=args.sweep_interval, var_dir=str(VAR)
    ))
    result: dict = {"load_before": round(os.getloadavg()[0], 1)}
    try:
        procs.start_beat()
        running = [procs.start_worker(name=f"w{i + 1}") for i in range(workers)]
        first = datetime.now(UTC) + timedelta(seconds=args.lead)
        due = {
            pk: first if burst else first + timedelta(seconds=random.uniform(0, args.window))
            for pk in ids
        }
        for pk in ids:
            article_transition(article=Article(pk=pk), action="schedule", publish_at=due[pk])
        late = datetime.now(UTC) - first
        if late > timedelta(0):
            raise SystemExit(f"Scheduling took longer than the lead; raise --lead ({late}).")
        poller = Poller(ids)
        poller.start()

        restarted_at = None
        if crash:
            time.sleep(max(0.0, (first - datetime.now(UTC)).total_seconds() + args.window / 3))
            for worker in running:
                worker.kill()
                worker.popen.wait(10)
            killed_at = time.time()
            time.sleep(args.down)
            procs.start_worker(name="w-restarted")
            restarted_at = time.time()
            result.update(down_s=round(restarted_at - killed_at, 1))

        deadline = (
            first.timestamp() + (0 if burst else args.window)
            + 3 * args.sweep_interval + args.down + 60
        )
        while poller.pending and time.time() < deadline:
            time.sleep(0.2)
        poller.stopped.set()
        poller.join(5)
        if poller.pending:
            raise SystemExit(
                f"{name}: {len(poller.pending)} stories never went live.\n{procs.logs()}"
            )

        lags = [(poller.seen[pk] - due[pk].timestamp()) * 1000 for pk in ids]
        events = ArticleEvent.objects.filter(article_key__in=ids, action="publish")
        recorded = [e.data["lag_ms"] for e in events]
        via_sweep = sum(1 for e in events if e.data.get("trigger") == "sweep")
        result.update(
            bench="publication_lag", scenario=name, stories=len(ids), workers=workers,
            concurrency=2, broker="redis" if broker_url else "filesystem",
            database=connection.vendor, sweep_interval_s=args.sweep_interval,
            p50_ms=round(percentile(lags, 0.50)), p99_ms=round(percentile(lags, 0.99)),
            max_ms=round(max(lags)), recorded_p99_ms=round(percentile(recorded, 0.99)),
            published_once=events.count() == len(ids), via_sweep=via_sweep,
            load_after=round(os.getloadavg()[0], 1),
        )
        if crash:
            # Due before the restart and not yet live when the worker died.
            overdue = [
                pk for pk in ids
                if due[pk].timestamp() <= restarted_at and poller.seen[pk] > killed_at
            ]
            after = [pk for pk in ids if due[pk].timestamp() > restarted_at + 10]
            result.update(
                overdue_at_restart=len(overdue),
                recovered_s=round(max(poller.seen[pk] for pk in overdue) - restarted_at, 1)
                if overdue else None,
                p99_after_restart_ms=round(percentile(
                    [(poller.seen[pk] - due[pk].timestamp()) * 1000 for pk in after], 0.99
                )) if after else None,
            )
    finally:
        procs.stop_all()
        purge_broker()
    return result


def table(results: list[dict]) -> str:
    rows = [(
        "scenario", "workers", "p50 ms", "p99 ms", "max ms", "via sweep", "once", "load", "notes"
    )]
    for r in results:
        notes = ""
        if "recovered_s" in r:
            notes = (
                f"down {r['down_s']} s; {r['overdue_at_restart']} overdue live "
                f"{r['recovered_s']} s after restart; p99 after {r['p99_after_restart_ms']} ms"
            )
        rows.append((
            r["scenario"], str(r["workers"]), str(r["p50_ms"]), str(r["p99_ms"]),
            str(r["max_ms"]), str(r["via_sweep"]), "yes" if r["published_once"] else "NO",
            f"{r['load_before']}-{r['load_after']}", notes,
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    first = results[0] if results else {}
    title = (
        f"Publication lag, {first.get('stories')} stories, broker {first.get('broker')}, "
        f"database {first.get('database')}, sweep every {first.get('sweep_interval_s')} s, "
        f"{os.cpu_count()} CPUs"
    )
    return "\n".join([title, *lines])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--window", type=float, default=60.0, help="seconds the times spread over")
    parser.add_argument("--lead", type=float, default=None, help="seconds before the first is due")
    parser.add_argument("--sweep-interval", type=float, default=None)
    parser.add_argument(
        "--down", type=float, default=10.0, help="seconds the crashed worker stays down"
    )
    parser.add_argument("--scenarios", default="spread,burst,crash")
    parser.add_argument("--quick", action="store_true", help="50 stories over 15 s, sweep 5 s")
    args = parser.parse_args()
    if os.environ.get("NEWSROOM_BENCH_QUICK"):
        args.quick = True
    if args.quick:
        args.stories, args.window, args.down = 50, 15.0, 3.0
        args.sweep_interval = args.sweep_interval or 5.0
    args.sweep_interval = args.sweep_interval or float(settings.NEWSROOM_SWEEP_INTERVAL)
    args.lead = args.lead or max(10.0, args.stories * 0.08)
    random.seed(4)

    broker_url = settings.REDIS_URL or None
    old_name = create_database()
    chosen = set(args.scenarios.split(","))
    results = []
    try:
        plan = [
            ("spread", "spread over a minute", {"workers": 1}),
            ("spread", "spread over a minute", {"workers": 2}),
            ("burst", "all at one instant", {"workers": 1, "burst": True}),
            ("burst", "all at one instant", {"workers": 2, "burst": True}),
            ("crash", "worker SIGKILLed", {"workers": 1, "crash": True}),
        ]
        for key, name, options in plan:
            if key in chosen:
                result = run_scenario(args, broker_url, name=name, **options)
                print(json.dumps(result), flush=True)
                results.append(result)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print()
    print(table(results))


if __name__ == "__main__":
    main()
