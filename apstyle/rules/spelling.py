# ruff: noqa: RUF002 - typographic quotes, apostrophes and dashes are this checker's subject
"""Spelling: American and AP-preferred forms (AP-SPELL-01) and the spellings AP changed in
the 2019–2025 editions (AP-SPELL-02, each term with the date of its change)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..data.spelling import AP_FORMS, BRITISH, CASED_FORMS, EDITION_CHANGES
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope, TermMatcher
from ..engine.text import match_case
from ._common import ERROR

_PLAIN_TABLE = {k.lower(): v for k, v in {**BRITISH, **AP_FORMS}.items() if k not in CASED_FORMS}
_CASED_TABLE = {k: v for k, v in AP_FORMS.items() if k in CASED_FORMS}
_PLAIN = TermMatcher(_PLAIN_TABLE)
_CASED = TermMatcher(_CASED_TABLE, case_sensitive=True)
#: Forms that are also names ("Grey", "Labour Party"): never flagged when capitalised.
_NAME_LIKE = frozenset({"grey", "labour", "centre", "theatre", "defence", "colour"})


def _key(found: str) -> str:
    return " ".join(found.split())


def _spell01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in _PLAIN.finditer(ctx):
        found = m.group()
        if found[0].isupper():
            # A capital mid-sentence marks a name (Labour Party, Ministry of Defence);
            # at a sentence start the word is ours unless a name follows or it is one.
            nxt = ctx.next_word(m.end())
            if (
                not ctx.is_sentence_start(m.start())
                or found.lower() in _NAME_LIKE
                or (nxt is not None and nxt.text[0].isupper() and nxt.start - m.end() <= 1)
            ):
                continue
        if found.lower() == "alright" and text[m.end() : m.end() + 1] == "?":
            continue
        yield Hit(m.start(), m.end(), (match_case(found, _PLAIN_TABLE[_key(found).lower()]),))
    for m in _CASED.finditer(ctx):
        yield Hit(m.start(), m.end(), (_CASED_TABLE[_key(m.group())],))


register(
    FunctionRule(
        "AP-SPELL-01",
        _spell01,
        severity=ERROR,
        message="Use the American spelling AP uses.",
        entry="spelling; dictionaries",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The council will analyse the colour of the new signs.",
            "He was a senior advisor to the governor.",
            "The flight was cancelled after the storm.",
            "Fighters loyal to al-Qaeda attacked the base.",
            "Afterwards, the crowd left.",
        ),
        examples_pass=(
            "The council will analyze the color of the new signs.",
            "He spoke to the Labour Party conference in Liverpool.",
            "The Ministry of Defence in London issued a statement.",
            "Grey said the deal was done.",
            "He was a senior adviser to the governor.",
        ),
    )
)

_EDITION = TermMatcher(EDITION_CHANGES, case_sensitive=True)


def _spell02(ctx: TextContext) -> Iterator[Hit]:
    edition = ctx.story.edition if ctx.story is not None else None
    text = ctx.text
    for m in _EDITION.finditer(ctx):
        found = m.group()
        replacement, since = EDITION_CHANGES[found]
        if edition is not None and edition < since:
            continue
        if found == "Kiev" and (
            text[max(0, m.start() - 8) : m.start()].lower().endswith("chicken ")
        ):
            continue  # the dish stays chicken Kiev
        yield Hit(m.start(), m.end(), (match_case(found, replacement),))


register(
    FunctionRule(
        "AP-SPELL-02",
        _spell02,
        severity=ERROR,
        message="AP changed this spelling in a recent edition.",
        entry="Kyiv; COVID-19; antisemitism; Uyghur; prefixes",
        scope=Scope.WORDING,
        fields=ALL_TEXT,
        since=date(2019, 8, 14),
        safe_fix=True,
        examples_flag=(
            "The delegation arrived in Kiev on Monday.",
            "The senator was re-elected in November.",
            "The group tracks anti-Semitism on campuses.",
            "Covid-19 cases rose again.",
        ),
        examples_pass=(
            "The delegation arrived in Kyiv on Monday.",
            "The senator was reelected in November.",
            "The menu offered chicken Kiev.",
            "COVID-19 cases rose again.",
        ),
    )
)
