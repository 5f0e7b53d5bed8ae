"""A real Celery worker process for tests, on the real broker of the mode under test
(kombu's filesystem transport under $NEWSROOM_VAR_DIR/broker, or Redis with REDIS_URL),
reading the test database, and mailing into files the test can look at.

Import the fixtures into a test module that uses them:
    from tests.workflow_worker import mail_worker  # noqa: F401
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parent.parent


def worker_database_url() -> str:
    """A DATABASE_URL naming the database the tests are using now."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db.get("HOST") or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}@{host}{port}/{db['NAME']}"
    raise RuntimeError(f"No worker support for {connection.vendor}")


def purge_broker() -> None:
    """Drop messages left in the queue by earlier tests, so the worker starts clean."""
    from newsroom.celery import app

    with app.connection_for_write() as connection:
        app.amqp.queues["celery"].bind(connection.default_channel).purge()


@pytest.fixture
def mail_worker(tmp_path, transactional_db):
    """Start `celery -A newsroom worker` against the test database; yields the folder the
    worker's mail goes to. The worker is stopped (and its log shown on failure) after."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": worker_database_url(),
        "NEWSROOM_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    purge_broker()
    with log_path.open("w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=workflow-test-{os.getpid()}@%h",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield mail_dir
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)
        print(log_path.read_text())  # shown by pytest only if the test failed


def wait_for_files(folder: Path, count: int = 1, timeout: float = 60) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.stat().st_size)
        if len(files) >= count:
            return files
        time.sleep(0.2)
    raise AssertionError(f"Expected {count} mail file(s) in {folder} within {timeout}s")
