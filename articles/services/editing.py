"""Changing the working copy: recording an edit (`article_commit_edit`), guarding against
lost updates when two people edit one story, bringing back an earlier revision or a deleted
story, and deleting one.

An edit a reader could see sends an approved, scheduled, published or unpublished story
back to draft (`workflow.EDIT_RESETS`): besides the moves in `services.transitions`, this is
the only change of a story's `status`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from reversion.models import Revision

from contributors.models import Organisation, Person
from photos.models import Photo

from .. import snapshots, workflow
from ..exceptions import EditConflict, NotPermitted, StoryError
from ..models import (
    Article,
    Byline,
    Correction,
    Credit,
    Publication,
    RelatedLink,
    RevisionInfo,
    Section,
    Status,
    Tag,
)
from ..models.article import body_length_refusal
from ..sanitize import photo_ids
from .events import announce_after_commit, record_event
from .revisions import article_save_revision, latest_revision_info

# Kinds of revision that change the working copy's text (transitions only record a state).
_CONTENT_KINDS = (
    RevisionInfo.Kind.EDIT,
    RevisionInfo.Kind.RESTORE,
    RevisionInfo.Kind.IMPORT,
    RevisionInfo.Kind.SYSTEM,
)


def latest_content_revision(article_key: int) -> RevisionInfo | None:
    """The newest revision that changed the story's text, with its user."""
    return (
        RevisionInfo.objects.filter(article_key=article_key, kind__in=_CONTENT_KINDS)
        .select_related("revision__user")
        .order_by("-revision_id")
        .first()
    )


def article_lock_for_edit(*, article_id: int, edit_version: int | None) -> Article:
    """Lock story `article_id` for the rest of the caller's transaction and check that
    nobody has saved a change to it since the editor loaded version `edit_version`.

    Call it inside the transaction that saves the edit (the admin's change view is one):
    the row lock (PostgreSQL) or the IMMEDIATE write transaction (SQLite) makes a second
    save wait for the first, so both cannot pass this check with the same version. Returns
    the locked, fresh row. Raises `EditConflict` naming who saved and when, and
    `Article.DoesNotExist` if the story was deleted meanwhile."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("article_lock_for_edit must run inside the saving transaction.")
    article = Article.objects.select_for_update().get(pk=article_id)
    if edit_version is not None and article.edit_version == edit_version:
        return article
    latest = latest_content_revision(article.pk)
    if latest is None or edit_version is None:
        message = "This story has changed since you opened it. Reload it to see the changes."
    else:
        who = latest.revision.user
        name = (who.get_full_name() or who.get_username()) if who else "Someone"
        when = timezone.localtime(latest.revision.date_created)
        message = (
            f"{name} saved this story at {when:%Y-%m-%d %H:%M %Z} (revision "
            f"{latest.revision_id}) after you opened it. Your changes have not been saved: "
            "compare their version with yours below, merge what you need, then save again."
        )
    raise EditConflict(message, article=article, latest=latest)


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
    event = record_event(
        article=article,
        action="restored" if kind == RevisionInfo.Kind.RESTORE else "edited",
        user=user,
        from_status=before,
        revision=revision,
        comment=comment,
    )
    announce_after_commit(event)
    return revision, True


def _apply_snapshot(article: Article, snapshot) -> list[str]:
    """Make the working copy of `article` (and its parts) match `snapshot`. Rows are
    rewritten rather than reverted in place, so parts deleted or added since the revision
    come back or go away, and tags follow too. Returns notes on what could not be restored
    (people, organisations or linked stories that no longer exist)."""
    return _restore_fields(article, snapshot) + _restore_parts(article, snapshot)


def _restore_fields(article: Article, snapshot) -> list[str]:
    """The story's own fields, section and tags (saved)."""
    notes: list[str] = []
    for name in ("headline", "slug", "dek", "body", "dateline", "language", "lead_photo_caption"):
        setattr(article, name, getattr(snapshot, name))
    notes += _restore_photos(article, snapshot)
    if snapshot.section_id and Section.objects.filter(pk=snapshot.section_id).exists():
        article.section_id = snapshot.section_id
    else:
        notes.append("The section no longer exists; the current one was kept.")
    article.save()
    tags = set(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("pk", flat=True))
    if len(tags) < len(snapshot.tag_ids):
        notes.append("Some tags no longer exist and were left out.")
    article.tags.set(tags)
    return notes


def _restore_photos(article: Article, snapshot) -> list[str]:
    """The lead photo (unsaved), unless it has left the library since; notes on photos
    that have. (The body keeps its photos' figures: a figure of a deleted photo shows
    nothing, and the same id never comes back.)"""
    existing = set(Photo.objects.filter(pk__in=snapshot.photo_ids).values_list("pk", flat=True))
    notes = []
    article.lead_photo_id = snapshot.lead_photo_id if snapshot.lead_photo_id in existing else None
    if snapshot.lead_photo_id and article.lead_photo_id is None:
        notes.append("The lead photo is no longer in the photo library and was left out.")
    if gone := [pk for pk in photo_ids(snapshot.body) if pk not in existing]:
        notes.append(
            f"{len(gone)} photo(s) in the body are no longer in the photo library and will "
            "not be shown; remove them from the body."
        )
    return notes


