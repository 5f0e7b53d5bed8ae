# ruff: noqa: RUF001, RUF003 - typographic quotes, apostrophes and dashes are this checker's subject
"""Rule base classes: data (patterns, term tables) plus small functions where data cannot
say it.

A rule finds *hits* (spans plus suggestions); the checker turns hits into `Finding`s,
applying quotation scope, protected spans, house overrides and edition pinning, so no
rule has to know about any of that.

Every rule declares:
- `id` (stable, e.g. "AP-DATE-01"; `aliases` keep old ids working in house settings),
- `severity`, `message` (our words) and `entry` (the AP Stylebook entry name we cite),
- `scope`: MECHANICAL rules also run inside direct quotations; WORDING rules never do,
- `fields`: which story fields it checks,
- `since`/`until`: the AP edition window in which it applies,
- `examples_flag`/`examples_pass`: executable examples (a test runs every one),
- `needles` / `word_needles` (optional): literals the text, or words it, must contain for
  the rule to have a chance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .context import StoryContext, TextContext
from .fields import PROSE
from .finding import Severity
from .text import WORD_RE, match_case


class Scope(StrEnum):
    """Where a rule may fire relative to direct quotations."""

    MECHANICAL = "mechanical"  # spelling, punctuation, doubled words: also inside quotes
    WORDING = "wording"  # word choice: we never rewrite what someone said


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw result: a span in the checked text and what to offer instead.

    `message`, `severity` and `safe_fix` override the rule's defaults for this hit.
    """

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    message: str | None = None
    severity: Severity | None = None
    safe_fix: bool | None = None


Example = str | Mapping[str, str]
"""A rule example: text for the rule's first field, or a dict of story fields."""


class Rule:
    """Base class. Subclasses implement `find` (text rules) or `find_story` (story rules)."""

    #: "text" rules see one field at a time; "story" rules see all fields together.
    level = "text"

    def __init__(
        self,
        id: str,
        *,
        severity: Severity | str,
        message: str,
        entry: str = "",
        scope: Scope = Scope.MECHANICAL,
        fields: Iterable[str] = PROSE,
        since: date | None = None,
        until: date | None = None,
        safe_fix: bool = False,
        default_enabled: bool = True,
        examples_flag: Iterable[Example] = (),
        examples_pass: Iterable[Example] = (),
        aliases: Iterable[str] = (),
        respects_protected: bool = True,
        needles: Iterable[str] = (),
        word_needles: Iterable[str] = (),
    ) -> None:
        self.id = id
        self.severity = Severity(severity)
        self.message = message
        self.entry = entry
        self.scope = scope
        self.fields = frozenset(fields)
        self.since = since
        self.until = until
        self.safe_fix = safe_fix
        self.default_enabled = default_enabled
        self.examples_flag = tuple(examples_flag)
        self.examples_pass = tuple(examples_pass)
        self.aliases = tuple(aliases)
        self.respects_protected = respects_protected
        #: Literal strings one of which must occur in the text for the rule to match at
        #: all: a cheap `in` test that skips the regex scan on most texts.
        self.needles = tuple(needles)
        #: Lowercase words one of which must occur as a word for the rule to match: a
        #: dictionary look-up each, where `needles` scan the text.
        self.word_needles = frozenset(w.lower() for w in word_needles)

    def applies_in(self, edition: date | None) -> bool:
        """Whether the rule belongs to the AP edition in force on `edition` (None: latest)."""
        if edition is None:
            return self.until is None
        if self.since is not None and edition < self.since:
            return False
        return self.until is None or edition < self.until

    def find(self, ctx: TextContext) -> Iterator[Hit]:
        """Yield hits in `ctx.text`. Text rules override this."""
        return iter(())

    def find_story(self, story: StoryContext) -> Iterator[tuple[str, Hit]]:
        """Yield (field, hit) pairs over the whole story. Story rules override this."""
        return iter(())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


SuggestFn = Callable[[re.Match[str], "TextContext"], "Iterable[str] | Hit | None"]


