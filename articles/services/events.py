"""The story's log: recording an `ArticleEvent` for something that happened to a story, and
announcing it (`signals.story_transitioned`) once the transaction commits.

Every service that changes a story records here: transitions, edits, comments, share links,
deletion and the scheduler's failures. Only moves and edits are announced; receivers
(notifications, the audit trail) hear them after commit, so they always find the event.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from reversion.models import Revision

from .. import signals
from ..models import Article, ArticleEvent


def record_event(
    *,
    article: Article,
    action: str,
    user,
    from_status: str,
    revision: Revision | None = None,
    comment: str = "",
    **data,
) -> ArticleEvent:
    """Log `action` on `article` by `user` (None or anonymous: the system), moving it from
    `from_status` to its present status. `data` is kept as JSON, datetimes as ISO 8601."""
    return ArticleEvent.objects.create(
        article=article,
        article_key=article.pk,
        headline=article.headline[:300],
        action=action,
        from_status=from_status,
        to_status=article.status,
        user=user if user is not None and user.is_authenticated else None,
        revision=revision,
        comment=comment,
        data={k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()},
    )


def announce_after_commit(event: ArticleEvent) -> None:
    """Send `story_transitioned` for `event` when the current transaction commits (at once
    outside one); nothing is sent if it rolls back."""
    transaction.on_commit(lambda: signals.story_transitioned.send(sender=Article, event=event))
