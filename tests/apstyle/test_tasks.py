"""The check task and its queuing: after commit, only for new text, never breaking a save."""

from __future__ import annotations

import logging
import time

import pytest

from apstyle.models import StyleReport
from apstyle.tasks import check_revision
from articles import article_commit_edit, article_restore_revision, article_transition
from tests.factories import ArticleFactory

from .stories import latest_info

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def queued(monkeypatch):
    """The check tasks queued, as (args, options), instead of sending them."""
    sent: list[tuple] = []
    monkeypatch.setattr(
        check_revision, "apply_async", lambda args, **options: sent.append((args, options))
    )
    return sent


def test_a_save_queues_a_check_after_commit(
    queued, reporter, settings, django_capture_on_commit_callbacks
):
    settings.APSTYLE_CHECK_COUNTDOWN = 4.5
    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
    with django_capture_on_commit_callbacks() as callbacks:
        revision, _ = article_commit_edit(article=article, user=reporter)
        assert queued == []  # nothing is sent before the save commits
    for callback in callbacks:
        callback()
    assert len(queued) == 1
    args, options = queued[0]
    assert args == (revision.pk,)
    assert options["countdown"] == 4.5


def test_workflow_moves_and_unchanged_saves_queue_nothing(
    queued, messy_story, reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article_commit_edit(article=messy_story, user=reporter)  # nothing changed
        article_transition(article=messy_story, action="submit", user=reporter)
    assert queued == []


def test_a_restore_queues_a_check(
    queued, messy_story, reporter, django_capture_on_commit_callbacks
):
    first = latest_info(messy_story).revision
    messy_story.dek = "Changed."
    messy_story.save()
    with django_capture_on_commit_callbacks(execute=True):
        article_commit_edit(article=messy_story, user=reporter)
        restored, _ = article_restore_revision(article=messy_story, revision=first, user=reporter)
    assert [args for args, _ in queued][-1] == (restored.pk,)


def test_a_dead_broker_does_not_break_the_save(
    reporter, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    from newsroom.celery import app

    article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
    # Point the app at a broker that refuses connections. Its cached connection and
    # producer pools are set aside for the test and put back afterwards.
    monkeypatch.setattr(app.conf, "broker_url", DEAD_REDIS)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING, logger="apstyle.receivers"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        revision, changed = article_commit_edit(article=article, user=reporter)

    assert time.monotonic() - started < 5
    assert changed
    assert latest_info(article).revision == revision
    assert f"Could not queue the style check of revision {revision.pk}" in caplog.text


def test_the_task_checks_and_is_idempotent(messy_story):
    info = latest_info(messy_story)
    assert check_revision.run(info.revision_id) == "checked"
    assert check_revision.run(info.revision_id) == "exists"
    assert StyleReport.objects.filter(revision_id=info.revision_id).count() == 1


def test_the_task_retries_database_errors():
    from django.db import DatabaseError

    assert DatabaseError in check_revision.autoretry_for
    assert check_revision.max_retries and check_revision.retry_backoff
