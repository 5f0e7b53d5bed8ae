# ruff: noqa: RUF002 - typographic quotes, apostrophes and dashes are this checker's subject
"""HTML to plain text with an offset map back to the source.

The checker works on plain text; a rich-text editor works on the HTML it stored. This
module strips markup while remembering, for every plain-text code point, which source
range it came from, so a finding's span can be drawn on the right characters.

Choices (documented contract):
- Block elements (p, div, li, h1–h6, blockquote, tr, section, article, figure,
  figcaption, header, footer, aside, ul, ol, table) end a paragraph: they become a blank
  line ("\\n\\n") in the text, mapped to the tag's position. `<br>` becomes "\\n".
- Inline tags vanish, so "is <em>is</em>" reads "is is" (doubled words across markup).
- Entities are decoded ("&amp;" → "&"), mapped to the whole entity.
- Runs of whitespace collapse to one space, as a browser renders them.
- script, style, template and noscript contents, and comments, are dropped.
- Text inside `<em>`/`<i>` is recorded in `TextMap.italic_spans` (AP-ORG-06 uses it).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from html import unescape

from ..data import words

_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment
    r"|<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # tag
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # entity
    r"|\s+"  # whitespace run
    r"|[^<&\s]+"  # text
    r"|[<&]",  # a stray < or &
    re.S,
)

_BLOCK_TAGS = frozenset(
    words(
        """p div li h1 h2 h3 h4 h5 h6 blockquote tr section article figure figcaption
    header footer aside ul ol table pre hr dd dt dl main nav"""
    )
)
_SKIP_TAGS = frozenset(["script", "style", "template", "noscript"])
_ITALIC_TAGS = frozenset({"em", "i", "cite"})


@dataclass(slots=True)
class TextMap:
    """Plain text plus, for each code point i, its source range [starts[i], ends[i])."""

    text: str
    source_length: int
    starts: array = field(repr=False)
    ends: array = field(repr=False)
    italic_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a plain-text span to the smallest source span that covers it.

        An empty span maps to the source position of the character at `start` (or the end
        of the source for a span at the end of the text).
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the text (length {len(self.text)})")
        if start == len(self.text):
            return self.source_length, self.source_length
        if start == end:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def html_to_text_with_map(html: str) -> TextMap:
    """Strip `html` to plain text and keep an offset map back to `html` (see module doc)."""
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    italics: list[tuple[int, int]] = []
    italic_open: list[int] = []
    skip_until: str | None = None
    pending_space: tuple[int, int] | None = None
    length = 0

    def emit(chars: str, s: int, e: int) -> None:
        nonlocal length
        out.append(chars)
        for _ in chars:
            starts.append(s)
            ends.append(e)
        length += len(chars)

    def at_line_start() -> bool:
        return length == 0 or out[-1].endswith("\n")

    def flush_space() -> None:
        nonlocal pending_space
        if pending_space is not None and not at_line_start():
            emit(" ", *pending_space)
        pending_space = None

    for m in _TOKEN_RE.finditer(html):
        s, e = m.span()
        tok = m.group()
        tag = m.group(2)
        if skip_until is not None:
            if tag and m.group(1) and tag.lower() == skip_until:
                skip_until = None
            continue
        if tok.startswith("<!--"):
            continue
        if tag:
            name = tag.lower()
            closing = bool(m.group(1))
            if name in _SKIP_TAGS and not closing and not tok.endswith("/>"):
                skip_until = name
            elif name in _BLOCK_TAGS:
                pending_space = None
                if length and not out[-1].endswith("\n\n"):
                    emit("\n\n" if not out[-1].endswith("\n") else "\n", s, e)
            elif name == "br":
                pending_space = None
                emit("\n", s, e)
            elif name in _ITALIC_TAGS:
                if closing and italic_open:
                    italics.append((italic_open.pop(), length))
                elif not closing:
                    flush_space()
                    italic_open.append(length)
            continue
        if tok[0].isspace():
            if pending_space is None:
                pending_space = (s, s + 1)
            continue
        flush_space()
        if tok[0] == "&" and len(tok) > 1:
            decoded = unescape(tok)
            emit(" " if decoded == "\xa0" else decoded, s, e)
        else:
            for i, ch in enumerate(tok):
                emit(ch, s + i, s + i + 1)
    text = "".join(out)
    # Trailing paragraph breaks carry no meaning; trim them (and their map entries).
    trimmed = len(text.rstrip())
    del starts[trimmed:]
    del ends[trimmed:]
    spans = [(a, min(b, trimmed)) for a, b in italics if a < min(b, trimmed)]
    return TextMap(text[:trimmed], len(html), starts, ends, spans)
