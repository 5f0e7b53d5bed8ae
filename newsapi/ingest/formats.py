"""Reading what an ingest request carries into one `WireCopy`, whatever its format.

ninjs items are validated against IPTC's schema first; their text goes to the same wire
parser as plain text (bio lines, "By" lines and contributor lines become bylines and
credits), so both formats make the same story from the same copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import unescape

from django.utils.html import strip_tags
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable
from rest_framework import status

from .. import ninjs
from ..problems import Problem

URI_PATTERN = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"
MAX_URI = 500
MAX_VERSION = 64
# Block-level ends that separate paragraphs in a ninjs HTML body.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|pre)>|<br\s*/?>", re.I)


@dataclass(frozen=True)
class WireCopy:
    """A story as a machine sent it. Empty `dek`, `section`, `tags`: not sent (an update
    leaves them as they are)."""

    uri: str
    text: str
    version: str = ""
    headline: str = ""
    dek: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


def distinct_names(names) -> tuple[str, ...]:
    """`names` without blanks and without repeats as the contributors app matches names
    (white space folded, case ignored): two bylines for one person cannot be stored."""
    seen, kept = set(), []
    for name in names:
        key = " ".join(name.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def _invalid(detail: str, errors: dict | None = None, code: str = "invalid") -> Problem:
    return Problem(
        detail, status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, code=code, errors=errors
    )


def check_identity(uri: str, version: str) -> None:
    errors = {}
    if not uri or len(uri) > MAX_URI or not re.match(URI_PATTERN, uri):
        errors["uri"] = [f"An absolute URI (scheme:…) of at most {MAX_URI} characters."]
    if len(version) > MAX_VERSION:
        errors["version"] = [f"At most {MAX_VERSION} characters."]
    if errors:
        raise Problem("The item needs its uri.", status_code=400, code="invalid", errors=errors)


def from_text(text: str, params) -> WireCopy:
    """Plain wire text, with the item's `uri` and its metadata as query parameters."""
    copy = WireCopy(
        uri=params.get("uri", ""),
        text=text,
        version=params.get("version", ""),
        headline=params.get("headline", ""),
        section=params.get("section", ""),
        tags=distinct_names(params.getlist("tag")),
        authors=distinct_names(params.getlist("author")),
    )
    check_identity(copy.uri, copy.version)
    return copy


@cache
def _validator():
    schema = ninjs.schema()
    return validator_for(schema)(schema)


def _schema_errors(item) -> dict:
    errors: dict[str, list[str]] = {}
    try:
        for error in _validator().iter_errors(item):
            where = "/".join(str(part) for part in error.absolute_path) or "(item)"
            errors.setdefault(where, []).append(error.message[:300])
            if len(errors) >= 20:
                break
    except Unresolvable:  # a geoJSON place: IPTC's schema refers to geojson.org for it
        errors["places"] = ["Places with geoJSON are not accepted."]
    return errors


def _text_of(item: dict) -> str:
    """The item's body as paragraphs of plain text: a text/plain body if there is one,
    else the HTML body's blocks."""
    bodies = item.get("bodies") or []
    main = [b for b in bodies if b.get("role") in (None, "main")] or bodies
    plain = [b for b in main if b.get("contentType", "text/plain") == "text/plain"]
    if plain:
        return plain[0]["value"]
    if not main:
        return ""
    html = _BLOCK_END.sub("\n\n", main[0]["value"])
    return "\n\n".join(unescape(strip_tags(block)).strip() for block in html.split("\n\n"))


def _first(entries: list[dict], *roles: str | None) -> str:
    for entry in entries or []:
        if entry.get("role") in roles:
            return entry.get("value", "")
    return ""


def from_ninjs(item) -> WireCopy:
    """A ninjs 3.1 item: validated against IPTC's schema (422 with the errors by path),
    and refused if it is a kill or withhold notice, which an editor must handle."""
    if not isinstance(item, dict):
        raise _invalid("The body must be a ninjs item (a JSON object).")
    errors = _schema_errors(item)
    if errors:
        raise _invalid("The item is not valid ninjs 3.1; see `errors`.", errors, "invalid-ninjs")
    if item.get("pubStatus") in ("withheld", "canceled"):
        raise _invalid(
            "Kill and withhold notices are not applied automatically: tell the desk.",
            code="kill-notice",
        )
    if item.get("type", "text") != "text":
        raise _invalid("Only text items can be ingested.", code="not-text")
    headlines = item.get("headlines") or []
    people = item.get("people") or []
    subjects = item.get("subjects") or []
    authors = distinct_names(
        p["name"] for p in people if p.get("rel") in ("author", "creator") and p.get("name")
    )
    text = _text_of(item)
    if item.get("by") and not authors:
        text = f"By {item['by']}\n\n{text}"  # the wire parser reads the "By" line
    copy = WireCopy(
        uri=item["uri"],
        text=text,
        version=item.get("version", ""),
        headline=_first(headlines, "main", None) or (headlines[0]["value"] if headlines else ""),
        dek=_first(item.get("descriptions"), "summary", None),
        section=next((s.get("name", "") for s in subjects if s.get("rel") == "section"), ""),
        tags=distinct_names(s.get("name", "") for s in subjects if s.get("rel") != "section"),
        authors=authors,
    )
    check_identity(copy.uri, copy.version)
    return copy
