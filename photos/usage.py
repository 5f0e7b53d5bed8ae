"""Who uses a photo: a registry other apps fill, so the library can refuse to delete a
photo that something still shows.

The photos app knows nothing of stories. An app that references photos registers a
finder; `photo_delete` refuses while any finder returns a usage, and the admin lists them
on the delete page:

    from photos.usage import Usage, register

    @register
    def live_stories(photo):
        for story in Article.objects.live().using_photo(photo):
            yield Usage(label=f"“{story.headline}” (live)", url=story.get_admin_url())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import AbstractPhoto


@dataclass(frozen=True)
class Usage:
    """One thing that uses a photo: a label for people and, if it has one, its admin URL."""

    label: str
    url: str = ""

    def __str__(self) -> str:
        return self.label


Finder = Callable[["AbstractPhoto"], Iterable[Usage]]
_finders: list[Finder] = []


def register(finder: Finder) -> Finder:
    """Add `finder(photo) -> iterable of Usage`; usable as a decorator. Registering the
    same function twice has no effect."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def unregister(finder: Finder) -> None:
    if finder in _finders:
        _finders.remove(finder)


def usages_of(photo: AbstractPhoto) -> list[Usage]:
    """Everything the registered finders say uses `photo` (in registration order)."""
    return [usage for finder in _finders for usage in finder(photo)]
