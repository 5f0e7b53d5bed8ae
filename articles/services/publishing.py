"""Making a revision what readers see, and taking it down again: the `Publication` record.

Every path that publishes (an editor's button, the schedule, the sweep, the importer) goes
through the `publish` move (`services.transitions`), which calls `article_publish_revision`,
so each gets the same checks, record and side effects. These functions write the public
record only; the working copy's `status` is the transition's to set.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from reversion.models import Revision

from .. import images, signals, snapshots, story
from ..credits import credit_line
from ..exceptions import NotReadyToPublish, StoryError
from ..models import Article, Publication, PublishedByline
from ..selectors import is_web_url
from ..snapshots import Snapshot


def check_publishable(snapshot: Snapshot) -> None:
    """Raise `NotReadyToPublish` listing what `snapshot` lacks to be shown to readers."""
    missing = []
    if not snapshot.headline.strip():
        missing.append("a headline")
    if not snapshot.body.strip():
        missing.append("a body")
    if not snapshot.section_id:
        missing.append("a section")
    if not snapshot.bylines:
        missing.append("at least one byline")
    if missing:
        raise NotReadyToPublish(
            "This version cannot be published: it needs " + ", ".join(missing) + "."
        )


def publication_fields(
    snapshot: Snapshot, revision: Revision, *, names: story.Names | None = None
) -> tuple[dict, list[PublishedByline]]:
    """The `Publication` fields and the `PublishedByline` rows (without their publication)
    that publishing `revision`, whose content is `snapshot`, writes. `names` saves the two
    look-ups of people and organisations when the caller already has them (bulk loaders)."""
    names = names or story.names_for(snapshot)
    entries = story.credit_entries(snapshot, names)
    fields = {
        "revision": revision,
        "slug": snapshot.slug,
        "headline": snapshot.headline,
        "dek": snapshot.dek,
        "body": story.sanitize_body(snapshot.body),
        "dateline": snapshot.dateline,
        "language": snapshot.language,
        "section_id": snapshot.section_id,
        **images.published_fields(snapshot),
        "credits": [
            {"entry": asdict(entry), "person_id": credit.person_id}
            for entry, credit in zip(entries, snapshot.credits, strict=True)
        ],
        "credit_line": credit_line(entries),
        "related_links": [
            {"article_id": link.target_id}
            if link.target_id
            else {"url": link.url, "title": link.title}
            for link in snapshot.links
            if link.target_id or is_web_url(link.url)
        ],
        "corrections": [asdict(c) for c in snapshot.corrections],
    }
    bylines = [
        PublishedByline(
            person_id=b.person_id,
            position=index,
            title=b.title,
            outlet=names.organisation_name(b.organisation_id),
            bio_line=b.bio_line,
        )
        for index, b in enumerate(snapshot.bylines)
    ]
    return fields, bylines


@transaction.atomic
def article_publish_revision(
    *,
    article: Article,
    revision: Revision,
    user=None,
    now: datetime | None = None,
    visible_from: datetime | None = None,
    visible_until: datetime | None = None,
) -> Publication:
    """Make `revision` of `article` the story readers see, from `visible_from` (default
    now) until `visible_until` (default: until withdrawn). Idempotent: publishing the
    revision that is already live changes nothing.

    Raises `NotReadyToPublish` if the revision lacks a headline, body, section or byline,
    and `StoryError` if another live story already has its web address."""
    now = now or timezone.now()
    article = Article.objects.select_for_update().get(pk=article.pk)
    snapshot = snapshots.of_revision(revision, article.pk)
    check_publishable(snapshot)
    if Publication.objects.filter(slug=snapshot.slug).exclude(article=article).exists():
        raise StoryError(f"Another published story already uses the address “{snapshot.slug}”.")

    publication = Publication.objects.select_for_update().filter(article=article).first()
    current = publication is not None and publication.is_current
    if current and publication.revision_id == revision.pk:
        return publication

    fields, bylines = publication_fields(snapshot, revision)
    fields.update(visible_from=visible_from or now, visible_until=visible_until, withdrawn_at=None)
    first_time = publication is None
    if first_time:
        publication = Publication.objects.create(article=article, published_at=now, **fields)
    else:
        for name, value in fields.items():
            setattr(publication, name, value)
        publication.updated_at = now
        publication.version += 1
        publication.save()
        publication.bylines.all().delete()
    for byline in bylines:
        byline.publication = publication
    PublishedByline.objects.bulk_create(bylines)
    publication.tags.set(snapshot.tag_ids)
    transaction.on_commit(
        lambda: signals.story_published.send(
            sender=Publication, publication=publication, user=user, first_time=first_time
        )
    )
    return publication


@transaction.atomic
def article_unpublish(*, article: Article, user=None, now: datetime | None = None) -> Publication:
    """Withdraw `article` from readers. Its `Publication` stays, marked withdrawn, so the
    record of what was published is kept. Raises `StoryError` if it is not published."""
    now = now or timezone.now()
    publication = Publication.objects.select_for_update().filter(article=article).first()
    if publication is None or not publication.is_current:
        raise StoryError("This story is not published.")
    publication.withdrawn_at = now
    publication.version += 1
    publication.save(update_fields=["withdrawn_at", "version"])
    transaction.on_commit(
        lambda: signals.story_unpublished.send(
            sender=Publication, publication=publication, user=user
        )
    )
    return publication
