# ruff: noqa: RUF001, RUF003 - typographic quotes, apostrophes and dashes are this checker's subject
"""Punctuation and mechanics: AP-PUNC-01 … AP-PUNC-06 (doubled words are in typos.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import words
from ..data.states import NAMES as STATE_NAMES
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope
from ._common import ERROR, WARNING

# --- AP-PUNC-01: no serial comma in a simple series -------------------------------------

_SERIAL_RE = re.compile(r",\s+(?:and|or)\s+")
_CLAUSE_BREAK_RE = re.compile(r"[;:.!?()“”\"\n]")
_PRONOUNS = frozenset(words("""he she they we i it you his her their there this that which who"""))


def _simple_item(item: str, last_words: int | None = None) -> bool:
    words = item.split()
    if last_words is not None:
        words = words[-last_words:]
    if not words or len(words) > 3:
        return False
    if any(c.isdigit() for c in item) or " and " in f" {item} " or " or " in f" {item} ":
        return False
    return words[0].lower() not in _PRONOUNS


def _punc01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in _SERIAL_RE.finditer(text):
        comma = m.start()
        lo = max(0, comma - 200)
        window = text[lo:comma]
        cut = max((b.end() for b in _CLAUSE_BREAK_RE.finditer(window)), default=0)
        items = window[cut:].split(",")
        if len(items) < 2:
            continue  # "A, and B" is two clauses, not a series
        a, b = items[-2], items[-1]
        stop = _CLAUSE_BREAK_RE.search(text, m.end(), m.end() + 200)
        c = text[m.end() : stop.start() if stop else min(len(text), m.end() + 200)].split(",")[0]
        if not (
            _simple_item(a, 2) and _simple_item(b) and _simple_item(c, 2) and len(c.split()) <= 4
        ):
            continue
        if b.strip() in STATE_NAMES or a.split()[-1] in STATE_NAMES:
            continue  # "Lafayette, Indiana, and Austin"
        yield Hit(comma, comma + 1, ("",))


register(
    FunctionRule(
        "AP-PUNC-01",
        _punc01,
        needles=(", and ", ", or "),
        severity=WARNING,
        message="No serial comma before the conjunction in a simple series.",
        entry="comma",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=False,
        examples_flag=(
            "The flag is red, white, and blue.",
            "She covers policy, personnel, and leadership.",
        ),
        examples_pass=(
            "The flag is red, white and blue.",
            "She covers operations, policy, personnel, leadership and other issues.",
            "He left, she stayed, and they cried.",
            "They met in Lafayette, Indiana, and Austin.",
            "I had orange juice, toast, and ham and eggs.",
        ),
    )
)

# --- AP-PUNC-02: ellipsis --------------------------------------------------------------


def _punc02(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in re.finditer(r"\.{3}(?!\.)|…", text):
        s, e = m.span()
        if s > 0 and text[s - 1] == ".":
            continue  # a sentence period before the ellipsis
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        glyph = m.group() == "…"
        need_before = before.isalnum()
        need_after = after.isalnum()
        if not (glyph or need_before or need_after):
            continue
        fixed = (" " if need_before else "") + "..." + (" " if need_after else "")
        yield Hit(
            s,
            e,
            (fixed,),
            message=(
                "Write an ellipsis as three periods, not the … character."
                if glyph
                else "Put a space on each side of an ellipsis: “He paused ... then left.”"
            ),
        )


register(
    FunctionRule(
        "AP-PUNC-02",
        _punc02,
        needles=("...", "…"),
        severity=ERROR,
        message="Ellipsis: three periods with a space on each side.",
        entry="ellipsis",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("He paused...then left.", "He paused … then left."),
        examples_pass=(
            "He paused ... then left.",
            "“... and then he left,” she said.",
            "It ended. ... Then silence.",
        ),
    )
)

# --- AP-PUNC-03: dashes ----------------------------------------------------------------


_DASH_RE = re.compile(r"—|--|–")
_RANGE_DASH_RE = re.compile(r"–(?<=\d–)(?=\d)")


def _punc03(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    last_end = 0
    for m in _DASH_RE.finditer(text):
        s, e = m.span()
        if m.group() == "–" and not (text[s - 1 : s].isspace() and text[e : e + 1].isspace()):
            continue  # an en dash between words or figures is the range check below
        while s > last_end and text[s - 1] in " \t":
            s -= 1
        while e < len(text) and text[e] in " \t":
            e += 1
        last_end = e
        dash = m.group()
        if s == 0 or e >= len(text) or text[s - 1] == "\n" or text[e] == "\n":
            continue  # a dash opening or closing a line (attributions, datelines)
        if text[s:e] == " — ":
            continue
        if (dash == "—" and text[s - 1] in '“"‘(') or text[e : e + 1] in '”"’)':
            continue
        yield Hit(s, e, (" — ",))
    for m in _RANGE_DASH_RE.finditer(text):
        if re.search(
            r"\b(?:[Ff]rom|[Bb]etween)\s+[\d,:.]*$", text[max(0, m.start() - 20) : m.start()]
        ):
            continue  # "from 1990–2000" is AP-TIME-05's (from ... to)
        yield Hit(
            m.start(),
            m.end(),
            ("-",),
            message="Use a hyphen, not an en dash, in ranges: 2010-2015.",
        )


register(
    FunctionRule(
        "AP-PUNC-03",
        _punc03,
        needles=("—", "--", "–"),
        severity=ERROR,
        message="Use an em dash with a space on each side.",
        entry="dash",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The war—which began in October—spread.",
            "The war -- which began -- spread.",
            "It ran 2010–2015.",
        ),
        examples_pass=(
            "The war — which began in October — spread.",
            "It ran 2010-2015.",
            "BAGHDAD (AP) —",
        ),
    )
)

register(
    PatternRule(
        "AP-PUNC-04",
        r"(?<=[^\s\d])([”\"])([.,])",
        suggest=lambda m, ctx: (m.group(2) + m.group(1),),
        needles=("”.", "”,", '".', '",'),
        severity=ERROR,
        message="Periods and commas go inside quotation marks.",
        entry="quotation marks",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("They called it “brutal American aggression”.", 'He said "no", then left.'),
        examples_pass=("They called it “brutal American aggression.”", 'The board is 5" thick.'),
    )
)

_WITNESS_RE = re.compile(r"\b([a-z]+ss)(['’])(?=\s)")
_JONES_RE = re.compile(r"\b([A-Z][a-z]+s)(['’])s\b")


def _punc05(ctx: TextContext) -> Iterator[Hit]:
    for m in _WITNESS_RE.finditer(ctx.text):
        if m.group(1) in {"goodness", "conscience"}:
            continue
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)}{m.group(2)}s",),
            message="A singular common noun ending in s takes ’s: the witness’s answer.",
        )
    for m in _JONES_RE.finditer(ctx.text):
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)}{m.group(2)}",),
            message="A singular proper name ending in s takes only an apostrophe: Jones’ car.",
        )


register(
    FunctionRule(
        "AP-PUNC-05",
        _punc05,
        needles=("s'", "s’"),
        severity=WARNING,
        message="Possessives of words ending in s.",
        entry="possessives",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=False,
        examples_flag=("Jones's car was towed.", "The witness' answer was clear."),
        examples_pass=(
            "Jones’ car was towed.",
            "The witness’s answer was clear.",
            "The workers’ union met.",
        ),
    )
)

register(
    PatternRule(
        "AP-PUNC-06",
        r"[.?!][”\"’)]?( {2,})(?=\S)",
        group=1,
        replace=" ",
        needles=("  ",),
        severity=ERROR,
        message="One space after a sentence.",
        entry="punctuation",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The car was hit.  Heavy security followed.",),
        examples_pass=("The car was hit. Heavy security followed.",),
    )
)

# --- AP-PUNC-08: no hyphen after an -ly adverb ----------------------------------------------

#: Words ending in -ly that are not adverbs (adjectives, nouns, names), so a hyphen after
#: them can be right: "family-owned", "friendly-fire", "early-morning".
_NOT_ADVERBS = frozenset(
    words("""family early only daily weekly monthly yearly hourly nightly quarterly friendly
    unfriendly holy ugly silly curly burly lowly elderly oily hilly chilly bully lily rally
    jelly belly supply reply apply comply italy july sicily anomaly assembly ally tally
    lonely lovely lively costly deadly kindly likely unlikely stately orderly timely homely
    scholarly cowardly worldly heavenly manly motherly fatherly brotherly sisterly
    neighborly leisurely comely ghostly ungodly godly sickly wily woolly bubbly wobbly
    prickly surly jolly folly holly kelly molly sally billy melancholy monopoly multiply
    butterfly dragonfly firefly fly sly ply rely gully gully dolly trolly trolley
    smelly jelly bodily courtly earthly fleshly friendly-fire wooly grizzly""")
)
_LY_HYPHEN_RE = re.compile(r"\b([a-z]{2,}ly)-([a-z]{3,})\b(?!-)")


def _punc08(ctx: TextContext) -> Iterator[Hit]:
    for m in _LY_HYPHEN_RE.finditer(ctx.text):
        if m.group(1) in _NOT_ADVERBS:
            continue
        yield Hit(m.start(), m.end(), (f"{m.group(1)} {m.group(2)}",))


register(
    FunctionRule(
        "AP-PUNC-08",
        _punc08,
        needles=("ly-",),
        severity=WARNING,
        message="No hyphen after an adverb ending in -ly: a highly regarded professor.",
        entry="hyphen",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The newly-elected mayor took office.",
            "She is a highly-regarded surgeon.",
        ),
        examples_pass=(
            "The newly elected mayor took office.",
            "The family-owned store closed.",
            "An early-morning fire destroyed it.",
        ),
    )
)

# --- AP-PUNC-09: ampersand -----------------------------------------------------------------

register(
    PatternRule(
        "AP-PUNC-09",
        r"(?<=[a-z,] )(&)(?= [a-z])",
        group=1,
        replace="and",
        needles=(" & ",),
        severity=WARNING,
        message=(
            "Use and, not &, except in formal names (Procter & Gamble) and accepted abbreviations."
        ),
        entry="ampersand (&)",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("The mayor met with parents & teachers.",),
        examples_pass=(
            "The mayor met with parents and teachers.",
            "Procter & Gamble and AT&T reported earnings.",
            "The B&B and the Q&A session were canceled.",
        ),
    )
)