def _restore_parts(article: Article, snapshot) -> list[str]:
    """Bylines, credits, related links and corrections, rewritten from `snapshot`, leaving
    out those whose contributor or linked story no longer exists."""
    notes: list[str] = []
    people = set(Person.objects.filter(
        pk__in=[b.person_id for b in snapshot.bylines]
        + [c.person_id for c in snapshot.credits if c.person_id]
    ).values_list("pk", flat=True))
    organisations = set(Organisation.objects.filter(
        pk__in=[b.organisation_id for b in snapshot.bylines if b.organisation_id]
        + [c.organisation_id for c in snapshot.credits if c.organisation_id]
    ).values_list("pk", flat=True))
    targets = set(Article.objects.filter(
        pk__in=[link.target_id for link in snapshot.links if link.target_id]
    ).values_list("pk", flat=True))

    article.bylines.all().delete()
    article.credits.all().delete()
    article.related_links.all().delete()
    article.corrections.all().delete()
    for position, b in enumerate(snapshot.bylines):
        if b.person_id not in people:
            notes.append("A byline's contributor no longer exists and was left out.")
            continue
        Byline.objects.create(
            article=article, person_id=b.person_id, title=b.title, bio_line=b.bio_line,
            organisation_id=b.organisation_id if b.organisation_id in organisations else None,
            position=position,
        )
    for position, c in enumerate(snapshot.credits):
        person_id = c.person_id if c.person_id in people else None
        organisation_id = c.organisation_id if c.organisation_id in organisations else None
        if person_id is None and organisation_id is None:
            notes.append("A credit's contributor no longer exists and was left out.")
            continue
        Credit.objects.create(
            article=article, person_id=person_id, organisation_id=organisation_id,
            role=c.role, location=c.location, position=position,
        )
    for position, link in enumerate(snapshot.links):
        if link.target_id and link.target_id not in targets:
            notes.append("A related story no longer exists and its link was left out.")
            continue
        RelatedLink.objects.create(
            article=article, target_id=link.target_id, url=link.url, title=link.title,
            position=position,
        )
    for kind, note, noted_at in snapshot.corrections_with_dates():
        Correction.objects.create(article=article, kind=kind, note=note, **(
            {"noted_at": noted_at} if noted_at else {}
        ))
    return notes


@transaction.atomic
def article_restore_revision(
    *, article: Article, revision: Revision, user=None, comment: str = ""
) -> tuple[Revision, list[str]]:
    """Bring back the story as `revision` recorded it, as a new revision on top of
    history (history is never rewritten). The restored text is a draft: it needs approval
    before readers see it. Returns the new revision and notes on anything left out.

    `user` (None: the system) must be able to edit the story: its owner or an editor.
    Raises `NotPermitted`, or `StoryError` if the revision is of another story."""
    if user is not None and not (
        user.is_active and user.has_perm("articles.change_article")
        and workflow.may_act_on(user, article)
    ):
        raise NotPermitted("You are not allowed to restore this story.")
    if not RevisionInfo.objects.filter(revision=revision, article_key=article.pk).exists():
        raise StoryError("That revision belongs to another story.")
    snapshot = snapshots.of_revision(revision, article.pk)
    if snapshot.slug != article.slug and (
        Article.objects.filter(slug=snapshot.slug).exclude(pk=article.pk).exists()
        or Publication.objects.filter(slug=snapshot.slug).exclude(article_id=article.pk).exists()
    ):
        raise StoryError(
            f"Another story now uses the address “{snapshot.slug}”; change it before restoring."
        )
    notes = _apply_snapshot(Article.objects.select_for_update().get(pk=article.pk), snapshot)
    new_revision, _ = article_commit_edit(
        article=article,
        user=user,
        comment=comment or f"Restored revision {revision.pk}",
        kind=RevisionInfo.Kind.RESTORE,
    )
    return new_revision, notes


@transaction.atomic
def article_recover(*, article_key: int, user=None) -> Article:
    """Bring back a deleted story from its latest revision, with the same id, as a draft.
    `user` (None: the system) must be an editor. Raises `NotPermitted`, or `StoryError` if
    the story exists or no revision of it is kept."""
    if user is not None and not (
        user.is_active and user.has_perm("articles.add_article")
        and user.has_perm("articles.change_any_article")
    ):
        raise NotPermitted("Only editors can recover deleted stories.")
    if Article.objects.filter(pk=article_key).exists():
        raise StoryError("That story has not been deleted.")
    info = (
        RevisionInfo.objects.filter(article_key=article_key).select_related("revision")
        .order_by("-revision_id").first()
    )
    if info is None:
        raise StoryError("No revision of that story is kept, so it cannot be recovered.")
    snapshot = snapshots.of_revision(info.revision, article_key)
    if (
        Article.objects.filter(slug=snapshot.slug).exists()
        or Publication.objects.filter(slug=snapshot.slug).exists()
    ):
        raise StoryError(f"Another story now uses the address “{snapshot.slug}”.")
    section_id = snapshot.section_id
    if not Section.objects.filter(pk=section_id).exists():
        raise StoryError("The story's section no longer exists; recreate it first.")
    article = Article.objects.create(
        pk=article_key, headline=snapshot.headline, slug=snapshot.slug, section_id=section_id,
        status=Status.DRAFT,
    )
    _apply_snapshot(article, snapshot)
    RevisionInfo.objects.filter(article_key=article_key).update(article=article)
    article_commit_edit(
        article=article, user=user, comment=f"Recovered from revision {info.revision_id}",
        kind=RevisionInfo.Kind.RESTORE, force=True,
    )
    return article


@transaction.atomic
def article_delete(*, article: Article, user=None) -> None:
    """Delete a story, logging who did it. Its revisions are kept, so `article_recover`
    can bring it back."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    record_event(article=article, action="deleted", user=user, from_status=article.status)
    article.delete()
