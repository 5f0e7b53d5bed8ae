"""Applying workflow transitions and recording edits: the only code that changes a
story's workflow state. Admin buttons, direct POSTs, the importer and Celery tasks call
these, so every path gets the same permission checks, revision, log entry and follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from reversion.models import Revision

from .. import signals, workflow
from ..exceptions import ApprovalBlocked, InvalidTransition, StoryError, TransitionNotPermitted
from ..models import Article, ArticleEvent, Publication, ReviewComment, RevisionInfo, Status
from ..models.article import body_length_refusal
from ..scheduling import check_within_reach
from .publishing import article_publish_revision, article_unpublish
from .revisions import article_save_revision, latest_revision_info


def _event(
    article: Article,
    action: str,
    *,
    user,
    from_status: str,
    revision: Revision | None = None,
    comment: str = "",
    **data,
) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article,
        article_key=article.pk,
        headline=article.headline[:300],
        action=action,
        from_status=from_status,
        to_status=article.status,
        user=user if user is not None and user.is_authenticated else None,
        revision=revision,
        comment=comment,
        data={k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()},
    )


def _after_commit(event: ArticleEvent) -> None:
    transaction.on_commit(lambda: signals.story_transitioned.send(sender=Article, event=event))


@transaction.atomic
def article_commit_edit(
    *,
    article: Article,
    user=None,
    comment: str = "",
    kind: str = RevisionInfo.Kind.EDIT,
    force: bool = False,
) -> tuple[Revision, bool]:
    """Record a change someone made to the working copy (already saved with its parts).

    A change a reader could see makes a revision, bumps `edit_version`, and sends an
    approved, scheduled, published or unpublished story back to draft: the newer text needs
    its own approval, while what is approved, scheduled or live stays as it was. A save that
    changes nothing makes no revision and leaves the state alone, unless `force` (a recovery
    must be on record even though it brings back the text of the latest revision). Returns
    (revision, changed).

    Raises `StoryError` if the body is longer than NEWSROOM_MAX_BODY_CHARS: call it in the
    transaction that saved the working copy (the admin, importer and restore do), so that
    nothing of the edit is kept.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    refusal = body_length_refusal(article.body)
    if refusal:
        # The caller saved the working copy in its transaction; raising rolls it back.
        raise StoryError(refusal, code="body_too_long")
    before = article.status
    if before in workflow.EDIT_RESETS:
        # Decided before the revision is saved, so the revision records its real state.
        probe = latest_revision_info(article)
        from .. import snapshots

        if probe is None or probe.content_hash != snapshots.of_article(article).content_hash:
            article.status = Status.DRAFT
    revision, changed = article_save_revision(
        article=article, user=user, comment=comment, kind=kind, force=force
    )
    if not changed:
        article.status = before
        return revision, False
    Article.objects.filter(pk=article.pk).update(
        edit_version=F("edit_version") + 1, status=article.status
    )
    article.refresh_from_db(fields=["edit_version", "status"])
    event = _event(
        article,
        "restored" if kind == RevisionInfo.Kind.RESTORE else "edited",
        user=user,
        from_status=before,
        revision=revision,
        comment=comment,
    )
    _after_commit(event)
    return revision, True


def _check(
    transition: workflow.Transition, article: Article, user, comment: str, override_reason: str = ""
) -> list[str]:
    """Raise if `transition` may not happen; return the check refusals `override_reason`
    overrides (empty when nothing was overridden)."""
    reason = workflow.permission_refusal(transition, article, user)
    if reason:
        raise TransitionNotPermitted(reason)
    reason = workflow.state_refusal(transition, article, user)
    if reason:
        raise InvalidTransition(reason)
    if transition.comment_required and not comment.strip():
        raise StoryError(f"Say why: a comment is required to {transition.label.lower()}.")
    if override_reason and transition.checks is None:
        raise StoryError(f"Nothing can be overridden to {transition.label.lower()}.")
    refusals = workflow.check_refusals(transition, article, user)
    if refusals and not override_reason:
        raise ApprovalBlocked(" ".join(refusals))
    return refusals


def _working_copy_is(article: Article, revision_id: int | None) -> bool:
    """Whether the working copy has the same content as revision `revision_id`."""
    if revision_id is None:
        return False
    latest = latest_revision_info(article)
    target = RevisionInfo.objects.filter(revision_id=revision_id).first()
    return latest is not None and target is not None and latest.content_hash == target.content_hash


def _validate_times(
    article: Article, publish_at: datetime | None, unpublish_at: datetime | None, now: datetime
) -> None:
    for label, value in (("publication", publish_at), ("take-down", unpublish_at)):
        if value is not None and timezone.is_naive(value):
            raise StoryError(f"The {label} time needs a time zone.")
    if publish_at is None:
        raise StoryError("Give the time the story should go live.")
    check_within_reach(publish_at, "publication", now)
    check_within_reach(unpublish_at, "take-down", now)
    if unpublish_at is not None and unpublish_at <= publish_at:
        raise StoryError("The story must come down after it goes up: check the two times.")
    if unpublish_at is not None and unpublish_at <= now:
        raise StoryError("The take-down time has already passed.")
    if article.embargo_until and publish_at < article.embargo_until:
        from ..scheduling import local_and_utc

        raise StoryError(
            f"That is before the embargo lifts: {local_and_utc(article.embargo_until)}."
        )


