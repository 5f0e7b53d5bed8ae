"""Signals the articles app sends. Receivers run after the transaction commits.

story_published(sender=Publication, publication, user, first_time: bool)
    Readers can now see `publication` (first publication, update, or republication).
story_unpublished(sender=Publication, publication, user)
    `publication` has been withdrawn from readers.
story_transitioned(sender=Article, event)
    A workflow move or an edit was recorded as `event` (an `ArticleEvent`).
"""

from django.dispatch import Signal

story_published = Signal()
story_unpublished = Signal()
story_transitioned = Signal()  # (sender=Article, event: ArticleEvent) after any logged change
