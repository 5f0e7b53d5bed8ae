"""Reads for the public site. Every function here returns only live stories."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from contributors.models import Person

from .models import Publication, PublishedByline, Section, Tag


def live_publications():
    return Publication.objects.live().for_listing().latest_first()


# Above this many stories, a tag's or an author's list is read by walking all live stories
# newest first and keeping theirs; below it, by reading all of theirs and sorting them.
WALK_FROM = 200


def _belonging_to(links) -> object:
    """Live stories, newest first, that have a row in `links` (a queryset of
    PublishedByline or tag rows, filtered to one author or tag).

    Reading all of a prolific author's or a popular tag's stories to sort them costs in
    proportion to their number (7,000 stories of a popular tag: 150 ms on PostgreSQL, more
    on SQLite); walking the newest-first index and checking each story costs in proportion
    to how rare they are. So the number of rows, counted up to WALK_FROM (a bounded,
    index-only count), picks the cheaper way, which SQLite's planner cannot (it keeps no
    statistics on how values are spread)."""
    many = links[:WALK_FROM].count() >= WALK_FROM
    if many:
        return live_publications().filter(Exists(links.filter(publication_id=OuterRef("pk"))))
    return live_publications().filter(pk__in=links.values("publication_id"))


def tagged(tag) -> object:
    """Live stories tagged `tag`, newest first."""
    return _belonging_to(Publication.tags.through.objects.filter(tag=tag))


def by_author(person) -> object:
    """Live stories with `person` on the byline, newest first."""
    return _belonging_to(PublishedByline.objects.filter(person=person))


# Sections, authors and tags are public only through what is published: the page, feed or
# navigation link of a section, byline or topic that so far belongs only to drafts,
# scheduled or embargoed stories would name them before their time.
PUBLIC_ONLY_WHILE_LIVE = (Section, Person, Tag)


def live_sections() -> QuerySet[Section]:
    """Sections a live story carries, in their navigation order: the only ones the public
    site names (`hidden_until_live` is the same rule for one section's page)."""
    return Section.objects.filter(
        Exists(Publication.objects.live().filter(section_id=OuterRef("pk")))
    )


def hidden_until_live(subject, shown: Sequence, stories: QuerySet | None = None) -> bool:
    """Whether the page or feed of `subject` (a section, author or tag) must be a 404
    because none of its stories is live. `shown` is what the page or feed read of its live
    stories; only when that is empty and may not start at the newest (a page further back)
    is `stories`, all of them, asked. So it costs nothing while there is something to show.
    """
    if not isinstance(subject, PUBLIC_ONLY_WHILE_LIVE) or shown:
        return False
    return stories is None or not stories.exists()


@dataclass(frozen=True)
class ListingPage:
    """One page of a list of stories, newest first, with cursors to the pages either side
    (None where there is none)."""

    stories: list[Publication]
    older: str | None
    newer: str | None


def _moment(stamp: str) -> datetime | None:
    """The time in a cursor, or None for one that is not a real time: cursors come from
    the address bar, and parse_datetime raises on “2026-13-45” rather than returning None,
    and a time at the very end of the calendar cannot be converted to UTC. Our own
    cursors hold aware times; one without an offset is read as UTC."""
    try:
        moment = parse_datetime(stamp)
        if moment is not None:
            moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return moment


def _position(cursor: str | None) -> tuple[datetime, int] | None:
    decoded = _decode(cursor)
    if decoded is None or decoded[0] != "a":
        return None
    stamp, _, pk = decoded[1].rpartition("|")
    moment = _moment(stamp)
    return (moment, int(pk)) if moment is not None and pk.isdigit() else None


def _older_than(moment: datetime, pk: int) -> Q:
    """Stories before (`moment`, `pk`) in newest-first order. The redundant
    `published_at <= moment` lets the database start its index scan at the cursor instead
    of reading and discarding every newer story."""
    return Q(published_at__lte=moment) & (
        Q(published_at__lt=moment) | Q(published_at=moment, id__lt=pk)
    )


def _newer_than(moment: datetime, pk: int) -> Q:
    return Q(published_at__gte=moment) & (
        Q(published_at__gt=moment) | Q(published_at=moment, id__gt=pk)
    )


def _cursor(publication: Publication) -> str:
    return _encode("a", f"{publication.published_at.isoformat()}|{publication.pk}")


def listing_page(
    queryset, *, before: str | None = None, after: str | None = None, size: int
) -> ListingPage:
    """The page of `queryset` (live stories, newest first) that comes just after cursor
    `before` (older stories) or just before cursor `after` (newer ones); the first page
    without either, or with a cursor that does not decode.

    Keyset pagination: each page is one indexed range read of `size + 1` rows, with no
    COUNT(*) and no OFFSET, so the 500th page of a 15-year archive costs what the first
    does, and a story published while a reader pages through never shifts a page."""
    older_than, newer_than = _position(before), _position(after)
    if newer_than is not None:
        moment, pk = newer_than
        rows = list(
            queryset.filter(_newer_than(moment, pk)).order_by("published_at", "id")[: size + 1]
        )
        more_newer = len(rows) > size
        stories = rows[:size][::-1]
        return ListingPage(
            stories,
            older=_cursor(stories[-1]) if stories else None,
            newer=_cursor(stories[0]) if stories and more_newer else None,
        )
    if older_than is not None:
        moment, pk = older_than
        queryset = queryset.filter(_older_than(moment, pk))
    rows = list(queryset.order_by("-published_at", "-id")[: size + 1])
    stories = rows[:size]
    return ListingPage(
        stories,
        older=_cursor(stories[-1]) if len(rows) > size else None,
        newer=_cursor(stories[0]) if stories and older_than is not None else None,
    )


def publication_for_page(slug: str) -> Publication | None:
    """The live story at `slug`, with what its page shows, or None."""
    return (
        Publication.objects.live()
        .select_related("section")
        .prefetch_related(
            Prefetch("bylines", queryset=PublishedByline.objects.select_related("person")),
            "tags",
        )
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class RelatedItem:
    title: str
    url: str
    is_external: bool
    published_at: datetime | None = None
    section: str = ""


@dataclass(frozen=True)
class RelatedPage:
    items: list[RelatedItem]
    next_cursor: str | None


def _encode(kind: str, value: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}|{value}".encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> tuple[str, str] | None:
    """("c", index) or ("a", "iso-time|id"), or None for the first page or a bad cursor."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    kind, _, value = raw.partition("|")
    return (kind, value) if kind in ("c", "a") else None


def is_web_url(url: str) -> bool:
    """Only http(s) links reach readers, whatever got into the database."""
    return urlsplit(url.strip()).scheme.lower() in ("http", "https") if url else False


# What a related item shows: not the bodies of up to 20 other stories.
_ITEM_FIELDS = ("article_id", "slug", "headline", "published_at", "section", "section__name")


def _curated(publication: Publication) -> list[tuple[int, RelatedItem]]:
    """Curated links in their order, each with its position among all the story's curated
    links; internal ones only while their target is live."""
    target_ids = [link["article_id"] for link in publication.related_links if "article_id" in link]
    live_targets = {
        p.article_id: p
        for p in Publication.objects.live()
        .filter(article_id__in=target_ids)
        .select_related("section")
        .only(*_ITEM_FIELDS)
    }
    items = []
    for index, link in enumerate(publication.related_links):
        if "article_id" in link:
            target = live_targets.get(link["article_id"])
            if target is not None and target.pk != publication.pk:
                item = RelatedItem(
                    target.headline,
                    target.get_absolute_url(),
                    False,
                    target.published_at,
                    target.section.name,
                )
                items.append((index, item))
        elif is_web_url(link.get("url", "")):
            items.append((index, RelatedItem(link.get("title") or link["url"], link["url"], True)))
    return items


def _automatic(publication: Publication):
    """Live stories sharing a tag or the section, newest first, excluding the story and
    its curated targets."""
    tag_ids = [tag.pk for tag in publication.tags.all()]
    # EXISTS, checked for each candidate as the newest-first index is walked, stops after
    # a page; `pk IN (all stories with these tags)` would read every story of a popular
    # tag on each request, a cost that grows with the archive.
    shares_tag = Exists(
        Publication.tags.through.objects.filter(publication_id=OuterRef("pk"), tag_id__in=tag_ids)
    )
    curated_ids = [link["article_id"] for link in publication.related_links if "article_id" in link]
    return (
        Publication.objects.live()
        .filter(Q(section_id=publication.section_id) | shares_tag)
        .exclude(pk=publication.pk)
        .exclude(article_id__in=curated_ids)
        .select_related("section")
        .only(*_ITEM_FIELDS)
        .order_by("-published_at", "-id")
    )


def related_page(
    publication: Publication, *, cursor: str | None = None, size: int = 5
) -> RelatedPage:
    """One page of “In Other News”: curated links first, then automatic ones.

    Pages continue from a cursor: while in the curated links, a position among all of
    them (shown or not) and the time the first page was made; then the publication time
    and id of the last automatic item shown. So stories published, and curated targets
    going live or dark, while a reader pages through never make an item repeat or push
    one off the next page, and stories newer than the first page never slip in."""
    position = _decode(cursor)
    items: list[RelatedItem] = []
    after: tuple[datetime, int] | None = None
    as_of: datetime | None = timezone.now() if position is None else None
    if position is None or position[0] == "c":
        start = 0
        if position is not None:
            index, _, stamp = position[1].partition("|")
            start = int(index) if index.isdigit() else 0
            as_of = _moment(stamp) if stamp else None
        remaining = [(index, item) for index, item in _curated(publication) if index >= start]
        items = [item for _, item in remaining[:size]]
        if len(remaining) > size:
            return RelatedPage(items, _encode("c", f"{remaining[size][0]}|{_iso(as_of)}"))
    elif position[1]:
        stamp, _, pk = position[1].rpartition("|")
        moment = _moment(stamp) if stamp else None
        if pk:
            if moment is None or not pk.isdigit():
                return RelatedPage([], None)
            after = (moment, int(pk))
        elif stamp and moment is None:
            return RelatedPage([], None)
        else:
            as_of = moment  # the curated links filled the page before exactly

    wanted = size - len(items)
    query = _automatic(publication)
    if as_of is not None:
        query = query.filter(published_at__lte=as_of)
    if after is not None:
        moment, pk = after
        query = query.filter(_older_than(moment, pk))
    rows = list(query[: wanted + 1])
    for row in rows[:wanted]:
        items.append(
            RelatedItem(
                row.headline, row.get_absolute_url(), False, row.published_at, row.section.name
            )
        )
    next_cursor = None
    if len(rows) > wanted and wanted > 0:
        last = rows[wanted - 1]
        next_cursor = _encode("a", f"{last.published_at.isoformat()}|{last.pk}")
    elif wanted == 0 and rows:
        next_cursor = _encode("a", f"{_iso(as_of)}|")  # the curated links filled this page
    return RelatedPage(items, next_cursor)


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""