def _validate_takedown(unpublish_at: datetime | None, now: datetime) -> None:
    if unpublish_at is None:
        return
    if timezone.is_naive(unpublish_at):
        raise StoryError("The take-down time needs a time zone.")
    check_within_reach(unpublish_at, "take-down", now)
    if unpublish_at <= now:
        raise StoryError(
            "The take-down time has already passed: unpublish the story to take it down now."
        )


def _set_takedown(article: Article, unpublish_at: datetime | None) -> None:
    """Make the live copy disappear at `unpublish_at` whatever the scheduler does: readers'
    queries check `visible_until`, the scheduler's take-down then records and announces it."""
    article.unpublish_at = unpublish_at
    changed = Publication.objects.filter(article=article, withdrawn_at__isnull=True).update(
        visible_until=unpublish_at
    )
    if changed:
        # update() sends no signal: tell the page cache the next visibility time moved.
        from .. import caching

        caching.invalidate()


def _is_live(article: Article) -> bool:
    return Publication.objects.filter(article=article, withdrawn_at__isnull=True).exists()


@transaction.atomic
def article_transition(
    *,
    article: Article,
    action: str,
    user=None,
    comment: str = "",
    revision_id: int | None = None,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    now: datetime | None = None,
    override_reason: str = "",
) -> ArticleEvent:
    """Move `article` through the workflow by `action` (a name in `workflow.TRANSITIONS`).

    `user=None` means the system (the scheduler); every other caller passes the acting
    user, whose permission is checked here whatever the caller checked before. `revision_id`
    names the revision an editor reviewed when approving: if the story has changed since, the
    approval is refused. `override_reason` (approve only) lets the approval past the
    NEWSROOM_APPROVAL_CHECKS; it is logged with what it overrode. `schedule` takes
    `publish_at` and optionally `unpublish_at`; `schedule_unpublish` takes `unpublish_at`
    (None cancels the take-down). Makes a revision of the working copy recording the move,
    logs an `ArticleEvent`, and sends `story_transitioned` after commit.

    Raises `TransitionNotPermitted`, `InvalidTransition` (`ApprovalBlocked` when only the
    overridable checks refuse) or `StoryError`."""
    transition = workflow.TRANSITIONS.get(action)
    if transition is None:
        raise InvalidTransition(f"There is no workflow action called “{action}”.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    return _apply(
        transition,
        article,
        user=user,
        comment=comment,
        revision_id=revision_id,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        now=now or timezone.now(),
        override_reason=override_reason,
    )


