"""The contributors app's settings, with defaults; the app never reads os.environ itself.

A host site overrides any of these in its Django settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Images uploaded through the admin (portraits, logos, the articles app's lead
    # images): the largest file, in bytes, and the most pixels (width x height), read from
    # the file's header before any pixel is decoded. A 12,000 x 12,000 PNG can be 17 KB.
    "NEWSROOM_MAX_IMAGE_BYTES": 25 * 1024 * 1024,
    "NEWSROOM_MAX_IMAGE_PIXELS": 50_000_000,
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
