"""Reads for the machine interfaces. Every function here returns only what readers may
see: live `Publication` rows, and the people, sections and links they carry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from articles.models import Publication, PublishedByline
from contributors.models import Person


def live_stories() -> QuerySet[Publication]:
    """Live stories with everything a representation shows (`stories_with_parts`)."""
    return stories_with_parts().live()


def stories_with_parts() -> QuerySet[Publication]:
    """Publications with everything a representation shows, in a constant number of
    queries whatever the number of bylines, tags, credits or links: the story rows with
    their section and the story's creation time (one join), then bylines with their people
    and tags (one query each, for the whole page). Not only live ones: callers choose."""
    return (
        Publication.objects.select_related("section")
        .prefetch_related(
            Prefetch("bylines", queryset=PublishedByline.objects.select_related("person")),
            "tags",
        )
        .annotate(content_created=F("article__created_at"))
    )


def related_targets(publications: Iterable[Publication]) -> dict[int, Publication]:
    """The live stories that `publications` link to, by article id, in one query. A link
    to a story that is not live is left out, as on the story page."""
    ids = {
        link["article_id"]
        for publication in publications
        for link in publication.related_links
        if "article_id" in link
    }
    if not ids:
        return {}
    rows = (
        Publication.objects.live()
        .filter(article_id__in=ids)
        .only("article_id", "slug", "headline", "published_at", "updated_at", "version")
    )
    return {row.article_id: row for row in rows}


def public_people() -> QuerySet[Person]:
    """People on the byline of at least one live story: the only ones with a public page."""
    on_live_story = PublishedByline.objects.filter(
        person=OuterRef("pk"), publication__in=Publication.objects.live()
    )
    return Person.objects.filter(Exists(on_live_story)).select_related("organisation")