def _apply(
    transition: workflow.Transition,
    article: Article,
    *,
    user,
    comment: str,
    now: datetime,
    revision_id: int | None = None,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    data: dict | None = None,
    override_reason: str = "",
) -> ArticleEvent:
    """Apply `transition` to `article`, which the caller has locked in this transaction.
    Every move, by a person or by the scheduler, goes through here."""
    from .. import scheduling

    action = transition.name
    override_reason = override_reason.strip()
    overridden = _check(transition, article, user, comment, override_reason)
    before = article.status
    fields = ["status"]
    extra: dict = dict(data or {})
    if overridden:
        extra.update(override_reason=override_reason, overridden=overridden)
    published_revision = None

    if action == "submit":
        article.status = Status.SUBMITTED
        # Resubmitting answers the editor's requests for changes.
        ReviewComment.objects.filter(
            article=article, is_change_request=True, resolved_at__isnull=True
        ).update(resolved_at=now)
    elif action == "request_changes":
        article.status = Status.CHANGES_REQUESTED
        live = Publication.objects.filter(article=article, withdrawn_at__isnull=True).first()
        if article.approved_revision_id and (
            live is None or live.revision_id != article.approved_revision_id
        ):
            article.approved_revision = article.approved_by = article.approved_at = None
        article.scheduled_revision = article.publish_at = None
        if live is None:
            article.unpublish_at = None  # it belonged to the schedule just cancelled
        fields += [
            "approved_revision",
            "approved_by",
            "approved_at",
            "scheduled_revision",
            "publish_at",
            "unpublish_at",
        ]
    elif action == "approve":
        latest = latest_revision_info(article)
        if latest is None:
            raise InvalidTransition("The story has no saved revision to approve.")
        if revision_id is not None and not _working_copy_is(article, revision_id):
            raise InvalidTransition(
                "The story has changed since the revision you reviewed. Review the latest "
                "changes, then approve again."
            )
        article.status = Status.APPROVED
    elif action in ("publish", "schedule"):
        by_schedule = transition is workflow.PUBLISH_SCHEDULED
        revision = article.scheduled_revision if by_schedule else article.approved_revision
        if action == "schedule":
            _validate_times(article, publish_at, unpublish_at, now)
            article.unpublish_at = unpublish_at
        elif not by_schedule and article.unpublish_at and article.unpublish_at <= now:
            # A take-down time already past applies to nothing an editor publishes now. The
            # scheduler keeps it: a story whose window passed while it waited goes up unseen
            # (`visible_until` is past) and the take-down is recorded next.
            article.unpublish_at = None
        if action == "publish" or publish_at <= now:
            visible_from = None
            if by_schedule:
                visible_from = scheduling.publish_due_time(article)
                extra.update(
                    scheduled_for=visible_from,
                    lag_ms=round((now - visible_from).total_seconds() * 1000),
                )
            published_revision = revision
            article_publish_revision(
                article=article,
                revision=revision,
                user=user,
                now=now,
                visible_from=visible_from,
                visible_until=article.unpublish_at,
            )
            _set_takedown(article, article.unpublish_at)
            article.refresh_from_db(fields=["status"])
            article.status = Status.PUBLISHED if _working_copy_is(article, revision.pk) else before
            article.scheduled_revision = article.publish_at = None
            extra["published_revision"] = revision.pk
        else:
            article.scheduled_revision = revision
            article.publish_at = publish_at
            _set_takedown(article, unpublish_at)
            if _working_copy_is(article, revision.pk):
                article.status = Status.SCHEDULED
            extra.update(scheduled_revision=revision.pk, publish_at=publish_at)
        if article.unpublish_at:
            extra["unpublish_at"] = article.unpublish_at
        fields += ["scheduled_revision", "publish_at", "unpublish_at"]
    elif action == "unschedule":
        extra["scheduled_revision"] = article.scheduled_revision_id
        article.scheduled_revision = article.publish_at = None
        if article.status == Status.SCHEDULED:
            article.status = Status.APPROVED
        if not _is_live(article):
            article.unpublish_at = None  # it belonged to the schedule just cancelled
        fields += ["scheduled_revision", "publish_at", "unpublish_at"]
    elif action == "schedule_unpublish":
        _validate_takedown(unpublish_at, now)
        extra["unpublish_at"] = unpublish_at
        _set_takedown(article, unpublish_at)
        fields += ["unpublish_at"]
    elif action == "unpublish":
        article_unpublish(article=article, user=user, now=now)
        article.refresh_from_db(fields=["status"])
        if before != Status.PUBLISHED:
            article.status = before
        article.unpublish_at = None
        fields += ["unpublish_at"]

    article.save(update_fields=fields)
    label = transition.label + (f": {comment.strip()}" if comment.strip() else "")
    if overridden:
        label += f" (checks overridden: {override_reason})"
    revision, _ = article_save_revision(
        article=article, user=user, comment=label, force=True, kind=RevisionInfo.Kind.TRANSITION
    )
    if action == "approve":
        article.approved_revision = revision
        article.approved_by = user
        article.approved_at = now
        article.save(update_fields=["approved_revision", "approved_by", "approved_at"])
    if action == "request_changes":
        ReviewComment.objects.create(
            article=article,
            revision=revision,
            author=user,
            body=comment.strip(),
            is_change_request=True,
        )
    event = _event(
        article,
        transition.name,
        user=user,
        from_status=before,
        revision=published_revision or revision,
        comment=comment.strip(),
        **extra,
    )
    _after_commit(event)
    if article.scheduled_revision_id or article.unpublish_at:
        # Queue the exact-time tasks once the schedule is committed for a worker to read;
        # `robust`: a broker that is down must not fail the move (the sweep covers for it).
        from .scheduling import schedule_enqueue_soon

        transaction.on_commit(partial(schedule_enqueue_soon, article.pk), robust=True)
    return event


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
    embargo) has come. The same move as an editor's “Publish now” (`_apply`): same
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
    from ..scheduling import local_and_utc, publish_due_time

    due = publish_due_time(article)
    if due > now:
        return ScheduledOutcome("early", due=due)
    live = Publication.objects.filter(article=article, withdrawn_at__isnull=True).first()
    if live is not None and live.revision_id == revision_id:
        # Already live (published by hand some other way): the schedule has nothing to do.
        article.scheduled_revision = article.publish_at = None
        article.save(update_fields=["scheduled_revision", "publish_at"])
        return ScheduledOutcome("stale")
    event = _apply(
        workflow.PUBLISH_SCHEDULED,
        article,
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
    if not _is_live(article):
        article.unpublish_at = None
        article.save(update_fields=["unpublish_at"])
        return ScheduledOutcome("stale")
    from ..scheduling import local_and_utc

    event = _apply(
        workflow.UNPUBLISH,
        article,
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
    event = _event(
        article,
        name,
        user=None,
        from_status=article.status,
        comment=reason[:2000],
        scheduled_for=scheduled_for,
        scheduled_revision=revision_id,
    )
    _after_commit(event)
    return event


@transaction.atomic
def article_delete(*, article: Article, user=None) -> None:
    """Delete a story, logging who did it. Its revisions are kept, so `article_recover`
    can bring it back."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    _event(article, "deleted", user=user, from_status=article.status)
    article.delete()
