"""What the API keeps: tokens for machines that write, and the wire items they sent.

Neither touches the articles app's tables: an `IngestItem` maps an item's `uri` (its guid
at the agency) to the story it became, so a resent or updated item ("write-thru") updates
that story instead of making a duplicate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token issued to a user in the admin. Only a SHA-256 digest is stored: the
    token itself is shown once, when it is issued. It acts as its user, within its scopes,
    until it expires or is revoked."""

    class Scope(models.TextChoices):
        INGEST = "ingest", "Ingest: create and update drafts"
        INGEST_PUBLISH = "ingest:publish", "Ingest and publish (if the user may publish)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “AP wire feed”.")
    prefix = models.CharField(
        max_length=16, db_index=True, editable=False, help_text="The token's first characters."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never.")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def allows(self, scope: str) -> bool:
        """Whether the token carries `scope`; `ingest:publish` includes `ingest`."""
        granted = set(self.scopes)
        if self.Scope.INGEST_PUBLISH in granted:
            granted.add(self.Scope.INGEST)
        return scope in granted


class IngestItem(models.Model):
    """One item a wire or tool has sent, by its `uri`, and the story it became."""

    uri = models.CharField(max_length=500, unique=True)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty if the story has been deleted: the next version makes a new one.",
    )
    version = models.CharField(
        max_length=64, blank=True, help_text="The item's latest version, as its sender numbers it."
    )
    received = models.PositiveIntegerField(default=0, help_text="Versions received.")
    wire_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision holding the latest wire version as it was sent.",
    )
    last_token = models.ForeignKey(
        ApiToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "wire item"

    def __str__(self) -> str:
        return self.uri
