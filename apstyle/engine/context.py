# ruff: noqa: RUF001, RUF002 - typographic quotes, apostrophes and dashes are this checker's subject
"""What a rule may know about the text it checks: quotations, protected spans, sentences.

A `TextContext` is built once per field and computes its tokenisation lazily, so rules
share one pass over the text. A `StoryContext` groups the field contexts of one story for
document-level rules (first references, consistency, headline vs body).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from functools import cached_property, lru_cache

from .fields import HEADLINE, field_class
from .text import READER_WORD_RE, Span, Word, paragraphs, sentences, words_of

_URL_RE = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’']"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # email address
    r"|(?<![\w@])@\w{2,}"  # social handle
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co\.uk)(?:/[^\s]*)?\b",  # bare domain
    re.I,
)

#: Only texts containing one of these can hold a URL, address, handle or bare domain.
_URL_NEEDLES = ("http", "www.", "@", ".com", ".org", ".net", ".gov", ".edu", ".io", ".co.uk")

#: The first digit of each number (not one continuing "1,500" or "2.5").
_NUMBER_START_RE = re.compile(r"(?<![\d.,])\d")

_DOUBLE_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“"}
_OPENERS_RE = re.compile('[“"«„]')
_OPENERS_SINGLE_RE = re.compile("[“\"«„‘']")


def _quote_spans(text: str, paras: Sequence[Span], single_quotes: bool) -> list[tuple[int, int]]:
    """Spans of direct quotations, marks included.

    Curly and straight double quotes pair up within a paragraph. An opening mark that is
    never closed runs to the end of its paragraph: AP leaves the closing mark off a
    paragraph when the quotation continues in the next one. Headlines quote with single
    marks, so `single_quotes` also pairs ‘…’ and '…' there (apostrophes are skipped
    because they sit between letters).
    """
    spans: list[tuple[int, int]] = []
    openers = _OPENERS_SINGLE_RE if single_quotes else _OPENERS_RE
    for para in paras:
        i = para.start
        while True:
            m = openers.search(text, i, para.end)
            if m is None:
                break
            i = m.start()
            ch = text[i]
            close = _DOUBLE_QUOTES.get(ch)
            if close is None:
                if not _opens_single(text, i, para):
                    i += 1
                    continue
                close = "’'"
            j = i + 1
            while j < para.end and text[j] not in close:
                j += 1
            spans.append((i, min(j + 1, para.end)))
            i = j + 1
    return spans


def _opens_single(text: str, i: int, para: Span) -> bool:
    before = text[i - 1] if i > para.start else " "
    after = text[i + 1] if i + 1 < para.end else " "
    return not before.isalnum() and after.isalpha()


class TextContext:
    """The text of one field plus everything rules share about it.

    Contract: `text` is the plain text exactly as the caller passed it; all spans are
    offsets into it. `field` is the caller's field name; `kind` is the field whose rules
    apply (unknown fields are checked as body).
    """

    def __init__(
        self,
        text: str,
        field: str = "body",
        *,
        protected: Iterable[tuple[int, int]] = (),
        italic_spans: Iterable[tuple[int, int]] = (),
        story: StoryContext | None = None,
    ) -> None:
        self.text = text
        self.field = field
        self.kind = field_class(field)
        self.story = story
        self.italic_spans = list(italic_spans)
        self._extra_protected = list(protected)
        #: Per-text results shared between rules (e.g. titled names found once for two
        #: rules). Keys are owned by the rule module that sets them.
        self.memo: dict[str, object] = {}

    # --- structure -----------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[Span]:
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        return sentences(self.text, self.paragraphs)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def words(self) -> list[Word]:
        return words_of(self.text)

    @cached_property
    def word_starts(self) -> list[int]:
        """The start offset of each word in `words`."""
        return [w.start for w in self.words]

    @cached_property
    def word_lookup(self) -> dict[str, list[int]]:
        """Lowercased word → the indices of its occurrences in `words`, ascending.

        Built once per text; rules keyed on particular words look them up here instead
        of scanning the whole text with a regex of their own.
        """
        index: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            index.setdefault(w.text.lower(), []).append(i)
        return index

    def word_hits(self, vocabulary: AbstractSet[str]) -> list[int]:
        """Indices into `words` (ascending) of the words whose lowercase form is in
        `vocabulary` (a set of lowercase words)."""
        index = self.word_lookup
        if len(vocabulary) < len(index):
            found = [i for key in vocabulary if key in index for i in index[key]]
        else:
            found = [i for key, pos in index.items() if key in vocabulary for i in pos]
        found.sort()
        return found

    def match_at_words(
        self, vocabulary: AbstractSet[str], pattern: re.Pattern[str], *, exact: bool = False
    ) -> Iterator[re.Match[str]]:
        """Matches of `pattern` tried only where a word of `vocabulary` starts, left to
        right and not overlapping. For a pattern that always begins with one of those
        words this equals `pattern.finditer(text)`, at the cost of a few look-ups.
        `vocabulary` is lowercase unless `exact`, when words must match it as written."""
        text, words, match = self.text, self.words, pattern.match
        last_end = 0
        for i in self.word_hits(_folded(vocabulary) if exact else vocabulary):
            w = words[i]
            if w.start < last_end or (exact and w.text not in vocabulary):
                continue
            m = match(text, w.start)
            if m is not None:
                last_end = m.end()
                yield m

    def match_ending_at(
        self, vocabulary: AbstractSet[str], pattern: re.Pattern[str], *, group: int, back: int
    ) -> Iterator[re.Match[str]]:
        """Matches of `pattern` whose `group` starts at a word of `vocabulary` (lowercase),
        found by searching back at most `back` characters from those words instead of
        scanning the whole text: for patterns with a lead-in before the word they are about
        ("the Biden Administration", "Austin, Tex.")."""
        text, words = self.text, self.words
        last_end = 0
        for i in self.word_hits(vocabulary):
            w = words[i]
            if w.start < last_end:
                continue
            lo = max(last_end, w.start - back)
            for m in pattern.finditer(text, lo, min(len(text), w.end + 80)):
                if m.start(group) == w.start:
                    last_end = m.end()
                    yield m
                    break

    @cached_property
    def number_starts(self) -> list[int]:
        """Offsets where a number starts ("1,500" and "2.5" once each), ascending."""
        return [m.start() for m in _NUMBER_START_RE.finditer(self.text)]

    def numbers_then(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of `pattern` tried only where a number starts, left to right and not
        overlapping: for patterns that begin with the number, this equals
        `pattern.finditer(text)` at a fraction of the cost (one shared scan for digits)."""
        text, match = self.text, pattern.match
        last_end = 0
        for pos in self.number_starts:
            if pos < last_end:
                continue
            m = match(text, pos)
            if m is not None:
                last_end = max(m.end(), pos + 1)
                yield m

    @cached_property
    def sentence_word_counts(self) -> list[int]:
        """Words as a reader counts them (`count_words`) in each of `sentences`."""
        findall, text = READER_WORD_RE.findall, self.text
        return [len(findall(text, s.start, s.end)) for s in self.sentences]

    def count_words(self, start: int = 0, end: int | None = None) -> int:
        """Words as a reader counts them in [start, end) (`text.count_words`). `start` and
        `end` must fall between tokens (sentence and paragraph bounds do)."""
        return len(READER_WORD_RE.findall(self.text, start, len(self.text) if end is None else end))

    def lower_word(self, i: int) -> str:
        """The lowercase text of word `i`, or "" outside the text."""
        return self.words[i].text.lower() if 0 <= i < len(self.words) else ""

    def gap(self, i: int) -> str:
        """The characters between word `i` and word `i + 1` ("" at either end)."""
        words = self.words
        if 0 <= i < len(words) - 1:
            return self.text[words[i].end : words[i + 1].start]
        return ""

    def is_sentence_start(self, pos: int) -> bool:
        """True if only opening quotes, brackets or spaces precede `pos` in its sentence."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return False
        lead = self.text[self._sentence_starts[i] : pos]
        return all(c.isspace() or c in "\"'“‘([—–-*•" for c in lead)

    def sentence_at(self, pos: int) -> Span | None:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return None
        span = self.sentences[i]
        return span if pos <= span.end else None

    def word_index(self, pos: int) -> int:
        """Index of the word starting at or before `pos` (-1 if none)."""
        return bisect_right(self.word_starts, pos) - 1

    def prev_word(self, pos: int) -> Word | None:
        """The last word that ends at or before `pos`."""
        i = bisect_right(self.word_starts, pos - 1) - 1
        while i >= 0 and self.words[i].end > pos:
            i -= 1
        return self.words[i] if i >= 0 else None

    def next_word(self, pos: int) -> Word | None:
        """The first word that starts at or after `pos`."""
        i = bisect_right(self.word_starts, pos - 1)
        return self.words[i] if i < len(self.words) else None

    # --- quotations and protected spans ---------------------------------------------

    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        return _quote_spans(self.text, self.paragraphs, single_quotes=self.kind == HEADLINE)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quote_spans]

    def in_quote(self, pos: int) -> bool:
        """True if `pos` lies inside a direct quotation (between its marks)."""
        i = bisect_right(self._quote_starts, pos) - 1
        # The closing mark itself counts as outside, so moving a period inside it
        # (“aggression”. → “aggression.”) stays a safe fix.
        return i >= 0 and self.quote_spans[i][0] < pos < self.quote_spans[i][1] - 1

    @cached_property
    def protected_spans(self) -> list[tuple[int, int]]:
        text = self.text
        spans = (
            [m.span() for m in _URL_RE.finditer(text)]
            if any(n in text for n in _URL_NEEDLES)
            else []
        )
        if self.story is not None and self.story.protected_re is not None:
            spans.extend(m.span() for m in self.story.protected_re.finditer(self.text))
        spans.extend(self._extra_protected)
        return _merge(spans)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _ in self.protected_spans]

    def is_protected(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a URL, email, handle or protected name."""
        spans = self.protected_spans
        if not spans:
            return False
        i = bisect_right(self._protected_starts, max(start, end - 1)) - 1
        while i >= 0:
            s, e = spans[i]
            if e > start and s < max(end, start + 1):
                return True
            if e <= start:
                return False
            i -= 1
        return False


