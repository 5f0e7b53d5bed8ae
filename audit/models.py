from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """One recorded change to who may do what, or one deletion. Rows are only ever added;
    the admin shows them read-only. Story workflow moves are logged per story in
    `articles.ArticleEvent`."""

    class Action(models.TextChoices):
        GROUP_ADDED = "group_added", "Added to group"
        GROUP_REMOVED = "group_removed", "Removed from group"
        PERMISSION_ADDED = "permission_added", "Permission granted"
        PERMISSION_REMOVED = "permission_removed", "Permission revoked"
        FLAGS_CHANGED = "flags_changed", "Account flags changed"
        DELETED = "deleted", "Deleted"

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_repr}"
