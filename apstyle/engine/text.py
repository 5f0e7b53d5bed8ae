# ruff: noqa: RUF001, RUF003 - typographic quotes, apostrophes and dashes are this checker's subject
"""Text primitives shared by every rule: words, sentences, paragraphs, positions, case.

Everything here is computed once per checked text (see `context.TextContext`) so rules
do not re-tokenise. Offsets are Python `str` indices, i.e. Unicode code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ..data import words

#: A word: letters or digits, with apostrophes inside ("Thursday’s", "don't"). Hyphens
#: split words so "U.S.-led" and "Iran-backed" give their parts to word-level rules.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: What counts as a word for readability (sentence length): any run of non-space that
#: contains a letter or digit, so "U.S.-led" and "20,000" count once.
_TOKEN_RE = re.compile(r"[^\s—–]+")
_HAS_WORD_CHAR_RE = re.compile(r"[^\W_]")
#: The same words in one pass: a token (a run of anything but space and dashes) that
#: starts after a space or dash and holds a letter or digit. Starting only at token starts,
#: with possessive runs, keeps it linear even on long runs of punctuation.
READER_WORD_RE = re.compile(r"(?<![^\s—–])(?:_|[^\s—–\w])*+[^\W_][^\s—–]*+")

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A sentence can end at ., ! or ? (possibly repeated), followed by closing quotes or
# brackets, then whitespace. The look-behind and possessive quantifiers keep the scan
# linear on long runs of punctuation.
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)")

# Abbreviations that (practically) never end a sentence: titles and months come before
# a name or a number. "Maj. Gen. Pat Ryder" and "Oct. 7" must stay one sentence.
NEVER_FINAL = frozenset(
    words("""mr. mrs. ms. dr. gov. lt. gen. gens. maj. col. capt. sgt. cmdr. adm. pfc. cpl.
    pvt. spc. sen. sens. rep. reps. rev. prof. brig. msgr. no. nos. jan. feb. mar. apr.
    jun. jul. aug. sep. sept. oct. nov. dec. mt. ft. vs. v. e.g. i.e. cf. pp. vol.
    mon. tue. tues. wed. thu. thur. thurs. fri. sat. sun.""")
)

# Abbreviations that may end a sentence ("in the U.S. He said"): they end it only when
# the next word is a typical sentence opener.
MAYBE_FINAL = frozenset(
    words("""u.s. u.n. u.k. a.m. p.m. inc. co. corp. ltd. jr. sr. st. ave. blvd. etc. d.c.
    ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass.
    mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa.
    r.i. s.c. s.d. tenn. vt. va. wash. w.va. wis. wyo.""")
)

SENTENCE_OPENERS = frozenset(
    words("""a an the he she it they we i you his her its their our my this that these those
    there here but and or so yet if when while after before as in on at for from by
    with without since because although though however meanwhile still also then no
    not one some many most all both each every officials police authorities""")
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of code points."""

    start: int
    end: int


class Word(NamedTuple):
    """A word token and its offsets (a named tuple: a text has thousands of them, and
    tuples are the cheapest to build)."""

    start: int
    end: int
    text: str


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[Word]:
    """Yield the word tokens of `text[start:end]` with absolute offsets."""
    yield from words_of(text, start, end)


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The word tokens of `text[start:end]` with absolute offsets, as a list."""
    make = tuple.__new__
    return [
        make(Word, (m.start(), m.end(), m.group()))
        for m in WORD_RE.finditer(text, start, len(text) if end is None else end)
    ]


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by a blank line, with surrounding space trimmed."""
    spans: list[Span] = []
    pos = 0
    for m in _PARAGRAPH_BREAK_RE.finditer(text):
        _append_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def _token_before(text: str, pos: int, floor: int) -> str:
    """The whitespace-delimited token that ends at `pos` (exclusive), lowercased."""
    i = pos
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lstrip("\"'“‘([").lower()


def _next_word(text: str, pos: int) -> str:
    m = WORD_RE.search(text, pos, min(len(text), pos + 40))
    return m.group().lower() if m else ""


def sentences(text: str, paras: list[Span] | None = None) -> list[Span]:
    """Sentence spans, aware of AP abbreviations.

    Plain splitters over-split AP copy ("Maj. Gen.", "Oct. 7", "U.S."); this one keeps
    titles and months with what follows, and ends a sentence after "U.S." or "p.m." only
    when the next word is a usual sentence opener. A paragraph break always ends one.
    """
    out: list[Span] = []
    for para in paras if paras is not None else paragraphs(text):
        start = para.start
        for m in _SENTENCE_END_RE.finditer(text, para.start, para.end):
            nxt = m.end()
            while nxt < para.end and text[nxt].isspace():
                nxt += 1
            if nxt >= para.end:
                break
            follower = text[nxt]
            if follower.islower():
                continue  # "etc. and", “Why?” he asked
            punct = m.group()
            if punct[0] == "." and len(punct.rstrip("\"'”’)]")) == 1:
                token = _token_before(text, m.start() + 1, start)
                if token in NEVER_FINAL or (len(token) == 2 and token[0].isalpha()):
                    continue  # a title, a month, an initial ("Pat J. Ryder")
                if follower.isdigit() and "." in token[:-1]:
                    continue  # "H.R. 1", "U.S. 1"

                if token in MAYBE_FINAL and _next_word(text, nxt) not in SENTENCE_OPENERS:
                    continue
            _append_trimmed(text, start, m.end(), out)
            start = nxt
        _append_trimmed(text, start, para.end, out)
    return out


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Words as a reader counts them ("U.S.-led" and "20,000" are one word each)."""
    # Split on space and dashes, then keep tokens with a letter or digit: linear time
    # even on long runs of punctuation (a single regex for this backtracks quadratically).
    has_word = _HAS_WORD_CHAR_RE.search
    stop = len(text) if end is None else end
    return sum(1 for m in _TOKEN_RE.finditer(text, start, stop) if has_word(m.group()))


class LineIndex:
    """Maps offsets to 1-based (line, column) pairs; build once, query many times."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column (in code points) of `offset`."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`; use `LineIndex` for many offsets."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line + 1, col + 1


def match_case(original: str, replacement: str) -> str:
    """Give `replacement` the case pattern of `original` (ALL CAPS, Capitalised or as is)."""
    if not replacement or not original:
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and replacement.islower():
        return replacement.upper()
    if original[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
