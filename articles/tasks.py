"""Celery tasks of the articles app. Thin: each takes ids, re-fetches and calls one
function that owns the logic; the task owns only the retry policy."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task

from . import notifications

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
