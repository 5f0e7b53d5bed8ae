"""The scheduler, in one place: when stories go up and come down at their time.

The database is the schedule (see `ArticleQuerySet.publications_due` and its neighbours):
a story is scheduled when it has a `scheduled_revision` and a `publish_at`, and due at the
later of that and its embargo; a live story with an `unpublish_at` comes down then. Two
paths publish a scheduled story, and both end in the same claim
(`article_publish_scheduled`), so whichever comes first publishes and the other finds
nothing to do:

- An exact-time Celery task (`articles.tasks.publish_scheduled`), queued after the
  scheduling move commits when the story is due within `horizon()`, and by the sweep as
  later stories come within it. The worker holds it until its ETA, so the story goes live
  within a fraction of a second.
- The sweep (`schedule_sweep`, Celery beat, every `sweep_interval()` seconds) publishes
  whatever is due and still scheduled: a lost message, a dead worker or a restarted Redis
  costs a story at most one interval. Take-downs work the same way.

Here: the settings, queuing exact-time tasks, the scheduler's moves (claims made through
`services.transitions`, with failures logged), the sweep, and the scheduler's health for
`/readyz` and the admin (from the database alone, so it answers with Redis down).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from .. import caching, conf, workflow
from ..exceptions import StoryError
from ..models import Article, ArticleEvent, Publication, SchedulerState
from ..times import local_and_utc
from .events import announce_after_commit, record_event
from .transitions import article_transition_locked

logger = logging.getLogger("newsroom.scheduler")

# Settings.


def sweep_interval() -> float:
    """Seconds between two sweeps (`NEWSROOM_SWEEP_INTERVAL`, default 30)."""
    return float(conf.get("NEWSROOM_SWEEP_INTERVAL"))


def horizon() -> float:
    """How far ahead, in seconds, a story's exact-time task is queued
    (`NEWSROOM_SCHEDULE_HORIZON`, default two sweep intervals). Stories further off wait in
    the database, never in the broker: Redis redelivers a delayed message that outlives its
    visibility timeout, so a long-delayed message could run twice (celery #2599)."""
    value = conf.get("NEWSROOM_SCHEDULE_HORIZON")
    return float(value) if value else 2 * sweep_interval()


def grace() -> float:
    """Seconds after its time before an unpublished story counts as overdue
    (`NEWSROOM_SCHEDULE_GRACE`, default 2)."""
    return float(conf.get("NEWSROOM_SCHEDULE_GRACE"))


# Queuing exact-time tasks.

# The module whose tasks `_send` names (their registered names are module.function).
_TASKS = "articles.tasks"

# A web request that schedules a story must not hang on a broker that is down: try briefly,
# then leave the story to the sweep.
_SEND_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def _send(task_name: str, args: list, eta: datetime) -> bool:
    """Send task `task_name` of `articles.tasks` to run at `eta`. By its registered name,
    through the Celery app: the tasks call this module, which therefore does not import
    them. Returns whether it was sent."""
    try:
        current_app.send_task(
            f"{_TASKS}.{task_name}", args=args, eta=eta, retry=True, retry_policy=_SEND_RETRY
        )
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
    queued once. Called after a scheduling move commits (`signals.story_schedule_saved`,
    received in `articles.receivers`). Returns how many were queued; never raises."""
    try:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return 0
        soon = (now or timezone.now()) + timedelta(seconds=sweep_interval())
        covered = SchedulerState.objects.filter(pk=SchedulerState.SINGLETON).values_list(
            "enqueued_until", flat=True
        ).first()
        limit = max(soon, covered) if covered else soon
        sent = 0
        due = article.publish_due_at
        if due is not None and due <= limit:
            sent += send_publish(article, due)
        if article.unpublish_at and article.unpublish_at <= limit:
            sent += send_unpublish(article)
        return sent
    except Exception:  # runs after commit: the schedule is saved whatever happens
        logger.exception("Could not queue the schedule of story %s; the sweep will.", article_id)
        return 0


# The scheduler's moves. Each claims the story with a conditional, locked read of exactly
# the schedule its message carries, so a rescheduled or cancelled story's old message, a
# redelivered one, or a second worker holding a copy finds nothing to do.


@dataclass(frozen=True)
class ScheduledOutcome:
    """What a scheduled move did: `done` (the event), `stale` (no longer scheduled like
    that: nothing to do), `locked` (another transaction holds the story: try again soon)
    or `early` (not due until `due`, later than asked, e.g. held by an embargo)."""

    result: str
    event: ArticleEvent | None = None
    due: datetime | None = None


def _claim(query, *, skip_locked: bool) -> tuple[Article | None, str]:
    article = query.select_for_update(skip_locked=skip_locked).first()
    if article is not None:
        return article, "claimed"
    # Skipped because another transaction holds it, or gone? Only PostgreSQL skips rows.
    return None, ("locked" if skip_locked and query.exists() else "stale")


def article_publish_scheduled(
    *,
    article_id: int,
    revision_id: int,
    publish_at: datetime,
    trigger: str = "task",
    now: datetime | None = None,
    skip_locked: bool = False,
) -> ScheduledOutcome:
    """Publish the revision `revision_id` of story `article_id` that was scheduled for
    `publish_at`, if the story is still scheduled exactly so and its time (or the end of its
    embargo) has come. The same move as an editor's “Publish now”
    (`article_transition_locked`): same
    publication service, revision, log entry and signals, with user=None, the scheduled
    revision, and `visible_from` at the scheduled time. `trigger` (“task”, “sweep”) is
    recorded in the log entry with the lag.

    Raises `StoryError` if the revision cannot be published (the caller records it)."""
    query = Article.objects.filter(
        pk=article_id, scheduled_revision_id=revision_id, publish_at=publish_at
    )
    if not query.exists():
        # Checked before a transaction takes a lock, so a duplicate or outdated message
        # does not wait for SQLite's single writer (or a row lock) to learn it has nothing
        # to do. The locked read that follows is what decides.
        return ScheduledOutcome("stale")
    with transaction.atomic():
        return _publish_scheduled(query, revision_id, trigger, now, skip_locked)


def _publish_scheduled(query, revision_id, trigger, now, skip_locked) -> ScheduledOutcome:
    article, result = _claim(query, skip_locked=skip_locked)
    if article is None:
        return ScheduledOutcome(result)
    now = now or timezone.now()  # once the lock is ours, so the recorded lag is true
    due = article.publish_due_at
    if due > now:
        return ScheduledOutcome("early", due=due)
    live = Publication.objects.current_for(article)
    if live is not None and live.revision_id == revision_id:
        # Already live (published by hand some other way): the schedule has nothing to do.
        article.scheduled_revision = article.publish_at = None
        article.save(update_fields=["scheduled_revision", "publish_at"])
        return ScheduledOutcome("stale")
    event = article_transition_locked(
        transition=workflow.PUBLISH_SCHEDULED,
        article=article,
        user=None,
        now=now,
        comment=f"scheduled for {local_and_utc(due)}",
        data={"trigger": trigger},
    )
    return ScheduledOutcome("done", event=event)


def article_unpublish_scheduled(
    *,
    article_id: int,
    unpublish_at: datetime,
    trigger: str = "task",
    now: datetime | None = None,
    skip_locked: bool = False,
) -> ScheduledOutcome:
    """Take story `article_id` down if it is live and still due to come down at exactly
    `unpublish_at`, and that time has come: the editors' `unpublish` move, by the system."""
    query = Article.objects.filter(pk=article_id, unpublish_at=unpublish_at)
    if not query.exists():
        return ScheduledOutcome("stale")  # as for publication: no lock to learn nothing
    with transaction.atomic():
        return _unpublish_scheduled(query, unpublish_at, trigger, now, skip_locked)


def _unpublish_scheduled(query, unpublish_at, trigger, now, skip_locked) -> ScheduledOutcome:
    article, result = _claim(query, skip_locked=skip_locked)
    if article is None:
        return ScheduledOutcome(result)
    now = now or timezone.now()
    if unpublish_at > now:
        return ScheduledOutcome("early", due=unpublish_at)
    if not Publication.objects.current().filter(article=article).exists():
        article.unpublish_at = None
        article.save(update_fields=["unpublish_at"])
        return ScheduledOutcome("stale")
    event = article_transition_locked(
        transition=workflow.UNPUBLISH,
        article=article,
        user=None,
        now=now,
        comment=f"Scheduled take-down at {local_and_utc(unpublish_at)}",
        data={
            "trigger": trigger,
            "scheduled_for": unpublish_at,
            "lag_ms": round((now - unpublish_at).total_seconds() * 1000),
        },
    )
    return ScheduledOutcome("done", event=event)


@transaction.atomic
def article_schedule_failed(
    *,
    article_id: int,
    action: str,
    scheduled_for: datetime,
    reason: str,
    revision_id: int | None = None,
) -> ArticleEvent | None:
    """Log, once per schedule, that the scheduler could not `action` (“publish” or
    “unpublish”) the story: an `ArticleEvent` `<action>_failed` with the reason, which the
    story's log and `story_transitioned` receivers (notifications) see. The schedule stays,
    so the story shows as overdue until an editor acts. Returns the event, or None if this
    failure was already logged or the story is gone."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    key = {"scheduled_for": scheduled_for.isoformat(), "scheduled_revision": revision_id}
    name = f"{action}_failed"
    if ArticleEvent.objects.filter(
        article_key=article_id, action=name, **{f"data__{k}": v for k, v in key.items()}
    ).exists():
        return None
    event = record_event(
        article=article,
        action=name,
        user=None,
        from_status=article.status,
        comment=reason[:2000],
        scheduled_for=scheduled_for,
        scheduled_revision=revision_id,
    )
    announce_after_commit(event)
    return event


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
    if late <= grace():
        return
    if late > 2 * sweep_interval():
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


def _sweep_story(
    result: SweepResult, article_id: int, verb: str, done: str, move: Callable[[], ScheduledOutcome]
) -> None:
    """Make one due story's `move` for the sweep and count its outcome into `result` (a
    done move into the field `done`). An unexpected error is logged and counted, and holds
    up no other story: the next sweep tries again."""
    try:
        outcome = move()
    except Exception as error:  # isolate each story; retried next sweep
        logger.exception("The sweep could not %s story %s.", verb, article_id)
        result.failed += 1
        result.errors.append(f"{article_id}: {type(error).__name__}: {error}")
        return
    if outcome.result == "done":
        setattr(result, done, getattr(result, done) + 1)
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

    publications = Article.objects.publications_due(now).values_list(
        "pk", "scheduled_revision_id", "publish_at", "due"
    )
    for article_id, revision_id, publish_at, due in publications[:limit]:
        _report_overdue("publication", article_id, due, now)
        _sweep_story(result, article_id, "publish", "published", partial(
            publish_when_due, article_id=article_id, revision_id=revision_id,
            publish_at=publish_at, trigger="sweep", skip_locked=True, now=claim_now,
        ))
    takedowns = Article.objects.unpublications_due(now).values_list("pk", "unpublish_at")
    for article_id, unpublish_at in takedowns[:limit]:
        _report_overdue("take-down", article_id, unpublish_at, now)
        _sweep_story(result, article_id, "take down", "unpublished", partial(
            unpublish_when_due, article_id=article_id, unpublish_at=unpublish_at,
            trigger="sweep", skip_locked=True, now=claim_now,
        ))

    result.enqueued = _enqueue_window(state, now)
    result.overdue = overdue_count(now)
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


def _page_cache_catch_up() -> None:
    """Invalidate the page cache if a move readers can see was logged after the cache's
    current generation was made: that move's own invalidation was lost, because the cache
    (Redis) was unreachable at the time, and pages cached before it would otherwise keep
    showing a withdrawn story until they expire (NEWSROOM_PAGE_CACHE_SECONDS). So a story
    pulled during a Redis outage is gone from every page within a sweep of Redis returning.
    Never fails the sweep."""
    try:
        latest = ArticleEvent.objects.filter(action__in=ArticleEvent.PUBLIC_MOVES).aggregate(
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
    end = now + timedelta(seconds=horizon())
    sent = unsent = 0
    for article in Article.objects.publications_between(start, end):
        if send_publish(article, article.due):
            sent += 1
        else:
            unsent += 1
    for article in Article.objects.unpublications_between(start, end):
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


# Health.


def overdue_count(now: datetime | None = None) -> int:
    """Stories more than `grace()` seconds past their publication or take-down time that
    have not gone up or come down."""
    limit = (now or timezone.now()) - timedelta(seconds=grace())
    return (
        Article.objects.publications_due(limit).count()
        + Article.objects.unpublications_due(limit).count()
    )


@dataclass(frozen=True)
class SchedulerStatus:
    interval: float
    last_sweep_at: datetime | None
    age: float | None  # seconds since the last sweep finished
    overdue: int
    scheduled: int  # stories waiting to go up
    takedowns: int  # live stories waiting to come down
    last_failed: int

    @property
    def stale(self) -> bool:
        """No sweep for more than three intervals: beat or every worker is down."""
        return self.age is None or self.age > 3 * self.interval

    @property
    def ok(self) -> bool:
        return not self.stale and self.overdue == 0

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "last_sweep": self.last_sweep_at.isoformat() if self.last_sweep_at else None,
            "age_s": None if self.age is None else round(self.age, 1),
            "interval_s": self.interval,
            "stale": self.stale,
            "overdue": self.overdue,
            "scheduled": self.scheduled,
            "takedowns": self.takedowns,
            "last_failed": self.last_failed,
        }


def scheduler_status(now: datetime | None = None) -> SchedulerStatus:
    """The scheduler's health, from the database alone (it works with Redis down)."""
    now = now or timezone.now()
    state = SchedulerState.objects.filter(pk=SchedulerState.SINGLETON).first()
    last = state.last_sweep_at if state else None
    return SchedulerStatus(
        interval=sweep_interval(),
        last_sweep_at=last,
        age=(now - last).total_seconds() if last else None,
        overdue=overdue_count(now),
        scheduled=Article.objects.scheduled_for_publication().count(),
        takedowns=Article.objects.scheduled_for_takedown().count(),
        last_failed=state.last_failed if state else 0,
    )
