# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Dates: AP-DATE-01 … AP-DATE-09."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data.calendar import AP_MONTH_ABBR, FULL_BY_AP_ABBR, MONTHS, WEEKDAY_ABBR, WEEKDAYS
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope
from ._common import ERROR, SUGGESTION, WARNING, period_ends_sentence

_LONG_MONTHS = "|".join(AP_MONTH_ABBR)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ANY_MONTH = (
    r"(?:Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.|March|April|May|June|July|" + _LONG_MONTHS + ")"
)
_WEEKDAYS = "|".join(WEEKDAYS)
_LOOSE_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"

register(
    PatternRule(
        "AP-DATE-01",
        rf"\b({_LONG_MONTHS})(?=\s+{_DAY}(?:st|nd|rd|th)?\b(?![\d:.,]\d))",
        suggest=lambda m, ctx: (AP_MONTH_ABBR[m.group(1)],),
        anchors=AP_MONTH_ABBR,
        word_needles=AP_MONTH_ABBR,
        severity=ERROR,
        message="Abbreviate Jan., Feb., Aug., Sept., Oct., Nov. and Dec. with a specific date.",
        entry="months",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The war began October 7.", "They met on September 5, 2023."),
        examples_pass=(
            "The war began Oct. 7.",
            "They met in September 2023.",
            "It rained in October.",
        ),
    )
)

register(
    PatternRule(
        "AP-DATE-02",
        rf"\b(Mar|Apr|Jun|Jul)\.?(?=\s+{_DAY}\b|\s+\d{{4}}\b)",
        anchors=("mar", "apr", "jun", "jul"),
        suggest=lambda m, ctx: (
            {"Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July"}[m.group(1)],
        ),
        word_needles=("mar", "apr", "jun", "jul"),
        severity=ERROR,
        message="Never abbreviate March, April, May, June or July.",
        entry="months",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The vote is Mar. 7.", "It opened Jun. 5.", "Jul 4 is a holiday."),
        examples_pass=("The vote is March 7.", "It opened June 5.", "July 4 is a holiday."),
    )
)


