"""Applying workflow transitions: the moves declared in `articles.workflow`, made by people
(admin buttons, direct POSTs, the importer) and by the scheduler alike, so every path gets
the same permission checks, revision, log entry and follow-ups.

`article_transition` is the entry point; `article_transition_locked` is the same move for a
caller that has already locked the story (the scheduler's claims). Each transition has one
handler below (`_HANDLERS`) that sets the story's fields; what every move shares (checks,
saving, the revision, the log entry, the signals) is done once, around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from reversion.models import Revision

from .. import caching, signals, workflow
from ..exceptions import ApprovalBlocked, InvalidTransition, StoryError, TransitionNotPermitted
from ..models import Article, ArticleEvent, Publication, ReviewComment, RevisionInfo, Status
from ..times import check_within_reach, local_and_utc
from .events import announce_after_commit, record_event
from .publishing import article_publish_revision, article_unpublish
from .revisions import article_save_revision, latest_revision_info


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
    return article_transition_locked(
        transition=transition,
        article=article,
        user=user,
        comment=comment,
        revision_id=revision_id,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        now=now or timezone.now(),
        override_reason=override_reason,
    )


@dataclass
class _Move:
    """One transition in progress: what its handler reads, and what it changes besides the
    story's own fields (the fields to save, the log entry's data)."""

    transition: workflow.Transition
    article: Article
    user: object
    now: datetime
    before: str  # the status the story had
    revision_id: int | None = None
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None
    fields: list[str] = field(default_factory=lambda: ["status"])
    data: dict = field(default_factory=dict)
    published_revision: Revision | None = None  # what went live, for the log entry


def article_transition_locked(
    *,
    transition: workflow.Transition,
    article: Article,
    user,
    now: datetime,
    comment: str = "",
    revision_id: int | None = None,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    data: dict | None = None,
    override_reason: str = "",
) -> ArticleEvent:
    """`article_transition` for `article` as the caller has locked it (`select_for_update`)
    in its transaction: the scheduler, which claims a story with its own conditional read,
    makes `workflow.PUBLISH_SCHEDULED` and `workflow.UNPUBLISH` through here. `data` is
    added to the log entry. Raises as `article_transition` does."""
    override_reason = override_reason.strip()
    overridden = _check(transition, article, user, comment, override_reason)
    move = _Move(
        transition, article, user, now, before=article.status, revision_id=revision_id,
        publish_at=publish_at, unpublish_at=unpublish_at, data=dict(data or {}),
    )
    if overridden:
        move.data.update(override_reason=override_reason, overridden=overridden)
    _HANDLERS[transition.name](move)
    article.save(update_fields=move.fields)
    label = transition.label + (f": {comment.strip()}" if comment.strip() else "")
    if overridden:
        label += f" (checks overridden: {override_reason})"
    revision, _ = article_save_revision(
        article=article, user=user, comment=label, force=True, kind=RevisionInfo.Kind.TRANSITION
    )
    follow_up = _FOLLOW_UPS.get(transition.name)
    if follow_up is not None:
        follow_up(move, revision, comment.strip())
    event = record_event(
        article=article,
        action=transition.name,
        user=user,
        from_status=move.before,
        revision=move.published_revision or revision,
        comment=comment.strip(),
        **move.data,
    )
    announce_after_commit(event)
    if article.scheduled_revision_id or article.unpublish_at:
        # Once the schedule is committed for a worker to read, the scheduler queues its
        # exact-time tasks; `robust`: a broker that is down must not fail the move (the
        # sweep covers for it).
        transaction.on_commit(
            lambda: signals.story_schedule_saved.send_robust(sender=Article, article_id=article.pk),
            robust=True,
        )
    return event


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


# The handlers: one per transition, setting the story's fields (saved by the caller) and
# adding to `move.fields` and the log entry's `move.data`.


def _submit(move: _Move) -> None:
    move.article.status = Status.SUBMITTED
    # Resubmitting answers the editor's requests for changes.
    ReviewComment.objects.filter(
        article=move.article, is_change_request=True, resolved_at__isnull=True
    ).update(resolved_at=move.now)


def _request_changes(move: _Move) -> None:
    article = move.article
    article.status = Status.CHANGES_REQUESTED
    live = Publication.objects.current_for(article)
    if article.approved_revision_id and (
        live is None or live.revision_id != article.approved_revision_id
    ):
        article.approved_revision = article.approved_by = article.approved_at = None
    article.scheduled_revision = article.publish_at = None
    if live is None:
        article.unpublish_at = None  # it belonged to the schedule just cancelled
    move.fields += [
        "approved_revision",
        "approved_by",
        "approved_at",
        "scheduled_revision",
        "publish_at",
        "unpublish_at",
    ]


def _approve(move: _Move) -> None:
    if latest_revision_info(move.article) is None:
        raise InvalidTransition("The story has no saved revision to approve.")
    if move.revision_id is not None and not _working_copy_is(move.article, move.revision_id):
        raise InvalidTransition(
            "The story has changed since the revision you reviewed. Review the latest "
            "changes, then approve again."
        )
    move.article.status = Status.APPROVED


def _publish(move: _Move) -> None:
    """An editor's “Publish now” of the approved revision, or the scheduler's
    `PUBLISH_SCHEDULED` of the scheduled one (both named `publish` in the log)."""
    article = move.article
    by_schedule = move.transition is workflow.PUBLISH_SCHEDULED
    if not by_schedule and article.unpublish_at and article.unpublish_at <= move.now:
        # A take-down time already past applies to nothing an editor publishes now. The
        # scheduler keeps it: a story whose window passed while it waited goes up unseen
        # (`visible_until` is past) and the take-down is recorded next.
        article.unpublish_at = None
    revision = article.scheduled_revision if by_schedule else article.approved_revision
    _go_live(move, revision, by_schedule=by_schedule)
    _note_schedule_fields(move)


def _schedule(move: _Move) -> None:
    """Schedule the approved revision for `publish_at` (at once if that has passed)."""
    article = move.article
    _validate_times(article, move.publish_at, move.unpublish_at, move.now)
    article.unpublish_at = move.unpublish_at
    revision = article.approved_revision
    if move.publish_at <= move.now:
        _go_live(move, revision, by_schedule=False)
    else:
        article.scheduled_revision = revision
        article.publish_at = move.publish_at
        _set_takedown(article, move.unpublish_at)
        if _working_copy_is(article, revision.pk):
            article.status = Status.SCHEDULED
        move.data.update(scheduled_revision=revision.pk, publish_at=move.publish_at)
    _note_schedule_fields(move)


def _go_live(move: _Move, revision: Revision, *, by_schedule: bool) -> None:
    """Publish `revision` now; by the schedule, visible from its due time, with the lag."""
    article = move.article
    visible_from = None
    if by_schedule:
        visible_from = article.publish_due_at
        move.data.update(
            scheduled_for=visible_from,
            lag_ms=round((move.now - visible_from).total_seconds() * 1000),
        )
    move.published_revision = revision
    article_publish_revision(
        article=article,
        revision=revision,
        user=move.user,
        now=move.now,
        visible_from=visible_from,
        visible_until=article.unpublish_at,
    )
    _set_takedown(article, article.unpublish_at)
    # A working copy edited since stays what it was (a draft): only its published text moved.
    article.status = Status.PUBLISHED if _working_copy_is(article, revision.pk) else move.before
    article.scheduled_revision = article.publish_at = None
    move.data["published_revision"] = revision.pk


def _note_schedule_fields(move: _Move) -> None:
    if move.article.unpublish_at:
        move.data["unpublish_at"] = move.article.unpublish_at
    move.fields += ["scheduled_revision", "publish_at", "unpublish_at"]


def _unschedule(move: _Move) -> None:
    article = move.article
    move.data["scheduled_revision"] = article.scheduled_revision_id
    article.scheduled_revision = article.publish_at = None
    if article.status == Status.SCHEDULED:
        article.status = Status.APPROVED
    if not Publication.objects.current().filter(article=article).exists():
        article.unpublish_at = None  # it belonged to the schedule just cancelled
    move.fields += ["scheduled_revision", "publish_at", "unpublish_at"]


def _schedule_unpublish(move: _Move) -> None:
    _validate_takedown(move.unpublish_at, move.now)
    move.data["unpublish_at"] = move.unpublish_at
    _set_takedown(move.article, move.unpublish_at)
    move.fields += ["unpublish_at"]


def _unpublish(move: _Move) -> None:
    article = move.article
    article_unpublish(article=article, user=move.user, now=move.now)
    # A working copy edited since it went live keeps its state (a draft, say).
    if move.before == Status.PUBLISHED:
        article.status = Status.UNPUBLISHED
    article.unpublish_at = None
    move.fields += ["unpublish_at"]


_HANDLERS: dict[str, Callable[[_Move], None]] = {
    "submit": _submit,
    "request_changes": _request_changes,
    "approve": _approve,
    "publish": _publish,
    "schedule": _schedule,
    "unschedule": _unschedule,
    "schedule_unpublish": _schedule_unpublish,
    "unpublish": _unpublish,
}


# Follow-ups that need the revision recording the move.


def _record_approval(move: _Move, revision: Revision, comment: str) -> None:
    """The revision that records the approval becomes the approved revision: it holds the
    working copy's text, which `_approve` checked is what the editor reviewed."""
    article = move.article
    article.approved_revision = revision
    article.approved_by = move.user
    article.approved_at = move.now
    article.save(update_fields=["approved_revision", "approved_by", "approved_at"])


def _record_change_request(move: _Move, revision: Revision, comment: str) -> None:
    ReviewComment.objects.create(
        article=move.article,
        revision=revision,
        author=move.user,
        body=comment,
        is_change_request=True,
    )


_FOLLOW_UPS: dict[str, Callable[[_Move, Revision, str], None]] = {
    "approve": _record_approval,
    "request_changes": _record_change_request,
}


# Checks and helpers the handlers share.


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
    changed = Publication.objects.current().filter(article=article).update(
        visible_until=unpublish_at
    )
    if changed:
        # update() sends no signal: tell the page cache the next visibility time moved.
        caching.invalidate()