@lru_cache(maxsize=256)
def _folded(vocabulary: AbstractSet[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in vocabulary)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def protected_names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One case-sensitive regex for the caller's protected names.

    Each multiword name is protected whole and by its last part (the surname used on
    later references), with an optional possessive.
    """
    variants: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        variants.add(name)
        parts = name.split(" ")
        if len(parts) > 1 and len(parts[-1]) > 2 and parts[-1][0].isupper():
            variants.add(parts[-1])
    if not variants:
        return None
    alt = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?:['’]s?)?(?![\w-])")


class StoryContext:
    """All fields of one story, for rules that need the whole document."""

    def __init__(
        self,
        fields: dict[str, str],
        *,
        protected_names: Iterable[str] = (),
        italic_spans: dict[str, list[tuple[int, int]]] | None = None,
        edition: date | None = None,
    ) -> None:
        #: The AP edition in force (None: the latest), for rules with per-term dates.
        self.edition = edition
        self.protected_names = tuple(protected_names)
        self.protected_re = protected_names_pattern(self.protected_names)
        italic_spans = italic_spans or {}
        self.fields: dict[str, TextContext] = {
            name: TextContext(text, name, story=self, italic_spans=italic_spans.get(name, ()))
            for name, text in fields.items()
            if isinstance(text, str)
        }

    def get(self, kind: str) -> TextContext | None:
        """The first field checked as `kind` (e.g. the body), if any."""
        for ctx in self.fields.values():
            if ctx.kind == kind:
                return ctx
        return None
