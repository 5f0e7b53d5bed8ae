"""Recording story events for subscribers and delivering them.

An event becomes one `Delivery` per active subscription that asked for it, with its
payload fixed at that moment (Standard Webhooks' envelope: `type`, `timestamp`, `data`,
where `data` is the story's ninjs item, or for `scheduled` and `unpublished` a partial item
that says nothing of a text readers cannot see). Each attempt signs the payload with the
subscription's secret (`webhook-id`, `webhook-timestamp`, `webhook-signature`), posts it
through `transport` (no private targets), and logs an `Attempt`. A failure is retried after
NEWSAPI_WEBHOOK_RETRY_DELAY seconds, doubling each time, up to
NEWSAPI_WEBHOOK_MAX_ATTEMPTS; NEWSAPI_WEBHOOK_DISABLE_AFTER failed attempts in a row
disable the subscription.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from articles.models import Publication

from .. import conf, ninjs
from ..selectors import related_targets, stories_with_parts
from . import transport
from .models import Attempt, Delivery, Event, StoryState, Subscription

logger = logging.getLogger(__name__)

USER_AGENT = "Newsroom-Webhooks/1"
# A delivery being tried is leased for this long past its timeout; a worker that dies
# mid-attempt leaves it to the sweep after that.
LEASE = timedelta(seconds=30)
# How early a retry may arrive and still claim its delivery (clocks and queues are not exact).
EARLY = timedelta(seconds=1)


def _subscribers(event: str) -> list[Subscription]:
    return [s for s in Subscription.objects.filter(is_active=True) if event in s.events]


def event_record(event: str, article_key: int, data_of) -> list[Delivery]:
    """Deliveries of `event` to every subscriber; `data_of()` builds the payload's data
    only if someone subscribed."""
    subscribers = _subscribers(event)
    if not subscribers:
        return []
    now = timezone.now()
    payload = {"type": f"story.{event}", "timestamp": now.isoformat(), "data": data_of()}
    return Delivery.objects.bulk_create(
        Delivery(
            subscription=subscription,
            event=event,
            article_key=article_key,
            payload=payload,
            next_attempt_at=now,
        )
        for subscription in subscribers
    )


def _item(publication: Publication) -> dict:
    story = stories_with_parts().get(pk=publication.pk)
    return ninjs.item(story, targets=related_targets([story]))


@transaction.atomic
def story_published_record(*, publication: Publication, first_time: bool) -> list[Delivery]:
    """Record that readers can now see `publication`: `published` (first time, or again
    after a withdrawal), `corrected` (it carries a correction it did not), or `updated`."""
    state, created = StoryState.objects.select_for_update().get_or_create(
        article_key=publication.article_id
    )
    count = len(publication.corrections)
    if first_time or created or state.withdrawn:
        event = Event.PUBLISHED if first_time or state.withdrawn else Event.UPDATED
    else:
        event = Event.CORRECTED if count > state.corrections else Event.UPDATED
    state.corrections, state.withdrawn = count, False
    state.save()
    return event_record(event, publication.article_id, lambda: _item(publication))


@transaction.atomic
def story_unpublished_record(*, publication: Publication) -> list[Delivery]:
    StoryState.objects.update_or_create(
        article_key=publication.article_id, defaults={"withdrawn": True}
    )
    return event_record(
        Event.UNPUBLISHED, publication.article_id, lambda: ninjs.withdrawn_item(publication)
    )


def story_scheduled_record(*, article_id: int, publish_at: datetime) -> list[Delivery]:
    return event_record(
        Event.SCHEDULED,
        article_id,
        lambda: ninjs.scheduled_item(article_id, publish_at=publish_at),
    )


def retry_delay(attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): exponential."""
    return conf.get("NEWSAPI_WEBHOOK_RETRY_DELAY") * 2 ** (attempt - 1)


def signed_request(delivery: Delivery, *, now: datetime) -> tuple[bytes, dict[str, str]]:
    """The body and headers of an attempt, signed as Standard Webhooks describes."""
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
    signature = Webhook(delivery.subscription.secret).sign(
        delivery.message_id, now.astimezone(UTC), body
    )
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    return body.encode(), headers


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take the delivery for one attempt, if it is pending and due (a duplicate message,
    or a second worker, finds nothing to do)."""
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + EARLY)
    lease = now + timedelta(seconds=conf.get("NEWSAPI_WEBHOOK_TIMEOUT")) + LEASE
    claimed = Delivery.objects.filter(due, pk=delivery_id, status=Delivery.Status.PENDING).update(
        next_attempt_at=lease, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("subscription").get(pk=delivery_id)


def _send(delivery: Delivery, now: datetime) -> tuple[int | None, str]:
    try:
        target = transport.resolve(delivery.subscription.url)
        body, headers = signed_request(delivery, now=now)
        status = transport.post(target, body, headers, timeout=conf.get("NEWSAPI_WEBHOOK_TIMEOUT"))
    except transport.UnsafeTarget as error:
        return None, f"Refused: {error}"
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    return status, "" if 200 <= status < 300 else f"HTTP {status}"


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> float | None:
    """Try to deliver `delivery_id` once. Returns the seconds to wait before the next try,
    or None when there is none to make (delivered, given up, cancelled, or not ours to try
    now)."""
    now = now or timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    subscription = delivery.subscription
    if not subscription.is_active:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.CANCELLED)
        return None
    started = time.monotonic()
    status, error = _send(delivery, now)
    attempt = Attempt(
        delivery=delivery,
        number=delivery.attempts,
        started_at=now,
        duration_ms=round((time.monotonic() - started) * 1000),
        response_status=status,
        error=error,
    )
    if attempt.succeeded:
        attempt.save()
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.DELIVERED, delivered_at=timezone.now(), last_status_code=status
        )
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return None
    return _failed(delivery, attempt, permanent=error.startswith("Refused"))


@transaction.atomic
def _failed(delivery: Delivery, attempt: Attempt, *, permanent: bool) -> float | None:
    subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
    subscription.consecutive_failures += 1
    fields = ["consecutive_failures"]
    if subscription.consecutive_failures >= conf.get("NEWSAPI_WEBHOOK_DISABLE_AFTER"):
        subscription.is_active = False
        subscription.disabled_at = timezone.now()
        subscription.disabled_reason = (
            f"{subscription.consecutive_failures} failed attempts in a row; last: {attempt.error}"
        )[:300]
        fields += ["is_active", "disabled_at", "disabled_reason"]
        logger.warning("Webhook subscription %s disabled: %s", subscription.pk, attempt.error)
    subscription.save(update_fields=fields)
    retry = (
        not permanent
        and subscription.is_active
        and delivery.attempts < conf.get("NEWSAPI_WEBHOOK_MAX_ATTEMPTS")
    )
    attempt.retry_in = retry_delay(delivery.attempts) if retry else None
    attempt.save()
    update = {"last_status_code": attempt.response_status}
    if retry:
        update["next_attempt_at"] = attempt.started_at + timedelta(seconds=attempt.retry_in)
    else:
        update["status"] = Delivery.Status.FAILED
    Delivery.objects.filter(pk=delivery.pk).update(**update)
    return attempt.retry_in


def due_deliveries(now: datetime | None = None) -> list[int]:
    """Pending deliveries whose time has come and that nobody is trying: those whose
    message was lost (a broker outage when the event happened, a worker that died)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now - LEASE)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
