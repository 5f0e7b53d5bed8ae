"""Applying workflow transitions and recording edits: the only code that changes a
story's workflow state. Admin buttons, direct POSTs, the importer and Celery tasks call
these, so every path gets the same permission checks, revision, log entry and follow-ups.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from reversion.models import Revision

from .. import signals, workflow
from ..exceptions import ApprovalBlocked, InvalidTransition, StoryError, TransitionNotPermitted
from ..models import Article, ArticleEvent, Publication, ReviewComment, RevisionInfo, Status
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
    transaction.on_commit(
        lambda: signals.story_transitioned.send(sender=Article, event=event)
    )


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
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
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
        article, "restored" if kind == RevisionInfo.Kind.RESTORE else "edited",
        user=user, from_status=before, revision=revision, comment=comment,
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
    article: Article, publish_at: datetime | None, unpublish_at: datetime | None
) -> None:
    for label, value in (("publication", publish_at), ("unpublication", unpublish_at)):
        if value is not None and timezone.is_naive(value):
            raise StoryError(f"The {label} time needs a time zone.")
    if publish_at is None:
        raise StoryError("Give the time the story should go live.")
    if unpublish_at is not None and unpublish_at <= publish_at:
        raise StoryError("The story must come down after it goes up: check the two times.")
    if article.embargo_until and publish_at < article.embargo_until:
        raise StoryError(
            "That is before the embargo lifts at "
            f"{timezone.localtime(article.embargo_until):%Y-%m-%d %H:%M %Z}."
        )


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
    NEWSROOM_APPROVAL_CHECKS; it is logged with what it overrode. Makes a revision of the
    working copy recording the move, logs an `ArticleEvent`, and sends `story_transitioned`
    after commit.

    Raises `TransitionNotPermitted`, `InvalidTransition` (`ApprovalBlocked` when only the
    overridable checks refuse) or `StoryError`."""
    transition = workflow.TRANSITIONS.get(action)
    if transition is None:
        raise InvalidTransition(f"There is no workflow action called “{action}”.")
    now = now or timezone.now()
    article = Article.objects.select_for_update().get(pk=article.pk)
    override_reason = override_reason.strip()
    overridden = _check(transition, article, user, comment, override_reason)
    before = article.status
    fields = ["status"]
    extra: dict = {}
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
        if article.approved_revision_id and (live is None or live.revision_id != article.approved_revision_id):
            article.approved_revision = article.approved_by = article.approved_at = None
        article.scheduled_revision = article.publish_at = None
        fields += ["approved_revision", "approved_by", "approved_at", "scheduled_revision", "publish_at"]
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
        revision = article.approved_revision
        if action == "schedule":
            _validate_times(article, publish_at, unpublish_at)
        if action == "publish" or publish_at <= now:
            published_revision = revision
            article_publish_revision(article=article, revision=revision, user=user, now=now)
            article.refresh_from_db(fields=["status"])
            article.status = Status.PUBLISHED if _working_copy_is(article, revision.pk) else before
            article.scheduled_revision = article.publish_at = None
            if action == "schedule":
                article.unpublish_at = unpublish_at
            extra["published_revision"] = revision.pk
        else:
            article.scheduled_revision = revision
            article.publish_at = publish_at
            article.unpublish_at = unpublish_at
            if _working_copy_is(article, revision.pk):
                article.status = Status.SCHEDULED
            extra.update(scheduled_revision=revision.pk, publish_at=publish_at)
            if unpublish_at:
                extra["unpublish_at"] = unpublish_at
        fields += ["scheduled_revision", "publish_at", "unpublish_at"]
    elif action == "unschedule":
        extra["scheduled_revision"] = article.scheduled_revision_id
        article.scheduled_revision = article.publish_at = None
        if article.status == Status.SCHEDULED:
            article.status = Status.APPROVED
        fields += ["scheduled_revision", "publish_at"]
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
            article=article, revision=revision, author=user, body=comment.strip(),
            is_change_request=True,
        )
    event = _event(
        article, transition.name, user=user, from_status=before,
        revision=published_revision or revision, comment=comment.strip(), **extra,
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
