"""A real Celery worker process for tests: `celery -A newsroom worker` with the test
settings, on the same broker as the test (kombu's filesystem queue under
$NEWSROOM_VAR_DIR, or $REDIS_URL) and on the test database.

Use the `celery_worker` fixture with `@pytest.mark.django_db(transaction=True)`, so what the
test writes is committed where the worker can read it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL naming the database `settings_dict` is connected to (the test one)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


def wait_for(probe: Callable[[], T], *, timeout: float = 60, every: float = 0.2) -> T:
    """Call `probe` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"Gave up after {timeout} s waiting for {probe}")


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path) -> None:
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path) -> Iterator[Worker]:
    """Start a worker (solo pool) that purges the queue first, wait until it is ready,
    and stop it after the test, before the test database is flushed."""
    from django.db import connection

    log = tmp_path / "worker.log"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="newsroom.settings.test",
        NEWSROOM_VAR_DIR=str(settings.VAR_DIR),
        DATABASE_URL=database_url(connection.settings_dict),
        PYTHONUNBUFFERED="1",
    )
    command = [
        sys.executable, "-m", "celery", "-A", "newsroom", "worker",
        "--pool=solo", "--loglevel=INFO", "--purge",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--hostname", f"test-{os.getpid()}@%h",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    worker = Worker(process, log)
    try:
        wait_for(lambda: process.poll() is not None or " ready." in worker.output(), timeout=60)
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited:\n{worker.output()}")
        yield worker
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
