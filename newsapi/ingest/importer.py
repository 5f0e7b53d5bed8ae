"""The one place the API calls the articles app's importer (`articles.services.story_import`,
the same parser and permission checks as the `import_story` command).

`story_import` only creates stories. A new item becomes a story through it directly
(`story_create`). For a later version of an item, `wire_content` imports the copy into a
savepoint, reads what it made *by name* (headline, body, people, outlets, section, tags),
and rolls the savepoint back, so nothing of that scratch story remains (no row, revision,
log entry, audit entry or notification: Django drops the on-commit callbacks of a
rolled-back savepoint). `materialise` then finds or creates those people, outlets,
sections and tags, exactly as the importer does, and returns a `StoryContent` of ids to
write onto the existing story. The importer's permission checks have run in the savepoint:
an update may create only what its user could create.

When the articles app grows an update mode for its importer, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db import transaction

from articles import StoryError
from articles.models import Article, Byline, Credit
from articles.services import story_import
from articles.services.importing import section_get_or_create, tag_get_or_create
from articles.snapshots import BylineData, CreditData, Snapshot
from contributors.models import Organisation, Person
from contributors.services import (
    AmbiguousName,
    describe_people,
    organisation_get_or_create,
    person_get_or_create,
)

from .formats import WireCopy


def story_create(copy: WireCopy, *, user, publish: bool = False, source: str = "") -> Article:
    """A new story from `copy` through the articles importer (published if `publish` and
    the user may: the importer moves it through the workflow with their permissions)."""
    return story_import(
        text=copy.text,
        headline=copy.headline,
        section_name=copy.section or "News",
        dek=copy.dek,
        authors=copy.authors,
        tags=copy.tags,
        user=user,
        publish=publish,
        source=source,
    )


@dataclass(frozen=True)
class StoryContent:
    """What a wire version says of a story, as ids, in the fields the wire owns. None:
    not sent, so an update keeps the story's own value."""

    headline: str
    body: str
    dateline: str
    bylines: tuple[BylineData, ...]
    credits: tuple[CreditData, ...]
    dek: str | None = None
    section_id: int | None = None
    tag_ids: tuple[int, ...] | None = None

    @classmethod
    def of(cls, snapshot: Snapshot) -> StoryContent:
        """The wire-owned fields of a story as `snapshot` holds it."""
        return cls(
            headline=snapshot.headline,
            body=snapshot.body,
            dateline=snapshot.dateline,
            bylines=tuple(snapshot.bylines),
            credits=tuple(snapshot.credits),
            dek=snapshot.dek,
            section_id=snapshot.section_id,
            tag_ids=tuple(sorted(snapshot.tag_ids)),
        )

    def sent(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not None]


# Names of what a scratch import made, to find or create again after the rollback.
@dataclass(frozen=True)
class _Outlet:
    name: str
    is_wire_service: bool


@dataclass(frozen=True)
class _Someone:
    name: str
    kind: str
    title: str
    outlet: _Outlet | None


@dataclass(frozen=True)
class _Copy:
    headline: str
    body: str
    dateline: str
    dek: str
    section: str
    tags: tuple[str, ...]
    bylines: tuple[tuple[_Someone, str, _Outlet | None, str], ...]  # person, title, outlet, bio
    credits: tuple[tuple[_Someone | None, _Outlet | None, str, str], ...]


class _Discard(Exception):
    """Rolls the scratch import's savepoint back."""


def _outlet(organisation: Organisation | None) -> _Outlet | None:
    return _Outlet(organisation.name, organisation.is_wire_service) if organisation else None


def _someone(person: Person | None) -> _Someone | None:
    if person is None:
        return None
    return _Someone(person.name, person.kind, person.title, _outlet(person.organisation))


def _read(article: Article) -> _Copy:
    bylines = Byline.objects.filter(article=article).select_related(
        "person__organisation", "organisation"
    )
    credits = Credit.objects.filter(article=article).select_related(
        "person__organisation", "organisation"
    )
    return _Copy(
        headline=article.headline,
        body=article.body,
        dateline=article.dateline,
        dek=article.dek,
        section=article.section.name,
        tags=tuple(article.tags.values_list("name", flat=True)),
        bylines=tuple(
            (_someone(b.person), b.title, _outlet(b.organisation), b.bio_line) for b in bylines
        ),
        credits=tuple(
            (_someone(c.person), _outlet(c.organisation), c.role, c.location) for c in credits
        ),
    )


def wire_content(copy: WireCopy, *, user, source: str = "") -> StoryContent:
    """What `copy` says, as the importer reads it, found or created as ids (see the
    module docstring). Raises what `story_import` raises (`StoryError`, `NotPermitted`)."""
    read: _Copy | None = None
    try:
        with transaction.atomic():
            read = _read(story_create(copy, user=user, source=source))
            raise _Discard
    except _Discard:
        pass
    assert read is not None
    return materialise(read, copy)


def _outlet_id(outlet: _Outlet | None) -> int | None:
    if outlet is None:
        return None
    return organisation_get_or_create(name=outlet.name, is_wire_service=outlet.is_wire_service).pk


def _person_id(someone: _Someone | None) -> int | None:
    if someone is None:
        return None
    organisation = Organisation.objects.filter(pk=_outlet_id(someone.outlet)).first()
    try:
        return person_get_or_create(
            name=someone.name, kind=someone.kind, organisation=organisation, title=someone.title
        ).pk
    except AmbiguousName as error:
        # The scratch import resolved the name; a namesake added since makes it ambiguous.
        raise StoryError(
            f"Several people are called “{error.name}”: {describe_people(error.people)}. "
            "Ask the desk to merge them, or send the update again once they are told apart.",
            code="ambiguous_person",
        ) from error


def materialise(read: _Copy, copy: WireCopy) -> StoryContent:
    return StoryContent(
        headline=read.headline,
        body=read.body,
        dateline=read.dateline,
        bylines=tuple(
            BylineData(_person_id(person), title, _outlet_id(outlet), bio)
            for person, title, outlet, bio in read.bylines
        ),
        credits=tuple(
            CreditData(_person_id(person), _outlet_id(outlet), role, location)
            for person, outlet, role, location in read.credits
        ),
        dek=read.dek if copy.dek else None,
        section_id=section_get_or_create(read.section).pk if copy.section else None,
        tag_ids=tuple(sorted(tag_get_or_create(n).pk for n in read.tags)) if copy.tags else None,
    )


def write(article: Article, content: StoryContent) -> None:
    """Make the working copy of `article` say `content` in the fields it sends; the rest
    (address, links, corrections, pictures, and anything not sent) stays as it is. The
    caller records the edit (`article_commit_edit`) in the same transaction."""
    article.headline = content.headline[:300]
    article.body = content.body
    article.dateline = content.dateline
    if content.dek is not None:
        article.dek = content.dek
    if content.section_id is not None:
        article.section_id = content.section_id
    article.save()
    if content.tag_ids is not None:
        article.tags.set(content.tag_ids)
    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(
            article=article,
            person_id=b.person_id,
            title=b.title,
            organisation_id=b.organisation_id,
            bio_line=b.bio_line,
            position=position,
        )
        for position, b in enumerate(content.bylines)
    )
    Credit.objects.filter(article=article).delete()
    Credit.objects.bulk_create(
        Credit(
            article=article,
            person_id=c.person_id,
            organisation_id=c.organisation_id,
            role=c.role,
            location=c.location,
            position=position,
        )
        for position, c in enumerate(content.credits)
    )
