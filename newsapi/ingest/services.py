"""Ingesting an item: a new story, or a new version of the story the item already became.

Idempotent by the item's `uri`. Each version that changes something is one new revision of
the same story (kind "import"), never a duplicate story. When the desk has changed a
field since the last wire version, the desk's value stays in the working copy and the wire
version is still kept as its own revision, so an editor can compare the two in the
story's history; fields the desk has not touched take the wire's new text. Everything goes
through the story services (`article_commit_edit`, `article_transition`), so an ingested
story is a draft in the normal workflow unless its token may publish and asks to.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from rest_framework import status

from articles import snapshots
from articles.exceptions import NotPermitted
from articles.models import Article, RevisionInfo, Status
from articles.services import article_commit_edit, article_transition

from ..models import ApiToken, IngestItem
from ..problems import Problem
from . import importer
from .formats import WireCopy

_LABELS = {
    "headline": "headline",
    "body": "body",
    "dateline": "dateline",
    "bylines": "bylines",
    "credits": "credits",
    "dek": "dek",
    "section_id": "section",
    "tag_ids": "tags",
}
# The workflow move that takes a story one step closer to live, by state.
_TOWARDS_LIVE = {
    Status.DRAFT: "submit",
    Status.CHANGES_REQUESTED: "submit",
    Status.SUBMITTED: "approve",
    Status.APPROVED: "publish",
}


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did. `result`: created, updated, unchanged, or merged (the desk's
    changes kept beside the wire's); `kept`: the fields whose desk value was kept."""

    item: IngestItem
    article: Article
    result: str
    revision_id: int | None
    kept: tuple[str, ...] = ()
    published: bool = False


def _is_newer(version: str, than: str) -> bool | None:
    """Whether `version` comes after `than`: True, False, or None when they are equal
    (a resend of the same version). Numbers compare as numbers; other labels cannot be
    ordered, so any different label counts as newer."""
    if version == than:
        return None
    if version.isdigit() and than.isdigit():
        return int(version) > int(than)
    return True


def _check_may_edit(user, article: Article) -> None:
    if not (
        user.has_perm("articles.change_article")
        and Article.objects.editable_by(user).filter(pk=article.pk).exists()
    ):
        raise NotPermitted(f"{user.get_username()} may not change the story this item became.")


def _publish(article: Article, user) -> bool:
    """Move `article` through the workflow to live, as `user` (whose permissions apply)."""
    for _ in range(len(_TOWARDS_LIVE)):
        article.refresh_from_db(fields=["status"])
        action = _TOWARDS_LIVE.get(article.status)
        if action is None:
            break
        article_transition(article=article, action=action, user=user, comment="Ingested")
    article.refresh_from_db(fields=["status"])
    return article.status == Status.PUBLISHED


def _merge(
    base: importer.StoryContent | None,
    desk: importer.StoryContent,
    wire: importer.StoryContent,
) -> tuple[importer.StoryContent, list[str]]:
    """The working copy after a wire version: for each field the wire sent, the wire's
    value unless the desk changed the field since the last wire version (`base`; None:
    unknown, so the desk's whole text is kept). Returns it and the fields kept."""
    values, kept = {}, []
    for name in (f.name for f in fields(importer.StoryContent)):
        theirs, ours = getattr(wire, name), getattr(desk, name)
        if theirs is None:
            values[name] = ours
        elif ours != theirs and (base is None or ours != getattr(base, name)):
            values[name] = ours
            kept.append(_LABELS[name])
        else:
            values[name] = theirs
    return importer.StoryContent(**values), kept


def _base(item: IngestItem, article: Article) -> importer.StoryContent | None:
    if item.wire_revision_id is None:
        return None
    return importer.StoryContent.of(snapshots.of_revision(item.wire_revision, article.pk))


def _unchanged(base: importer.StoryContent | None, wire: importer.StoryContent) -> bool:
    return base is not None and all(getattr(base, n) == getattr(wire, n) for n in wire.sent())


