# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Headlines: AP-HED-01 (sentence case) and AP-HED-02 (mechanics)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import words
from ..data.calendar import MONTHS, WEEKDAYS
from ..data.numbers import CARDINALS
from ..data.states import NAMES as STATE_NAMES
from ..engine.context import StoryContext, TextContext
from ..engine.fields import HEADLINE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope, StoryRule, trie_regex
from ..engine.text import MAYBE_FINAL, NEVER_FINAL
from ._common import ERROR, WARNING

#: Words that are never proper nouns on their own: a capital on one of them mid-headline
#: is headline "up style".
_COMMON = frozenset(
    words("""a an the and or but nor for so yet of in on at to by with from into onto over under
    after before amid as about against among between during without within is are was were
    be been being has have had will would could should can may might must do does did not
    says said say kills killed kill dies died dead wins won loses lost new strike strikes
    attack attacks leader leaders police officials official report reports plan plans
    vote votes its his her their our up out off down more most than that this these those
    who what when where why how all some many""")
)
_ALWAYS_PROPER = (
    frozenset(MONTHS) | frozenset(WEEKDAYS) | {"I"} | {w for n in STATE_NAMES for w in n.split()}
)


def _proper_words(story: StoryContext) -> tuple[set[str], set[str]]:
    """(words capitalised mid-sentence in the body, words seen lowercase in the body, plus
    the first five letters of each longer lowercase body word, so "Passes" in a headline
    is known from "passed" in the body)."""
    proper: set[str] = set()
    lower: set[str] = set()
    body = story.get("body")
    if body is not None:
        for w in body.words:
            if w.text[0].isupper():
                if not body.is_sentence_start(w.start):
                    proper.add(w.text)
            elif w.text.islower():
                lower.add(w.text)
                if len(w.text) >= 5:
                    lower.add(w.text[:5] + "\x00")
    for name in story.protected_names:
        proper.update(name.split())
    return proper, lower


def _hed01(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    if story.get(HEADLINE) is None:
        return
    proper, lower = _proper_words(story)
    for name, ctx in story.fields.items():
        if ctx.kind != HEADLINE:
            continue
        text = ctx.text
        suspects = []
        capitalised = 0
        candidates = 0
        for i, w in enumerate(ctx.words):
            before = text[max(0, w.start - 3) : w.start]
            if i == 0 or re.search(r"[:—“‘'\"]\s*$", before):
                continue
            if (
                w.text.isupper()
                or any(c.isdigit() for c in w.text)
                or any(c.isupper() for c in w.text[1:])
            ):
                continue
            candidates += 1
            if not w.text[0].isupper():
                continue
            capitalised += 1
            if w.text in _ALWAYS_PROPER or (w.text in proper and w.text.lower() not in lower):
                continue
            low = w.text.lower()
            if low in _COMMON or low in lower or (len(low) >= 5 and low[:5] + "\x00" in lower):
                suspects.append(w)
        if not suspects:
            continue
        if len(suspects) == 1 and capitalised <= 2:
            w = suspects[0]
            yield name, Hit(w.start, w.end, (w.text.lower(),))
            continue
        fixed = list(text)
        for w in suspects:
            fixed[w.start] = text[w.start].lower()
        listed = ", ".join(w.text for w in suspects[:6])
        yield (
            name,
            Hit(
                0,
                len(text.rstrip()),
                ("".join(fixed).rstrip(),),
                message=f"Headlines are in sentence case; lowercase: {listed}.",
            ),
        )


register(
    StoryRule(
        "AP-HED-01",
        _hed01,
        severity=WARNING,
        message="Headlines are in sentence case: capitalise only the first word and proper nouns.",
        entry="headlines",
        scope=Scope.MECHANICAL,
        fields=frozenset({HEADLINE}),
        safe_fix=False,
        examples_flag=(
            {
                "headline": "US Airstrike In Baghdad Kills Militia Leader",
                "body": "A U.S. airstrike in Baghdad killed a militia leader.",
            },
            {"headline": "US strike In Baghdad kills militia leader"},
        ),
        examples_pass=(
            {
                "headline": "US airstrike in Baghdad kills militia leader",
                "body": "A U.S. airstrike in Baghdad killed a militia leader.",
            },
            {
                "headline": "Pentagon says Iraq strike was self-defense",
                "body": "The Pentagon said the strike in Iraq was self-defense.",
            },
        ),
    )
)

_HED_NUMBERS = trie_regex(
    (k for k, v in CARDINALS.items() if 2 <= v <= 99 and " " not in k), fold_case=True
)
_HED_NUMBER_RE = re.compile(rf"(?<![\w-])({_HED_NUMBERS})(?![\w-])", re.I)


def _hed02(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in re.finditer(r"“([^”\n]*)”|\"([^\"\n]*)\"", text):
        if m.group(1) is None:  # straight quotes: keep the text's straight style
            yield Hit(
                m.start(),
                m.end(),
                (f"'{m.group(2)}'",),
                message="Headlines use single quotation marks.",
            )
            continue
        inner = m.group(1)
        yield Hit(
            m.start(), m.end(), (f"‘{inner}’",), message="Headlines use single quotation marks."
        )
    stripped = text.rstrip()
    if stripped.endswith(".") and not stripped.endswith("..."):
        last = stripped.split()[-1].lower() if stripped.split() else ""
        if last not in NEVER_FINAL and last not in MAYBE_FINAL:
            yield Hit(
                len(stripped) - 1,
                len(stripped),
                ("",),
                message="No period at the end of a headline.",
            )
    for m in _HED_NUMBER_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            (str(CARDINALS[m.group(1).lower()]),),
            message="Headlines use figures for numbers.",
            severity=WARNING,
            safe_fix=False,
        )


register(
    FunctionRule(
        "AP-HED-02",
        _hed02,
        severity=ERROR,
        message="Headline mechanics: single quotes, figures, no final period.",
        entry="headlines",
        scope=Scope.MECHANICAL,
        fields=frozenset({HEADLINE}),
        safe_fix=True,
        examples_flag=(
            {"headline": "US says strike was “self-defense”"},
            {"headline": "Five killed in Baghdad strike"},
            {"headline": "Strike kills militia leader."},
        ),
        examples_pass=(
            {"headline": "US says strike was ‘self-defense’"},
            {"headline": "5 killed in Baghdad strike"},
            {"headline": "No one hurt as plant shuts down in Washington, D.C."},
        ),
    )
)
