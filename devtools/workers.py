"""Real Celery workers and beat in subprocesses, against the database and broker this
process uses; and a Redis server of our own, for tests that take the broker away.

The one place that starts them: the tests' fixtures (`tests/worker.py`: `celery_procs`,
`celery_worker`, `mail_worker`) and `bench/publication_lag.py` use it. The processes get
this process's settings module, `NEWSROOM_VAR_DIR` (so the filesystem broker is shared),
the database it is connected to (in tests, the test database pytest-django created, so
what a test commits is what they read) and a broker URL. A missing service raises
ServiceError, an AssertionError: a test fails, nothing here skips.

    with celery_processes(tmp_path, worker_env(configured_broker_url())) as procs:
        procs.start_worker()
        procs.start_beat()

Django must be set up before these functions are called (they read its connection and
settings).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from devtools.processes import Process, ServiceError, free_port
from newsroom.celery import app

REPO = Path(__file__).resolve().parent.parent
SWEEP_INTERVAL = 1.0  # seconds, in the worker processes the tests start


def database_url() -> str:
    """A DATABASE_URL naming the database Django's default connection uses now."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{auth}@{host}:{port}/{db['NAME']}"
    raise RuntimeError(f"No DATABASE_URL for {connection.vendor}")


def configured_broker_url() -> str | None:
    """The Redis URL this process's Celery app sends to, or None for the filesystem broker."""
    url = str(app.conf.broker_url)
    return None if url.startswith("filesystem://") else url


def worker_env(
    broker_url: str | None,
    *,
    sweep_interval: float | None = SWEEP_INTERVAL,
    var_dir: str | None = None,
) -> dict:
    """The environment for worker and beat processes: this process's settings module, var
    folder and database, and `broker_url` (a Redis URL, or None for the filesystem
    broker). Beat sweeps every `sweep_interval` seconds (None: as the settings say)."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "NEWSROOM_SCHEDULE"))
    }  # fmt: skip
    env.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.test"),
        NEWSROOM_VAR_DIR=var_dir or str(settings.VAR_DIR),
        DATABASE_URL=database_url(),
        DJANGO_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if sweep_interval is not None:
        env["NEWSROOM_SWEEP_INTERVAL"] = str(sweep_interval)
    if broker_url:
        env["REDIS_URL"] = broker_url
    else:
        env.pop("REDIS_URL", None)
    return env


class CeleryProcesses:
    """Starts workers and beat with the environment `env` (see `worker_env`), their logs in
    the folder `tmp`; `stop_all` stops every one."""
    def __init__(self, tmp: Path, env: dict):
        self.tmp, self.env = tmp, env
        self.processes: list[Process] = []
        self.restarts: list[str] = []
        self._count = 0
        self._stopping = threading.Event()

    def _start(self, name: str, args: list[str]) -> Process:
        self._count += 1
        log = self.tmp / f"{self._count:02d}-{name}.log"
        process = Process(name, args, env=self.env, cwd=REPO, log=log)
        self.processes.append(process)
        return process

    def start_worker(
        self,
        name: str = "w1",
        concurrency: int = 2,
        *,
        pool: str | None = None,
        wait: bool = True,
        supervise: bool = False,
    ) -> Process:
        """Start a worker (the prefork pool with `concurrency` processes, or `pool`, e.g.
        "solo") and wait until it is ready; with `supervise`, start it again whenever it
        exits, as systemd's Restart=always or a Kubernetes pod would."""
        args = [
            sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--loglevel=INFO",
            f"--pool={pool}" if pool else f"--concurrency={concurrency}",
            f"--hostname={name}@%h", "--without-gossip", "--without-mingle",
            "--without-heartbeat",
        ]  # fmt: skip
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
        ])  # fmt: skip
        process.wait_for("beat: Starting")
        return process

    def stop_all(self) -> None:
        self._stopping.set()
        time.sleep(0.15)  # let a supervisor see the flag before its worker goes
        for process in reversed(self.processes):
            process.stop()

    def logs(self) -> str:
        return "\n".join(f"===== {p.name} =====\n{p.output()[-6000:]}" for p in self.processes)


@contextmanager
def celery_processes(tmp: Path, env: dict) -> Iterator[CeleryProcesses]:
    """CeleryProcesses on an empty broker. At the end of the block every process stops,
    their logs are printed (pytest shows them when a test fails) and the broker is
    emptied again."""
    purge_broker()
    procs = CeleryProcesses(tmp, env)
    try:
        yield procs
    finally:
        procs.stop_all()
        print(procs.logs())
        purge_broker()


def purge_broker() -> None:
    """Empty the broker this process uses, so no message from an earlier run is taken."""
    if str(app.conf.broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "control_folder"):
            folder = Path(app.conf.broker_transport_options[key])
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True, exist_ok=True)
        return

    client = redis.Redis.from_url(app.conf.broker_url)
    # The Celery queue and the transport's unacked bookkeeping only: the cache shares this
    # Redis database and other keys are not ours to drop.
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


@contextmanager
def broker(url: str | None) -> Iterator[None]:
    """Make this process send tasks to `url` (None: the filesystem broker)."""
    previous = app.conf.broker_url
    app.conf.broker_url = url or "filesystem://"
    _reset_producers()
    try:
        yield
    finally:
        app.conf.broker_url = previous
        _reset_producers()


def _reset_producers() -> None:
    """Drop the connections made to the old broker URL. kombu also keeps producer pools in
    a process-wide registry and would hand a force-closed one out again ("Acquire on closed
    pool" in a later test), so that registry is emptied too."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    # Celery 5.7 keeps `amqp` off the instance dict: clear its producer pool whatever.
    app.amqp._producer_pool = None
    kombu_pools.reset()


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
        )  # fmt: skip
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
