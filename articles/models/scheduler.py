"""What the scheduler leaves behind for people to check: one row, written by every sweep."""

from __future__ import annotations

from django.db import models

from .article import Article


class SchedulerState(models.Model):
    """The scheduler's heartbeat and bookkeeping, a single row (pk=1).

    Kept in the database rather than the cache so `/readyz` and the admin can read it when
    Redis is down, and so every worker and beat on every machine share it."""

    SINGLETON = 1

    last_sweep_started_at = models.DateTimeField(null=True, blank=True)
    last_sweep_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last complete sweep finished."
    )
    last_sweep_ms = models.PositiveIntegerField(default=0)
    last_published = models.PositiveIntegerField(
        default=0, help_text="Overdue stories the last sweep published."
    )
    last_unpublished = models.PositiveIntegerField(default=0)
    last_failed = models.PositiveIntegerField(default=0)
    last_enqueued = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(
        default=0, help_text="Stories still past their time when the last sweep finished."
    )
    enqueued_until = models.DateTimeField(
        null=True, blank=True,
        help_text="Exact-time tasks have been queued for everything due up to here.",
    )
    sweeps = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "scheduler state"

    def __str__(self) -> str:
        return f"Scheduler (last sweep {self.last_sweep_at or 'never'})"

    @classmethod
    def get(cls) -> SchedulerState:
        state, _ = cls.objects.get_or_create(pk=cls.SINGLETON)
        return state


class ScheduledStory(Article):
    """Stories with a publication or take-down time ahead, for the admin's Scheduled list.
    A proxy: the same rows as `Article`, no table and no permissions of its own."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = "scheduled story"
        verbose_name_plural = "scheduled stories"
