# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Times of day: AP-TIME-01 … AP-TIME-07."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import words
from ..data.calendar import WEEKDAYS
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope
from ._common import ERROR, SUGGESTION, WARNING, period_ends_sentence

_TIME_MARK_RE = re.compile(r"\b(\d{1,2})(:[0-5]\d)?(\s?([aApP])\.?\s?([mM])\.?)(?![\w.])")


def _time01(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.numbers_then(_TIME_MARK_RE):
        hour, minutes = int(m.group(1)), m.group(2)
        if hour == 0 or hour > 12:
            continue
        if hour == 12 and minutes in (None, ":00"):
            continue  # noon and midnight: AP-TIME-03
        mark = m.group(3)
        wanted = f" {m.group(4).lower()}.m."
        if mark == wanted:
            continue
        yield Hit(m.start(3), m.end(3), (wanted,))


register(
    FunctionRule(
        "AP-TIME-01",
        _time01,
        severity=ERROR,
        message="Write a.m. and p.m. lowercase, with periods, after a space.",
        entry="a.m., p.m.",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The meeting starts at 5pm.",
            "Polls open at 7 AM.",
            "It ends at 9 p.m tonight.",
        ),
        examples_pass=(
            "The meeting starts at 5 p.m.",
            "Polls open at 7 a.m. Tuesday.",
            "He hosts an AM radio show.",
        ),
    )
)

register(
    PatternRule(
        "AP-TIME-02",
        r"\b(\d{1,2}):00(?=\s?(?:[ap]\.?m\b|[AP]\.?M\b|[ap]\.m\.))",
        suggest=lambda m, ctx: None if m.group(1) == "12" else (m.group(1),),
        at_numbers=True,
        needles=(":00",),
        severity=ERROR,
        message="Drop :00 for times on the hour: 7 p.m.",
        entry="time",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("The vigil starts at 7:00 p.m.",),
        examples_pass=("The vigil starts at 7 p.m.", "The vigil starts at 7:30 p.m."),
    )
)

_NOON_RE = re.compile(r"\b12(?::00)?\s?(?:(noon|midnight)\b|([aApP])\.?\s?[mM](\.?)(?![\w.]))")


def _time03(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.numbers_then(_NOON_RE):
        word = m.group(1) or ("noon" if m.group(2).lower() == "p" else "midnight")
        if m.group(3) and period_ends_sentence(ctx, m.end()):
            word += "."
        yield Hit(m.start(), m.end(), (word,))


register(
    FunctionRule(
        "AP-TIME-03",
        _time03,
        needles=("12",),
        severity=ERROR,
        message="Write noon or midnight, not 12 p.m., 12 a.m. or 12 noon.",
        entry="noon; midnight",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Lunch is at 12 p.m. Tuesday.",
            "The curfew starts at 12 midnight.",
            "Meet at 12 noon.",
        ),
        examples_pass=(
            "Lunch is at noon Tuesday.",
            "The curfew starts at midnight.",
            "It opens at 12:30 p.m.",
        ),
    )
)

_WEEKDAY_ALT = "|".join(WEEKDAYS)
_CLOCK = r"\d{1,2}(?::[0-5]\d)?\s?"
#: A clock time with a.m. (group 1) or p.m. (group 2), then the redundant words.
_AM_THEN_RE = re.compile(
    rf"{_CLOCK}(?:a\.m\.|am\b|AM\b)"
    rf"(\s+(?:early\s+)?(?:this|tomorrow|yesterday)\s+morning|\s+(?:early\s+)?in\s+the\s+morning"
    rf"|(?<=\.)\s+(?:{_WEEKDAY_ALT})(\s+morning))(?![\w-])"
)
_PM_THEN_RE = re.compile(
    rf"{_CLOCK}(?:p\.m\.|pm\b|PM\b)"
    rf"(\s+(?:late\s+)?(?:this|tomorrow|yesterday)\s+(?:afternoon|evening|night)"
    rf"|\s+(?:late\s+)?tonight|\s+last\s+night"
    rf"|\s+in\s+the\s+(?:afternoon|evening)|\s+at\s+night"
    rf"|(?<=\.)\s+(?:{_WEEKDAY_ALT})(\s+(?:afternoon|evening|night)))(?![\w-])"
)
#: The part of day first, then the clock time: "this morning at 8 a.m.".
_PART_FIRST_RE = re.compile(
    rf"\b((?:[Tt]his|[Tt]omorrow|[Yy]esterday|{_WEEKDAY_ALT})\s+(morning|afternoon|evening|night)"
    rf"|[Tt]onight)\s+at\s+({_CLOCK}([ap])\.m\.)"
)


