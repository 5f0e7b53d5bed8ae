"""Finding or creating people and organisations by name, for importers and data entry."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from .models import Organisation, Person


def unique_slug(model, base: str, *, field: str = "slug", max_length: int = 200) -> str:
    """Return `base` slugified, with -2, -3… appended until no `model` row uses it."""
    root = (slugify(base, allow_unicode=False) or "item")[: max_length - 8].strip("-") or "item"
    candidate, n = root, 1
    while model._default_manager.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{root}-{n}"
    return candidate


@transaction.atomic
def organisation_get_or_create(*, name: str, is_wire_service: bool | None = None) -> Organisation:
    """The organisation called `name` (case-insensitive), created if there is none."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name,
            slug=unique_slug(Organisation, name),
            is_wire_service=bool(is_wire_service),
        )
    return organisation


@transaction.atomic
def person_get_or_create(
    *,
    name: str,
    kind: str = Person.Kind.STAFF,
    organisation: Organisation | None = None,
    title: str = "",
) -> Person:
    """The person called `name`, created with `kind`, `organisation` and `title` if new.

    Names are matched exactly (after folding white space and case): newsrooms do have
    two reporters with one name, and they are told apart by editing the person's slug.
    """
    name = " ".join(name.split())
    person = Person.objects.filter(name__iexact=name).order_by("id").first()
    if person is None:
        person = Person.objects.create(
            name=name,
            slug=unique_slug(Person, name),
            kind=kind,
            organisation=organisation,
            title=title,
        )
    return person