_SHORT_MONTHS = frozenset({"jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec"})
_FULL_MONTHS = frozenset(m.lower() for m in MONTHS)
_DATE_MONTHS = _SHORT_MONTHS | _FULL_MONTHS
_MONTH_PREFIXES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_NO_PERIOD_RE = re.compile(
    rf"\b(Jan|Feb|Aug|Oct|Nov|Dec|Sept?)(?!\.)(?=\s+{_DAY}(?:st|nd|rd|th)?\b(?![:.,]\d))"
)
_SEP_RE = re.compile(rf"\bSep\.(?=\s+{_DAY}\b)")
_ALONE_RE = re.compile(r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.(?!\s*\d{1,2}(?:st|nd|rd|th)?\b)")
_SUFFIX_RE = re.compile(rf"\b{_LOOSE_MONTH}\s+({_DAY})(st|nd|rd|th)\b")
_DAY_OF_MONTH_RE = re.compile(rf"\b({_DAY})(?:st|nd|rd|th)\s+of\s+({'|'.join(MONTHS)})\b")
_LAST_NEXT_RE = re.compile(rf"\b(?:[Ll]ast|[Nn]ext)\s+({_WEEKDAYS})\b(?!['’]s|\s+of\b)")
_YESTERDAY_RE = re.compile(r"\b(?:[Yy]esterday|[Tt]omorrow)\b(?!['’]s)")


def _month_prefix_matches(ctx: TextContext, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of a pattern that starts with a loosely written month ("Sept", "Octob"),
    tried at the words that begin like a month."""
    vocabulary = ctx.memo.get("month_prefixed")
    if vocabulary is None:
        vocabulary = frozenset(k for k in ctx.word_lookup if k.startswith(_MONTH_PREFIXES))
        ctx.memo["month_prefixed"] = vocabulary
    return ctx.match_at_words(vocabulary, pattern)  # type: ignore[arg-type]


# Cheap prefilter shared by the month rules: a text without any of these cannot match.
_MONTH_NEEDLES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "June",
    "July",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _date03(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_at_words(_SHORT_MONTHS, _NO_PERIOD_RE):
        abbr = m.group(1)
        yield Hit(m.start(), m.end(), ("Sept." if abbr.startswith("Sep") else abbr + ".",))
    for m in ctx.match_at_words(frozenset({"sep"}), _SEP_RE):
        yield Hit(m.start(), m.end(), ("Sept.",), message="AP abbreviates September as Sept.")


register(
    FunctionRule(
        "AP-DATE-03",
        _date03,
        word_needles=_SHORT_MONTHS,
        severity=ERROR,
        message="AP month abbreviations take a period: Oct. 7.",
        entry="months",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The war began Oct 7.", "Markets fell Sep. 11.", "It ended Sept 3."),
        examples_pass=("The war began Oct. 7.", "Markets fell Sept. 11."),
    )
)

_MONTH_YEAR_COMMA_RE = re.compile(
    rf"\b({'|'.join(MONTHS)}),\s+((?:1[89]|20)\d\d)\b"
    r"(?![\d,]\d)"
)


def _date04(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.match_at_words(_SHORT_MONTHS, _ALONE_RE):
        full = FULL_BY_AP_ABBR[m.group()]
        if period_ends_sentence(ctx, m.end()) and not re.match(r"\s+\d{4}", text[m.end() :]):
            full += "."
        yield Hit(m.start(), m.end(), (full,))
    for m in ctx.match_at_words(_FULL_MONTHS, _MONTH_YEAR_COMMA_RE):
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)} {m.group(2)}",),
            message="No comma between a month and a year: October 2023.",
        )


register(
    FunctionRule(
        "AP-DATE-04",
        _date04,
        word_needles=_DATE_MONTHS,
        severity=ERROR,
        message="Spell out the month when it stands alone or with a year only.",
        entry="months",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The plant closed in Oct. 2023.",
            "It was founded in October, 2023.",
            "Rain fell in Dec.",
        ),
        examples_pass=(
            "The plant closed in October 2023.",
            "The plant closed Oct. 7, 2023.",
            "In October, 2,000 people marched.",
        ),
    )
)


def _date05(ctx: TextContext) -> Iterator[Hit]:
    for m in _month_prefix_matches(ctx, _SUFFIX_RE):
        yield Hit(m.start(1), m.end(2), (m.group(1),))
    for m in ctx.numbers_then(_DAY_OF_MONTH_RE):
        month = m.group(2)
        yield Hit(m.start(), m.end(), (f"{AP_MONTH_ABBR.get(month, month)} {int(m.group(1))}",))


register(
    FunctionRule(
        "AP-DATE-05",
        _date05,
        needles=_MONTH_NEEDLES,
        severity=ERROR,
        message="Dates take no st, nd, rd or th: Oct. 7.",
        entry="dates",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The war began Oct. 7th.",
            "The parade is July 4th.",
            "It happened on the 3rd of March.",
        ),
        examples_pass=(
            "The war began Oct. 7.",
            "The parade is July 4.",
            "He finished 3rd in March.",
        ),
    )
)

_YEAR_COMMA_RE = re.compile(
    rf"\b{_ANY_MONTH}\s+{_DAY},\s+(\d{{4}})(?=\s+(?!and\b|or\b|to\b|through\b|until\b)[a-z])"
)
_NO_COMMA_RE = re.compile(rf"\b{_ANY_MONTH}\s+{_DAY}(\s+)(\d{{4}})\b(?!,?\d)")


def _date06(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.match_at_words(_DATE_MONTHS, _YEAR_COMMA_RE):
        yield Hit(m.start(1), m.end(1), (m.group(1) + ",",))
    for m in ctx.match_at_words(_DATE_MONTHS, _NO_COMMA_RE):
        after = text[m.end() : m.end() + 12]
        tail = "," if re.match(r"\s+(?!and\b|or\b|to\b|through\b|until\b)[a-z]", after) else ""
        yield Hit(m.start(1), m.end(2), (f", {m.group(2)}{tail}",),
                  message="Put a comma between the day and the year: Oct. 7, 2023.")  # fmt: skip


register(
    FunctionRule(
        "AP-DATE-06",
        _date06,
        word_needles=_DATE_MONTHS,
        severity=WARNING,
        message="Set off the year of a full date with commas: Oct. 7, 2023, was …",
        entry="dates",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("Oct. 7, 2023 was the deadliest day.", "The store opened Dec. 4 2019."),
        examples_pass=(
            "Oct. 7, 2023, was the deadliest day.",
            "From Oct. 7, 2023 to Jan. 5, 2024.",
            "The store opened Dec. 4, 2019.",
        ),
    )
)


def _date07(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.match_at_words(frozenset({"last", "next"}), _LAST_NEXT_RE):
        yield Hit(m.start(), m.end(), (m.group(1),))
    for m in ctx.match_at_words(frozenset({"yesterday", "tomorrow"}), _YESTERDAY_RE):
        before = text[max(0, m.start() - 4) : m.start()]
        if before.endswith("of "):
            continue  # "the world of tomorrow"
        yield Hit(
            m.start(),
            m.end(),
            (),
            message="Name the day of the week instead of yesterday or tomorrow.",
            severity=SUGGESTION,
        )


register(
    FunctionRule(
        "AP-DATE-07",
        _date07,
        word_needles=("last", "next", "yesterday", "tomorrow"),
        severity=WARNING,
        message="Use the day of the week alone, without last or next.",
        entry="days of the week; time element",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "The council voted last Tuesday.",
            "Officials said yesterday that the road was closed.",
        ),
        examples_pass=(
            "The council voted Tuesday.",
            "Leaders of tomorrow met.",
            "It falls on the last Monday of May.",
        ),
    )
)

register(
    PatternRule(
        "AP-DATE-08",
        r"\b(Mon|Tues?|Wed|Thu|Thurs?|Fri|Sat|Sun)\.(?=,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d))",
        suggest=lambda m, ctx: (WEEKDAY_ABBR[m.group(1)],),
        anchors=WEEKDAY_ABBR,
        word_needles=WEEKDAY_ABBR,
        severity=ERROR,
        message="Don't abbreviate days of the week in text.",
        entry="days of the week",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("The vote is Wed., Oct. 13.", "Doors open Sat. 5 p.m."),
        examples_pass=(
            "The vote is Wednesday, Oct. 13.",
            "He reads the Baltimore Sun. Then he leaves.",
        ),
    )
)

_ON_VERBS = (
    "met|meets|meet|died|arrived|left|announced|voted|began|begins|ended|ends|opened|opens|"
    "closed|closes|started|starts|resigned|released|signed|filed|returned|testified|ruled|"
    "launched|attacked|reported|confirmed|agreed|decided|held|hosted|visited|spoke|published|"
    "issued|arrested|charged|sentenced|elected|named|appointed|unveiled|delivered|canceled|"
    "postponed|approved|rejected|passed"
)
register(
    PatternRule(
        "AP-DATE-09",
        rf"\b(?:{_ON_VERBS})\s+(on\s+)(?=(?:{_WEEKDAYS})\b|{_ANY_MONTH}\s+{_DAY}\b)",
        group=1,
        suggest=lambda m, ctx: ("",),
        anchors=_ON_VERBS.split("|"),
        word_needles=(*(d.lower() for d in WEEKDAYS), *_DATE_MONTHS),
        severity=SUGGESTION,
        message="“On” is usually unnecessary before a day or date after a verb.",
        entry="on",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=("The board met on Tuesday.", "Talks began on Oct. 7."),
        examples_pass=(
            "The board met Tuesday.",
            "The strike in Baghdad on Thursday killed a leader.",
        ),
    )
)
