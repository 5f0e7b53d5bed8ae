from __future__ import annotations

import reversion
from django.db import transaction
from reversion.models import Revision

from .. import snapshots
from ..exceptions import NotPermitted, StoryError
from ..models import Article, Publication, RevisionInfo


def latest_revision_info(article: Article) -> RevisionInfo | None:
    return (
        RevisionInfo.objects.filter(article_key=article.pk)
        .select_related("revision")
        .order_by("-revision_id")
        .first()
    )


@transaction.atomic
def article_save_revision(
    *,
    article: Article,
    user=None,
    comment: str = "",
    force: bool = False,
    kind: str = RevisionInfo.Kind.EDIT,
) -> tuple[Revision, bool]:
    """Record the story as it now stands (with its bylines, credits, links and corrections)
    as a django-reversion revision by `user` with `comment`.

    Returns `(revision, created)`. When nothing a reader could see has changed since the
    latest revision, no revision is made and that latest one is returned, so a save that
    changes nothing leaves history, and any approval of it, alone. `force` records one anyway.
    """
    snapshot = snapshots.of_article(article)
    latest = latest_revision_info(article)
    if latest and latest.content_hash == snapshot.content_hash and not force:
        return latest.revision, False
    with reversion.create_revision(manage_manually=True, atomic=False):
        reversion.set_user(user if user is not None and user.is_authenticated else None)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
        reversion.add_meta(
            RevisionInfo,
            article=article,
            article_key=article.pk,
            status=article.status,
            content_hash=snapshot.content_hash,
            kind=kind,
        )
    return latest_revision_info(article).revision, True


def _apply_snapshot(article: Article, snapshot) -> list[str]:
    """Make the working copy of `article` (and its parts) match `snapshot`. Rows are
    rewritten rather than reverted in place, so parts deleted or added since the revision
    come back or go away, and tags follow too. Returns notes on what could not be restored
    (people, organisations or linked stories that no longer exist)."""
    from contributors.models import Organisation, Person

    from ..models import Byline, Correction, Credit, RelatedLink, Section, Tag

    notes: list[str] = []
    for name in (
        "headline", "slug", "dek", "body", "dateline", "language",
        "lead_image_alt", "lead_image_caption", "lead_image_credit",
    ):
        setattr(article, name, getattr(snapshot, name))
    article.lead_image.name = snapshot.lead_image or ""
    if snapshot.section_id and Section.objects.filter(pk=snapshot.section_id).exists():
        article.section_id = snapshot.section_id
    else:
        notes.append("The section no longer exists; the current one was kept.")
    article.save()
    tags = set(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("pk", flat=True))
    if len(tags) < len(snapshot.tag_ids):
        notes.append("Some tags no longer exist and were left out.")
    article.tags.set(tags)

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
    from .. import snapshots, workflow
    from .workflow import article_commit_edit

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
    from .. import snapshots
    from ..models import Status

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
    from ..models import Section

    section_id = snapshot.section_id
    if not Section.objects.filter(pk=section_id).exists():
        raise StoryError("The story's section no longer exists; recreate it first.")
    article = Article.objects.create(
        pk=article_key, headline=snapshot.headline, slug=snapshot.slug, section_id=section_id,
        status=Status.DRAFT,
    )
    _apply_snapshot(article, snapshot)
    RevisionInfo.objects.filter(article_key=article_key).update(article=article)
    from .workflow import article_commit_edit

    article_commit_edit(
        article=article, user=user, comment=f"Recovered from revision {info.revision_id}",
        kind=RevisionInfo.Kind.RESTORE, force=True,
    )
    return article
