"""Finding or creating people and organisations by name, for importers and data entry.

Names are matched exactly (after folding white space and case), and never guessed
between: newsrooms do have two reporters with one name, so when several people share a
name the caller must say which one it means, by id or slug (`person_by_reference`).
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from .models import Organisation, Person


class AmbiguousName(LookupError):
    """Several people have the name asked for; `people` lists them, for the caller to
    name one by id or slug."""

    def __init__(self, name: str, people: list[Person]) -> None:
        self.name = name
        self.people = people
        super().__init__(f"Several people are called “{name}”: {describe_people(people)}.")


def unique_slug(model, base: str, *, field: str = "slug", max_length: int = 200) -> str:
    """Return `base` slugified, with -2, -3… appended until no `model` row uses it."""
    root = (slugify(base, allow_unicode=False) or "item")[: max_length - 8].strip("-") or "item"
    candidate, n = root, 1
    while model._default_manager.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{root}-{n}"
    return candidate


def fold_name(name: str) -> str:
    """`name` as it is stored and matched: white space collapsed."""
    return " ".join(name.split())


@transaction.atomic
def organisation_get_or_create(*, name: str, is_wire_service: bool | None = None) -> Organisation:
    """The organisation called `name` (case-insensitive), created if there is none."""
    name = fold_name(name)
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name,
            slug=unique_slug(Organisation, name),
            is_wire_service=bool(is_wire_service),
        )
    return organisation


def people_named(name: str) -> QuerySet[Person]:
    """Everyone called `name` (white space folded, case ignored), oldest first."""
    return (
        Person.objects.filter(name__iexact=fold_name(name))
        .select_related("organisation")
        .order_by("id")
    )


def describe_people(people: list[Person]) -> str:
    """“slug-a (id 4: Staff, Pentagon bureau chief, Military Times), slug-b (id 9: …)”:
    enough to tell people with one name apart, for a message."""
    described = []
    for person in people:
        facts = [person.get_kind_display(), person.title, str(person.organisation or "")]
        described.append(f"{person.slug} (id {person.pk}: {', '.join(f for f in facts if f)})")
    return "; ".join(described)


_REFERENCE = re.compile(r"(id|slug):\s*(\S+)")


def person_by_reference(reference: str) -> Person | None:
    """The person `reference` names exactly, as `id:42` or `slug:jo-smith-2`; None when
    `reference` is a name instead. Raises `Person.DoesNotExist` for an id or slug nobody
    has."""
    match = _REFERENCE.fullmatch(reference.strip())
    if match is None:
        return None
    kind, value = match.groups()
    people = Person.objects.select_related("organisation", "user")
    if kind == "id":
        if not value.isascii() or not value.isdigit() or int(value) >= 2**63:
            raise Person.DoesNotExist(f"No person has the id {value!r}.")
        person = people.filter(pk=int(value)).first()
    else:
        person = people.filter(slug=value).first()
    if person is None:
        raise Person.DoesNotExist(f"No person has the {kind} {value!r}.")
    return person


@transaction.atomic
def person_get_or_create(
    *,
    name: str,
    kind: str = Person.Kind.STAFF,
    organisation: Organisation | None = None,
    title: str = "",
) -> Person:
    """The person called `name`, created with `kind`, `organisation` and `title` if
    nobody is. Raises `AmbiguousName` when several people have that name: which of them
    is meant is for the caller to say, by id or slug (`person_by_reference`)."""
    name = fold_name(name)
    people = list(people_named(name)[:10])
    if len(people) > 1:
        raise AmbiguousName(name, people)
    if people:
        return people[0]
    return Person.objects.create(
        name=name,
        slug=unique_slug(Person, name),
        kind=kind,
        organisation=organisation,
        title=title,
    )