_PART_FIRST_WORDS = frozenset(
    ["this", "tomorrow", "yesterday", "tonight", *(d.lower() for d in WEEKDAYS)]
)


def _time04(ctx: TextContext) -> Iterator[Hit]:
    for pattern in (_AM_THEN_RE, _PM_THEN_RE):
        for m in ctx.numbers_then(pattern):
            span = m.span(2) if m.group(2) else m.span(1)
            yield Hit(*span, ("",))
    for m in ctx.match_at_words(_PART_FIRST_WORDS, _PART_FIRST_RE):
        part = (m.group(2) or "night").lower()
        if (m.group(4) == "a") != (part == "morning"):
            continue  # "Tuesday night at 1 a.m." is not redundant
        lead = m.group(1).split()[0]
        if lead.lower() in ("this", "tonight"):
            yield Hit(m.start(), m.start(3) - len("at "), ("",))
        else:
            day = "" if lead.lower() in ("tomorrow", "yesterday") else f" {lead}"
            yield Hit(m.start(), m.end(), (f"at {m.group(3)}{day}",), safe_fix=False)


register(
    FunctionRule(
        "AP-TIME-04",
        _time04,
        word_needles=("morning", "tonight", "evening", "afternoon", "night"),
        severity=WARNING,
        message="Redundant: a.m. already means morning and p.m. afternoon or night.",
        entry="a.m., p.m.",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The rally begins at 10 a.m. this morning.",
            "Kickoff is 8 p.m. tonight.",
            "The vote is set for 9 p.m. Tuesday night.",
            "The hearing starts this morning at 9 a.m.",
        ),
        examples_pass=(
            "The rally begins at 10 a.m.",
            "Tonight the rally begins at 8 p.m.",
            "The vote is set for 9 p.m. Tuesday.",
            "The storm hit Tuesday night at 1 a.m.",
        ),
    )
)


_SAME_MERIDIEM_RE = re.compile(
    r"\b(\d{1,2}(?::\d\d)?)\s?([ap])\.m\.?\s?(?:-|–|to)\s?(\d{1,2}(?::\d\d)?)\s?\2\.m\."
)
_OTHER_MERIDIEM_RE = re.compile(
    r"\b(\d{1,2}(?::\d\d)?\s?([ap])\.m\.)\s?[-–]\s?(\d{1,2}(?::\d\d)?\s?(?!\2)[ap]\.m\.)"
)
_FROM_RE = re.compile(r"\b([Ff]rom)\s+(\d[\d,:.]*(?:\s?[ap]\.m\.)?)\s?[-–]\s?(\d[\d,:.]*)")
_BETWEEN_RE = re.compile(r"\b([Bb]etween)\s+(\d[\d,:.]*(?:\s?[ap]\.m\.)?)\s?[-–]\s?(\d[\d,:.]*)")


def _time05(ctx: TextContext) -> Iterator[Hit]:
    if "a.m." in ctx.text or "p.m." in ctx.text:
        for m in ctx.numbers_then(_SAME_MERIDIEM_RE):
            yield Hit(m.start(), m.end(), (f"{m.group(1)} to {m.group(3)} {m.group(2)}.m.",))
        for m in ctx.numbers_then(_OTHER_MERIDIEM_RE):
            yield Hit(m.start(), m.end(), (f"{m.group(1)} to {m.group(3)}",))
    for m in ctx.match_at_words(frozenset({"from"}), _FROM_RE):
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)} {m.group(2)} to {m.group(3)}",),
            message="After “from”, use “to”, not a hyphen: from 9 to 11.",
        )
    for m in ctx.match_at_words(frozenset({"between"}), _BETWEEN_RE):
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)} {m.group(2)} and {m.group(3)}",),
            message="After “between”, use “and”, not a hyphen: between 9 and 11.",
        )


