"""Real Celery workers and beat in subprocesses, for tests marked `worker`.

The processes get the test's settings module, `NEWSROOM_VAR_DIR`, broker and the *test*
database (the SQLite file or PostgreSQL database pytest-django created), so what a test
writes with `transactional_db` is what they read. A missing service fails the test: nothing
here skips. `bench/` uses the same process control outside pytest.

    def test_something(celery_procs):
        celery_procs.start_worker()
        celery_procs.start_beat()
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parent.parent
SWEEP_INTERVAL = 1.0  # seconds, in the worker processes
STARTUP_TIMEOUT = 30.0


class ServiceError(AssertionError):
    """A process or service did not start or answer (fails a test; never skips it)."""


def database_url() -> str:
    """A DATABASE_URL for the database this test process is using (the test database)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    if db["ENGINE"].endswith("postgresql"):
        auth = quote(db["USER"] or "")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"])
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{auth}@{host}:{port}/{db['NAME']}"
    raise RuntimeError(f"No DATABASE_URL for {db['ENGINE']}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """One subprocess in its own process group, its output in a log file."""

    def __init__(self, name: str, args: list[str], env: dict, log: Path):
        self.name, self.log = name, log
        self._file = log.open("wb")
        self.popen = subprocess.Popen(
            args, env=env, cwd=REPO, stdout=self._file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return
            if self.popen.poll() is not None:
                break
            time.sleep(0.05)
        raise ServiceError(f"{self.name} did not log {text!r}:\n{self.output()[-4000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the whole group (a prefork worker's pool processes too), as a
        machine crash or an OOM kill of the container would."""
        if self.popen.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        """End the process group at once: a graceful shutdown waits for the broker loop and
        the tests gain nothing from it (each purges the broker first)."""
        self.kill(signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.popen.wait(10)
        self._file.close()


class CeleryProcesses:
    """Starts and stops workers and beat for one test; stops them all at the end."""

    def __init__(self, tmp: Path, env: dict):
        self.tmp, self.env = tmp, env
        self.processes: list[Process] = []
        self.restarts: list[str] = []
        self._count = 0
        self._stopping = threading.Event()

    def _start(self, name: str, args: list[str]) -> Process:
        self._count += 1
        process = Process(name, args, self.env, self.tmp / f"{self._count:02d}-{name}.log")
        self.processes.append(process)
        return process

    def start_worker(
        self, name: str = "w1", concurrency: int = 2, wait: bool = True, supervise: bool = False
    ) -> Process:
        """Start a worker; with `supervise`, start it again whenever it exits, as systemd's
        Restart=always or a Kubernetes pod would."""
        args = [
            sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--loglevel=INFO",
            f"--concurrency={concurrency}", f"--hostname={name}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]
        process = self._start(name, args)
        if wait:
            process.wait_for(" ready.")
        if supervise:
            threading.Thread(target=self._supervise, args=(process, args), daemon=True).start()
        return process

    def _supervise(self, process: Process, args: list[str]) -> None:
        while not self._stopping.is_set():
            if process.popen.poll() is not None and not self._stopping.is_set():
                self.restarts.append(f"{process.name} exited with {process.popen.returncode}")
                process = self._start(process.name, args)
            time.sleep(0.1)

    def start_beat(self, name: str = "beat") -> Process:
        process = self._start(name, [
            sys.executable, "-m", "celery", "-A", "newsroom", "beat", "--loglevel=INFO",
            f"--schedule={self.tmp / (name + '-schedule')}",
        ])
        process.wait_for("beat: Starting")
        return process

    def stop_all(self) -> None:
        self._stopping.set()
        time.sleep(0.15)  # let a supervisor see the flag before its worker goes
        for process in reversed(self.processes):
            process.stop()

    def logs(self) -> str:
        return "\n".join(
            f"===== {p.name} =====\n{p.output()[-6000:]}" for p in self.processes
        )


def worker_env(
    broker_url: str | None, *, sweep_interval: float = SWEEP_INTERVAL, var_dir: str | None = None
) -> dict:
    """The environment for worker and beat processes: this process's settings module,
    var folder (so the filesystem broker is shared) and database, and `broker_url` (a Redis
    URL, or None for the filesystem broker)."""
    from django.conf import settings

    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "NEWSROOM_SCHEDULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.test"),
        NEWSROOM_VAR_DIR=var_dir or str(settings.VAR_DIR),
        DATABASE_URL=database_url(),
        NEWSROOM_SWEEP_INTERVAL=str(sweep_interval),
        DJANGO_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if broker_url:
        env["REDIS_URL"] = broker_url
    else:
        env.pop("REDIS_URL", None)
    return env


def purge_broker() -> None:
    """Empty the broker this test process uses, so no message from an earlier test runs."""
    from newsroom.celery import app

    if str(app.conf.broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "control_folder"):
            folder = Path(app.conf.broker_transport_options[key])
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True, exist_ok=True)
        return
    import redis

    client = redis.Redis.from_url(app.conf.broker_url)
    # The Celery queue and the transport's unacked bookkeeping only: the cache shares this
    # Redis database and other keys are not ours to drop.
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


@contextmanager
def broker(url: str | None) -> Iterator[None]:
    """Make this test process send tasks to `url` (None: the filesystem broker)."""
    from newsroom.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = url or "filesystem://"
    _reset_producers(app)
    try:
        yield
    finally:
        app.conf.broker_url = previous
        _reset_producers(app)


def _reset_producers(app) -> None:
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


class RedisServer:
    """A redis-server of our own on a free port, with no persistence, so a restart loses
    every message as a crash of an unpersisted Redis would."""

    def __init__(self, tmp: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServiceError("redis-server is not installed (apt-get install redis-server).")
        self.binary, self.tmp, self.port = binary, tmp, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.tmp / f"redis-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.tmp)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise ServiceError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # SIGKILL: nothing is saved, nothing shut down cleanly
            self.process.wait(10)
        self.process = None

    def restart(self, downtime: float = 0.0) -> None:
        self.stop()
        time.sleep(downtime)
        self.start()


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture
def celery_procs(transactional_db, tmp_path, settings):
    """Workers and beat against this suite's broker (Redis when REDIS_URL is set, else the
    filesystem broker) and the test database. Stopped before the test database is flushed;
    their logs are printed (pytest shows them when the test fails)."""
    from newsroom.celery import app

    settings.NEWSROOM_SWEEP_INTERVAL = SWEEP_INTERVAL
    broker_url = app.conf.broker_url
    if str(broker_url).startswith("filesystem://"):
        broker_url = None
    purge_broker()
    procs = CeleryProcesses(tmp_path, worker_env(broker_url))
    yield procs
    procs.stop_all()
    print(procs.logs())
    purge_broker()
