# ruff: noqa: RUF001, RUF002 - typographic quotes, apostrophes and dashes are this checker's subject
"""Numbers and money: AP-NUM-01 … AP-NUM-09."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..data import words
from ..data.numbers import CARDINALS, ORDINAL_WORDS, ORDINALS, SPELLED_BY_VALUE, ordinal_suffix
from ..data.terms import CASUAL_PERCENT_FOLLOWERS
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, HEADLINE, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope, trie_regex
from ._common import ERROR, WARNING, apostrophe, first_words, match_at_words, word_before

#: First words of spelled numbers ("twenty" for "twenty-one"): the word-indexed
#: look-ups below try the big number-word patterns only where one of these starts.
_NUMBER_WORDS = first_words(CARDINALS)
_ORDINAL_WORDS = first_words(ORDINALS, fold=False)

# --- AP-NUM-01: one through nine in words, 10 and up in figures -----------------------

_DIGIT_RE = re.compile(
    # Not part of a larger figure, a range or score ("5-4"), a compound modifier
    # ("6-foot-5", "3-mile"), a list marker ("1)") or a percentage.
    r"(?<![\w.,$€£¥#/:'’+\-–])([1-9])(?![\w%/:°²³½¼¾]|[.,]\d|\s?%|\s?[-–]\s?\d|[-–][A-Za-z]|\))"
)

_MONTH_BEFORE_RE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+$"
)
# Words after which a figure is a label, a designation or a measurement, not a count.
_LABEL_WORDS = frozenset(
    words("""no page pages chapter room route highway interstate size sizes aged age ages level
    levels step steps phase stage category class type game round lap hole inning week
    version verse seed number vol act scene track gate terminal platform lane channel
    district ward precinct row seat section article amendment title model series grade
    grades apartment suite unit floor flight box exit pier dock line item figure table
    rule psalm proposition measure question tier wave season episode part volume was is
    are were turned turns""")
)
_FOLLOWING_UNIT_RE = re.compile(
    r"\s?(?:[-–](?:to|for|of|by|in)[-–]\d|(?:x|by)\s?\d|[-–]?(?:year|month|week|day)s?[- ]olds?\b"
    r"|\s?(?:a\.m\b|p\.m\b|am\b|pm\b|AM\b|PM\b|o['’]clock|feet|foot|ft\b|inches|inch\b|in\.|yards?\b"
    r"|meters?\b|metres?\b|centimeters?|millimeters?|mm\b|cm\b|km\b|kilometers?|kilograms?|kg\b"
    r"|pounds?\b|lbs?\b|ounces?\b|oz\b|tons?\b|tonnes?\b|degrees?\b|°|mph\b|kph\b|mpg\b|million"
    r"|thousand\b|hundred\b|dollars?\b|miles?\b|acres?\b|hrs?\b|mins?\b|secs?\b|yrs?\b|yds?\b|mi\.|wks?\b|mos\."
    r"|billion|trillion|cents?\b|percent|per\s+cent|points?\b|votes?\b|seeds?\b|stars?\b|goals?\b"
    r"|runs?\b|strokes?\b|under\b|over\b|par\b|times\b|to\s+\d|in\s+\d|of\s+\d|and\s+\d|or\s+\d"
    r"|(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))(?:\s[A-Z][\w.]*)?\s(?:St|Street|Ave|Avenue|Road"
    r"|Rd|Blvd|Boulevard|Drive|Dr"
    r"|Lane|Way|Place|Court|Circle|Terrace|Parkway)\b))"
)


def _is_count(ctx: TextContext, start: int, end: int) -> bool:
    """A bare figure 1–9 that AP would spell out (the many AP exceptions are excluded)."""
    text = ctx.text
    if ctx.is_sentence_start(start):
        return False  # AP-NUM-02's business
    before = text[max(0, start - 24) : start]
    if _MONTH_BEFORE_RE.search(before):
        return False  # "Oct. 7"
    if re.search(r"\d\s*(?:to|through|[-–]|and|or|of|in)\s*$", before):
        return False  # "5 to 4", "3 of 5", "1 in 5"
    if re.search(r",\s$", before) and text[end : end + 1] == ",":
        return False  # "the girl, 8," (an age) or a list of figures
    prev = word_before(ctx, start)
    if prev and (
        any(c.isupper() for c in prev) and not ctx.is_sentence_start(start - len(prev) - 1)
    ):
        return False  # "Game 7", "Windows 7", "No. 1", "iPhone 5", "Oct. 7"
    if prev.lower().rstrip(".") in _LABEL_WORDS:
        return False
    return not _FOLLOWING_UNIT_RE.match(text, end)


_SPELLED_RE = re.compile(
    r"(?<![\w'’-])("
    + trie_regex((k for k, v in CARDINALS.items() if v >= 10 and " " not in k), fold_case=True)
    + r")(?![\w'’]|-[a-z])",
    re.I,
)
_SPELLED_SKIP_AFTER = re.compile(
    r"\s+(?:thousand|hundred|million|billion|trillion|dozen|dollars?)\b", re.I
)


def _num01(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_DIGIT_RE):
        start, end = m.span(1)
        if _is_count(ctx, start, end):
            yield Hit(start, end, (SPELLED_BY_VALUE[int(m.group(1))],))
    for m in match_at_words(ctx, _NUMBER_WORDS, _SPELLED_RE):
        start, end = m.span(1)
        word = m.group(1)
        if word[0].isupper():
            continue  # sentence start (correct) or a name ("Big Ten")
        if _SPELLED_SKIP_AFTER.match(text, end):
            continue  # casual round numbers ("ten thousand")
        yield Hit(start, end, (str(CARDINALS[word.lower()]),))


register(
    FunctionRule(
        "AP-NUM-01",
        _num01,
        severity=WARNING,
        message="Spell out whole numbers one through nine; use figures for 10 and above.",
        entry="numerals",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "Police said 5 people were wounded.",
            "The council met ten times last year.",
            "It took 3 weeks to rebuild the bridge.",
            "Rescuers pulled twenty-one people from the rubble.",
        ),
        examples_pass=(
            "The war began Oct. 7 and more than 20,000 people have died.",
            "Five people were wounded and two were killed.",
            "The 5-year-old boy was 4 feet tall.",
            "The court ruled 5-4 in Game 7 of No. 1 seed's series.",
            "The storm reached Category 4 and rainfall rose 3% to $5 million.",
            "The meeting is at 9 a.m. at 5 Main St.",
            "They won 3 to 2, and the girl, 8, cheered.",
            "The Big Ten schedule has 10 games.",
        ),
    )
)

# --- AP-NUM-02: no figure at the start of a sentence ---------------------------------

_LEADING_NUMBER_RE = re.compile(r"[\"'“‘(]*(\d[\d,]*(?:\.\d+)?)(?![\w.]\w|\.\s|\))")


def _num02(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for sent in ctx.sentences:
        m = _LEADING_NUMBER_RE.match(text, sent.start, sent.end)
        if not m:
            continue
        figure = m.group(1)
        start, end = m.span(1)
        if re.fullmatch(r"1\d{3}|20\d{2}", figure):
            continue  # a calendar year may start a sentence
        if (end < len(text) and text[end] in "%'’") or text[end : end + 1].isalpha():
            continue
        value = figure.replace(",", "")
        spelled = SPELLED_BY_VALUE.get(int(value)) if value.isdigit() and len(value) < 4 else None
        if spelled:
            yield Hit(start, end, (spelled.capitalize(),))
        else:
            yield Hit(
                start,
                end,
                (),
                message=(
                    "Don't start a sentence with a figure; rewrite the sentence (a year is fine)."
                ),
            )


register(
    FunctionRule(
        "AP-NUM-02",
        _num02,
        severity=WARNING,
        message="Spell out a number that starts a sentence (a calendar year is the exception).",
        entry="numerals",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("12 people died in the crash.", "The road closed. 40 cars were stuck."),
        examples_pass=(
            "Twelve people died in the crash.",
            "2019 was the warmest year on record.",
            "The vote was Oct. 7. Officials counted 12 ballots.",
        ),
    )
)

# --- AP-NUM-03: ages in figures ------------------------------------------------------

_UNIT_WORDS = trie_regex((k for k in CARDINALS if " " not in k and k != "zero"), fold_case=True)
_AGE_SPELLED_RE = re.compile(
    rf"(?<![\w-])({_UNIT_WORDS})(?=([- ])(?:year|month|week|day)s?([- ])olds?\b|\s+years?\s+old\b)",
    re.I,
)
_AGE_HYPHEN_RE = re.compile(
    r"(?<![\w-])(\d{1,3})(?:\s+year[- ]old|-year\s+old)(s?)\b(?!\s+(?:and|or)\b)"
)
_APPOSITIVE_NEEDLES = tuple(
    f"{w}{sep}"
    for w in words(
        """boy girl son daughter baby child toddler infant grandson granddaughter brother
        sister aged age ages"""
    )
    for sep in (", ", " ")
    if sep == ", " or w.startswith("age")
)
_APPOSITIVE_WORDS = frozenset(
    words("""boy girl son daughter baby child toddler infant grandson granddaughter brother
    sister aged age ages""")
)
_AGE_APPOSITIVE_RE = re.compile(
    rf"\b(?:boy|girl|son|daughter|baby|child|toddler|infant|grandson|granddaughter|brother"
    rf"|sister|aged|age|ages),?\s+({_UNIT_WORDS})(?=[,.;]|\s+(?:to|and)\s)",
    re.I,
)


def _num03(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in match_at_words(ctx, _NUMBER_WORDS, _AGE_SPELLED_RE) if "old" in text else ():
        word = m.group(1)
        if ctx.is_sentence_start(m.start()):
            continue  # AP spells out a number that starts a sentence
        figure = str(CARDINALS[word.lower()])
        hyphenated = m.group(2) == "-"
        yield Hit(
            m.start(1),
            m.end(1),
            (figure,),
            severity=ERROR if hyphenated else WARNING,
        )
    for m in ctx.numbers_then(_AGE_HYPHEN_RE) if "year" in text else ():
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)}-year-old{m.group(2)}",),
            message="Hyphenate an age used as an adjective or a noun: 5-year-old.",
        )
    lowered = text.lower()
    has_appositive = any(w in lowered for w in _APPOSITIVE_NEEDLES)
    for m in ctx.match_at_words(_APPOSITIVE_WORDS, _AGE_APPOSITIVE_RE) if has_appositive else ():
        word = m.group(1)
        if word[0].isupper():
            continue
        yield Hit(m.start(1), m.end(1), (str(CARDINALS[word.lower()]),), severity=WARNING)


register(
    FunctionRule(
        "AP-NUM-03",
        _num03,
        word_needles=_APPOSITIVE_WORDS | {"old"},
        severity=ERROR,
        message="Ages are always figures, even under 10.",
        entry="ages",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "A five-year-old boy was rescued.",
            "The boy is seven years old.",
            "The 5 year old boy was rescued.",
            "The girl, eight, was unhurt.",
        ),
        examples_pass=(
            "A 5-year-old boy was rescued.",
            "The boy is 7 years old.",
            "Five-year-old children can enroll.",
            "The 5-year-old and the 7-year-old were unhurt.",
        ),
    )
)

# --- AP-NUM-04: decades --------------------------------------------------------------

_DECADE_APOS_RE = re.compile(r"\b(1\d|20)(\d0)['’]s\b")
_SHORT_DECADE_APOS_RE = re.compile(r"(?<![\w'’‘])['’‘]?(\d0)['’]s\b")
_SHORT_DECADE_RE = re.compile(r"(?<![\w'’‘$.,-])([2-9]0)s\b")
_WRONG_MARK_RE = re.compile(r"‘(\d0s)\b")
_AGE_OR_TEMP_BEFORE_RE = re.compile(
    r"(?:his|her|their|my|our|your|its|in\s+the|the\s+(?:low|mid|high|upper|lower))\s+"
    r"(?:early\s+|mid-|late\s+|low\s+|high\s+|upper\s+|lower\s+)?$",
    re.I,
)
_TEMPERATURE_RE = re.compile(
    r"\b(?:temperatures?|degrees?|highs?|lows?|forecast|weather|heat)\b", re.I
)


def _num04(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_DECADE_APOS_RE):
        yield Hit(m.start(), m.end(), (f"{m.group(1)}{m.group(2)}s",))
    for m in _SHORT_DECADE_APOS_RE.finditer(text):
        yield Hit(m.start(), m.end(), (f"{apostrophe(ctx)}{m.group(1)}s",))
    for m in _WRONG_MARK_RE.finditer(text):
        yield Hit(
            m.start(),
            m.start() + 1,
            ("’",),
            message=(
                "The mark before a shortened decade is an apostrophe (’90s), not an opening quote."
            ),
            severity=WARNING,
        )
    for m in ctx.numbers_then(_SHORT_DECADE_RE):
        before = text[max(0, m.start() - 30) : m.start()]
        if _AGE_OR_TEMP_BEFORE_RE.search(before) and not re.search(r"\bthe\s+$", before):
            continue  # "in her 30s", "in the mid-80s" (ages and temperatures)
        sent = ctx.sentence_at(m.start())
        if sent is not None and _TEMPERATURE_RE.search(text, sent.start, sent.end):
            continue
        if re.search(r"\b(?:in\s+their|in\s+his|in\s+her|in\s+my)\s+$", before):
            continue
        yield Hit(
            m.start(),
            m.end(),
            (f"{apostrophe(ctx)}{m.group(1)}s",),
            message="A shortened decade takes an apostrophe for the missing digits: ’90s.",
            severity=WARNING,
        )


register(
    FunctionRule(
        "AP-NUM-04",
        _num04,
        needles=("0'", "0’", "0s"),
        severity=ERROR,
        message="Decades take no apostrophe before the s: the 1990s.",
        entry="decades",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The mill closed in the 1990's.",
            "Music of the 80's is back.",
            "Hits from the 90s returned.",
        ),
        examples_pass=(
            "The mill closed in the 1990s.",
            "Hits from the ’90s returned.",
            "She is in her 30s.",
            "Temperatures will be in the 90s.",
        ),
    )
)

# --- AP-NUM-05: percent --------------------------------------------------------------

_PERCENT_RE = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?(?:percent|per\s+cent|pct\.?)(?![\w-])", re.I
)
_SPELLED_PERCENT_RE = re.compile(
    rf"(?<![\w-])({_UNIT_WORDS})\s+(?:percent|per\s+cent)(?![\w-])", re.I
)
_SPACE_PERCENT_RE = re.compile(r"(\s+)%")
_NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")


def _casual(text: str, end: int) -> bool:
    m = _NEXT_WORD_RE.match(text, end)
    return bool(m and m.group(1) in CASUAL_PERCENT_FOLLOWERS)


def _num05(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_PERCENT_RE):
        if _casual(text, m.end()) or ctx.is_sentence_start(m.start()):
            continue
        yield Hit(m.start(), m.end(), (f"{m.group(1)}%",))
    for m in match_at_words(ctx, _NUMBER_WORDS, _SPELLED_PERCENT_RE):
        if _casual(text, m.end()) or m.group(1)[0].isupper():
            continue
        yield Hit(m.start(), m.end(), (f"{CARDINALS[m.group(1).lower()]}%",))
    for m in _SPACE_PERCENT_RE.finditer(text) if "%" in text else ():
        if not text[m.start() - 1 : m.start()].isdigit():
            continue
        yield Hit(m.start(1), m.end(), ("%",), message="No space between the figure and %.")


register(
    FunctionRule(
        "AP-NUM-05",
        _num05,
        needles=("percent", "Percent", "per cent", "pct", "%"),
        severity=ERROR,
        message="Use figures and the % sign for percentages (AP since 2019).",
        entry="percent",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        since=date(2019, 3, 29),
        safe_fix=True,
        examples_flag=("Prices rose 5 percent.", "Turnout fell five percent.", "Rates rose 3 %."),
        examples_pass=(
            "Prices rose 5%.",
            "He has a zero percent chance.",
            "I'm 100 percent sure.",
            "The rate rose 2 percentage points.",
        ),
    )
)

register(
    PatternRule(
        "AP-NUM-06",
        r"\.(?<![\w.]\.)(\d+)\s?(%|percent\b)",
        replace=r"0.\1%",
        needles=("%", "percent"),
        severity=ERROR,
        message="Put a zero before the decimal point for amounts under 1%: 0.6%.",
        entry="percent",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("Inflation rose .6% in May.", "The rate fell .25 percent."),
        examples_pass=("Inflation rose 0.6% in May.", "It costs $.50."),
    )
)

# --- AP-NUM-07: money ----------------------------------------------------------------

_AMOUNT = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:million|billion|trillion)"
_SPELLED_AMOUNT = trie_regex((k for k in CARDINALS if k != "zero"), fold_case=True)
_TWICE = "Use the $ sign or the word dollars, not both."
# (needles, how to find it, pattern, replacement, message): "scan" patterns begin with a
# literal ($, €) the regex engine skips to; "numbers" and "words" ones begin at a number
# or a number word and are tried only there.
_MONEY_RES = (
    (
        ("$",),
        "scan",
        re.compile(r"\$(\d[\d,]*)\.00(?![\d])(?!\s*(?:million|billion|trillion))"),
        r"$\1",
        None,
    ),
    (
        ("dollar",),
        "scan",
        re.compile(rf"\$({_AMOUNT}(?:\s+{_SCALE})?)\s+dollars?\b"),
        r"$\1",
        _TWICE,
    ),
    (
        ("USD", "US dollars", "U.S. dollars"),
        "scan",
        re.compile(rf"\$\s?({_AMOUNT}(?:\s+{_SCALE})?)\s+(?:USD|US\s+dollars|U\.S\.\s+dollars)\b"),
        r"$\1",
        _TWICE,
    ),
    (
        ("USD",),
        "scan",
        re.compile(rf"\bUSD\s?\$?({_AMOUNT}(?:\s+{_SCALE})?)"),
        r"$\1",
        "Use the $ sign: $5 million.",
    ),
    (
        ("USD",),
        "numbers",
        re.compile(rf"(?<![\w$.,])({_AMOUNT}(?:\s+{_SCALE})?)\s+USD\b"),
        r"$\1",
        "Use the $ sign: $5 million.",
    ),
    (
        ("€", "£", "¥"),
        "scan",
        re.compile(rf"([€£¥])({_AMOUNT}(?:\s+{_SCALE})?)\s+(?:euros?|pounds?|yen)\b"),
        r"\1\2",
        "The currency sign already names the currency.",
    ),
    (
        ("dollar",),
        "numbers",
        re.compile(rf"(?<![\w$.,])({_AMOUNT}(?:\s+{_SCALE})?)\s+dollars?\b"),
        r"$\1",
        None,
    ),
    (
        ("dollars",),
        "numbers",
        re.compile(r"(?<![\w$.,])(\d{1,3})\s+(thousand|hundred)\s+dollars\b"),
        None,
        "Use the $ sign and figures: $5,000.",
    ),
    (
        ("dollars", "Dollars"),
        "words",
        re.compile(rf"(?<![\w-])({_SPELLED_AMOUNT})(?:\s+({_SCALE}))?\s+dollars\b", re.I),
        None,
        "Use the $ sign and figures: $5, $5 million.",
    ),
    (
        ("¢",),
        "numbers",
        re.compile(r"(?<![\w.])(\d{1,2})\s?¢"),
        r"\1 cents",
        "Spell out cents for amounts under $1: 5 cents.",
    ),
    (
        ("$",),
        "scan",
        re.compile(r"\$0?\.(\d\d)\b(?!\d|\.\d)(?!\s*(?:million|billion|trillion))"),
        None,
        "Spell out cents for amounts under $1: 50 cents.",
    ),
)
_MONEY_NEEDLES = ("$", "dollar", "¢", "USD", "€", "£", "¥")


def _money_suggestion(m: re.Match[str], repl: str | None) -> str | None:
    if repl is not None:
        return m.expand(repl)
    first = m.group(1)
    if first.isdigit() and m.lastindex == 2:  # "5 thousand dollars"
        factor = 1000 if m.group(2).lower() == "thousand" else 100
        return f"${int(first) * factor:,}"
    if first.isdigit():  # cents
        return f"{int(first)} cents"
    value = CARDINALS.get(" ".join(first.lower().split()))
    if value is None:
        return None
    scale = m.group(2)
    return f"${value} {scale.lower()}" if scale else f"${value}"


def _num07(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for needles, how, pattern, repl, message in _MONEY_RES:
        if not any(n in text for n in needles):
            continue
        if how == "numbers":
            found = ctx.numbers_then(pattern)
        elif how == "words":
            found = ctx.match_at_words(_NUMBER_WORDS, pattern)
        else:
            found = pattern.finditer(text)
        for m in found:
            # Spelled amounts: not at a sentence start, not "a few dollars".
            if (
                repl is None
                and not m.group(1).isdigit()
                and (
                    ctx.is_sentence_start(m.start())
                    or text[max(0, m.start() - 2) : m.start()] == "a "
                )
            ):
                continue
            suggestion = _money_suggestion(m, repl)
            if suggestion is not None:
                yield Hit(m.start(), m.end(), (suggestion,), message=message)


register(
    FunctionRule(
        "AP-NUM-07",
        _num07,
        needles=_MONEY_NEEDLES,
        severity=ERROR,
        message="Money: the $ sign and figures, with no .00 for whole dollars.",
        entry="dollars; cents",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Tickets cost $5.00 each.",
            "He paid 20 dollars.",
            "It cost $10 dollars.",
            "The city borrowed $5 million dollars.",
            "The budget adds 5 million dollars for roads.",
            "Donors gave five million dollars.",
            "Gum costs 5¢.",
            "A stamp costs $0.73.",
        ),
        examples_pass=(
            "Tickets cost $5 each.",
            "A stamp costs 73 cents.",
            "The fund holds $1.5 million.",
            "He would like to make a million dollars.",
            "It cost millions of dollars and 2 million euros.",
        ),
    )
)

# --- AP-NUM-08: millions and billions -------------------------------------------------

_BIG_RE = re.compile(r"(\$?)(?<![\d,.])(\d{1,3}(?:,\d{3}){2,4})(?![\d,]|\.\d)")
_BIG_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3}){2,4})(?![\d,]|\.\d)")


def _big_numbers(ctx: TextContext) -> Iterator[re.Match[str]]:
    """`_BIG_RE` matches (group 1: the $ sign or ""), found from the numbers."""
    text = ctx.text
    for m in ctx.numbers_then(_BIG_NUMBER_RE):
        start = m.start() - 1 if text[m.start() - 1 : m.start()] == "$" and m.start() else m.start()
        full = _BIG_RE.match(text, start)
        if full is not None:
            yield full


_RANGE_RE = re.compile(
    r"\$(\d+(?:\.\d+)?)\s?[-–]\s?\$?(\d+(?:\.\d+)?)\s+(million|billion|trillion)\b"
)
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


_SPELLED_SCALE_RE = re.compile(rf"(?<![\w-])({_SPELLED_AMOUNT})\s+({_SCALE})\b(?!\s+dollars)", re.I)
_ABBREVIATED_SCALE_RE = re.compile(r"(\d+(?:\.\d+)?)\s?(M|B|bn|mn|mln|mil|K)(?!\w|\.\w|-\w)")
_HYPHEN_SCALE_RE = re.compile(rf"(\$\d+(?:\.\d+)?)-({_SCALE})\b")
_SCALE_WORDS = {
    "m": "million",
    "mn": "million",
    "mln": "million",
    "mil": "million",
    "b": "billion",
    "bn": "billion",
    "k": "thousand",
}


def _num08_words(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in match_at_words(ctx, _NUMBER_WORDS, _SPELLED_SCALE_RE):
        if ctx.is_sentence_start(m.start()) or text[max(0, m.start() - 2) : m.start()] == "a ":
            continue  # "Two million people ..." starts a sentence; "a million" is casual
        value = CARDINALS.get(" ".join(m.group(1).lower().split()))
        if value is not None and value < 100:
            yield Hit(
                m.start(),
                m.end(),
                (f"{value} {m.group(2).lower()}",),
                message="Use figures with million or billion: 2 million people.",
            )
    if ctx.kind == HEADLINE:
        return  # headlines may write $5M
    for m in ctx.numbers_then(_ABBREVIATED_SCALE_RE):
        dollar = "$" if text[m.start() - 1 : m.start()] == "$" else ""
        amount, unit = m.group(1), m.group(2)
        if not dollar and unit in ("M", "B", "K"):
            continue  # "5K" is a race; "5M" without a $ may be a model or a unit
        scale = _SCALE_WORDS[unit.lower()]
        thousands = float(amount) * 1000
        if scale == "thousand" and thousands == int(thousands):
            fixed = f"${int(thousands):,}"
        else:
            fixed = f"{dollar}{amount} {scale}"
        yield Hit(
            m.start() - len(dollar),
            m.end(),
            (fixed,),
            message="Spell out million and billion in text: $5 million.",
        )
    for m in _HYPHEN_SCALE_RE.finditer(text) if "$" in text else ():
        yield Hit(
            m.start(),
            m.end(),
            (f"{m.group(1)} {m.group(2)}",),
            message="No hyphen between the figure and million or billion: a $5 million budget.",
        )


def _num08(ctx: TextContext) -> Iterator[Hit]:
    yield from _num08_words(ctx)
    text = ctx.text
    for m in _big_numbers(ctx):
        value = int(m.group(2).replace(",", ""))
        for scale, word in _SCALES:
            if value >= scale:
                scaled = value / scale
                if round(scaled, 2) * scale != value:
                    break  # an exact figure: keep it
                figure = f"{scaled:.2f}".rstrip("0").rstrip(".")
                yield Hit(m.start(), m.end(), (f"{m.group(1)}{figure} {word}",))
                break
    for m in _RANGE_RE.finditer(text):
        a, b, word = m.groups()
        yield Hit(
            m.start(),
            m.end(),
            (f"${a} {word} to ${b} {word}",),
            message="Repeat million or billion in a range: $20 million to $30 million.",
        )


register(
    FunctionRule(
        "AP-NUM-08",
        _num08,
        severity=WARNING,
        message="Use figures with million or billion (up to two decimals): $2.5 million.",
        entry="millions, billions",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=False,
        examples_flag=(
            "The grant was $2,500,000.",
            "It will cost $20-$30 million.",
            "About 3,000,000 people voted.",
            "The region has two million residents.",
            "The deal is worth $5M.",
            "Voters approved a $40-million bond.",
        ),
        examples_pass=(
            "The grant was $2.5 million.",
            "The estate was valued at $2,534,117.",
            "It will cost $20 million to $30 million.",
            "Two million people live there.",
            "She ran the 5K in May and had a million reasons.",
        ),
    )
)

# --- AP-NUM-09: ordinals -------------------------------------------------------------

_ORDINAL_RE = re.compile(r"(?<![\w.,-])([1-9])(st|nd|rd|th)\b")
_SPELLED_ORDINAL_RE = re.compile(
    r"(?<![\w-])(" + trie_regex(k for k, v in ORDINALS.items() if v >= 10) + r")(?![\w-])"
)
_OF_MONTH_RE = re.compile(
    r"\s+of\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b"
)
_MONTHS_RE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+$")


def _num09(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ctx.numbers_then(_ORDINAL_RE):
        n = int(m.group(1))
        if ordinal_suffix(n) != m.group():
            continue  # "1th" is a typo of another kind
        nxt = ctx.next_word(m.end())
        if nxt is not None and nxt.text[0].isupper() and nxt.start - m.end() <= 2:
            continue  # "1st Infantry Division", "3rd District", "9th Street"
        prev = word_before(ctx, m.start())
        if prev and prev[0].isupper() and not ctx.is_sentence_start(m.start() - len(prev) - 1):
            continue  # "Sgt. 1st Class", "Petty Officer 3rd Class"
        if _MONTHS_RE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Oct. 7th" is AP-DATE-05's
        if _OF_MONTH_RE.match(text, m.end()):
            continue  # "the 3rd of March" is AP-DATE-05's
        word = ORDINAL_WORDS[n - 1]
        yield Hit(
            m.start(), m.end(), (word.capitalize() if ctx.is_sentence_start(m.start()) else word,)
        )
    for m in match_at_words(ctx, _ORDINAL_WORDS, _SPELLED_ORDINAL_RE, fold=False):
        if m.group(1) == "eleventh" and text.startswith(" hour", m.end()):
            continue
        yield Hit(m.start(), m.end(), (ordinal_suffix(ORDINALS[m.group(1)]),))


register(
    FunctionRule(
        "AP-NUM-09",
        _num09,
        severity=WARNING,
        message="Spell out first through ninth; use figures for 10th and above.",
        entry="numerals",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("It was the 3rd time this year.", "Cities of the twenty-first century."),
        examples_pass=(
            "It was the third time this year.",
            "The 1st Infantry Division and Sgt. 1st Class Jane Doe.",
            "She won the 3rd District seat on 9th Street in the 21st century.",
            "It was the eleventh hour.",
        ),
    )
)

# --- AP-NUM-10: No. for rank --------------------------------------------------------------

_HASH_RE = re.compile(r"(?<![\w&#/])#\s?(\d{1,3})(?![\w,.]\d|\w)")
_NUMBER_ONE_RE = re.compile(r"([Nn]umber\s+(one|two|three)|No\s(\d{1,3}))\b(?!-)")
_OWNER_BEFORE_RE = re.compile(r"\b(?:the|its|his|her|their|our|my|your|[A-Za-z]+['’]s)\s+$")
_LOWER_NO_RE = re.compile(r"no\.(?<=[a-z,] no\.)(?=\s\d)")


def _num10(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for m in _HASH_RE.finditer(text) if "#" in text else ():
        yield Hit(m.start(), m.end(), (f"No. {m.group(1)}",))
    for m in ctx.match_at_words(frozenset({"number", "no"}), _NUMBER_ONE_RE):
        if not _OWNER_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue
        figure = m.group(3) or str(CARDINALS[m.group(2).lower()])
        yield Hit(m.start(1), m.end(1), (f"No. {figure}",))
    for m in _LOWER_NO_RE.finditer(text) if "no." in text else ():
        yield Hit(m.start(), m.end(), ("No.",))


register(
    FunctionRule(
        "AP-NUM-10",
        _num10,
        needles=("#", "umber one", "umber two", "umber three", "No ", "no."),
        severity=WARNING,
        message="Use No. and a figure for a position or rank: No. 1.",
        entry="No.",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The team is ranked #1 in the nation.",
            "Jobs are the governor's number one priority.",
            "She is the party's No 2 official.",
        ),
        examples_pass=(
            "The team is ranked No. 1 in the nation.",
            "Jobs are the governor's top priority.",
            "Number one seeds rarely lose.",
        ),
    )
)

# --- AP-NUM-11: temperatures below zero ---------------------------------------------------

register(
    PatternRule(
        "AP-NUM-11",
        r"[-−–](?<![\w.\d][-−–])(\d+)(?=\s?(?:degrees?\b|°))",
        suggest=lambda m, ctx: (f"minus {m.group(1)}",),
        needles=("degree", "°"),
        severity=WARNING,
        message="Temperatures below zero take the word minus, not a minus sign: minus 10.",
        entry="temperatures",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=("The temperature fell to -10 degrees overnight.", "Lows hit −4° in Fargo."),
        examples_pass=(
            "The temperature fell to minus 10 degrees overnight.",
            "Highs will reach 70-75 degrees.",
            "The wind chill was 10 below zero.",
        ),
    )
)