register(
    FunctionRule(
        "AP-TIME-05",
        _time05,
        needles=("a.m.", "p.m.", "from", "From", "between", "Between"),
        severity=WARNING,
        message="In a time range, use “to” and give a.m. or p.m. once: 9 to 11 a.m.",
        entry="time",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Polls are open 9 a.m. - 11 a.m.",
            "The show runs from 9-11.",
            "It grew between 2000-2005.",
        ),
        examples_pass=(
            "Polls are open 9 to 11 a.m.",
            "The show runs from 9 to 11.",
            "The vote was 5-4.",
        ),
    )
)

register(
    PatternRule(
        "AP-TIME-06",
        rf"\b({'|'.join(WEEKDAYS)})\s+at\s+(\d{{1,2}}(?::\d\d)?\s[ap]\.m\.)",
        suggest=lambda m, ctx: (f"{m.group(2)} {m.group(1)}",),
        anchors=WEEKDAYS,
        word_needles=WEEKDAYS,
        severity=SUGGESTION,
        message="AP orders the time element as time, day, place: 7 p.m. Tuesday.",
        entry="time element",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=("The vigil is Tuesday at 7 p.m. in the gym.",),
        examples_pass=("The vigil is at 7 p.m. Tuesday in the gym.",),
    )
)


_ZONE_RE = re.compile(r"\b([ECMP][SD]T)\b")
_ZONE_ABBREVIATIONS = frozenset(words("""est edt cst cdt mst mdt pst pdt"""))
_ZONE_NAME_RE = re.compile(
    r"(?:[ap]\.m\.|noon|midnight)\s+((eastern|central|mountain|pacific)(\s+(?:standard|daylight))?(\s+time))\b"
)
_BEFORE_ZONE_NAME_RE = re.compile(r"(?:[ap]\.m\.|noon|midnight)\s+$")


def _zone_names(ctx: TextContext) -> Iterator[re.Match[str]]:
    """`_ZONE_NAME_RE` matches, tried from each lowercase zone name back to the time."""
    text = ctx.text
    seen = -1
    for i in ctx.word_hits(frozenset({"eastern", "central", "mountain", "pacific"})):
        w = ctx.words[i]
        if not w.text.islower():
            continue
        lead = _BEFORE_ZONE_NAME_RE.search(text, max(0, w.start - 16), w.start)
        if lead is None or lead.start() <= seen:
            continue
        m = _ZONE_NAME_RE.match(text, lead.start())
        if m is not None:
            seen = m.start()
            yield m


def _time07(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.match_at_words(_ZONE_ABBREVIATIONS, _ZONE_RE):
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?:\d|[ap]\.m\.|noon|midnight|\))\s*$", before):
            continue
        yield Hit(
            m.start(),
            m.end(),
            (),
            message="Use a time-zone abbreviation only with a clock time: 8 p.m. EST.",
            severity=SUGGESTION,
        )
    for m in _zone_names(ctx):
        fixed = m.group(2).capitalize() + (m.group(3).title() + " Time" if m.group(3) else " time")
        yield Hit(m.start(1), m.end(1), (fixed,))


register(
    FunctionRule(
        "AP-TIME-07",
        _time07,
        needles=("ST", "DT", " time"),
        severity=WARNING,
        message="Capitalise time-zone names: Eastern time, Pacific Daylight Time.",
        entry="time zones",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("Polls close at 8 p.m. eastern time.", "Results are expected after EST."),
        examples_pass=("Polls close at 8 p.m. Eastern time.", "Polls close at 8 p.m. EST."),
    )
)
