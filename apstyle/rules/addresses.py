# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Addresses: AP-ADDR-01."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import words
from ..data.numbers import ORDINAL_WORDS
from ..engine.context import TextContext
from ..engine.fields import PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope
from ._common import WARNING

_ABBREVIATE = {"Avenue": "Ave.", "Boulevard": "Blvd.", "Street": "St."}
_SPELL_OUT = {"Ave.": "Avenue", "Blvd.": "Boulevard", "St.": "Street"}
_NEVER_ABBREVIATED = {
    "Rd.": "Road",
    "Ln.": "Lane",
    "Ter.": "Terrace",
    "Cir.": "Circle",
    "Ct.": "Court",
    "Pl.": "Place",
    "Pkwy.": "Parkway",
    "Hwy.": "Highway",
    "Dr.": "Drive",
}
_STREET_WORD = r"(?:[A-Z][\w’'-]*|\d+(?:st|nd|rd|th))"
_NUMBERED_RE = re.compile(
    rf"\b\d+\s+(?:([NSEW]\.?|North|South|East|West)\s+)?((?:{_STREET_WORD}\s+){{1,3}})(Avenue|Boulevard|Street)\b"
)
# Anchored on the abbreviation (rare) and then looking back, which is much cheaper than
# trying a street-name pattern at every capitalised word.
_UNNUMBERED_RE = re.compile(r"(Ave\.|Blvd\.|St\.)(?!\s+[A-Z][a-z])")
_NEVER_RE = re.compile(r"(Rd\.|Ln\.|Ter\.|Cir\.|Ct\.|Pl\.|Pkwy\.|Hwy\.|Dr\.)(?!\s+[A-Z])")
_WORD_SPACE_RE = re.compile(r"\w ")


def _has_street_word(text: str) -> bool:
    return "Street" in text or "Avenue" in text or "Boulevard" in text


def _after_a_word(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` preceded by a word character and a space (the look-behind
    checked by hand, so the scan can skip ahead to the abbreviation's first letter)."""
    for m in pattern.finditer(text):
        if m.start() >= 2 and _WORD_SPACE_RE.match(text, m.start() - 2):
            yield m


_STREET_NAME_BEFORE_RE = re.compile(rf"(\d+\s+(?:[NSEW]\.\s+)?)?((?:{_STREET_WORD}\s+){{1,3}})$")
_ORDINAL_STREET_RE = re.compile(r"\b([1-9])(?:st|nd|rd|th)\s+(?=St\.|Ave\.|Street\b|Avenue\b)")


def _addr01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_NUMBERED_RE) if _has_street_word(text) else ():
        compass = m.group(1)
        if compass and compass[0] in "NSEW" and len(compass) > 2:
            yield Hit(
                m.start(1),
                m.end(1),
                (compass[0] + ".",),
                message="Abbreviate a compass point in a numbered address: 222 E. 42nd St.",
            )
        yield Hit(
            m.start(3),
            m.end(3),
            (_ABBREVIATE[m.group(3)],),
            message="Abbreviate Ave., Blvd. and St. in a numbered address.",
        )
    for m in _after_a_word(text, _UNNUMBERED_RE):
        name = _STREET_NAME_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if name is None or name.group(1) or name.group(2).split()[0] in {"The", "A"}:
            continue  # no street name, or a numbered address (correct)
        yield Hit(
            m.start(1),
            m.end(1),
            (_SPELL_OUT[m.group(1)],),
            message="Spell out Avenue, Boulevard and Street without a house number.",
        )
    for m in _after_a_word(text, _NEVER_RE):
        name = _STREET_NAME_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if name is None or (m.group(1) == "Dr." and not name.group(1)):
            continue  # "Dr." without a house number is far more often a title
        yield Hit(
            m.start(1),
            m.end(1),
            (_NEVER_ABBREVIATED[m.group(1)],),
            message="Always spell out Road, Drive, Lane and similar words.",
        )
    for m in ctx.numbers_then(_ORDINAL_STREET_RE):
        word = ORDINAL_WORDS[int(m.group(1)) - 1].capitalize()
        yield Hit(
            m.start(),
            m.end() - 1,
            (word,),
            message="Spell out First through Ninth as street names.",
        )


register(
    FunctionRule(
        "AP-ADDR-01",
        _addr01,
        word_needles=words(
            """avenue boulevard street ave blvd st rd ln ter cir ct pl pkwy hwy dr"""
        ),
        severity=WARNING,
        message="Addresses: abbreviate Ave., Blvd. and St. only with a house number.",
        entry="addresses",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "He lives at 1600 Pennsylvania Avenue.",
            "Crowds filled Pennsylvania Ave. on Monday.",
            "The shop is at 7 9th St.",
            "The office is at 12 Oak Rd.",
        ),
        examples_pass=(
            "He lives at 1600 Pennsylvania Ave.",
            "Crowds filled Pennsylvania Avenue on Monday.",
            "The security was heavy on Baghdad’s Palestine Street.",
            "The shop is at 7 Ninth St.",
            "St. Louis is a city.",
        ),
    )
)
