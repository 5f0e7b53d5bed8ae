# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Places: AP-PLACE-01 … AP-PLACE-06 (states, postal codes, datelines, U.S.)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..data.places import CITY_STATE, STANDALONE
from ..data.states import (
    AP_BY_NAME,
    DATELINE_FORM,
    NAME_BY_AP,
    NAME_BY_POSTAL,
    NAMES,
    NON_AP_ABBREVIATIONS,
)
from ..engine.context import StoryContext, TextContext
from ..engine.fields import ALL_TEXT, DATELINE, HEADLINE, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope, StoryRule
from ..engine.text import WORD_RE
from ._common import ERROR, SUGGESTION, WARNING, in_caps_run, period_ends_sentence

_AP_ABBR_ALT = "|".join(
    re.escape(a)
    for a in sorted(
        list(NAME_BY_AP) + [k for k in NON_AP_ABBREVIATIONS if k.endswith(".")],
        key=len,
        reverse=True,
    )
)
_CITY = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
_CITY_STATE_RE = re.compile(rf"\b({_CITY}),\s({_AP_ABBR_ALT})(?=[\s,;:)—]|$)")
_PREP_STATE_RE = re.compile(
    rf"\b(?:in|of|from|across|throughout|near|outside|northern|southern|eastern|western|central)\s"
    rf"({_AP_ABBR_ALT})(?=[\s,;:)—]|$)"
)


def _state_name(abbr: str) -> str:
    return NAME_BY_AP.get(abbr) or NON_AP_ABBREVIATIONS[abbr]


_ABBR_FIRSTS = frozenset(
    WORD_RE.match(a).group().lower()  # type: ignore[union-attr]
    for a in (*NAME_BY_AP, *(k for k in NON_AP_ABBREVIATIONS if k.endswith(".")))
)


