"""What the articles app does when its own signals fire. Connected in `ArticlesConfig.ready`."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from photos import usage

from . import images, notifications
from .services import scheduling
from .signals import story_schedule_saved, story_transitioned
from .tasks import notify_story_event

logger = logging.getLogger(__name__)

# The photo library refuses to delete a photo a story shows, listing the stories.
usage.register(images.stories_using)

# Publishing a message should take a moment; if the broker is down, give up quickly and
# leave the event to `notify_pending` rather than hold up the editor's request.
_ENQUEUE_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


@receiver(story_transitioned, dispatch_uid="articles.enqueue_notifications")
def enqueue_notifications(sender, event, **kwargs) -> None:
    """Queue the notifications `event` calls for. Runs after the transaction commits
    (`story_transitioned` is sent on commit), so the worker always finds the event."""
    if notifications.kind_of(event) is None:
        return
    try:
        notify_story_event.apply_async((event.pk,), retry=True, retry_policy=_ENQUEUE_RETRY)
    except Exception:
        # The transition has committed; a broker outage must not turn it into an error page.
        logger.exception(
            "Could not queue notifications for event %s; notify_pending will send them.", event.pk
        )


@receiver(story_schedule_saved, dispatch_uid="articles.enqueue_schedule")
def enqueue_schedule(sender, article_id: int, **kwargs) -> None:
    """Queue the exact-time tasks of story `article_id` that the sweep will not (sent after
    the scheduling move commits, so the worker finds the schedule). Never raises."""
    scheduling.schedule_enqueue_soon(article_id)
