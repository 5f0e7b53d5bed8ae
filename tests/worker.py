"""Fixtures for tests marked `worker`: real Celery worker and beat processes, started by
`devtools/workers.py`, on this suite's broker (Redis when REDIS_URL is set, else the
filesystem broker) and the test database. They need the database committed where the
processes can read it, so each uses `transactional_db`; the processes are stopped before
the test database is flushed, and their logs printed (pytest shows them on failure).

Registered for the whole suite by `tests/conftest.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools.processes import wait_for
from devtools.workers import SWEEP_INTERVAL, celery_processes, configured_broker_url, worker_env


@pytest.fixture
def celery_procs(transactional_db, tmp_path, settings):
    """Start workers and beat as the test needs them (`celery_procs.start_worker()`,
    `.start_beat()`); beat sweeps every SWEEP_INTERVAL seconds, here too."""
    settings.NEWSROOM_SWEEP_INTERVAL = SWEEP_INTERVAL
    with celery_processes(tmp_path, worker_env(configured_broker_url())) as procs:
        yield procs


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """One ready worker (solo pool); `celery_worker.output()` is its log so far."""
    env = worker_env(configured_broker_url(), sweep_interval=None)
    with celery_processes(tmp_path, env) as procs:
        yield procs.start_worker(f"test-{os.getpid()}", pool="solo")


@pytest.fixture
def mail_worker(transactional_db, tmp_path):
    """One ready worker (solo pool) that sends mail into files; yields their folder."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = worker_env(configured_broker_url(), sweep_interval=None)
    env.update(
        NEWSROOM_TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(mail_dir),
    )
    with celery_processes(tmp_path, env) as procs:
        procs.start_worker(f"workflow-test-{os.getpid()}", pool="solo")
        yield mail_dir


def wait_for_files(folder: Path, count: int = 1, timeout: float = 60) -> list[Path]:
    """The first `count` non-empty files in `folder`, once there are that many."""

    def files() -> list[Path]:
        found = sorted(p for p in folder.iterdir() if p.is_file() and p.stat().st_size)
        return found if len(found) >= count else []

    return wait_for(files, timeout=timeout)