def _wire_over(desk: importer.StoryContent, wire: importer.StoryContent) -> importer.StoryContent:
    """`desk` with every field the wire sent replaced by the wire's."""
    return importer.StoryContent(
        **{
            f.name: getattr(desk, f.name)
            if getattr(wire, f.name) is None
            else getattr(wire, f.name)
            for f in fields(importer.StoryContent)
        }
    )


def _update(item: IngestItem, copy: WireCopy, *, user, source: str) -> IngestResult:
    article = Article.objects.select_for_update().get(pk=item.article_id)
    _check_may_edit(user, article)
    wire = importer.wire_content(copy, user=user, source=source)
    base = _base(item, article)
    if _unchanged(base, wire):
        return IngestResult(item, article, "unchanged", item.wire_revision_id)
    desk = importer.StoryContent.of(snapshots.of_article(article))
    merged, kept = _merge(base, desk, wire)
    # The wire version as sent, on record whatever the desk did...
    importer.write(article, _wire_over(desk, wire))
    revision, _ = article_commit_edit(
        article=article,
        user=user,
        comment=f"Wire version {copy.version or item.received + 1} of {copy.uri}",
        kind=RevisionInfo.Kind.IMPORT,
    )
    item.wire_revision = revision
    if not kept:
        return IngestResult(item, article, "updated", revision.pk)
    # ...then the desk's changes back on top of it, as the working copy.
    importer.write(article, merged)
    article_commit_edit(
        article=article,
        user=None,
        comment=f"Kept the desk's {', '.join(kept)} over wire revision {revision.pk}",
        kind=RevisionInfo.Kind.EDIT,
    )
    return IngestResult(item, article, "merged", revision.pk, kept=tuple(kept))


@transaction.atomic
def item_ingest(
    *, copy: WireCopy, user, token: ApiToken | None = None, publish: bool = False
) -> IngestResult:
    """Create the story `copy` describes, or apply it as a new version of the story its
    `uri` already became. With `publish` (the caller has checked the token's scope), move
    the story to live through the workflow as `user`; not when the desk's changes were
    kept, which only an editor may publish.

    Raises `Problem` 409 for an older version than the last one received, and what the
    story services raise: `StoryError` (the copy cannot make a story), `NotPermitted` and
    `TransitionNotPermitted` (the user may not)."""
    source = f"{copy.uri} (API{f', token {token.prefix}…' if token else ''})"
    try:
        with transaction.atomic():
            item, _ = IngestItem.objects.get_or_create(uri=copy.uri)
    except IntegrityError as error:  # the same item arriving twice at once
        raise Problem(
            "This item is being ingested by another request; send it again.",
            status_code=status.HTTP_409_CONFLICT,
            code="busy",
        ) from error
    item = IngestItem.objects.select_for_update().get(pk=item.pk)
    newer = _is_newer(copy.version, item.version) if copy.version and item.version else True
    if item.received and item.article_id and newer is None:  # a resend: nothing to do
        return IngestResult(item, item.article, "unchanged", item.wire_revision_id)
    if item.received and newer is False:
        raise Problem(
            f"Version {copy.version} is older than version {item.version}, already received.",
            status_code=status.HTTP_409_CONFLICT,
            code="stale-version",
        )
    if item.article_id is None:
        article = importer.story_create(copy, user=user, publish=publish, source=source)
        info = (
            RevisionInfo.objects.filter(article_key=article.pk, kind=RevisionInfo.Kind.IMPORT)
            .order_by("revision_id")
            .first()
        )
        item.article, item.wire_revision = article, info.revision if info else None
        result = IngestResult(
            item,
            article,
            "created",
            item.wire_revision_id,
            published=article.status == Status.PUBLISHED,
        )
    else:
        result = _update(item, copy, user=user, source=source)
        if publish and result.result == "updated":
            result = IngestResult(
                item,
                result.article,
                result.result,
                result.revision_id,
                published=_publish(result.article, user),
            )
    item.version = copy.version or item.version
    item.received += 1
    item.last_token = token
    item.save()
    return result
