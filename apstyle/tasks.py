"""Celery tasks for the AP style checker. Thin: they take ids, call one service and own
only their retry policy."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from . import conf, services


# Checking is idempotent (a report is stored once per revision and rule-set version), so
# a redelivered or retried message costs one look-up. Database errors, SQLite's "database
# is locked" among them, are retried with backoff.
@shared_task(
    autoretry_for=(DatabaseError,),
    retry_backoff=1,
    retry_backoff_max=60,
    max_retries=6,
    acks_late=True,
    soft_time_limit=45,
    time_limit=60,
)
def check_revision(revision_id: int) -> str:
    """Check story revision `revision_id` against AP style and store the findings
    (`apstyle.services.revision_check`); returns what happened."""
    return services.revision_check(revision_id=revision_id)


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=270)
def check_pending() -> dict:
    """Check what a broker outage kept from `check_revision`: the latest revision of each
    story saved in the last `APSTYLE_PENDING_HOURS` hours without a report. Run by beat."""
    since = timezone.now() - timedelta(hours=conf.get("APSTYLE_PENDING_HOURS"))
    return services.check_pending(since=since)
