"""Webhooks: signed notifications (Standard Webhooks) of published, updated, corrected,
unpublished and scheduled stories, delivered by Celery with retries. See ../README.md."""
