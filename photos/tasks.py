"""Celery tasks of the photos app. Thin: each takes ids or names, re-fetches, and calls
one service; the task owns only its retry policy. Both are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from . import services
from .models import Photo


@shared_task(
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=2,
    retry_backoff_max=120,
    max_retries=5,
    acks_late=True,
    ignore_result=True,
)
def photo_renditions_make(photo_id: int) -> int:
    """Make the standard renditions of a photo (after upload, or after a change replaced
    some). Returns how many renditions the photo has in that set; 0 if it was deleted."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return 0
    return len(services.photo_renditions_make(photo=photo))


@shared_task(autoretry_for=(OSError,), retry_backoff=5, max_retries=5, ignore_result=True)
def photo_files_delete(names: list[str]) -> int:
    """Delete replaced rendition files (queued with a delay: cached pages may link them)."""
    return services.files_delete(names=names)
