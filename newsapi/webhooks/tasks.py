"""Celery tasks for webhooks: thin, they take ids and call the services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(bind=True, ignore_result=True, acks_late=True)
def deliver(self, delivery_id: int) -> None:
    """One attempt at a delivery; a failure is retried after the service's backoff."""
    delay = services.delivery_attempt(delivery_id=delivery_id)
    if delay is not None:
        raise self.retry(countdown=delay, max_retries=None)


@shared_task(ignore_result=True)
def deliver_due() -> int:
    """Queue the deliveries whose message was lost (Celery beat runs this every minute)."""
    due = services.due_deliveries()
    for delivery_id in due:
        deliver.delay(delivery_id)
    return len(due)
