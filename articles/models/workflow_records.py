"""What the workflow keeps besides revisions: the log of every transition, review
comments, and share-draft links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

# The logged moves that change what readers see (each invalidates the page cache as it
# commits). Changing it changes an index: `makemigrations` makes the migration.
PUBLIC_MOVES = ("publish", "unpublish", "schedule_unpublish", "deleted")


class ArticleEvent(models.Model):
    """One thing that happened to a story: a workflow transition, an edit, a restore, a
    publication. Written by the services only; the story's log and the audit trail."""

    PUBLIC_MOVES = PUBLIC_MOVES

    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.SET_NULL, related_name="events"
    )
    article_key = models.PositiveBigIntegerField(
        db_index=True, help_text="The story's id, kept after the story is deleted."
    )
    headline = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the notifications this event calls for were sent (or found needless).",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["article_key", "-created_at"], name="event_story_time"),
            # The sweep's page-cache catch-up, every interval: the newest logged move readers
            # could see (`services.scheduling`), read from this index alone. Partial: a plain
            # (action, created_at) would also be SQLite's pick for "the latest submit of this
            # story" (`with_submitted_at`, on every row of the admin's list), walking every
            # submit on the site instead of the story's own events (`event_story_time`).
            models.Index(
                fields=["action", "created_at"],
                condition=models.Q(action__in=PUBLIC_MOVES),
                name="event_public_time",
            ),
        ]
    def __str__(self) -> str:
        return f"{self.action} on {self.article_key} by {self.user}"


class ReviewComment(models.Model):
    """A note between reporter and editor about one revision of a story."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="review_comments"
    )
    revision = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    is_change_request = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.article_id}"


class ShareLink(models.Model):
    """A signed link that shows one revision to a reviewer without an account."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="share_links"
    )
    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, help_text="Who it is for.")
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link {self.pk} for revision {self.revision_id}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