class PatternRule(Rule):
    """A compiled regex plus an optional `suggest` function.

    `suggest(match, ctx)` returns the suggestions, a full `Hit`, or None to reject the
    match (that is where context guards live). A string `replace` is expanded with
    `match.expand`. `group` selects the reported span.
    """

    def __init__(
        self,
        id: str,
        pattern: str | re.Pattern[str],
        *,
        flags: int = 0,
        group: int | str = 0,
        replace: str | None = None,
        suggest: SuggestFn | None = None,
        anchors: Iterable[str] | None = None,
        at_numbers: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(id, **kwargs)
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.group = group
        self.replace = replace
        self.suggest = suggest
        #: Where a match can start, so the text need not be scanned at every position:
        #: lowercase words (`anchors`) or the start of a number (`at_numbers`). Both are
        #: promises about the pattern; the golden-findings test holds them to it.
        self.anchors = frozenset(a.lower() for a in anchors) if anchors else None
        self.at_numbers = at_numbers

    def matches(self, ctx: TextContext) -> Iterator[re.Match[str]]:
        """The pattern's matches in `ctx.text`, found through its anchors if it has any."""
        if self.anchors is not None:
            return ctx.match_at_words(self.anchors, self.pattern)
        if self.at_numbers:
            return ctx.numbers_then(self.pattern)
        return self.pattern.finditer(ctx.text)

    def find(self, ctx: TextContext) -> Iterator[Hit]:
        group = self.group
        for m in self.matches(ctx):
            start, end = m.span(group)
            if self.suggest is not None:
                result = self.suggest(m, ctx)
                if result is None:
                    continue
                if isinstance(result, Hit):
                    yield result
                    continue
                yield Hit(start, end, tuple(result))
            elif self.replace is not None:
                yield Hit(start, end, (m.expand(self.replace),))
            else:
                yield Hit(start, end)


def trie_regex(words: Iterable[str], *, fold_case: bool = False) -> str:
    """One regex alternation for `words` that shares common prefixes.

    Python's `re` tries alternatives one by one at each position; a prefix trie turns a
    word list of hundreds into a few character tests per position (measured ~10x faster
    on our misspelling list). A space in a word matches any run of whitespace. The
    result is a non-capturing group, or a never-matching pattern for an empty list.
    """
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word.lower() if fold_case else word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"

    def build(node: dict[str, dict]) -> str:
        optional = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?"
        return body

    return f"(?:{build(trie)})"


def compile_terms(terms: Iterable[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    """One compiled pattern for a term list, bounded by non-word characters.

    Spaces in a term match any run of whitespace, so "war  planes" is still caught;
    the longest term wins because the trie is greedy and backtracks to shorter ones.
    """
    body = trie_regex(terms, fold_case=not case_sensitive)
    return re.compile(rf"(?<![\w'’-]){body}(?![\w-]|['’][a-z])", 0 if case_sensitive else re.I)


class TermMatcher:
    """Finds terms of a list in a text via the shared word list, not a full-text scan.

    Python's `re` is slow at trying a large case-insensitive alternation at every
    position; instead each word token is looked up in a set of first words, and the
    compiled pattern is only tried where one matches (a few dict look-ups per word).
    """

    def __init__(self, terms: Iterable[str], *, case_sensitive: bool = False) -> None:
        terms = [t for t in terms if t]
        self.case_sensitive = case_sensitive
        self.pattern = compile_terms(terms, case_sensitive=case_sensitive)
        firsts = set()
        for t in terms:
            m = WORD_RE.search(t)
            if m is not None:
                firsts.add(m.group() if case_sensitive else m.group().lower())
        self._firsts = frozenset(firsts)
        self._folded = frozenset(f.lower() for f in firsts)
        # A term that starts with a non-word character ("’90s") cannot be found by word.
        self._scan_all = any(not t[0].isalnum() for t in terms)

    def finditer(self, ctx: TextContext) -> Iterator[re.Match[str]]:
        """Matches in `ctx.text`, left to right, not overlapping."""
        if self._scan_all:
            yield from self.pattern.finditer(ctx.text)
            return
        text, words, sensitive = ctx.text, ctx.words, self.case_sensitive
        match = self.pattern.match
        last_end = 0
        for i in ctx.word_hits(self._folded):
            w = words[i]
            if w.start < last_end or (sensitive and w.text not in self._firsts):
                continue
            m = match(text, w.start)
            if m is not None:
                last_end = m.end()
                yield m


class TermRule(Rule):
    """A term table (term → replacements) compiled into one regex.

    Matching is case-insensitive unless `case_sensitive`; replacements take the case of
    what was matched. `guard(match, ctx)` may veto a match (proper names, idioms).
    """

    def __init__(
        self,
        id: str,
        terms: Mapping[str, str | Iterable[str]],
        *,
        case_sensitive: bool = False,
        guard: Callable[[re.Match[str], TextContext], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(id, **kwargs)
        self.case_sensitive = case_sensitive
        self.terms: dict[str, tuple[str, ...]] = {}
        for term, repl in terms.items():
            key = _term_key(term, case_sensitive)
            self.terms[key] = (repl,) if isinstance(repl, str) else tuple(repl)
        self.matcher = TermMatcher(terms, case_sensitive=case_sensitive)
        self.guard = guard

    def find(self, ctx: TextContext) -> Iterator[Hit]:
        for m in self.matcher.finditer(ctx):
            if self.guard is not None and not self.guard(m, ctx):
                continue
            found = m.group()
            repls = self.terms.get(_term_key(found, self.case_sensitive), ())
            yield Hit(m.start(), m.end(), tuple(match_case(found, r) for r in repls))


def _term_key(term: str, case_sensitive: bool) -> str:
    key = " ".join(term.split())
    return key if case_sensitive else key.lower()


class FunctionRule(Rule):
    """A rule whose logic is a function `fn(ctx) -> Iterable[Hit]`."""

    def __init__(self, id: str, fn: Callable[[TextContext], Iterable[Hit]], **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        self.fn = fn

    def find(self, ctx: TextContext) -> Iterator[Hit]:
        yield from self.fn(ctx)


class StoryRule(Rule):
    """A document-level rule: `fn(story) -> Iterable[(field, Hit)]`."""

    level = "story"

    def __init__(
        self, id: str, fn: Callable[[StoryContext], Iterable[tuple[str, Hit]]], **kwargs: Any
    ) -> None:
        super().__init__(id, **kwargs)
        self.fn = fn

    def find_story(self, story: StoryContext) -> Iterator[tuple[str, Hit]]:
        yield from self.fn(story)
