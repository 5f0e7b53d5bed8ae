"""The database goes away for a few seconds while stories fall due: a real worker and beat
recover by themselves and publish every story exactly once.

On PostgreSQL the outage is real: new connections to the test database are refused
(`ALLOW_CONNECTIONS false`) and every other backend is terminated, again and again, for
three seconds, so the worker's open connection dies under it and its reconnections fail.
SQLite is a file, which cannot go away from under a process that has it open; there the
outage is the one SQLite has, a writer holding the database for three seconds, which
every claim waits for.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Publication
from devtools.processes import wait_until
from tests.articles.test_scheduler_worker import (
    approved_stories,
    assert_published_exactly_once,
    live_ids,
    schedule_all,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

OUTAGE = 3.0  # seconds


def _terminate_others(cursor, name: str) -> None:
    """End every session on database `name` but this test's own."""
    cursor.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> %s",
        [name, connection.connection.info.backend_pid],
    )


@contextmanager
def _database_gone(seconds: float):
    started = time.monotonic()
    if connection.vendor == "postgresql":
        import psycopg

        # From the maintenance database: PostgreSQL will not lock a session out of its own.
        db = connection.settings_dict
        name = db["NAME"]
        quoted = connection.ops.quote_name(name)
        with psycopg.connect(
            dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None,
            host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, autocommit=True,
        ) as admin, admin.cursor() as cursor:
            cursor.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS false")
            try:
                while time.monotonic() - started < seconds:
                    _terminate_others(cursor, name)
                    time.sleep(0.1)
            finally:
                cursor.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS true")
    else:
        with transaction.atomic():  # BEGIN IMMEDIATE: the write lock, held
            Article.objects.filter(pk=-1).update(headline="")
            time.sleep(seconds)
    yield time.monotonic() - started


def test_the_worker_recovers_and_publishes_each_story_once(celery_procs):
    celery_procs.start_worker()
    celery_procs.start_beat()
    stories = approved_stories(6)
    ids = [a.pk for a in stories]
    first_due = timezone.now() + timedelta(seconds=1.0)
    due = schedule_all(stories, first_due, spacing=0.3)  # all fall due during the outage
    # Wait until the worker holds the exact-time tasks, then take the database away.
    assert wait_until(lambda: "publish_scheduled" in celery_procs.logs(), timeout=10)
    time.sleep(max(0.0, (first_due - timezone.now()).total_seconds() - 0.5))
    gone = timezone.now()
    with _database_gone(OUTAGE):
        pass
    back = timezone.now()
    assert max(due.values()) < timezone.now(), "the outage ended before the last was due"

    assert wait_until(lambda: live_ids(ids) == set(ids), timeout=40), celery_procs.logs()
    assert_published_exactly_once(ids)
    logs = celery_procs.logs()
    if connection.vendor == "postgresql":
        assert "OperationalError" in logs or "InterfaceError" in logs, "no outage seen"
    for publication in Publication.objects.filter(article_id__in=ids):
        # Readers see each story from its scheduled time, however late the worker was.
        assert publication.visible_from == due[publication.article_id]
        if connection.vendor == "postgresql":
            assert publication.published_at >= gone, "published during the outage"
    assert all(p.popen.poll() is None for p in celery_procs.processes), logs
    latest = max(p.published_at for p in Publication.objects.filter(article_id__in=ids))
    print(f"all live {(latest - back).total_seconds():.1f} s after the database came back")
