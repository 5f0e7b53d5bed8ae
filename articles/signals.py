"""Signals the articles app sends. Receivers run after the transaction commits.

story_published(sender=Publication, publication, user, first_time: bool)
    Readers can now see `publication` (first publication, update, or republication).
story_unpublished(sender=Publication, publication, user)
    `publication` has been withdrawn from readers.
"""

from django.dispatch import Signal

story_published = Signal()
story_unpublished = Signal()
