# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Capitalisation: seasons, directions, shared plurals (AP-CAP-01 … 03), documents
(AP-CAP-04), words AP lowercases (AP-CAP-05), Black and Indigenous (AP-CAP-06)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..data import words
from ..data.numbers import ORDINAL_WORDS, ORDINALS, ordinal_suffix
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
        word_needles=("spring", "summer", "fall", "autumn", "winter"),
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
        word_needles=words(
            """north south east west northeast northwest southeast southwest middle midwest
            mideast pacific deep upper"""
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
        word_needles=words(
            """streets avenues roads rivers parties lakes mountains counties boulevards"""
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

# --- AP-CAP-04: formal names of documents ------------------------------------------------

_ORDINAL_RE = re.compile(
    r"(?<![\w-])((?:[Tt]wenty-)?(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth"
    r"|[Ss]eventh|[Ee]ighth|[Nn]inth)|[Tt]enth|[Ee]leventh|[Tt]welfth|[Tt]hirteenth"
    r"|[Ff]ourteenth|[Ff]ifteenth|[Ss]ixteenth|[Ss]eventeenth|[Ee]ighteenth|[Nn]ineteenth"
    r"|[Tt]wentieth|\d{1,2}(?:st|nd|rd|th))\s+([Aa]mendment)(?![\w-])"
)
#: Words that show a lowercase "first amendment" is the Constitution's, not a bill's.
_CONSTITUTIONAL_CONTEXT = frozenset(
    words("""constitution constitutional rights right speech press religion religious
    assembly guns gun firearms arms self-incrimination incriminate searches seizures
    suffrage slavery counsel jury protections protection protected protects protect
    guarantees guaranteed freedom freedoms invoke invoked invoking plead pleaded pleading
    petition establishment""")
)
_THE_AMENDMENT_RE = re.compile(
    r"\b(?:the|an?|this|that|proposed|The|This|That)\s+(Amendment)\b(?!\s*[A-Z\d])"
)
_CONSTITUTION_LOWER_RE = re.compile(
    r"(?:\bU\.S\.|\bUnited\s+States|\b[A-Z][a-z]+(?:an|ian|ese|ish|i|ch))\s+(constitution)\b"
    r"(?!\s+[A-Z])"
)
_CONSTITUTION_UPPER_RE = re.compile(
    r"\b(?:state|nation['’]s|country['’]s|party['’]s|group['’]s|organization['’]s"
    r"|club['’]s|union['’]s|league['’]s|association['’]s)\s+(Constitution)\b"
)
_CONSTITUTIONAL_RE = re.compile(r"(?<=\S\s)(Constitutional)\s+(?=[a-z])")


def _ordinal_value(word: str) -> int:
    low = word.lower()
    if low[0].isdigit():
        return int(re.match(r"\d+", low).group())  # type: ignore[union-attr]
    return ORDINALS[low]


def _amendment_form(n: int) -> str:
    return (ORDINAL_WORDS[n - 1].capitalize() if n < 10 else ordinal_suffix(n)) + " Amendment"


def _cap04(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in _ORDINAL_RE.finditer(text) if "mendment" in text else ():
        ordinal, noun = m.group(1), m.group(2)
        n = _ordinal_value(ordinal)
        wanted = _amendment_form(n)
        if m.group() == wanted or n > 27:
            continue
        proper = noun[0] == "A" or (ordinal[0].isupper() and not ctx.is_sentence_start(m.start()))
        if not proper:
            sent = ctx.sentence_at(m.start())
            words_in = (
                set(re.findall(r"[a-z-]+", text[sent.start : sent.end].lower())) if sent else set()
            )
            if not words_in & _CONSTITUTIONAL_CONTEXT:
                continue  # "the first amendment to the spending bill"
        yield Hit(m.start(), m.end(), (wanted,))
    for m in _THE_AMENDMENT_RE.finditer(text) if "Amendment" in text else ():
        yield Hit(
            m.start(1),
            m.end(1),
            ("amendment",),
            message="Lowercase amendment in general references: the proposed amendment.",
        )
    for m in _CONSTITUTION_LOWER_RE.finditer(text) if "constitution" in text else ():
        yield Hit(
            m.start(1),
            m.end(1),
            ("Constitution",),
            message="Capitalise the Constitution with the name of the nation or state.",
        )
    if "Constitution" in text:
        for m in _CONSTITUTION_UPPER_RE.finditer(text):
            yield Hit(
                m.start(1),
                m.end(1),
                ("constitution",),
                message="Lowercase constitution without the name: the state constitution.",
            )
        for m in _CONSTITUTIONAL_RE.finditer(text):
            yield Hit(
                m.start(1),
                m.end(1),
                ("constitutional",),
                message="Lowercase constitutional in all uses.",
            )


register(
    FunctionRule(
        "AP-CAP-04",
        _cap04,
        needles=("mendment", "onstitution"),
        severity=WARNING,
        message=(
            "Capitalise the formal names of documents and their parts: First Amendment, "
            "the Constitution."
        ),
        entry="amendment; Constitution; constitutional",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The group cited its first amendment rights.",
            "The law violates the 1st Amendment, the lawsuit says.",
            "The Nineteenth Amendment gave women the vote.",
            "He invoked his Fifth amendment right.",
            "The case turns on the U.S. constitution.",
        ),
        examples_pass=(
            "The group cited its First Amendment rights.",
            "The 19th Amendment gave women the vote.",
            "The first amendment to the spending bill failed.",
            "The state constitution requires a balanced budget.",
            "It is a constitutional question under the Constitution.",
        ),
    )
)

# --- AP-CAP-05: words AP lowercases (or capitalises) --------------------------------------

_PRESIDENTS = (
    "Biden|Trump|Obama|Bush|Clinton|Reagan|Carter|Nixon|Kennedy|Eisenhower|Truman|Roosevelt"
    "|Ford|Harris|Johnson"
)
# (the word the match starts with, or ends at, and which; the pattern; the message).
_LOWER_RES = (
    (
        frozenset({"federal", "congressional", "presidential", "biblical"}),
        "start",
        re.compile(r"(?<=[a-z,] )(Federal|Congressional|Presidential|Biblical)(?=\s+[a-z])"),
        "Lowercase this adjective unless it is part of a formal name.",
    ),
    (
        frozenset({"federal"}),
        "start",
        re.compile(r"(?<=\b[a-z]{2} )(Federal\s+Government)\b(?!\s+[A-Z])"),
        "Lowercase federal government.",
    ),
    (
        frozenset({"government"}),
        "end",
        re.compile(
            r"(?:\b(?:the|federal|state|local|city|national|county|[a-z]+['’]s"
            r"|[A-Z][a-z]+(?:an|ian|ese|ish|i|ch))\s)(Government)\b(?![ \t]+[A-Z]|['’]s\s+[A-Z])"
        ),
        "Lowercase government: the federal government, the Iraqi government.",
    ),
    (
        frozenset({"administration"}),
        "end",
        re.compile(
            rf"\b(?:the|{_PRESIDENTS})\s+(Administration)\b(?!\s+(?:[A-Z]|for\b|of\b|on\b))"
        ),
        "Lowercase administration: the Biden administration.",
    ),
    (
        frozenset({"former"}),
        "start",
        re.compile(r"(?<=\S )(Former)(?=\s+[A-Z])"),
        "Former is always lowercase: former President Barack Obama.",
    ),
    (
        frozenset({"century"}),
        "start",
        re.compile(r"(?<=\d(?:st|nd|rd|th) )(Century)\b(?!\s+[A-Z])"),
        "Lowercase century: the 21st century.",
    ),
)
_FIRST_LADY_RE = re.compile(r"\b(?:(First)|first)\s+(Lady)\b")


def _cap05(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for vocabulary, where, pattern, message in _LOWER_RES:
        found = (
            ctx.match_at_words(vocabulary, pattern)
            if where == "start"
            else ctx.match_ending_at(vocabulary, pattern, group=1, back=40)
        )
        for m in found:
            if ctx.is_sentence_start(m.start(1)):
                continue
            yield Hit(m.start(1), m.end(1), (m.group(1).lower(),), message=message)
    for m in ctx.match_at_words(frozenset({"first"}), _FIRST_LADY_RE) if "Lady" in text else ():
        start = m.start(2)
        if m.group(1) and not ctx.is_sentence_start(m.start()):
            start = m.start(1)
        yield Hit(
            start,
            m.end(2),
            (text[start : m.end(2)].lower() if start == m.start(1) else "lady",),
            message="First lady is not a formal title: lowercase it, even before a name.",
        )


register(
    FunctionRule(
        "AP-CAP-05",
        _cap05,
        word_needles=words(
            """federal congressional presidential biblical government administration former
            century lady"""
        ),
        severity=WARNING,
        message=(
            "AP lowercases this word outside formal names: federal, government, "
            "administration, former, first lady."
        ),
        entry="federal; government; administration; former; first lady; century",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The Federal government shut down.",
            "The law was signed by Former President Barack Obama.",
            "Critics of the Trump Administration rallied.",
            "The First Lady visited the school.",
            "It was the worst storm of the 21st Century.",
        ),
        examples_pass=(
            "The Federal Reserve raised rates.",
            "The law was signed by former President Barack Obama.",
            "The Drug Enforcement Administration seized the cash.",
            "First lady Jill Biden visited the school.",
            "Former President Barack Obama spoke.",
        ),
    )
)

# --- AP-CAP-06: Black and Indigenous (AP since June 19, 2020) ------------------------------

_PEOPLE = (
    r"(?:Americans?|people|peoples|voters|residents|community|communities|women|men|woman|man"
    r"|students|families|family|neighborhoods?|churches|colleges|universities|lawmakers|leaders"
    r"|businesses|business\s+owners|owners|Democrats|Republicans|officers|journalists|history"
    r"|culture|artists|child|children|youth|girls?|boys?|workers|patients|mothers?|fathers?"
    r"|athletes|players|candidates|officials|activists|groups|nations|tribes|tribal|lands"
    r"|languages|rights|populations?|Australians|Canadians|Hawaiians|Mexicans|elders)"
)
_RACE_RE = re.compile(rf"\b(black|indigenous)(?=\s+{_PEOPLE}\b|-(?:owned|led)\b)")


def _cap06(ctx: TextContext) -> Iterator[Hit]:
    for m in _RACE_RE.finditer(ctx.text):
        word = m.group(1)
        yield Hit(m.start(1), m.end(1), (word.capitalize(),))


register(
    FunctionRule(
        "AP-CAP-06",
        _cap06,
        word_needles=("black", "indigenous"),
        severity=WARNING,
        message="Capitalise Black and Indigenous for people (AP since June 19, 2020).",
        entry="race-related coverage; Black; Indigenous",
        scope=Scope.WORDING,
        fields=PROSE,
        since=date(2020, 6, 19),
        safe_fix=True,
        examples_flag=(
            "The program helps black students pay for college.",
            "Leaders of indigenous communities met Tuesday.",
            "The fund backs black-owned businesses.",
        ),
        examples_pass=(
            "The program helps Black students pay for college.",
            "Black smoke rose over the black car.",
            "The park protects indigenous plants.",
        ),
    )
)
