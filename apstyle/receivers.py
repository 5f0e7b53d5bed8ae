"""Queue a style check whenever a story's text is saved. Connected in `ApStyleConfig.ready`
when the articles app is installed."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from articles.models import Article
from articles.signals import story_transitioned

from . import conf
from .tasks import check_revision

logger = logging.getLogger(__name__)

# Events that make a revision with new text; workflow moves record the same text again,
# and the report for that text serves them (reports are looked up by content).
_NEW_TEXT = frozenset({"edited", "restored"})

# Give up quickly when the broker is unreachable: the reporter is waiting for the page.
_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


@receiver(story_transitioned, sender=Article, dispatch_uid="apstyle.check_after_save")
def check_after_save(sender, event, **kwargs) -> None:
    """Queue `check_revision` for the revision `event` made, a few seconds ahead so that a
    burst of saves is checked once (the task skips a revision a newer one replaced).

    Runs after the save has committed (the articles app sends the signal on commit). A
    broker outage must not turn a saved story into an error page, so a failure to queue is
    logged and dropped: the next save queues again, `tasks.check_pending` (beat, every five
    minutes) checks what is still unchecked, and the style page and the approval gate
    check any unchecked text themselves."""
    if event.action not in _NEW_TEXT or event.revision_id is None:
        return
    try:
        check_revision.apply_async(
            (event.revision_id,),
            countdown=conf.get("APSTYLE_CHECK_COUNTDOWN"),
            retry_policy=_RETRY_POLICY,
        )
    except Exception:
        logger.warning(
            "Could not queue the style check of revision %s of story %s",
            event.revision_id,
            event.article_key,
            exc_info=True,
        )
