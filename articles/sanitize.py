"""The one HTML policy for story bodies, shared by the editor and the server.

django-prose-editor derives an nh3 (ammonia) allowlist from the editor's extensions, so
what a reporter can make in the editor is exactly what survives sanitising; importers and
services run the same cleaner before anything is stored.

A photo from the library sits in the body as

    <figure data-photo-id="12"><figcaption>Smoke rises over Baghdad.</figcaption></figure>

(the editor's `NewsPhoto` node, `static/articles/editor/news-photo.js`): the id of a
library photo and, optionally, this story's caption for it as plain text. Nothing else of
a figure is kept: no `src`, no other attribute, no markup in the caption. The page draws
the photo from the library (`articles.images`), with its renditions, credit and alt text.
"""

from __future__ import annotations

import html
import re
from functools import cache

import nh3
from django.urls import reverse_lazy
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

# The editor's own node for library photos (not one of django-prose-editor's extensions:
# its allowlist is added below, its script by `articles.admin.widgets.BodyEditorWidget`).
PHOTO_EXTENSION = "NewsPhoto"

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
    PHOTO_EXTENSION: {
        # The chooser posts the chosen photo back; "chosen" (with 0 replaced by an id)
        # gives a photo's thumbnail and credit to show in the editor.
        "chooserUrl": reverse_lazy("admin:photos_photo_chooser"),
        "chosenUrl": reverse_lazy("admin:photos_photo_chosen", args=[0]),
    },
}


def _photo_id_only(tag: str, attribute: str, value: str) -> str | None:
    # The only attribute a figure keeps is a photo's id, and only as a number.
    if tag == "figure" and attribute == "data-photo-id":
        return value if value.isdigit() and len(value) <= 18 else None
    return value


@cache
def _body_cleaner() -> nh3.Cleaner:
    extensions = {k: v for k, v in BODY_EXTENSIONS.items() if k != PHOTO_EXTENSION}
    allow = allowlist_from_extensions(expand_extensions(extensions))
    allow["url_schemes"] = {"http", "https", "mailto"}
    # rel is set by us, not by authors: links out of a story never pass our referrer
    # or window handle to the other site.
    allow["attributes"] = {tag: set(attrs) - {"rel"} for tag, attrs in allow["attributes"].items()}
    allow["link_rel"] = "noopener noreferrer"
    allow["tags"] = set(allow["tags"]) | {"figure", "figcaption"}
    allow["attributes"]["figure"] = {"data-photo-id"}
    return nh3.Cleaner(**allow, attribute_filter=_photo_id_only)


# C0 controls other than tab and newlines, and DEL: invisible in text and invalid in XML,
# so one stray escape byte in pasted copy would break every feed the story is in.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text or "")


def sanitize_body(html_text: str) -> str:
    """Return `html_text` with everything outside the body policy removed (scripts,
    handlers, styles, javascript: URLs, unknown tags, control characters), each library
    photo in its one form (see the module docstring) and any other figure unwrapped; an
    empty editor paragraph becomes ""."""
    cleaned = _photo_figures(_body_cleaner().clean(strip_control_characters(html_text))).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


# Library photos in sanitised HTML. nh3 escapes every "<" in text and attribute values, so
# in its output each "<figure" and "</figure>" is a real tag and nesting can be counted.

PHOTO_FIGURE = re.compile(
    r'<figure data-photo-id="(?P<id>\d+)">(?:<figcaption>(?P<caption>[^<]*)</figcaption>)?</figure>'
)
_PHOTO_OPEN = re.compile(r'<figure data-photo-id="(\d+)">')
_FIGURE_TAGS = re.compile(r"<(/?)figure\b[^>]*>")
_STRAY_TAGS = re.compile(r"</?fig(?:ure|caption)\b[^>]*>")
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def photo_marker(photo_id: int) -> str:
    """What a stored body contains where it shows library photo `photo_id` (to find the
    stories that use a photo)."""
    return f'<figure data-photo-id="{int(photo_id)}">'


def photo_figure(photo_id: int, caption: str = "") -> str:
    """The stored form of library photo `photo_id` with `caption` (plain text)."""
    text = _escape_text(" ".join(caption.split()))
    inner = f"<figcaption>{text}</figcaption>" if text else ""
    return f"{photo_marker(photo_id)}{inner}</figure>"


def _escape_text(text: str) -> str:
    # As nh3 (html5ever) escapes text, so a stored body sanitises to itself.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\xa0", "&nbsp;")
    )


def _photo_figures(cleaned: str) -> str:
    """Each photo figure of nh3's output in its stored form (caption as plain text,
    anything else inside dropped); other figure and figcaption tags removed, their
    content kept."""
    out, position = [], 0
    while match := _PHOTO_OPEN.search(cleaned, position):
        end = _figure_end(cleaned, match.end())
        inner = cleaned[match.end() : end]
        caption = _CAPTION.search(inner)
        text = html.unescape(_TAG.sub("", caption.group(1))) if caption else ""
        out.append(_STRAY_TAGS.sub("", cleaned[position : match.start()]))
        out.append(photo_figure(int(match.group(1)), text))
        position = end + len("</figure>") if end < len(cleaned) else end
    out.append(_STRAY_TAGS.sub("", cleaned[position:]))
    return "".join(out)


def _figure_end(cleaned: str, start: int) -> int:
    """Where the `</figure>` closing the figure opened just before `start` begins (the
    end of the text if it is never closed)."""
    depth = 1
    for tag in _FIGURE_TAGS.finditer(cleaned, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return len(cleaned)


def photo_ids(body: str) -> list[int]:
    """The library photos a stored (sanitised) body shows, in order, each once."""
    return list(dict.fromkeys(int(m.group("id")) for m in PHOTO_FIGURE.finditer(body or "")))
