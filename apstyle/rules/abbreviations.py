# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Abbreviations AP forbids or writes another way: units of measure (AP-ABBR-01), words AP
never abbreviates (AP-ABBR-02) and academic degrees (AP-ABBR-03)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import TextContext
from ..engine.fields import PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope
from ..engine.text import WORD_RE, match_case
from ._common import SUGGESTION, WARNING, period_ends_sentence

# --- AP-ABBR-01: units of measure ----------------------------------------------------------

#: Unit abbreviation (lowercased, without its period) → (singular, plural).
_UNITS = {
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ozs": ("ounce", "ounces"),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "yd": ("yard", "yards"),
    "yds": ("yard", "yards"),
    "mi": ("mile", "miles"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "wk": ("week", "weeks"),
    "wks": ("week", "weeks"),
    "mos": ("month", "months"),
    "gal": ("gallon", "gallons"),
    "gals": ("gallon", "gallons"),
    "qt": ("quart", "quarts"),
    "qts": ("quart", "quarts"),
    "sq ft": ("square foot", "square feet"),
    "km": ("kilometer", "kilometers"),
    "kg": ("kilogram", "kilograms"),
    "cm": ("centimeter", "centimeters"),
}
#: Units whose bare form (no period) is also an English word or too ambiguous to flag.
_NEED_PERIOD = frozenset({"in", "mi", "min", "sec", "gal", "mos"})
_UNIT_RE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)(\s?|-)"
    r"(sq\.?\s?ft|lbs?|ozs?|ft|in|yds?|mi|hrs?|mins?|secs?|yrs?|wks?|mos|gals?|qts?|km|kg|cm)(\.)?"
    r"(?![\w-])",
    re.I,
)
_MPH_RE = re.compile(r"(?<=\d )(MPH|m\.p\.h\.|Mph)(?![\w])")


def _abbr01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_UNIT_RE):
        unit = re.sub(r"[.\s]", " ", m.group(3).lower()).replace("  ", " ").strip()
        unit = "sq ft" if unit.startswith("sq") else unit
        has_period = bool(m.group(4))
        if unit in _NEED_PERIOD and not has_period:
            continue
        if unit == "in" and not re.match(r"\s*(?:[a-z]|[,;)]|of\b)", text[m.end() :]):
            continue  # "in." must be followed by more of the sentence ("6 in. of snow")
        singular, plural = _UNITS[unit]
        hyphen = m.group(2) == "-"
        amount = m.group(1)
        word = singular if hyphen or amount == "1" else plural
        if has_period and period_ends_sentence(ctx, m.end()):
            word += "."
        yield Hit(m.start(3), m.end(), (match_case(m.group(3), word),))
    for m in _MPH_RE.finditer(text) if "ph" in text.lower() else ():
        yield Hit(m.start(1), m.end(1), ("mph",), message="Write mph in lowercase, no periods.")


register(
    FunctionRule(
        "AP-ABBR-01",
        _abbr01,
        severity=WARNING,
        message="Spell out units of measure in text: pounds, ounces, feet, inches, miles.",
        entry="weights; dimensions; distances",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The baby weighed 7 lbs. at birth.",
            "The storm dropped 6 in. of snow.",
            "A 10-ft. wall surrounds the yard.",
            "The trip takes 3 hrs.",
        ),
        examples_pass=(
            "The baby weighed 7 pounds at birth.",
            "Winds reached 60 mph.",
            "They won 2 in a row.",
            "The 9 mm pistol was recovered.",
        ),
    )
)

# --- AP-ABBR-02: words AP never abbreviates -------------------------------------------------

_NEVER = {
    "dept.": "department",
    "depts.": "departments",
    "assn.": "association",
    "assoc.": "association",
    "univ.": "university",
    "govt.": "government",
    "gov't": "government",
    "gov’t": "government",
    "approx.": "about",
    "supt.": "superintendent",
    "asst.": "assistant",
    "natl.": "national",
    "nat'l": "national",
    "nat’l": "national",
    "intl.": "international",
    "int'l": "international",
    "int’l": "international",
    "prof.": "professor",
    "atty.": "attorney",
    "mt.": "Mount",
    "rte.": "Route",
}
#: Abbreviations that are only titles or place prefixes before a capitalised word.
_BEFORE_NAMES = {"pres.": "President", "sec.": "Secretary", "ft.": "Fort", "hwy.": "Highway"}
_NEVER_RE = re.compile(
    r"(?<![\w.’'])(Atty\.\s+Gen\.|"
    + "|".join(re.escape(k) for k in sorted({**_NEVER, **_BEFORE_NAMES}, key=len, reverse=True))
    + r")(?!\w)",
    re.I,
)
_NEVER_FIRSTS = frozenset(
    WORD_RE.match(k).group().lower()  # type: ignore[union-attr]
    for k in {**_NEVER, **_BEFORE_NAMES}
)
_NEVER_NEEDLES = tuple(
    {k[:3].capitalize() for k in {**_NEVER, **_BEFORE_NAMES}} | {k[:3] for k in _NEVER}
)


