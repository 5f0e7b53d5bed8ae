"""The scheduler: exact-time tasks for stories due soon, and the sweep that catches the rest.

Two paths publish a scheduled story, and both end in the same claim
(`services.workflow.article_publish_scheduled`), so whichever comes first publishes and the
other finds nothing to do:

- An exact-time Celery task, queued after the scheduling transaction commits when the story
  is due within `scheduling.horizon()`, and by the sweep as later stories come within it.
  The worker holds it until its ETA, so the story goes live within a fraction of a second.
- The sweep (Celery beat, every `scheduling.sweep_interval()` seconds) publishes whatever is
  due and still scheduled: a lost message, a dead worker or a restarted Redis costs a story
  at most one interval. Take-downs work the same way.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from .. import scheduling
from ..exceptions import StoryError
from ..models import Article, SchedulerState
from .workflow import (
    ScheduledOutcome,
    article_publish_scheduled,
    article_schedule_failed,
    article_unpublish_scheduled,
)

logger = logging.getLogger("newsroom.scheduler")

# A web request that schedules a story must not hang on a broker that is down: try briefly,
# then leave the story to the sweep.
_SEND_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


# Queuing exact-time tasks.


def _send(task_name: str, args: list, eta: datetime) -> bool:
    from .. import tasks

    task = getattr(tasks, task_name)
    try:
        task.apply_async(args=args, eta=eta, retry=True, retry_policy=_SEND_RETRY)
    except Exception:  # the broker may be down; the sweep covers for it
        logger.warning(
            "Could not queue %s%s for %s; the sweep will do it.", task_name, args, eta,
            exc_info=True,
        )
        return False
    return True


def send_publish(article: Article, due: datetime) -> bool:
    return _send(
        "publish_scheduled",
        [article.pk, article.scheduled_revision_id, article.publish_at.isoformat()],
        due,
    )


def send_unpublish(article: Article) -> bool:
    return _send("unpublish_scheduled", [article.pk, article.unpublish_at.isoformat()],
                 article.unpublish_at)


def schedule_enqueue_soon(article_id: int, *, now: datetime | None = None) -> int:
    """Queue exact-time tasks for story `article_id`'s publication and take-down if the
    sweep will not: if they fall inside the window the sweeps have already queued, or could
    come due before the next sweep. Later ones are left to the sweep, so each story is
    queued once. Called after a scheduling move commits. Returns how many were queued;
    never raises."""
    try:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return 0
        soon = (now or timezone.now()) + timedelta(seconds=scheduling.sweep_interval())
        covered = SchedulerState.objects.filter(pk=SchedulerState.SINGLETON).values_list(
            "enqueued_until", flat=True
        ).first()
        limit = max(soon, covered) if covered else soon
        sent = 0
        due = scheduling.publish_due_time(article)
        if due is not None and due <= limit:
            sent += send_publish(article, due)
        if article.unpublish_at and article.unpublish_at <= limit:
            sent += send_unpublish(article)
        return sent
    except Exception:  # runs after commit: the schedule is saved whatever happens
        logger.exception("Could not queue the schedule of story %s; the sweep will.", article_id)
        return 0


# Publishing and taking down, with failures recorded.


def publish_when_due(
    *, article_id: int, revision_id: int, publish_at: datetime, trigger: str,
    skip_locked: bool = False, now: datetime | None = None,
) -> ScheduledOutcome:
    """Run the scheduled publication of one story; on a `StoryError` (the revision cannot be
    published) log it and record it in the story's log, and report `failed`. A story held
    past its time (by an embargo) is queued again for its new time if that is near."""
    try:
        outcome = article_publish_scheduled(
            article_id=article_id, revision_id=revision_id, publish_at=publish_at,
            trigger=trigger, skip_locked=skip_locked, now=now,
        )
    except StoryError as error:
        reason = " ".join(error.messages)
        logger.error(
            "Scheduled story %s could not be published: %s", article_id, reason,
            extra={"article_id": article_id},
        )
        article_schedule_failed(
            article_id=article_id, action="publish", scheduled_for=publish_at,
            revision_id=revision_id, reason=reason,
        )
        return ScheduledOutcome("failed")
    if outcome.result == "early" and trigger == "task":
        schedule_enqueue_soon(article_id)
    return outcome


def unpublish_when_due(
    *, article_id: int, unpublish_at: datetime, trigger: str, skip_locked: bool = False,
    now: datetime | None = None,
) -> ScheduledOutcome:
    try:
        return article_unpublish_scheduled(
            article_id=article_id, unpublish_at=unpublish_at, trigger=trigger,
            skip_locked=skip_locked, now=now,
        )
    except StoryError as error:
        reason = " ".join(error.messages)
        logger.error("Story %s could not be taken down: %s", article_id, reason)
        article_schedule_failed(
            article_id=article_id, action="unpublish", scheduled_for=unpublish_at, reason=reason
        )
        return ScheduledOutcome("failed")


# The sweep.


@dataclass
class SweepResult:
    published: int = 0
    unpublished: int = 0
    failed: int = 0
    skipped: int = 0  # held by another transaction: someone else is on it
    enqueued: int = 0
    overdue: int = 0
    errors: list[str] = field(default_factory=list)


def _report_overdue(kind: str, article_id: int, due: datetime, now: datetime) -> None:
    """Log a story found past its time: an error, and an alert past two sweep intervals."""
    late = (now - due).total_seconds()
    if late <= scheduling.grace():
        return
    if late > 2 * scheduling.sweep_interval():
        logger.critical(
            "ALERT: story %s is %.1f s overdue for %s (due %s); the scheduler has fallen "
            "behind or was down.", article_id, late, kind, due.isoformat(),
            extra={"article_id": article_id, "overdue_s": late},
        )
    else:
        logger.error(
            "Story %s is %.1f s overdue for %s (due %s): its exact-time task did not run.",
            article_id, late, kind, due.isoformat(),
            extra={"article_id": article_id, "overdue_s": late},
        )


def _count(result: SweepResult, outcome: ScheduledOutcome, done_field: str) -> None:
    if outcome.result == "done":
        setattr(result, done_field, getattr(result, done_field) + 1)
    elif outcome.result == "failed":
        result.failed += 1
    elif outcome.result == "locked":
        result.skipped += 1


def schedule_sweep(*, now: datetime | None = None, limit: int = 500) -> SweepResult:
    """Publish and take down everything due, queue exact-time tasks for what comes due
    within the horizon, and record the heartbeat. Safe to run on several machines at once:
    each story is claimed with a skip-locked, conditional read, one story at a time in its
    own transaction, so a story that fails holds up no other and is tried again next sweep.
    """
    started = time.monotonic()
    # A `now` given (tests, catch-up tools) applies throughout; otherwise each story is
    # claimed at its own moment, so its recorded lag is true.
    claim_now, now = now, now or timezone.now()
    state = SchedulerState.get()
    SchedulerState.objects.filter(pk=state.pk).update(last_sweep_started_at=now)
    result = SweepResult()

    for article_id, revision_id, publish_at, due in scheduling.publications_due(now).values_list(
        "pk", "scheduled_revision_id", "publish_at", "due"
    )[:limit]:
        _report_overdue("publication", article_id, due, now)
        try:
            outcome = publish_when_due(
                article_id=article_id, revision_id=revision_id, publish_at=publish_at,
                trigger="sweep", skip_locked=True, now=claim_now,
            )
        except Exception as error:  # isolate each story; retried next sweep
            logger.exception("The sweep could not publish story %s.", article_id)
            result.failed += 1
            result.errors.append(f"{article_id}: {type(error).__name__}: {error}")
            continue
        _count(result, outcome, "published")

    for article_id, unpublish_at in scheduling.unpublications_due(now).values_list(
        "pk", "unpublish_at"
    )[:limit]:
        _report_overdue("take-down", article_id, unpublish_at, now)
        try:
            outcome = unpublish_when_due(
                article_id=article_id, unpublish_at=unpublish_at, trigger="sweep",
                skip_locked=True, now=claim_now,
            )
        except Exception as error:
            logger.exception("The sweep could not take down story %s.", article_id)
            result.failed += 1
            result.errors.append(f"{article_id}: {type(error).__name__}: {error}")
            continue
        _count(result, outcome, "unpublished")

    result.enqueued = _enqueue_window(state, now)
    result.overdue = scheduling.overdue_count(now)
    _page_cache_catch_up()
    finished = timezone.now()
    SchedulerState.objects.filter(pk=state.pk).update(
        last_sweep_at=finished,
        last_sweep_ms=round((time.monotonic() - started) * 1000),
        last_published=result.published,
        last_unpublished=result.unpublished,
        last_failed=result.failed,
        last_enqueued=result.enqueued,
        overdue=result.overdue,
        sweeps=F("sweeps") + 1,
    )
    if result.published or result.unpublished or result.failed:
        logger.info(
            "Sweep: %s published, %s taken down, %s failed, %s queued, %s overdue.",
            result.published, result.unpublished, result.failed, result.enqueued, result.overdue,
        )
    return result


# Moves that change what readers see (each invalidates the page cache as it commits).
_PUBLIC_MOVES = ("publish", "unpublish", "schedule_unpublish", "deleted")


def _page_cache_catch_up() -> None:
    """Invalidate the page cache if a move readers can see was logged after the cache's
    current generation was made: that move's own invalidation was lost, because the cache
    (Redis) was unreachable at the time, and pages cached before it would otherwise keep
    showing a withdrawn story until they expire (NEWSROOM_PAGE_CACHE_SECONDS). So a story
    pulled during a Redis outage is gone from every page within a sweep of Redis returning.
    Never fails the sweep."""
    from django.db.models import Max

    from .. import caching
    from ..models import ArticleEvent

    try:
        latest = ArticleEvent.objects.filter(action__in=_PUBLIC_MOVES).aggregate(
            at=Max("created_at")
        )["at"]
        if latest is not None and latest.timestamp() > caching.site_state().changed_at:
            logger.warning("The page cache missed a change at %s; invalidating it.", latest)
            caching.invalidate()
    except Exception:
        logger.exception("Could not check the page cache against the latest public change.")


def schedule_window_reset() -> None:
    """Forget how far ahead exact-time tasks have been queued, so the next sweep queues
    everything within the horizon again. For a worker that starts: it may replace one that
    died holding those tasks (lost with it on the filesystem broker, parked by Redis until
    the visibility timeout), which the sweep would otherwise publish only once overdue.
    Tasks still held by live workers are duplicated, and the copies find nothing to do."""
    SchedulerState.get()
    SchedulerState.objects.filter(pk=SchedulerState.SINGLETON).update(enqueued_until=None)


def _enqueue_window(state: SchedulerState, now: datetime) -> int:
    """Queue exact-time tasks for what comes due between the end of the last sweep's window
    and `now` + horizon. The window slides, so each story is queued once in normal running;
    it moves on only if every message was sent (a story left out is published, late, by the
    sweep). Stories scheduled inside a window already covered were queued when scheduled."""
    previous = state.enqueued_until
    start = max(previous, now) if previous else now
    end = now + timedelta(seconds=scheduling.horizon())
    sent = unsent = 0
    for article in scheduling.publications_between(start, end):
        if send_publish(article, article.due):
            sent += 1
        else:
            unsent += 1
    for article in scheduling.unpublications_between(start, end):
        if send_unpublish(article):
            sent += 1
        else:
            unsent += 1
    if not unsent:
        # Compare-and-set: if a concurrent sweep moved the window first, it stays where that
        # one put it; at worst a story is queued twice and its second task has nothing to do.
        unchanged = {"enqueued_until": previous} if previous else {"enqueued_until__isnull": True}
        SchedulerState.objects.filter(pk=state.pk, **unchanged).update(enqueued_until=end)
    return sent
