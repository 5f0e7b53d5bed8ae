"""Review comments: notes between reporters and editors about a revision of a story."""

from __future__ import annotations

from django.db import transaction
from reversion.models import Revision

from .. import workflow
from ..exceptions import NotPermitted, StoryError
from ..models import Article, ReviewComment, RevisionInfo
from .events import record_event
from .revisions import latest_revision_info

MAX_COMMENT_CHARS = 5000


def may_comment(user, article: Article) -> bool:
    return (
        user is not None
        and user.is_active
        and (user.has_perm("articles.submit_article") or user.has_perm("articles.review_article"))
        and workflow.may_act_on(user, article)
    )


@transaction.atomic
def review_comment_add(
    *, article: Article, user, body: str, revision: Revision | None = None
) -> ReviewComment:
    """Add `user`'s comment `body` on `revision` of `article` (default: its latest).

    Reporters comment on their own stories, editors on any. Raises `NotPermitted`, or
    `StoryError` for an empty or overlong comment or a revision of another story."""
    if not may_comment(user, article):
        raise NotPermitted("You are not allowed to comment on this story.")
    body = body.strip()
    if not body:
        raise StoryError("Write a comment first.")
    if len(body) > MAX_COMMENT_CHARS:
        raise StoryError(f"A comment may be at most {MAX_COMMENT_CHARS:,} characters.")
    if revision is None:
        latest = latest_revision_info(article)
        revision = latest.revision if latest else None
    elif not RevisionInfo.objects.filter(revision=revision, article_key=article.pk).exists():
        raise StoryError("That revision belongs to another story.")
    comment = ReviewComment.objects.create(
        article=article, revision=revision, author=user, body=body
    )
    record_event(
        article=article,
        action="commented",
        user=user,
        from_status=article.status,
        revision=revision,
        comment=body[:500],
    )
    return comment
