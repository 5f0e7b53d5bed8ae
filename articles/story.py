"""What a reader sees of one story, ready for a template.

The same `StoryView` is built from a live `Publication` (the public page) or from a
`Snapshot` of a revision or the working copy (previews and share links), so a preview looks
exactly like the page it previews.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString

from contributors.models import Organisation, Person

from . import images
from .credits import CreditEntry, credit_line
from .images import ShownPhoto
from .models import Publication, Section, Tag
from .sanitize import sanitize_body
from .snapshots import Snapshot


@dataclass(frozen=True)
class BylineView:
    name: str
    url: str
    title: str = ""
    outlet: str = ""
    bio_line: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class CorrectionView:
    kind: str
    note: str
    noted_at: datetime | None

    @property
    def label(self) -> str:
        return self.kind.capitalize()


@dataclass
class StoryView:
    headline: str
    slug: str
    dek: str
    body: SafeString
    dateline: str
    language: str
    section: Section | None
    tags: list[Tag]
    bylines: list[BylineView]
    credits: list[CreditEntry]
    credit_line: str
    corrections: list[CorrectionView]
    lead_photo: ShownPhoto | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    article_id: int | None = None
    is_preview: bool = False
    related_links: list[dict] = field(default_factory=list)

    @property
    def byline_names(self) -> list[str]:
        return [b.name for b in self.bylines]

    @property
    def bio_lines(self) -> list[str]:
        return [b.bio_line for b in self.bylines if b.bio_line]


def from_publication(publication: Publication) -> StoryView:
    """The live story, its photos' text as published. Expects `bylines__person` and
    `tags` prefetched."""
    lead, inline = images.shown_published(publication)
    return StoryView(
        headline=publication.headline,
        slug=publication.slug,
        dek=publication.dek,
        body=images.render_body(publication.body, inline),  # sanitised when published
        dateline=publication.dateline,
        language=publication.language,
        section=publication.section,
        tags=list(publication.tags.all()),
        bylines=[
            BylineView(
                name=b.person.name,
                url=b.person.get_absolute_url(),
                title=b.title,
                outlet=b.outlet,
                bio_line=b.bio_line,
                person_id=b.person_id,
            )
            for b in publication.bylines.all()
        ],
        credits=[CreditEntry(**c["entry"]) for c in publication.credits],
        credit_line=publication.credit_line,
        corrections=[
            CorrectionView(c["kind"], c["note"], _parse(c["noted_at"]))
            for c in publication.corrections
        ],
        lead_photo=lead,
        published_at=publication.published_at,
        updated_at=publication.updated_at,
        article_id=publication.article_id,
        related_links=publication.related_links,
    )


def _parse(value: str) -> datetime | None:
    return parse_datetime(value) if value else None


@dataclass(frozen=True)
class Names:
    """People and organisations a snapshot refers to, fetched in two queries."""

    people: dict[int, Person]
    organisations: dict[int, Organisation]

    def person(self, pk: int | None) -> Person | None:
        return self.people.get(pk) if pk else None

    def organisation_name(self, pk: int | None) -> str:
        organisation = self.organisations.get(pk) if pk else None
        return organisation.name if organisation else ""


def names_for(snapshot: Snapshot) -> Names:
    person_ids = {b.person_id for b in snapshot.bylines} | {
        c.person_id for c in snapshot.credits if c.person_id
    }
    organisation_ids = {b.organisation_id for b in snapshot.bylines if b.organisation_id} | {
        c.organisation_id for c in snapshot.credits if c.organisation_id
    }
    return Names(
        people=Person.objects.in_bulk(person_ids),
        organisations=Organisation.objects.in_bulk(organisation_ids),
    )


def credit_entries(snapshot: Snapshot, names: Names) -> list[CreditEntry]:
    entries = []
    for credit in snapshot.credits:
        person = names.person(credit.person_id)
        entries.append(
            CreditEntry(
                person=person.name if person else "",
                organisation=names.organisation_name(credit.organisation_id),
                role=credit.role,
                location=credit.location,
            )
        )
    return entries


def byline_views(snapshot: Snapshot, names: Names) -> list[BylineView]:
    views = []
    for byline in snapshot.bylines:
        person = names.person(byline.person_id)
        views.append(
            BylineView(
                name=person.name if person else "Unknown contributor",
                url=person.get_absolute_url() if person else "",
                title=byline.title,
                outlet=names.organisation_name(byline.organisation_id),
                bio_line=byline.bio_line,
                person_id=byline.person_id,
            )
        )
    return views


def from_snapshot(snapshot: Snapshot, *, published_at=None, updated_at=None) -> StoryView:
    """A preview of `snapshot`, drawn as its public page would be."""
    names = names_for(snapshot)
    entries = credit_entries(snapshot, names)
    lead, inline = images.shown_now(snapshot)
    return StoryView(
        headline=snapshot.headline,
        slug=snapshot.slug,
        dek=snapshot.dek,
        body=images.render_body(sanitize_body(snapshot.body), inline),
        dateline=snapshot.dateline,
        language=snapshot.language,
        section=Section.objects.filter(pk=snapshot.section_id).first(),
        tags=list(Tag.objects.filter(pk__in=snapshot.tag_ids)),
        bylines=byline_views(snapshot, names),
        credits=entries,
        credit_line=credit_line(entries),
        corrections=[
            CorrectionView(kind, note, noted_at)
            for kind, note, noted_at in snapshot.corrections_with_dates()
        ],
        lead_photo=lead,
        published_at=published_at,
        updated_at=updated_at,
        article_id=snapshot.article_id,
        is_preview=True,
        related_links=[
            {"article_id": link.target_id}
            if link.target_id
            else {"url": link.url, "title": link.title}
            for link in snapshot.links
        ],
    )
