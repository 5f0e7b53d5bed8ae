"""Story events to webhook deliveries. Connected in `WebhooksConfig.ready`.

The articles app sends its signals after the transaction commits, so the rows a delivery
describes are there for the worker; the deliveries are queued at once (a broker outage
leaves them to the `deliver_due` sweep rather than failing the editor's request).
"""

from __future__ import annotations

import logging

from django.dispatch import receiver
from django.utils.dateparse import parse_datetime

from articles.models import Article, Publication
from articles.signals import story_published, story_transitioned, story_unpublished

from . import services, tasks

logger = logging.getLogger(__name__)

_ENQUEUE_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def _enqueue(deliveries) -> None:
    for delivery in deliveries:
        try:
            tasks.deliver.apply_async((delivery.pk,), retry=True, retry_policy=_ENQUEUE_RETRY)
        except Exception:
            logger.exception("Could not queue webhook delivery %s; the sweep will.", delivery.pk)


@receiver(story_published, sender=Publication, dispatch_uid="newsapi.webhooks.published")
def published(sender, publication, first_time=False, **kwargs) -> None:
    _enqueue(services.story_published_record(publication=publication, first_time=first_time))


@receiver(story_unpublished, sender=Publication, dispatch_uid="newsapi.webhooks.unpublished")
def unpublished(sender, publication, **kwargs) -> None:
    _enqueue(services.story_unpublished_record(publication=publication))


@receiver(story_transitioned, sender=Article, dispatch_uid="newsapi.webhooks.scheduled")
def scheduled(sender, event, **kwargs) -> None:
    """A story scheduled for later (a schedule whose time has passed publishes at once,
    and `published` tells of it)."""
    publish_at = parse_datetime((event.data or {}).get("publish_at") or "")
    if event.action == "schedule" and "scheduled_revision" in (event.data or {}) and publish_at:
        _enqueue(
            services.story_scheduled_record(article_id=event.article_key, publish_at=publish_at)
        )
