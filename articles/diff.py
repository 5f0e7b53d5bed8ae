"""Word-level comparison of two texts, for the history pages. Pure functions over strings.

`word_diff` marks what changed between two strings word by word; `lines_diff` lines up two
lists of lines (paragraphs of a body, bylines, links) and word-diffs the lines that were
edited; `paragraphs` turns a story body's HTML into the text of its paragraphs. The output
is HTML built only from escaped text and <del>/<ins>, so it is safe to show whatever the
story holds.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words (with inner apostrophes, hyphens and digits), runs of white space, and single
# punctuation marks: “didn't” and “U.S.-led” change as units a reader would recognise.
_TOKEN = re.compile(r"\s+|\w+(?:['’\-.]\w+)*|[^\w\s]")  # noqa: RUF001  the apostrophe


def tokens(text: str) -> list[str]:
    """`text` as words, white space and punctuation; joining them gives `text` back."""
    return _TOKEN.findall(text)


def _segments(old: list[str], new: list[str]) -> list[tuple[bool, str, str]]:
    """(changed, old text, new text) runs. A change separated from the next one only by
    white space is merged with it, so “a b c” → “x y z” reads as one replacement rather
    than three."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[tuple[bool, str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((op != "equal", "".join(old[i1:i2]), "".join(new[j1:j2])))
    merged: list[tuple[bool, str, str]] = []
    index = 0
    while index < len(runs):
        changed, a, b = runs[index]
        if changed:
            while index + 2 < len(runs) and runs[index + 2][0] and not runs[index + 1][1].strip():
                a += runs[index + 1][1] + runs[index + 2][1]
                b += runs[index + 1][2] + runs[index + 2][2]
                index += 2
        merged.append((changed, a, b))
        index += 1
    return merged


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """(old, new) as escaped HTML, with what was removed from `old` in <del> and what was
    added in `new` in <ins>: the two sides of a side-by-side comparison."""
    left: list[str] = []
    right: list[str] = []
    for changed, a, b in _segments(tokens(old), tokens(new)):
        if not changed:
            left.append(escape(a))
            right.append(escape(b))
            continue
        if a:
            left.append(f"<del>{escape(a)}</del>")
        if b:
            right.append(f"<ins>{escape(b)}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308  escaped above


_EMPTY = mark_safe("")


@dataclass(frozen=True)
class DiffRow:
    """One line of a side-by-side comparison. `op` is "equal", "insert", "delete",
    "replace", or "skip" (a run of `skipped` unchanged lines left out)."""

    op: str
    old: SafeString = _EMPTY
    new: SafeString = _EMPTY
    skipped: int = 0

    @property
    def changed(self) -> bool:
        return self.op in ("insert", "delete", "replace")


def _whole(text: str, tag: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(text)}</{tag}>") if text else _EMPTY  # noqa: S308


def lines_diff(old: list[str], new: list[str], *, context: int | None = None) -> list[DiffRow]:
    """Line up `old` and `new`, word-diffing lines that were edited in place.

    With `context`, runs of unchanged lines further than `context` lines from a change are
    folded into one "skip" row, so a long body shows its edits with a little around them."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(DiffRow("equal", escape(line), escape(line)) for line in old[i1:i2])
        elif op == "delete":
            rows.extend(DiffRow("delete", _whole(line, "del")) for line in old[i1:i2])
        elif op == "insert":
            rows.extend(DiffRow("insert", new=_whole(line, "ins")) for line in new[j1:j2])
        else:
            # Pair edited lines in order; what is left over was added or removed outright.
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                rows.append(DiffRow("replace", *word_diff(old[i1 + k], new[j1 + k])))
            rows.extend(DiffRow("delete", _whole(line, "del")) for line in old[i1 + pairs : i2])
            rows.extend(DiffRow("insert", new=_whole(line, "ins")) for line in new[j1 + pairs : j2])
    return _fold(rows, context) if context is not None else rows


def _fold(rows: list[DiffRow], context: int) -> list[DiffRow]:
    near = set()
    for index, row in enumerate(rows):
        if row.changed:
            near.update(range(index - context, index + context + 1))
    folded: list[DiffRow] = []
    hidden = 0
    for index, row in enumerate(rows):
        if row.op == "equal" and index not in near:
            hidden += 1
            continue
        if hidden:
            folded.append(DiffRow("skip", skipped=hidden))
            hidden = 0
        folded.append(row)
    if hidden:
        folded.append(DiffRow("skip", skipped=hidden))
    return folded


_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "figcaption",
    "tr",
    "dt",
    "dd",
    "hr",
    "br",
    "ul",
    "ol",
    "table",
    "figure",
}


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._current: list[str] = []
        self._prefix = ""

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.found.append(self._prefix + text)
        self._current = []
        self._prefix = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._flush()
            if tag == "li":
                self._prefix = "• "
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._prefix = "§ "
            elif tag == "figure" and (photo := dict(attrs).get("data-photo-id")):
                # A library photo: its own line, so adding or removing one shows.
                self._current.append(f"[Photo {photo}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)


def paragraphs(body_html: str) -> list[str]:
    """The text of each paragraph (heading, list item, quote) of `body_html`, white space
    collapsed, tags dropped. Headings start with “§ ”, list items with “• ”."""
    parser = _Paragraphs()
    parser.feed(body_html or "")
    parser.close()
    parser._flush()
    return parser.found