def _place01(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_ending_at(_ABBR_FIRSTS, _CITY_STATE_RE, group=2, back=60):
        abbr = m.group(2)
        name = _state_name(abbr)
        if period_ends_sentence(ctx, m.end(2)):
            name += "."
        yield Hit(m.start(2), m.end(2), (name,))
    for m in ctx.match_ending_at(_ABBR_FIRSTS, _PREP_STATE_RE, group=1, back=16):
        name = _state_name(m.group(1))
        if period_ends_sentence(ctx, m.end(1)):
            name += "."
        yield Hit(m.start(1), m.end(1), (name,))


_STATE_NAME_ALT = "|".join(sorted(NAMES, key=len, reverse=True))
_CITY_FULL_STATE_RE = re.compile(rf"\b{_CITY}(,\s({_STATE_NAME_ALT}))(,)?(?=[\s.;:)—]|$)")


def _dateline_state(story: StoryContext) -> str | None:
    ctx = story.get(DATELINE)
    if ctx is None:
        return None
    m = _DATELINE_RE.match(ctx.text)
    if not m or not m.group("region"):
        return None
    return _STATE_FORMS.get(m.group("region").strip().lower())


def _place01_story(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    dateline_state = _dateline_state(story)
    for name, ctx in story.fields.items():
        if ctx.kind not in PROSE:
            continue
        if any(w in ctx.word_lookup for w in _ABBR_FIRSTS):
            for hit in _place01(ctx):
                yield name, hit
        if dateline_state is None or dateline_state not in ctx.text:
            continue
        for m in _CITY_FULL_STATE_RE.finditer(ctx.text):
            if m.group(2) != dateline_state:
                continue
            end = m.end(3) if m.group(3) else m.end(1)
            yield (
                name,
                Hit(
                    m.start(1),
                    end,
                    ("",),
                    message="The dateline already names this state; it can be dropped here.",
                    severity=SUGGESTION,
                    safe_fix=False,
                ),
            )


register(
    StoryRule(
        "AP-PLACE-01",
        _place01_story,
        severity=ERROR,
        message="Spell out state names in the body of a story.",
        entry="state names; datelines",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        since=date(2014, 5, 1),
        safe_fix=True,
        examples_flag=(
            "Lafayette, Ind., officials approved the plan.",
            "The plant is in Calif. near the border.",
            "She moved to Austin, Tex., in May.",
            {"dateline": "LAFAYETTE, Ind.", "body": "Officials in Lafayette, Indiana, met Monday."},
        ),
        examples_pass=(
            "Lafayette, Indiana, officials approved the plan.",
            "Sen. Elizabeth Warren, D-Mass., spoke.",
            "He lives in Washington, D.C.",
            {
                "dateline": "LAFAYETTE, Ind.",
                "body": "Officials in Lafayette met with Austin, Texas, police.",
            },
        ),
    )
)

_POSTAL_ALT = "|".join(sorted(NAME_BY_POSTAL))
_POSTAL_RE = re.compile(rf"\b({_CITY}),\s({_POSTAL_ALT})\b(?=\s*$|[,.;:)]|\s—)(?!,?\s\d{{5}})")
_AMBIGUOUS_POSTAL = frozenset({"OK", "OR", "IN", "ME", "HI"})


_POSTAL_FIRSTS = frozenset(code.lower() for code in NAME_BY_POSTAL)


def _place02(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_ending_at(_POSTAL_FIRSTS, _POSTAL_RE, group=2, back=60):
        code = m.group(2)
        if code in _AMBIGUOUS_POSTAL and ctx.text[m.end() : m.end() + 1] != ",":
            continue  # "Fine, OK."
        if ctx.is_sentence_start(m.start()) and m.group(1) in {"Fine", "Well", "Yes", "No", "So"}:
            continue
        yield Hit(m.start(2), m.end(2), (NAME_BY_POSTAL[code],))


register(
    FunctionRule(
        "AP-PLACE-02",
        _place02,
        word_needles=_POSTAL_FIRSTS,
        severity=ERROR,
        message="Don't use postal codes for states in copy; spell the state out.",
        entry="state names",
        scope=Scope.MECHANICAL,
        fields=PROSE | {HEADLINE},
        safe_fix=True,
        examples_flag=(
            "The rally in Austin, TX, drew thousands.",
            "He moved to Portland, OR, last year.",
        ),
        examples_pass=(
            "The rally in Austin, Texas, drew thousands.",
            "Write to 100 Main St., Austin, TX 78701.",
            "Fine, OK.",
        ),
    )
)

# --- AP-PLACE-03: datelines ------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^\s*(?P<city>[^,(—–-]+?)\s*(?:,\s*(?P<region>[^(—–]+?))?\s*(?:\((?P<agency>[^)]*)\))?\s*(?P<dash>[—–-]+)?\s*$"
)
_STATE_FORMS: dict[str, str] = {}
for _name in NAMES:
    _STATE_FORMS[_name.lower()] = _name
    if AP_BY_NAME[_name]:
        _STATE_FORMS[AP_BY_NAME[_name].lower()] = _name
        _STATE_FORMS[AP_BY_NAME[_name].rstrip(".").lower()] = _name
for _code, _name in NAME_BY_POSTAL.items():
    _STATE_FORMS.setdefault(_code.lower(), _name)
for _bad, _name in NON_AP_ABBREVIATIONS.items():
    _STATE_FORMS.setdefault(_bad.lower(), _name)
    _STATE_FORMS.setdefault(_bad.rstrip(".").lower(), _name)


def _dateline(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    m = _DATELINE_RE.match(text)
    if not m:
        return
    city, region = m.group("city"), m.group("region")
    cs, ce = m.span("city")
    if city != city.upper():
        yield Hit(cs, ce, (city.upper(),), message="Put the dateline city in capital letters.")
    key = city.upper()
    if region:
        rs, re_ = m.span("region")
        state = _STATE_FORMS.get(region.lower())
        if key in STANDALONE:
            yield Hit(
                ce,
                re_,
                ("",),
                message=f"{key.title()} stands alone in a dateline; drop the state or country.",
                severity=WARNING,
            )
        elif state is not None and region != DATELINE_FORM[state]:
            yield Hit(
                rs,
                re_,
                (DATELINE_FORM[state],),
                message=(
                    "Datelines use AP's state abbreviation (eight states are never abbreviated)."
                ),
            )
    elif key not in STANDALONE and key in CITY_STATE:
        options = tuple(f"{key}, {DATELINE_FORM[s]}" for s in CITY_STATE[key])
        yield Hit(
            cs,
            ce,
            options,
            message="This city needs its state in a dateline.",
            severity=WARNING,
            safe_fix=False,
        )


register(
    FunctionRule(
        "AP-PLACE-03",
        _dateline,
        severity=ERROR,
        message=(
            "Dateline: city in capitals, then AP's state abbreviation unless the city stands alone."
        ),
        entry="datelines",
        scope=Scope.MECHANICAL,
        fields=frozenset({DATELINE}),
        safe_fix=True,
        examples_flag=(
            "Baghdad",
            "CHICAGO, Ill.",
            "AUSTIN, TX",
            "LAFAYETTE, Indiana (AP) —",
            "KANSAS CITY —",
            "DALLAS, Tex.",
        ),
        examples_pass=(
            "BAGHDAD",
            "BAGHDAD (AP) —",
            "LAFAYETTE, Ind. (AP) —",
            "AUSTIN, Texas",
            "KANSAS CITY, Mo.",
        ),
    )
)

# --- AP-PLACE-04: party affiliation ---------------------------------------------------

_ALL_STATE_FORMS_ALT = "|".join(
    sorted(
        [re.escape(n) for n in NAMES]
        + [re.escape(a.rstrip(".")) + r"\.?" for a in NAME_BY_AP]
        + [re.escape(a.rstrip(".")) + r"\.?" for a in NON_AP_ABBREVIATIONS]
        + list(NAME_BY_POSTAL),
        key=len,
        reverse=True,
    )
)
_PARTY_RE = re.compile(rf"\b([DRI])-({_ALL_STATE_FORMS_ALT})(?![\w-])")


def _place04(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_at_words(frozenset({"d", "r", "i"}), _PARTY_RE):
        found = m.group(2)
        state = NAME_BY_POSTAL.get(found) or _STATE_FORMS.get(found.lower())
        if state is None:
            continue
        wanted = DATELINE_FORM[state]
        if found == wanted:
            continue
        end = m.end()
        if wanted.endswith(".") and ctx.text[end : end + 1] == ".":
            end += 1  # "R-TX." at a sentence end: keep one period
        yield Hit(m.start(), m.end(), (f"{m.group(1)}-{wanted}",))


register(
    FunctionRule(
        "AP-PLACE-04",
        _place04,
        word_needles=("d", "r", "i"),
        severity=ERROR,
        message="Party affiliations use AP's state abbreviation: D-Mass., R-Texas.",
        entry="party affiliation",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Sen. Elizabeth Warren, D-MA, spoke.",
            "Rep. Jane Doe, R-California, voted.",
            "Rep. Jo Lee, R-Tex, voted.",
        ),
        examples_pass=("Sen. Elizabeth Warren, D-Mass., spoke.", "Sen. Ted Cruz, R-Texas, voted."),
    )
)

# --- AP-PLACE-05: U.S., U.N., U.K. by field ------------------------------------------

# The look-behind follows the literal so `re` can skip ahead to each "U".
_NY_STATE_RE = re.compile(r"\b(New York|Washington) (State)\b(?!\s+[A-Z])(?!['’]s\s+[A-Z])")
_BODY_US_RE = re.compile(r"(U[SNK])(?<![\w.$]U[SNK])(?![\w$.]|['’]s\b)")
_HED_US_RE = re.compile(r"(?<![\w.])(U\.S\.|U\.N\.|U\.K\.)(?!\w)")
_US_NAMES = re.compile(r"(?:US\s+(?:Airways|Foods|Cellular|Weekly|Bancorp|Bank)|UN\s+Women)\b")


def _place05(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    if ctx.kind == HEADLINE:
        for m in _HED_US_RE.finditer(text):
            yield Hit(
                m.start(),
                m.end(),
                (m.group().replace(".", ""),),
                message="Headlines use US, UN and UK without periods.",
            )
        return
    for m in _BODY_US_RE.finditer(text):
        if _US_NAMES.match(text, m.start()) or in_caps_run(ctx, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), (".".join(m.group()) + ".",))


register(
    FunctionRule(
        "AP-PLACE-05",
        _place05,
        needles=("US", "UN", "UK", "U.S.", "U.N.", "U.K."),
        severity=ERROR,
        message="Use U.S., U.N. and U.K. with periods in body copy (no periods in headlines).",
        entry="U.S.; United Nations; United Kingdom; headlines",
        scope=Scope.MECHANICAL,
        fields=PROSE | {HEADLINE},
        safe_fix=True,
        examples_flag=(
            "Iraqi officials want US-led forces to leave.",
            "The UN council met.",
            {"headline": "U.S. strike kills militia leader"},
        ),
        examples_pass=(
            "Iraqi officials want U.S.-led forces to leave.",
            "The fund holds US$5 million.",
            {"headline": "US strike kills militia leader"},
            "He flew US Airways.",
        ),
    )
)

register(
    FunctionRule(
        "AP-PLACE-06",
        lambda ctx: (
            Hit(m.start(2), m.end(2), ("state",))
            for m in ctx.match_at_words(frozenset({"new", "washington"}), _NY_STATE_RE)
        ),
        word_needles=("state",),
        severity=WARNING,
        message="Lowercase “state” in New York state and Washington state.",
        entry="New York; Washington",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Rain fell across Washington State on Monday.",
            "New York State lawmakers met.",
        ),
        examples_pass=(
            "He attends Washington State University.",
            "Rain fell across Washington state.",
        ),
    )
)
