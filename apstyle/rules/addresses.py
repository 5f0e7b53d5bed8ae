"""Addresses: AP-ADDR-01."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data.numbers import ORDINAL_WORDS
from ..engine.context import TextContext
from ..engine.registry import register
from ..engine.rules import PROSE, FunctionRule, Hit, Scope
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
_UNNUMBERED_RE = re.compile(rf"(?<!\d\s)(?<!\d)\b((?:{_STREET_WORD}\s+){{1,3}})(Ave\.|Blvd\.|St\.)(?!\s+[A-Z][a-z])")
_NEVER_RE = re.compile(rf"\b\d*\s*((?:{_STREET_WORD}\s+){{1,3}})(Rd\.|Ln\.|Ter\.|Cir\.|Ct\.|Pl\.|Pkwy\.|Hwy\.|Dr\.)(?!\s+[A-Z])")
_ORDINAL_STREET_RE = re.compile(r"\b([1-9])(?:st|nd|rd|th)\s+(?=St\.|Ave\.|Street\b|Avenue\b)")


def _addr01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in _NUMBERED_RE.finditer(text):
        compass = m.group(1)
        if compass and compass[0] in "NSEW" and len(compass) > 2:
            yield Hit(m.start(1), m.end(1), (compass[0] + ".",), message="Abbreviate a compass point in a numbered address: 222 E. 42nd St.")
        yield Hit(m.start(3), m.end(3), (_ABBREVIATE[m.group(3)],), message="Abbreviate Ave., Blvd. and St. in a numbered address.")
    for m in _UNNUMBERED_RE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"\d+\s+(?:[NSEW]\.\s+)?$", before):
            continue
        if m.group(1).split()[0] in {"The", "A"}:
            continue
        yield Hit(m.start(2), m.end(2), (_SPELL_OUT[m.group(2)],), message="Spell out Avenue, Boulevard and Street without a house number.")
    for m in _NEVER_RE.finditer(text):
        if m.group(2) == "Dr." and not re.match(r"\d", m.group()):
            continue  # "Dr." alone is far more often a title
        yield Hit(m.start(2), m.end(2), (_NEVER_ABBREVIATED[m.group(2)],), message="Always spell out Road, Drive, Lane and similar words.")
    for m in _ORDINAL_STREET_RE.finditer(text):
        word = ORDINAL_WORDS[int(m.group(1)) - 1].capitalize()
        yield Hit(m.start(), m.end() - 1, (word,), message="Spell out First through Ninth as street names.")


register(
    FunctionRule(
        "AP-ADDR-01",
        _addr01,
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
