"""Webhook subscriptions, the messages sent to them, and every attempt to deliver one."""

from __future__ import annotations

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_secret() -> str:
    """A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class Event(models.TextChoices):
    PUBLISHED = "published", "Published (first time, or again after a withdrawal)"
    UPDATED = "updated", "Updated"
    CORRECTED = "corrected", "Corrected (a new correction, clarification or update note)"
    UNPUBLISHED = "unpublished", "Unpublished"
    SCHEDULED = "scheduled", "Scheduled"


class Subscription(models.Model):
    """An address to tell about stories. It is disabled automatically after
    NEWSAPI_WEBHOOK_DISABLE_AFTER failed attempts in a row."""

    name = models.CharField(max_length=100, help_text="Who receives it, e.g. “CDN purge”.")
    url = models.URLField(max_length=500, help_text="An https:// address on the internet.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="The receiver verifies signatures with this (Standard Webhooks).",
    )
    events = models.JSONField(default=list, help_text="Which events to send.")
    is_active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=300, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One message to one subscription: its payload as signed and sent on every attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled (subscription disabled)"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(max_length=40, unique=True, default=new_message_id)
    event = models.CharField(max_length=20, choices=Event.choices)
    article_key = models.PositiveBigIntegerField(help_text="The story's id.")
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When it may next be tried (a lease while it is)."
    )
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} of story {self.article_key} to {self.subscription_id}"


class Attempt(models.Model):
    """One try at delivering a message: the log line an operator reads."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    retry_in = models.FloatField(
        null=True, blank=True, help_text="Seconds until the next attempt; empty: no retry."
    )

    class Meta:
        ordering = ["delivery_id", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"

    @property
    def succeeded(self) -> bool:
        return self.response_status is not None and 200 <= self.response_status < 300


class StoryState(models.Model):
    """What subscribers were last told about a story, to tell a correction from an update
    and a republication from an update."""

    article_key = models.PositiveBigIntegerField(unique=True)
    corrections = models.PositiveIntegerField(default=0)
    withdrawn = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"story {self.article_key}"
