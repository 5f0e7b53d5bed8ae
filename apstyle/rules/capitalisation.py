"""Capitalisation: AP-CAP-01 … AP-CAP-03."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import TextContext
from ..engine.fields import PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope
from ._common import WARNING

_SEASON_RE = re.compile(
    r"\b(?:the|this|last|next|early|late|mid|in|of|during|since|until|each|every|that)\s+"
    r"(Spring|Summer|Fall|Autumn|Winter)\b(?!\s+[A-Z\d])(?!-)"
)

register(
    PatternRule(
        "AP-CAP-01",
        _SEASON_RE,
        group=1,
        suggest=lambda m, ctx: (m.group(1).lower(),),
        needles=("Spring", "Summer", "Fall", "Autumn", "Winter"),
        severity=WARNING,
        message="Lowercase the seasons unless part of a proper name.",
        entry="seasons",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("The plant reopens in the Spring.", "Prices rose last Winter."),
        examples_pass=(
            "The plant reopens in the spring.",
            "She won gold at the Winter Olympics.",
            "Winter storms hit the coast.",
            "The Arab Spring began in 2010.",
        ),
    )
)

_DIRECTIONS = r"North|South|East|West|Northeast|Northwest|Southeast|Southwest"
_MOTION = (
    r"drove|driving|headed|heading|moved|moving|traveled|traveling|travelled|fled|fleeing|flew|"
    r"sailed|walked|marched|went|going|turned|shifted|pushed|advanced|retreated"
)
_REGIONS = {
    "middle east": "Middle East",
    "midwest": "Midwest",
    "mideast": "Mideast",
    "west bank": "West Bank",
    "pacific northwest": "Pacific Northwest",
    "deep south": "Deep South",
    "upper midwest": "Upper Midwest",
}
_REGION_RE = re.compile(r"\bthe\s+(" + "|".join(_REGIONS) + r")\b")


def _cap02(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in re.finditer(rf"\b(?:{_MOTION})\s+({_DIRECTIONS})\b(?!\s+[A-Z])", text):
        yield Hit(m.start(1), m.end(1), (m.group(1).lower(),))
    for m in re.finditer(rf"\b(?:to|from)\s+the\s+({_DIRECTIONS})\s+of\b", text):
        yield Hit(m.start(1), m.end(1), (m.group(1).lower(),))
    for m in _REGION_RE.finditer(text):
        yield Hit(
            m.start(1),
            m.end(1),
            (_REGIONS[m.group(1)],),
            message="Capitalise the names of regions: the Middle East, the Midwest.",
        )


register(
    FunctionRule(
        "AP-CAP-02",
        _cap02,
        needles=(
            "North",
            "South",
            "East",
            "West",
            "middle east",
            "midwest",
            "mideast",
            "west bank",
            "pacific northwest",
            "deep south",
            "upper midwest",
        ),
        severity=WARNING,
        message="Lowercase compass directions; capitalise named regions.",
        entry="directions and regions",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The convoy drove North.",
            "It lies to the East of Baghdad.",
            "Tension rose across the middle east.",
        ),
        examples_pass=(
            "The convoy drove north.",
            "Tension rose across the Middle East.",
            "He moved West Bank offices.",
        ),
    )
)

register(
    PatternRule(
        "AP-CAP-03",
        r"\b[A-Z][a-z]+\s+and\s+[A-Z][a-z]+\s+(Streets|Avenues|Roads|Rivers|Parties|Lakes|Mountains|Counties|Boulevards)\b",
        group=1,
        suggest=lambda m, ctx: (m.group(1).lower(),),
        needles=(
            "Streets",
            "Avenues",
            "Roads",
            "Rivers",
            "Parties",
            "Lakes",
            "Mountains",
            "Counties",
            "Boulevards",
        ),
        severity=WARNING,
        message=(
            "Lowercase a plural common noun shared by two proper names: Main and State streets."
        ),
        entry="capitalization",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Crowds gathered at Main and State Streets.",
            "The Democratic and Republican Parties met.",
        ),
        examples_pass=("Crowds gathered at Main and State streets.", "The Democratic Party met."),
    )
)
