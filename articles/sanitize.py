"""The one HTML policy for story bodies, shared by the editor and the server.

django-prose-editor derives an nh3 (ammonia) allowlist from the editor's extensions, so
what a reporter can make in the editor is exactly what survives sanitising; importers and
services run the same cleaner before anything is stored.
"""

from __future__ import annotations

import re
from functools import cache

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


@cache
def _body_cleaner() -> nh3.Cleaner:
    allow = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
    allow["url_schemes"] = {"http", "https", "mailto"}
    # rel is set by us, not by authors: links out of a story never pass our referrer
    # or window handle to the other site.
    allow["attributes"] = {tag: set(attrs) - {"rel"} for tag, attrs in allow["attributes"].items()}
    allow["link_rel"] = "noopener noreferrer"
    return nh3.Cleaner(**allow)


# C0 controls other than tab and newlines, and DEL: invisible in text and invalid in XML,
# so one stray escape byte in pasted copy would break every feed the story is in.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text or "")


def sanitize_body(html: str) -> str:
    """Return `html` with everything outside the body policy removed (scripts, handlers,
    styles, javascript: URLs, unknown tags, control characters); an empty editor paragraph
    becomes ""."""
    cleaned = _body_cleaner().clean(strip_control_characters(html)).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned
