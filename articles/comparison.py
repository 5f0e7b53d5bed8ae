"""Comparing two snapshots of a story field by field, for the compare page and the
edit-conflict notice.

Each field becomes a list of lines a person can read (the paragraphs of the body, one line
per byline, credit, link or correction) and the lines are compared with `articles.diff`,
so a change shows as words struck out on one side and inserted on the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from contributors.models import Organisation, Person
from photos.models import Photo

from .credits import credit_line
from .diff import DiffRow, lines_diff, paragraphs
from .models import Article, Section, Tag
from .snapshots import Snapshot
from .story import Names, credit_entries, names_for


@dataclass(frozen=True)
class FieldComparison:
    label: str
    rows: list[DiffRow]

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


class _Lookups:
    """Names of everything either snapshot refers to, fetched once."""

    def __init__(self, *snapshots: Snapshot) -> None:
        names = [names_for(s) for s in snapshots]
        self.names = Names(
            people={k: v for n in names for k, v in n.people.items()},
            organisations={k: v for n in names for k, v in n.organisations.items()},
        )
        self.sections = Section.objects.in_bulk({s.section_id for s in snapshots if s.section_id})
        self.tags = Tag.objects.in_bulk({pk for s in snapshots for pk in s.tag_ids})
        self.photos = dict(
            Photo.objects.filter(
                pk__in={s.lead_photo_id for s in snapshots if s.lead_photo_id}
            ).values_list("pk", "title")
        )
        self.stories = dict(
            Article.objects.filter(
                pk__in={link.target_id for s in snapshots for link in s.links if link.target_id}
            ).values_list("pk", "headline")
        )

    def person(self, pk: int | None) -> str:
        person: Person | None = self.names.person(pk)
        return person.name if person else (f"(deleted contributor {pk})" if pk else "")

    def organisation(self, pk: int | None) -> str:
        if not pk:
            return ""
        organisation: Organisation | None = self.names.organisations.get(pk)
        return organisation.name if organisation else f"(deleted organisation {pk})"


def _byline_lines(snapshot: Snapshot, lookups: _Lookups) -> list[str]:
    lines = []
    for byline in snapshot.bylines:
        details = ", ".join(
            part for part in (byline.title, lookups.organisation(byline.organisation_id)) if part
        )
        line = lookups.person(byline.person_id) + (f" — {details}" if details else "")
        if byline.bio_line:
            line += f". Bio: {byline.bio_line}"
        lines.append(line)
    return lines


def _credit_lines(snapshot: Snapshot, lookups: _Lookups) -> list[str]:
    # One line per credit, each phrased as the credit line would phrase it alone.
    return [credit_line([entry]) for entry in credit_entries(snapshot, lookups.names)]


def _link_lines(snapshot: Snapshot, lookups: _Lookups) -> list[str]:
    lines = []
    for link in snapshot.links:
        if link.target_id:
            headline = lookups.stories.get(link.target_id, f"(deleted story {link.target_id})")
            lines.append(f"Our story: {headline}")
        else:
            lines.append(f"{link.title} <{link.url}>")
    return lines


def _correction_lines(snapshot: Snapshot) -> list[str]:
    return [
        f"{kind.capitalize()}, {noted_at:%Y-%m-%d}: {note}" if noted_at else f"{kind}: {note}"
        for kind, note, noted_at in snapshot.corrections_with_dates()
    ]


def _one(value: str) -> list[str]:
    return [value] if value else []


def compare(old: Snapshot, new: Snapshot, *, context: int = 2) -> list[FieldComparison]:
    """`old` and `new` field by field, in the order the story reads."""
    lookups = _Lookups(old, new)

    def section(s: Snapshot) -> list[str]:
        found = lookups.sections.get(s.section_id)
        return _one(found.name if found else "")

    def tags(s: Snapshot) -> list[str]:
        return sorted(lookups.tags[pk].name for pk in s.tag_ids if pk in lookups.tags)

    def image(s: Snapshot) -> list[str]:
        if not s.lead_photo_id:
            return []
        title = lookups.photos.get(s.lead_photo_id, "(deleted from the library)")
        lines = [f"Photo {s.lead_photo_id}: {title}"]
        if s.lead_photo_caption:
            lines.append(f"Caption: {s.lead_photo_caption}")
        return lines

    fields = [
        ("Headline", lambda s: _one(s.headline), None),
        ("Web address", lambda s: _one(s.slug), None),
        ("Dek", lambda s: _one(s.dek), None),
        ("Section", section, None),
        ("Dateline", lambda s: _one(s.dateline), None),
        ("Body", lambda s: paragraphs(s.body), context),
        ("Bylines", lambda s: _byline_lines(s, lookups), None),
        ("Credits", lambda s: _credit_lines(s, lookups), None),
        ("Related links", lambda s: _link_lines(s, lookups), None),
        ("Corrections", _correction_lines, None),
        ("Tags", tags, None),
        ("Lead photo", image, None),
        ("Language", lambda s: _one(s.language), None),
    ]
    return [
        FieldComparison(label, lines_diff(lines(old), lines(new), context=fold))
        for label, lines, fold in fields
    ]
