# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Beyond AP: doubled words, redundancies, common misspellings (its/it's is in grammar.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data.misspellings import MISSPELLINGS
from ..data.terms import REDUNDANCIES
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope, TermRule
from ._common import ERROR, SUGGESTION

_GAP_RE = re.compile(r"[\s\"'“”‘’()\[\]*_]+")
_ALLOWED_PAIRS = frozenset({"had", "that"})
_REDUPLICATIVES = frozenset(
    {"bye", "no", "so", "chop", "knock", "tut", "ha", "boo", "yada", "pee", "bang", "there"}
)


def _repeats(ctx: TextContext) -> list[int]:
    """Indices i where word i repeats word i - 1 (case aside), from the word index: only
    words that occur more than once can repeat."""
    found = [
        i
        for positions in ctx.word_lookup.values()
        if len(positions) > 1
        for j, i in enumerate(positions[1:])
        if positions[j] == i - 1
    ]
    found.sort()
    return found


def _doubled(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    words = ctx.words
    for i in _repeats(ctx):
        a, b = words[i - 1], words[i]
        if a.text.isdigit():
            continue
        gap = text[a.end : b.start]
        if not gap or not _GAP_RE.fullmatch(gap) or "\n\n" in gap:
            continue
        low = a.text.lower()
        if low in _ALLOWED_PAIRS or low in _REDUPLICATIVES:
            continue
        if (
            low == "is"
            and i >= 3
            and words[i - 2].text.lower() in {"it", "this", "that", "what", "which"}
            and words[i - 3].text.lower() in {"what", "all", "which"}
        ):
            continue  # "what it is is", "all it is is"
        if a.text[0].isupper() and b.text[0].isupper() and not ctx.is_sentence_start(a.start):
            continue  # "Walla Walla", "Sirhan Sirhan"
        plain = gap.isspace()
        # Across a quote mark, dropping the first word keeps the quotation intact.
        suggestions = (a.text,) if plain else (gap.lstrip() + b.text,)
        yield Hit(a.start, b.end, suggestions, safe_fix=plain)


register(
    FunctionRule(
        "NR-DOUBLED-WORD",
        _doubled,
        severity=ERROR,
        message="Doubled word.",
        entry="",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        aliases=("AP-PUNC-07",),
        examples_flag=(
            "He said that his government is “is proceeding to end it.”",
            "The the strike killed two.",
            "It was a a mistake.",
        ),
        examples_pass=(
            "He said that that was wrong.",
            "She had had enough.",
            "They drove to Walla Walla.",
            "What it is is a mistake.",
            "He said no. No one came.",
        ),
    )
)


def _redundancy(ctx: TextContext) -> Iterator[Hit]:
    yield from _REDUNDANCY_TERMS.find(ctx)
    for m in re.finditer(r"\b[Tt]he\s+year\s+((?:1[5-9]|20)\d\d)\b", ctx.text):
        yield Hit(
            m.start(), m.end(), (m.group(1),), message="“The year” adds nothing before a year."
        )


_REDUNDANCY_TERMS = TermRule(
    "NR-REDUNDANCY-TERMS",
    REDUNDANCIES,
    severity=SUGGESTION,
    message="",
)

register(
    FunctionRule(
        "NR-REDUNDANCY",
        _redundancy,
        severity=SUGGESTION,
        message="Redundant wording: the shorter form says the same.",
        entry="",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "The plan was announced in the year 2025.",
            "Their future plans are unclear.",
            "The end result was a draw.",
        ),
        examples_pass=(
            "The plan was announced in 2025.",
            "Their plans are unclear.",
            "“Our future plans are secret,” he said.",
        ),
    )
)

register(
    TermRule(
        "NR-SPELLING",
        MISSPELLINGS,
        severity=ERROR,
        message="Common misspelling.",
        entry="",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The goverment said it would recieve aid.", "It happened in Febuary."),
        examples_pass=("The government said it would receive aid.", "It happened in February."),
    )
)