def _abbr02(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.match_at_words(_NEVER_FIRSTS, _NEVER_RE):
        found = m.group(1)
        key = found.lower()
        after = text[m.end() : m.end() + 3]
        if key.startswith("atty") and "gen" in key:
            word = "Attorney General"
        elif key in _BEFORE_NAMES:
            if not re.match(r"\s+[A-Z\d]", after) or (key != "hwy." and after[1:2].isdigit()):
                continue  # "5 sec." is AP-ABBR-01's; "Ft." only before a name
            word = _BEFORE_NAMES[key]
        else:
            word = _NEVER[key]
            if key in ("mt.", "rte.") and not re.match(r"\s+[A-Z\d]", after):
                continue
            if key == "prof." and re.match(r"\s+[A-Z]", after):
                word = "professor"  # AP lowercases professor before a name
            else:
                word = match_case(found, word) if word.islower() else word
        if found.endswith(".") and period_ends_sentence(ctx, m.end()):
            word += "."
        yield Hit(m.start(1), m.end(1), (word,))


register(
    FunctionRule(
        "AP-ABBR-02",
        _abbr02,
        word_needles=_NEVER_FIRSTS,
        severity=WARNING,
        message="AP never abbreviates this word: department, association, university, Mount, Fort.",
        entry="department; association; university; Mount; Fort; professor",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The Justice Dept. opened an inquiry.",
            "Climbers reached the summit of Mt. Everest.",
            "Soldiers returned to Ft. Bragg.",
            "The state Education Assn. endorsed him.",
        ),
        examples_pass=(
            "The Justice Department opened an inquiry.",
            "Climbers reached the summit of Mount Everest.",
            "Warner Bros. and Acme Corp. settled.",
            "The race lasted 5 sec. longer.",
        ),
    )
)

# --- AP-ABBR-03: academic degrees -----------------------------------------------------------

_DEGREE_WORD_RE = re.compile(
    r"(?<![\w’'-])((?:[Bb]achelor|[Mm]aster)(?:s['’]?|['’]s)?|[Aa]ssociate['’]s|[Dd]octorate)"
    r"(\s+)([Dd]egrees?)\b"
)
_PHD_RE = re.compile(r"(?<![\w.])(Ph\.?\s?D(?![\w.])|PhD|Ph\.d\.|Phd|PHD)(s?)(?![\w])")
_AFTER_DR_NAME_RE = re.compile(r"\bDr\.\s+[A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+)?,\s+$")
_ABBREVIATED_DEGREE_RE = re.compile(
    r"\b(?:an?|his|her|their|my|our|your|the)\s+(Ph\.D\.|B\.A\.|M\.A\.|B\.S\.|M\.S\.|BA|MA|BS|MS)"
    r"(?=\s+(?:in|from|degree)\b)"
)
_SPELLED = {
    "BA": "bachelor's degree",
    "BS": "bachelor's degree",
    "MA": "master's degree",
    "MS": "master's degree",
    "Ph.D.": "doctorate",
    "B.A.": "bachelor's degree",
    "B.S.": "bachelor's degree",
    "M.A.": "master's degree",
    "M.S.": "master's degree",
}


def _abbr03(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    apostrophe = "’" if "’" in text or "'" not in text else "'"
    for m in _DEGREE_WORD_RE.finditer(text):
        word, degree = m.group(1), m.group(3)
        low = word.lower().replace("’", "'")
        if low.startswith("doctorate"):
            yield Hit(
                m.start(),
                m.end(),
                ("doctorate", "doctoral degree"),
                message="Write doctorate or doctoral degree, not doctorate degree.",
            )
            continue
        if low.startswith("associate"):
            yield Hit(
                m.start(1),
                m.end(1),
                (match_case(word, "associate"),),
                message="No possessive in associate degree.",
            )
            continue
        base = "bachelor" if low.startswith("bachelor") else "master"
        wanted = f"{base}{apostrophe}s"
        lower_case = word[0].isupper() and not ctx.is_sentence_start(m.start())
        if low == f"{base}'s" and not lower_case and degree.islower():
            continue
        fixed = wanted if lower_case or word[0].islower() else wanted.capitalize()
        yield Hit(
            m.start(),
            m.end(),
            (f"{fixed}{m.group(2)}{degree.lower()}",),
            message="Write bachelor's degree and master's degree, lowercase, with an apostrophe.",
        )
    for m in _PHD_RE.finditer(text) if "h" in text else ():
        if _AFTER_DR_NAME_RE.search(text, max(0, m.start() - 50), m.start()):
            continue  # "Dr. Lena Ortiz, PhD": AP-NAME-09 drops the degree altogether
        yield Hit(
            m.start(), m.end(), (f"Ph.D.{m.group(2)}",), message="AP writes Ph.D. with periods."
        )
    for m in _ABBREVIATED_DEGREE_RE.finditer(text):
        yield Hit(
            m.start(1),
            m.end(1),
            (_SPELLED[m.group(1)],),
            severity=SUGGESTION,
            message="AP prefers a phrase to the abbreviation: a doctorate in history.",
        )


register(
    FunctionRule(
        "AP-ABBR-03",
        _abbr03,
        needles=(
            "egree",
            "PhD",
            "Ph",
            "PHD",
            "B.A.",
            "M.A.",
            "B.S.",
            "M.S.",
            " BA ",
            " MA ",
            " BS ",
            " MS ",
        ),
        severity=WARNING,
        message=(
            "Academic degrees: bachelor's degree, master's degree, doctorate; Ph.D. with periods."
        ),
        entry="academic degrees",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "She earned a bachelors degree in 2010.",
            "He holds a Master's degree in nursing.",
            "Applicants need an associate's degree.",
            "She has a PhD in chemistry.",
            "He has a doctorate degree from Yale.",
        ),
        examples_pass=(
            "She earned a bachelor's degree in 2010.",
            "He holds a master's degree in nursing.",
            "Applicants need an associate degree.",
            "Jane Smith, Ph.D., testified.",
            "He has a doctorate from Yale and a Bachelor of Arts degree.",
        ),
    )
)
