"""A story's content at one moment, as plain data.

A `Snapshot` comes from the working copy (`of_article`) or from a revision
(`of_revision`); publishing, previews, share links, comparisons and the no-op-save check all
work from snapshots, so they agree on what "the story" is. Snapshots hold ids, not names:
names are looked up when the snapshot is shown (`articles.story`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.dateparse import parse_datetime

from .models import Article
from .sanitize import photo_ids
from .versioning import STORY_PARTS

_TEXT_FIELDS = (
    "headline",
    "slug",
    "dek",
    "body",
    "dateline",
    "language",
    "lead_photo_caption",
)

# Before library photos (migration 0009) a story had a lead image file with its alt text,
# caption and credit, and every stored content hash covers those four fields. A story
# without photos must hash as it always did (stored hashes decide whether a save changed
# anything, and which style report is current), so the payload keeps them, empty, and the
# photo fields join it only when set.
_HASHED_AS_BEFORE = {
    "lead_image": "",
    "lead_image_alt": "",
    "lead_image_caption": "",
    "lead_image_credit": "",
}
_PHOTO_FIELDS = ("lead_photo_id", "lead_photo_caption")


@dataclass(frozen=True)
class BylineData:
    person_id: int
    title: str = ""
    organisation_id: int | None = None
    bio_line: str = ""


@dataclass(frozen=True)
class CreditData:
    person_id: int | None = None
    organisation_id: int | None = None
    role: str = ""
    location: str = ""


@dataclass(frozen=True)
class LinkData:
    target_id: int | None = None
    url: str = ""
    title: str = ""


@dataclass(frozen=True)
class CorrectionData:
    kind: str
    note: str
    noted_at: str  # ISO 8601, so snapshots stay JSON


@dataclass(frozen=True)
class Snapshot:
    article_id: int
    headline: str
    slug: str
    dek: str
    body: str
    dateline: str
    language: str
    section_id: int | None
    lead_photo_id: int | None = None
    lead_photo_caption: str = ""
    tag_ids: tuple[int, ...] = ()
    bylines: tuple[BylineData, ...] = ()
    credits: tuple[CreditData, ...] = ()
    links: tuple[LinkData, ...] = ()
    corrections: tuple[CorrectionData, ...] = field(default=())

    def as_dict(self) -> dict:
        # What dataclasses.asdict returns, without its recursive deep copy (the slow part of
        # every save's no-op check): the parts are flat dataclasses of plain values.
        data = dict(vars(self))
        for name in ("bylines", "credits", "links", "corrections"):
            data[name] = tuple(dict(vars(part)) for part in data[name])
        return data

    @property
    def content_hash(self) -> str:
        """Equal for two snapshots a reader could not tell apart."""
        data = self.as_dict()
        for name in _PHOTO_FIELDS:
            if not data[name]:
                del data[name]
        data.update(_HASHED_AS_BEFORE)
        payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    @property
    def photo_ids(self) -> list[int]:
        """The library photos this version shows: the lead, then those in the body."""
        lead = [self.lead_photo_id] if self.lead_photo_id else []
        return list(dict.fromkeys(lead + photo_ids(self.body)))

    def corrections_with_dates(self) -> list[tuple[str, str, datetime | None]]:
        return [(c.kind, c.note, parse_datetime(c.noted_at)) for c in self.corrections]


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row.get("position") or 0, row.get("id") or 0))


def _build(article_fields: dict, parts: dict[str, list[dict]]) -> Snapshot:
    return Snapshot(
        article_id=article_fields["id"],
        section_id=article_fields.get("section_id"),
        lead_photo_id=article_fields.get("lead_photo_id"),
        tag_ids=tuple(sorted(int(pk) for pk in article_fields.get("tags") or ())),
        **{name: str(article_fields.get(name) or "") for name in _TEXT_FIELDS},
        bylines=tuple(
            BylineData(
                person_id=row["person_id"],
                title=row.get("title") or "",
                organisation_id=row.get("organisation_id"),
                bio_line=row.get("bio_line") or "",
            )
            for row in _ordered(parts["bylines"])
        ),
        credits=tuple(
            CreditData(
                person_id=row.get("person_id"),
                organisation_id=row.get("organisation_id"),
                role=row.get("role") or "",
                location=row.get("location") or "",
            )
            for row in _ordered(parts["credits"])
        ),
        links=tuple(
            LinkData(
                target_id=row.get("target_id"),
                url=row.get("url") or "",
                title=row.get("title") or "",
            )
            for row in _ordered(parts["related_links"])
        ),
        corrections=tuple(
            CorrectionData(
                kind=row.get("kind") or "correction",
                note=row.get("note") or "",
                noted_at=_iso(row.get("noted_at")),
            )
            for row in sorted(
                parts["corrections"], key=lambda r: (_iso(r.get("noted_at")), r.get("id") or 0)
            )
        ),
    )


def _iso(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value or "")


def of_article(article) -> Snapshot:
    """The working copy as it is in the database now."""
    fields = {f.attname: getattr(article, f.attname) for f in article._meta.concrete_fields}
    fields["tags"] = [tag.pk for tag in article.tags.all()]
    parts = {
        name: [
            {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
            for row in getattr(article, name).all()
        ]
        for name in STORY_PARTS
    }
    return _build(fields, parts)


def of_fields(article_fields: dict, parts: dict[str, list[dict]]) -> Snapshot:
    """A snapshot from field dicts shaped like django-reversion's `Version.field_dict`
    (attnames as keys, `tags` a list of ids, one list of rows per name in `STORY_PARTS`),
    for code that writes revisions in bulk without saving model instances first."""
    return _build(article_fields, {name: parts.get(name, []) for name in STORY_PARTS})


def of_revision(revision, article_id: int) -> Snapshot:
    """Story `article_id` as revision `revision` recorded it. Raises `LookupError` if the
    revision holds no version of that story."""
    versions = list(revision.version_set.select_related("content_type"))
    article_type = ContentType.objects.get_for_model(Article)
    article_fields = None
    parts: dict[str, list[dict]] = {name: [] for name in STORY_PARTS}
    part_by_model = {model: name for name, model in STORY_PARTS.items()}
    for version in versions:
        model = version.content_type.model_class()
        if version.content_type_id == article_type.pk:
            if str(version.object_id) == str(article_id):
                article_fields = dict(version.field_dict)
        elif model in part_by_model:
            row = dict(version.field_dict)
            if row.get("article_id") == article_id:
                parts[part_by_model[model]].append(row)
    if article_fields is None:
        raise LookupError(f"Revision {revision.pk} does not hold story {article_id}.")
    return _build(article_fields, parts)
