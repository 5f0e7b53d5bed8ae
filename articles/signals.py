"""Signals the articles app sends. Receivers run after the transaction commits.

story_published(sender=Publication, publication, user, first_time: bool)
    Readers can now see `publication` (first publication, update, or republication).
story_unpublished(sender=Publication, publication, user)
    `publication` has been withdrawn from readers.
story_transitioned(sender=Article, event)
    A workflow move or an edit was recorded as `event` (an `ArticleEvent`).
story_schedule_saved(sender=Article, article_id: int)
    A workflow move left story `article_id` with a publication or a take-down time ahead
    (`scheduled_revision` or `unpublish_at` set). The scheduler's receiver queues the
    exact-time tasks that are due soon (`articles.receivers`). Sent with `send_robust`:
    a receiver that fails (a broker that is down) never fails the move.
"""

from django.dispatch import Signal

story_published = Signal()
story_unpublished = Signal()
story_transitioned = Signal()  # (sender=Article, event: ArticleEvent) after any logged change
story_schedule_saved = Signal()  # (sender=Article, article_id: int) after a move that schedules
