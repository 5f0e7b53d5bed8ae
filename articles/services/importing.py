"""Turning wire copy into a complete story: body, byline, bio line, credits, tags; saved,
and published or scheduled through the workflow if asked."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from contributors.models import Organisation, Person
from contributors.services import (
    AmbiguousName,
    describe_people,
    organisation_get_or_create,
    person_by_reference,
    person_get_or_create,
    unique_slug,
)

from ..exceptions import NotPermitted, StoryError
from ..models import Article, Byline, Credit, Publication, RevisionInfo, Section, Tag
from ..models.article import body_length_refusal
from ..sanitize import sanitize_body, strip_control_characters
from ..times import check_within_reach, local_and_utc
from ..wire import WIRE_ORGANISATIONS, WireFormatError, WireStory, parse_wire_story
from .editing import article_commit_edit
from .transitions import article_transition

_WIRE = {name.lower() for name in WIRE_ORGANISATIONS if name not in ("Military Times",)}


def _require(user, permission: str, what: str) -> None:
    """Refuse unless `user` holds `permission`: an import may create only what its user
    could create in the admin. `user=None` is the operator at the command line."""
    if user is not None and not (user.is_active and user.has_perm(permission)):
        raise NotPermitted(f"{user.get_username()} is not allowed to {what}.")


def _new(model, name: str) -> bool:
    return not model.objects.filter(name__iexact=" ".join(name.split())).exists()


def _organisation(name: str, user) -> Organisation | None:
    if not name:
        return None
    if _new(Organisation, name):
        _require(user, "contributors.add_organisation", f"add the outlet “{name}”")
    return organisation_get_or_create(name=name, is_wire_service=name.lower() in _WIRE)


def may_act_for(user, person: Person) -> bool:
    """Whether an import by `user` may put `person` on a byline. A byline gives the
    account linked to its person the story (`Article.objects.owned_by`), so a person with
    an account goes on one only when the importer is that account, may edit every story
    anyway (editors, who assign bylines in the admin), may link people to accounts, or is
    the operator at the command line (`user=None`). Anyone may byline a person without
    an account."""
    if person.user_id is None or user is None:
        return True
    return person.user_id == user.pk or (
        user.is_active
        and (
            user.has_perm("articles.change_any_article")
            or user.has_perm("contributors.link_person_account")
        )
    )


def _person(
    reference: str,
    organisation: Organisation | None,
    user,
    title: str = "",
    *,
    by_reference: bool = False,
) -> Person:
    """The person `reference` means: with `by_reference` (names the caller gave, never
    the copy's own), `id:N` or `slug:SLUG` exactly; otherwise the one person with that
    name, created (if `user` may add people) when nobody has it. Raises `StoryError`
    (code `ambiguous_person`, `unknown_person`) rather than guess."""
    try:
        person = person_by_reference(reference) if by_reference else None
    except Person.DoesNotExist as error:
        raise StoryError(
            "%(error)s Check the id or slug, or give the author's name.",
            code="unknown_person",
            params={"error": str(error), "reference": reference},
        ) from error
    if person is not None:
        return person
    if _new(Person, reference):
        _require(user, "contributors.add_person", f"add the contributor “{reference}”")
    kind = Person.Kind.WIRE if organisation and organisation.is_wire_service else Person.Kind.STAFF
    try:
        return person_get_or_create(
            name=reference, kind=kind, organisation=organisation, title=title
        )
    except AmbiguousName as error:
        raise StoryError(
            "Several people are called “%(name)s”: %(people)s. Name the one you mean by id "
            "or slug (id:N or slug:SLUG) instead of by name.",
            code="ambiguous_person",
            params={"name": error.name, "people": describe_people(error.people)},
        ) from error


def _author(
    reference: str, organisation: Organisation | None, user, title: str, *, by_reference: bool
) -> Person:
    """`_person` for a byline, refused (`NotPermitted`) for a person with an account
    `user` may not act for (`may_act_for`)."""
    person = _person(reference, organisation, user, title, by_reference=by_reference)
    if not may_act_for(user, person):
        raise NotPermitted(
            f"{user.get_username()} may not put {person.name} ({person.slug}) on a byline: "
            "they have a newsroom account, which would be given this story. Only they or "
            "an editor may import a story under their name."
        )
    return person


def _check_lengths(values: list[tuple[type, str, str, str]]) -> None:
    """Refuse, naming it, the first value longer than its column: SQLite would store it
    whole and PostgreSQL fail with a DataError. Each entry is (model, field, value, what
    to call it). Names are measured as they will be stored, with their spaces collapsed."""
    for model, field, value, what in values:
        value = " ".join((value or "").split())
        limit = model._meta.get_field(field).max_length
        if len(value) > limit:
            raise StoryError(
                f"The {what} “{value[:40]}…” is {len(value):,} characters; at most {limit} fit."
            )


def _free_slug(base: str) -> str:
    """`base`, or `base-2`, `-3`…: the first address that neither a story nor another
    story's publication uses (a published story keeps its public address when its working
    copy is renamed)."""
    slug = unique_slug(Article, base)
    root, n = slug, 1
    while Publication.objects.filter(slug=slug).exists() or Article.objects.filter(
        slug=slug
    ).exists():
        n += 1
        slug = f"{root}-{n}"
    return slug


def section_get_or_create(name: str) -> Section:
    name = " ".join(name.split())
    section = Section.objects.filter(name__iexact=name).first()
    return section or Section.objects.create(name=name, slug=unique_slug(Section, name))


def tag_get_or_create(name: str) -> Tag:
    name = " ".join(name.split())
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name, slug=unique_slug(Tag, name, max_length=100))


@transaction.atomic
def story_import(
    *,
    text: str,
    headline: str = "",
    section_name: str = "News",
    dek: str = "",
    authors: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    user=None,
    publish: bool = False,
    publish_at: datetime | None = None,
    embargo_until: datetime | None = None,
    source: str = "",
) -> Article:
    """Create a story from wire copy `text`: body paragraphs, dateline, bylines (from bio
    lines, a "By" line, or `authors`), structured credits and tags, saved as a first
    revision, and published if `publish`, or scheduled for `publish_at` (at once if that
    has passed). `embargo_until` is kept on the story: nobody can publish it earlier.
    Nothing is saved if anything fails.

    People are matched by name, never guessed between: an entry of `authors` may name a
    person exactly as `id:N` or `slug:SLUG`, and must when several people share its name.
    A person linked to an account goes on the byline only if `user` may act for them
    (`may_act_for`): a byline gives that account the story.

    Raises `StoryError` with a reason a person can act on, and `NotPermitted` when `user`
    (None: the operator, who may do anything) may not add stories, or may not create a
    section, tag, outlet or contributor the copy needs, or may not byline a person with an
    account; `TransitionNotPermitted` when they may not approve, publish or schedule. A
    `StoryError` about what the caller gave carries a `code` (`publish_and_schedule`,
    `embargoed` with `params["until"]`, `no_headline`, `no_byline`, `ambiguous_person`
    with `params["name"]` and `["people"]`, `unknown_person` with `params["reference"]`),
    so a caller can say it in its own terms (the command line, in flags)."""
    _check_may_create(user, section_name, tags)
    _check_release(publish, publish_at, embargo_until)
    wire, headline, dek, body = _read_copy(text, headline, dek)
    author_names = list(authors) or [bio.name for bio in wire.bio_lines] or wire.byline_names
    if not author_names:
        raise StoryError(
            "No byline found: the story has no bio line or “By” line. Name its author.",
            code="no_byline",
        )
    _check_lengths(_lengths_to_check(wire, author_names, section_name, tags))
    article = Article.objects.create(
        headline=headline[:300],
        slug=_free_slug(slugify(headline)[:80] or "story"),
        dek=dek,
        body=body,
        dateline=wire.dateline,
        section=section_get_or_create(section_name or "News"),
        created_by=user if user is not None and user.is_authenticated else None,
        embargo_until=embargo_until,
    )
    _add_bylines(article, wire, author_names, user, given=bool(authors))
    _add_credits(article, wire, user)
    if tags:
        article.tags.set([tag_get_or_create(name) for name in tags if name.strip()])
    comment = f"Imported from {source}" if source else "Imported"
    article_commit_edit(article=article, user=user, comment=comment, kind=RevisionInfo.Kind.IMPORT)
    if publish or publish_at:
        _release(article, user, publish_at=None if publish else publish_at)
    return article


def _check_may_create(user, section_name: str, tags: tuple[str, ...]) -> None:
    """Refuse an import that would create a story, section or tag its user may not."""
    _require(user, "articles.add_article", "import stories")
    if _new(Section, section_name or "News"):
        _require(user, "articles.add_section", f"create the section “{section_name}”")
    for name in tags:
        if name.strip() and _new(Tag, name):
            _require(user, "articles.add_tag", f"create the tag “{name}”")


def _check_release(
    publish: bool, publish_at: datetime | None, embargo_until: datetime | None
) -> None:
    """Refuse asking to publish now and at a time, or now while an embargo holds."""
    if publish and publish_at:
        raise StoryError("Publish now or at a time, not both.", code="publish_and_schedule")
    if publish and embargo_until and embargo_until > timezone.now():
        raise StoryError(
            "The story is embargoed until %(until)s: schedule it for then instead of "
            "publishing it now.",
            code="embargoed",
            params={"until": local_and_utc(embargo_until)},
        )
    check_within_reach(embargo_until, "embargo")


def _read_copy(text: str, headline: str, dek: str) -> tuple[WireStory, str, str, str]:
    """The parsed wire copy, with the headline (given, or the copy's own), the dek and the
    sanitised body. Raises `StoryError` for copy that cannot be read, no headline, or a
    body over the length limit."""
    # A byte-order mark (Windows editors write one) is not part of the first paragraph.
    text = text.removeprefix("\ufeff")
    try:
        wire = parse_wire_story(text, Organisation.objects.values_list("name", flat=True))
    except WireFormatError as error:
        raise StoryError(str(error)) from error
    headline = " ".join(strip_control_characters(headline or wire.headline).split())
    dek = " ".join(strip_control_characters(dek).split())
    if not headline:
        raise StoryError("A headline is needed: give the story a headline.", code="no_headline")
    body = sanitize_body("".join(f"<p>{escape(p)}</p>" for p in wire.paragraphs))
    refusal = body_length_refusal(body)
    if refusal:
        raise StoryError(refusal)
    return wire, headline, dek, body


def _lengths_to_check(
    wire: WireStory, author_names: list[str], section_name: str, tags: tuple[str, ...]
) -> list[tuple[type, str, str, str]]:
    """Every name and label the import will store, for `_check_lengths`."""
    return (
        [(Person, "name", name, "byline name") for name in author_names]
        + [(Organisation, "name", wire.agency, "agency")]
        + [(Section, "name", section_name, "section name")]
        + [(Tag, "name", name, "tag") for name in tags]
        + [(Article, "dateline", wire.dateline, "dateline")]
        + [
            (model, field, getattr(bio, attr), what)
            for bio in wire.bio_lines
            for model, field, attr, what in (
                (Byline, "title", "title", "byline title"),
                (Organisation, "name", "outlet", "outlet name"),
            )
        ]
        + [
            (model, field, getattr(entry, attr), what)
            for entry in wire.credits
            for model, field, attr, what in (
                (Person, "name", "person", "credited name"),
                (Organisation, "name", "organisation", "credited organisation"),
                (Credit, "role", "role", "credit role"),
                (Credit, "location", "location", "credit location"),
            )
        ]
    )


def _add_bylines(
    article: Article, wire: WireStory, author_names: list[str], user, *, given: bool
) -> None:
    """One byline per author, with the title, outlet and bio line of their bio line if
    the copy has one, else the wire agency as outlet. Authors the caller `given` may be
    named by a person's `id:` or `slug:`. A person named twice (two spellings, or a name
    and a slug) is bylined once."""
    bios = {bio.name.lower(): bio for bio in wire.bio_lines}
    agency = _organisation(
        {"ap": "Associated Press", "reuters": "Reuters", "afp": "Agence France-Presse"}.get(
            wire.agency.lower(), wire.agency
        ),
        user,
    )
    bylined: set[int] = set()
    for reference in dict.fromkeys(author_names):
        bio = bios.get(reference.lower())
        outlet = _organisation(bio.outlet, user) if bio else agency
        person = _author(reference, outlet, user, bio.title if bio else "", by_reference=given)
        if person.pk in bylined:
            continue
        if bio is None and person.name.lower() in bios:  # named by id or slug
            bio = bios[person.name.lower()]
            outlet = _organisation(bio.outlet, user)
        bylined.add(person.pk)
        Byline.objects.create(
            article=article,
            person=person,
            title=bio.title if bio else "",
            organisation=outlet,
            bio_line=bio.text if bio else "",
            position=len(bylined) - 1,
        )


def _add_credits(article: Article, wire: WireStory, user) -> None:
    for position, entry in enumerate(wire.credits):
        organisation = _organisation(entry.organisation, user)
        Credit.objects.create(
            article=article,
            person=_person(entry.person, organisation, user) if entry.person else None,
            organisation=organisation,
            role=entry.role,
            location=entry.location,
            position=position,
        )


def _release(article: Article, user, *, publish_at: datetime | None) -> None:
    """Submit and approve the imported story, then publish it now, or schedule it for
    `publish_at`. Through the workflow, so the importing user's permissions apply; with no
    user (an operator at the command line) the system acts."""
    for action in ("submit", "approve"):
        article_transition(article=article, action=action, user=user, comment="Imported")
    if publish_at is None:
        article_transition(article=article, action="publish", user=user, comment="Imported")
    else:
        article_transition(
            article=article, action="schedule", user=user, publish_at=publish_at,
            comment="Imported",
        )
    article.refresh_from_db()
