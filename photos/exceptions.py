"""Errors the photos app raises. Services raise them; the admin turns them into messages.

Each carries a message written for the person who uploaded or acted (`str(error)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .usage import Usage


class PhotoError(Exception):
    """Base class of every error of the photos app."""


class InvalidUpload(PhotoError):
    """An uploaded file cannot become a photo; nothing was stored."""


class UnsupportedFormat(InvalidUpload):
    """The file's content is not an image format the library accepts (whatever its name)."""


class SvgRefused(UnsupportedFormat):
    """The file is SVG: vector files can carry scripts and are not accepted as photos."""


class FileTooLarge(InvalidUpload):
    """The file is larger than PHOTOS_MAX_UPLOAD_BYTES."""


class ImageTooLarge(InvalidUpload):
    """The image has more pixels than PHOTOS_MAX_PIXELS (a decompression bomb, or a scan
    far larger than any page needs), or more frames than PHOTOS_MAX_FRAMES."""


class CorruptImage(InvalidUpload):
    """The file says it is an image of an accepted format but cannot be decoded."""


class InvalidRenditionSpec(PhotoError, ValueError):
    """A rendition spec string does not parse (see `photos.specs`)."""


class PhotoInUse(PhotoError):
    """The photo cannot be deleted: something registered in `photos.usage` still uses it.
    `usages` lists what, for the message."""

    def __init__(self, message: str, usages: list[Usage]):
        super().__init__(message)
        self.usages = usages
