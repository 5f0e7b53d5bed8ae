# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Small helpers shared by rule modules (context guards and severities)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..engine.context import TextContext
from ..engine.finding import Severity
from ..engine.text import SENTENCE_OPENERS

ERROR = Severity.ERROR
WARNING = Severity.WARNING
SUGGESTION = Severity.SUGGESTION

_WORD_BEFORE_RE = re.compile(r"([\w.’'&-]+)\W*$")


def word_before(ctx: TextContext, pos: int, span: int = 40) -> str:
    """The token (with its dots) that ends just before `pos`, ignoring spaces/punctuation."""
    m = _WORD_BEFORE_RE.search(ctx.text, max(0, pos - span), pos)
    return m.group(1) if m else ""


def is_mid_sentence_capitalised(ctx: TextContext, start: int) -> bool:
    """A capitalised word that is not capitalised just because it opens a sentence."""
    return ctx.text[start : start + 1].isupper() and not ctx.is_sentence_start(start)


def period_ends_sentence(ctx: TextContext, pos: int) -> bool:
    """Whether the period just before `pos` also ends the sentence.

    True at the end of a paragraph, or when the next word is a usual sentence opener.
    Replacing "Ind." with "Indiana" must then keep a period.
    """
    text = ctx.text
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] == "\n":
        return True
    if text[i] in '“"‘':
        return True
    m = re.match(r"[A-Za-z]+", text[i : i + 20])
    return bool(m and text[i].isupper() and m.group().lower() in SENTENCE_OPENERS)


def in_caps_run(ctx: TextContext, start: int, end: int) -> bool:
    """True if a neighbouring word is also ALL CAPS (a heading or shouted text)."""
    prev = ctx.prev_word(start)
    nxt = ctx.next_word(end)
    for w in (prev, nxt):
        if (
            w is not None
            and len(w.text) > 1
            and w.text.isupper()
            and abs((w.start if w is nxt else w.end) - (end if w is nxt else start)) < 4
        ):
            return True
    return False


def apostrophe(ctx: TextContext) -> str:
    """The apostrophe this text uses (curly unless it only has straight ones)."""
    text = ctx.text
    return "'" if "'" in text and "’" not in text else "’"


def match_at_words(
    ctx: TextContext, firsts: frozenset[str], pattern: re.Pattern[str], *, fold: bool = True
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` tried only where a word from `firsts` starts (lowercase
    words if `fold`, else as written); see `TextContext.match_at_words`."""
    return ctx.match_at_words(firsts, pattern, exact=not fold)


def first_words(terms: Iterable[str], *, fold: bool = True) -> frozenset[str]:
    """The first word token of each term (lowercased if `fold`)."""
    out = set()
    for t in terms:
        m = re.search(r"[^\W_]+(?:['’][^\W_]+)*", t)
        if m:
            out.add(m.group().lower() if fold else m.group())
    return frozenset(out)


def _adjacent(gap: str) -> bool:
    """Words separated by spaces only (not punctuation, not a paragraph break)."""
    return bool(gap) and gap.isspace() and "\n\n" not in gap


def next_lower(ctx: TextContext, i: int) -> str:
    """Word `i + 1` lowercased, if only spaces separate it from word `i`; else ""."""
    words = ctx.words
    if i + 1 >= len(words) or i < 0:
        return ""
    if not _adjacent(ctx.text[words[i].end : words[i + 1].start]):
        return ""
    return words[i + 1].text.lower()


def prev_lower(ctx: TextContext, i: int) -> str:
    """Word `i - 1` lowercased, if only spaces separate it from word `i`; else ""."""
    words = ctx.words
    if i < 1 or i >= len(words):
        return ""
    if not _adjacent(ctx.text[words[i - 1].end : words[i].start]):
        return ""
    return words[i - 1].text.lower()


def joined(ctx: TextContext, i: int, n: int) -> str:
    """Words `i` … `i + n - 1` lowercased and joined by single spaces, if only spaces
    separate them; else ""."""
    words = ctx.words
    if i < 0 or i + n > len(words):
        return ""
    parts = [words[i].text.lower()]
    for k in range(i + 1, i + n):
        if not _adjacent(ctx.text[words[k - 1].end : words[k].start]):
            return ""
        parts.append(words[k].text.lower())
    return " ".join(parts)
