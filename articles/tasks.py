"""Celery tasks of the articles app. Thin: each takes ids, re-fetches and calls one
function that owns the logic; the task owns only the retry policy."""

from __future__ import annotations

import logging
from datetime import datetime
from smtplib import SMTPException

from celery import shared_task
from celery.signals import worker_ready
from django.db import DatabaseError

from . import notifications
from .services import scheduling

logger = logging.getLogger(__name__)


# Notifications (see articles.notifications and articles.receivers).


@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    ignore_result=True,
)
def notify_story_event(event_id: int) -> int:
    """Email the people an `ArticleEvent` concerns. Safe to run twice."""
    return notifications.event_notify(event_id=event_id)


@shared_task(ignore_result=True)
def notify_pending() -> int:
    """Send notifications whose task never ran (the broker was down when the event
    happened). Run periodically by beat."""
    sent = 0
    for event_id in notifications.pending_event_ids():
        try:
            sent += notifications.event_notify(event_id=event_id)
        except (OSError, SMTPException):
            logger.exception("Could not send notifications for event %s; will try again.", event_id)
    return sent


# Scheduled publication (articles.services.scheduling, which sends the exact-time tasks by
# their registered names, so keep these names). Publishing is idempotent: each task
# carries the exact schedule it was queued for and claims the story in the database, so a
# duplicate, late or redelivered message does nothing. Database errors are retried with
# backoff; a story that still fails is left to the sweep, which shows it as overdue.

_DB_RETRY = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 1,
    "retry_backoff_max": 30,
    "retry_jitter": False,
    "max_retries": 8,
    "acks_late": True,
}


@shared_task(**_DB_RETRY)
def publish_scheduled(article_id: int, revision_id: int, publish_at: str) -> str:
    """Publish story `article_id`'s scheduled revision `revision_id`, if it is still
    scheduled for exactly `publish_at` (ISO 8601) and due."""
    # Waits for a lock another worker holds on the story, then finds it done.
    return scheduling.publish_when_due(
        article_id=article_id, revision_id=revision_id,
        publish_at=datetime.fromisoformat(publish_at), trigger="task",
    ).result


@shared_task(**_DB_RETRY)
def unpublish_scheduled(article_id: int, unpublish_at: str) -> str:
    """Take story `article_id` down if it is still due to come down at `unpublish_at`."""
    return scheduling.unpublish_when_due(
        article_id=article_id, unpublish_at=datetime.fromisoformat(unpublish_at), trigger="task"
    ).result


@worker_ready.connect
def _sweep_on_worker_start(sender=None, **kwargs) -> None:
    """A worker that starts may be replacing one that died: sweep at once (publishing what
    fell due meanwhile) with the window reset (re-queuing the tasks the dead one held),
    rather than at beat's next tick."""
    try:
        scheduling.schedule_window_reset()
        schedule_sweep.apply_async(expires=2 * scheduling.sweep_interval())
    except Exception:  # a worker must start whatever the database or broker says
        logging.getLogger("newsroom.scheduler").exception("No sweep at worker start.")


@shared_task(acks_late=False)
def schedule_sweep() -> dict:
    """Celery beat's periodic sweep (`CELERY_BEAT_SCHEDULE`). Not retried: the next one
    does its work, and one lost to a crash is not redelivered (acks_late off) on top of it."""
    result = scheduling.schedule_sweep()
    return {
        "published": result.published, "unpublished": result.unpublished,
        "failed": result.failed, "enqueued": result.enqueued, "overdue": result.overdue,
    }
