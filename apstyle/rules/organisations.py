# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""Organisations, terms and word choice: AP-ORG-01 … AP-ORG-07."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..data import words
from ..data.states import NAME_BY_POSTAL
from ..data.terms import AP_SPELLING_CHANGES, COMPOUNDS, KNOWN_ACRONYMS
from ..engine.context import StoryContext, TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope, StoryRule, TermMatcher
from ..engine.text import NEVER_FINAL, match_case
from ._common import SUGGESTION, WARNING, in_caps_run, is_mid_sentence_capitalised

# --- AP-ORG-01: acronyms ---------------------------------------------------------------

_PAREN_ACRONYM_RE = re.compile(r"(?<=[A-Za-z])(\s\(([A-Z][A-Za-z&]{1,7})\))(?=(\s+[a-z])?)")
# Scanned from its first capital (fast); what may not precede it is checked by hand.
_ACRONYM_RE = re.compile(r"([A-Z]{2,6})(s?)(?![\w&]|\.\w)")
_NOT_BEFORE_ACRONYM = re.compile(r"[\w&.-]")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")
#: Below this many words the body is a passage, not a story: an acronym never spelled
#: out in it may have been spelled out earlier, so only a later expansion is flagged.
_WHOLE_STORY_WORDS = 150
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "de", "al", "el", "to", "&"})


_OPEN_PAREN_RE = re.compile(r"\((?<=[A-Za-z]\s\()")


def _paren_acronyms(text: str) -> Iterator[re.Match[str]]:
    """`_PAREN_ACRONYM_RE` matches, tried at each "(" after a letter and a space."""
    for p in _OPEN_PAREN_RE.finditer(text):
        m = _PAREN_ACRONYM_RE.match(text, p.start() - 1)
        if m is not None:
            yield m


def _org01_parens(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    if "(" not in text:
        return
    for m in _paren_acronyms(text):
        prev = ctx.prev_word(m.start())
        if prev is None or not prev.text[0].isupper() or prev.text.isupper():
            continue  # "BAGHDAD (AP)" is a dateline, not a name and its acronym
        acronym = m.group(2)
        tail = "," if m.group(3) else ""
        yield Hit(m.start(1), m.end(1), (f", or {acronym}{tail}",))


def _capital_runs(ctx: TextContext) -> list[tuple[int, str]]:
    """(end offset, initials) of runs of capitalised words, connectors allowed inside."""
    runs: list[tuple[int, str]] = []
    initials = ""
    end = 0
    pending_connector = False
    for w in ctx.words:
        t = w.text
        if t[0].isupper() and not t.isupper():
            initials += t[0]
            end = w.end
            pending_connector = False
        elif not initials:
            continue  # the common case: a lowercase word outside any run
        elif not pending_connector and t.lower() in _CONNECTORS:
            pending_connector = True
        else:
            if len(initials) >= 2:
                runs.append((end, initials))
            initials, pending_connector = "", False
    if len(initials) >= 2:
        runs.append((end, initials))
    return runs


def _org01_first_use(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    ctx = story.get("body")
    if ctx is None:
        return
    text = ctx.text
    seen: set[str] = set()
    runs: list[tuple[int, str]] | None = None
    long_story: bool | None = None
    for m in _ACRONYM_RE.finditer(text):
        if m.start() and _NOT_BEFORE_ACRONYM.match(text, m.start() - 1):
            continue
        acronym = m.group(1)
        if acronym in seen:
            continue
        seen.add(acronym)
        if acronym in KNOWN_ACRONYMS or acronym in NAME_BY_POSTAL or _ROMAN_RE.fullmatch(acronym):
            continue  # known, a Roman numeral, or a postal code (AP-PLACE-02's business)
        if (
            in_caps_run(ctx, m.start(), m.end())
            or ctx.in_quote(m.start())
            or ctx.is_protected(m.start(), m.end())
        ):
            continue
        nxt = ctx.next_word(m.end())
        if (
            len(acronym) == 2
            and nxt is not None
            and nxt.start == m.end() + 1
            and nxt.text[0].isupper()
            and nxt.text[1:].islower()
        ):
            continue  # initials before a surname: "JD Vance"
        if runs is None:
            runs = _capital_runs(ctx)
        expanded_before = any(end <= m.start() and acronym in initials for end, initials in runs)
        if expanded_before:
            continue
        expanded_later = any(end > m.start() and acronym in initials for end, initials in runs)
        if not expanded_later and long_story is None:
            long_story = ctx.count_words() >= _WHOLE_STORY_WORDS
        if not expanded_later and not long_story:
            continue  # a passage: the name may have been spelled out before it
        yield (
            "body",
            Hit(
                m.start(1),
                m.end(1),
                (),
                message=(
                    "Spell out the name before using its acronym."
                    if expanded_later
                    else "Spell out this acronym on first reference unless readers know it."
                ),
                severity=WARNING if expanded_later else SUGGESTION,
            ),
        )


def _org01(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    for name, ctx in story.fields.items():
        if ctx.kind in PROSE:
            for hit in _org01_parens(ctx):
                yield name, hit
    yield from _org01_first_use(story)


register(
    StoryRule(
        "AP-ORG-01",
        _org01,
        severity=WARNING,
        message="Don't put an acronym in parentheses after the full name; use “…, or PMF,”.",
        entry="abbreviations and acronyms",
        scope=Scope.WORDING,
        fields=PROSE,
        examples_flag=(
            "Officials from the Popular Mobilization Force (PMF) spoke.",
            "The PMF said it would respond. The Popular Mobilization Force is a coalition.",
            "The IRGC said it would respond. " * 30,
        ),
        examples_pass=(
            "Officials from the Popular Mobilization Force, or PMF, spoke. The PMF is a coalition.",
            "The FBI and NATO said it would respond.",
            "World War II ended.",
            "The vote (5-4) was close.",
        ),
    )
)

# --- AP-ORG-02: Islamic State group ----------------------------------------------------

_IS_RE = re.compile(
    r"\b(ISIS|ISIL)\b"
    r"|\b(the\s+Islamic\s+State)\b(?!\s+(?:group|militants?|fighters?|extremists?|members?|of\b)|['’]s)"
    r"(?!,\s+(?:an?|the)\s+[^,.;]{0,60}\bgroup\b)"
)


def _org02(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_at_words(frozenset({"isis", "isil", "the"}), _IS_RE):
        if m.group(1):
            yield Hit(
                m.start(1),
                m.end(1),
                ("Islamic State group",),
                message="Call it the Islamic State group (avoid ISIS and ISIL outside quotes).",
            )
        else:
            yield Hit(m.start(2), m.end(2), ("the Islamic State group",))


register(
    FunctionRule(
        "AP-ORG-02",
        _org02,
        word_needles=("isis", "isil", "islamic"),
        severity=SUGGESTION,
        message="AP calls it the Islamic State group; consider adding “group”.",
        entry="Islamic State group",
        scope=Scope.WORDING,
        fields=PROSE,
        since=date(2014, 9, 17),
        examples_flag=(
            "ISIS fighters seized the town.",
            "The coalition fought the Islamic State after 2014.",
        ),
        examples_pass=(
            "Islamic State group fighters seized the town.",
            "The aim is to fight the Islamic State, the Sunni extremist militant group.",
            "Islamic State militants attacked.",
        ),
    )
)

# --- AP-ORG-03: AP spelling changes ------------------------------------------------------

_CASED_TERMS = {
    t: v for t, v in AP_SPELLING_CHANGES.items() if t[0].isupper() and t != "O.K." and t != "O.K.'d"
}
_PLAIN_TERMS = {t: v for t, v in AP_SPELLING_CHANGES.items() if t not in _CASED_TERMS}
_CASED = TermMatcher(_CASED_TERMS, case_sensitive=True)
_PLAIN = TermMatcher(_PLAIN_TERMS)
_PLAIN_LOOKUP = {k.lower(): v for k, v in _PLAIN_TERMS.items()}


def _in_effect(since: date | None, ctx: TextContext) -> bool:
    edition = ctx.story.edition if ctx.story is not None else None
    return since is None or edition is None or edition >= since


def _org03(ctx: TextContext) -> Iterator[Hit]:
    for m in _PLAIN.finditer(ctx):
        repl, since = _PLAIN_LOOKUP[" ".join(m.group().split()).lower()]
        if not _in_effect(since, ctx):
            continue
        found = m.group()
        yield Hit(
            m.start(),
            m.end(),
            (repl if repl == "OK" or repl == "OK'd" else match_case(found, repl),),
        )
    for m in _CASED.finditer(ctx):
        repl, since = _CASED_TERMS[" ".join(m.group().split())]
        if not _in_effect(since, ctx) or not is_mid_sentence_capitalised(ctx, m.start()):
            continue
        prev, nxt = ctx.prev_word(m.start()), ctx.next_word(m.end())
        if (
            nxt is not None
            and nxt.start - m.end() <= 1
            and (nxt.text[0].isupper() or nxt.text[0].isdigit())
        ):
            continue  # "Internet Explorer", "Web 2.0"
        if prev is not None and m.start() - prev.end <= 1 and prev.text[0].isupper():
            continue  # "World Wide Web", "Amazon Web Services"
        yield Hit(m.start(), m.end(), (repl,))


register(
    FunctionRule(
        "AP-ORG-03",
        _org03,
        severity="error",
        message="AP spelling: email, website, internet, web, OK, toward.",
        entry="email; website; internet; web; OK; toward",
        scope=Scope.WORDING,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "She sent an e-mail to the board.",
            "The agency's Web site crashed.",
            "Use of the Internet grew.",
            "The plan is okay with them.",
            "They walked towards the river.",
        ),
        examples_pass=(
            "She sent an email to the board.",
            "He still uses Internet Explorer.",
            "The World Wide Web turned 30.",
            "Internet use grew.",
            "The plan is OK with them.",
        ),
    )
)

# --- AP-ORG-04: "over" with numbers (opt-in; AP accepted both from March 2014) -------------

register(
    PatternRule(
        "AP-ORG-04",
        r"\b([Oo]ver)\s+(?=\$?\d|(?:a\s+)?(?:dozen|hundred|thousand|million|billion)\b"
        r"|(?:two|three|four|five|six|seven|eight|nine|ten)\s+(?!of\b))",
        group=1,
        suggest=lambda m, ctx: (match_case(m.group(1), "more than"),),
        word_needles=("over",),
        severity=SUGGESTION,
        message="House style: prefer “more than” to “over” with numbers.",
        entry="over, more than",
        scope=Scope.WORDING,
        fields=PROSE,
        until=date(2014, 3, 20),
        safe_fix=False,
        examples_flag=("The group carried out over 100 attacks.",),
        examples_pass=(
            "The group carried out more than 100 attacks.",
            "The plane flew over the city.",
        ),
    )
)

# --- AP-ORG-05: attribution ------------------------------------------------------------

_SUBJECT = (
    r"(?:[A-Z][\w’'-]+|he|she|they|officials?|spokes(?:man|woman|person)|police|authorities"
    r"|group|government|ministry|company|firm|agency|department|party|campaign|lawyers?"
    r"|attorneys?|prosecutors?|defense|union|city|network|administration|council|committee"
    r"|board|critics|opponents|supporters|protesters|residents|witnesses)"
)
_CLAIMED_RE = re.compile(
    rf"\b{_SUBJECT}\s+(?:has\s+|have\s+|had\s+)?(claimed|stated)\b"
    r"(?!\s+(?:responsibility|credit|victory|the\s+(?:title|lives?|prize|seat|throne|top|crown"
    r"|record|championship|lead|win|bodies|land)|\d|a\s+(?:victory|seat|share|win|spot|place)"
    r"|lives|ownership|first|second|third|top|asylum|benefits?|refunds?|damages|compensation"
    r"|land|bodies|seats|gold|silver|bronze))"
)
_NOT_NAMES = frozenset(
    words(
        """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Jan Feb Aug Sept
    Oct Nov Dec"""
    )
)
_SAID_NAME_RE = re.compile(
    # Flagged when the name ends the sentence or a participle follows ("said Ryder,
    # adding"); a title after the name ("said Kate Warne, investment strategist") is
    # AP's accepted inversion.
    r"\bsaid\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)(?=[.;]|,\s+[a-z]+ing\b)"
)


_CLAIM_VERB_RE = re.compile(r"(?:claimed|stated)\b")


def _claims(ctx: TextContext) -> Iterator[re.Match[str]]:
    """`_CLAIMED_RE` matches, found from the (rare) verbs and read back to the subject."""
    text = ctx.text
    last_end = 0
    for i in ctx.word_hits(frozenset({"claimed", "stated"})):
        w = ctx.words[i]
        if not w.text.islower():
            continue
        for m in _CLAIMED_RE.finditer(text, max(last_end, w.start - 60), w.end + 80):
            if m.start(1) == w.start:
                last_end = m.end()
                yield m
                break


def _org05(ctx: TextContext) -> Iterator[Hit]:
    for m in _claims(ctx):
        verb = m.group(1)
        yield Hit(
            m.start(1),
            m.end(1),
            ("said",),
            message=(
                "“Claimed” suggests doubt; “said” is neutral."
                if verb == "claimed"
                else "Prefer “said” to “stated”."
            ),
        )
    for m in ctx.match_at_words(frozenset({"said"}), _SAID_NAME_RE):
        name = m.group(1)
        if name.lower() + "." in NEVER_FINAL and ctx.text.startswith(".", m.end()):
            continue  # "said Mr. Cole": a courtesy title, not the speaker's name
        if name.split()[0].rstrip(".") in _NOT_NAMES:
            continue
        yield Hit(
            m.start(),
            m.end(),
            (f"{name} said",),
            message=(
                "Put the speaker first: “Ryder said,” not “said Ryder” (unless a long "
                "title follows)."
            ),
        )


register(
    FunctionRule(
        "AP-ORG-05",
        _org05,
        word_needles=("claimed", "stated", "said"),
        severity=SUGGESTION,
        message="“Said” is the neutral verb of attribution.",
        entry="said; claim",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "Rasool claimed the strike was illegal.",
            "“It is over,” said Ryder.",
            "The group has stated that it will leave.",
        ),
        examples_pass=(
            "Rasool said the strike was illegal.",
            "The group claimed responsibility for the attack.",
            "“It is over,” Ryder said.",
            "“It is over,” said Ryder, a spokesman for the department.",
            "“It is over,” said Kate Warne, investment strategist for Edward Jones.",
            "He said Thursday that it was over.",
        ),
    )
)

# --- AP-ORG-06: composition titles in quotes, not italics ---------------------------------

_SMALL_WORDS = frozenset(words("""a an and as at but by for in of on or the to up nor so yet"""))


def _org06(ctx: TextContext) -> Iterator[Hit]:
    for start, end in ctx.italic_spans:
        title = ctx.text[start:end].strip()
        words = title.split()
        if len(words) < 2:
            continue
        big = [w for w in words if w.lower() not in _SMALL_WORDS]
        if not big or not all(w[0].isupper() for w in big if w[0].isalpha()):
            continue
        lead = start + (len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip()))
        yield Hit(lead, lead + len(title), (f"“{title}”",))


register(
    FunctionRule(
        "AP-ORG-06",
        _org06,
        severity=SUGGESTION,
        message="Put titles of books, films, songs and shows in quotation marks, not italics.",
        entry="composition titles",
        scope=Scope.WORDING,
        fields=PROSE,
        examples_flag=(
            {"html": "<p>She wrote <em>When the White House Was Ours</em> last year.</p>"},
        ),
        examples_pass=(
            {"html": "<p>She wrote “When the White House Was Ours” last year.</p>"},
            {"html": "<p>It was <em>very</em> good.</p>"},
        ),
    )
)

# --- AP-ORG-07: compounds --------------------------------------------------------------

_COMPOUNDS = TermMatcher(COMPOUNDS)
_COMPOUND_LOOKUP = {k.lower(): v for k, v in COMPOUNDS.items()}


def _org07(ctx: TextContext) -> Iterator[Hit]:
    for m in _COMPOUNDS.finditer(ctx):
        key = " ".join(m.group().split()).lower()
        repl, since = _COMPOUND_LOOKUP[key]
        if not _in_effect(since, ctx):
            continue
        found_words = re.findall(r"[A-Za-z]+", m.group())
        if (
            repl == repl.lower()
            and all(w[0].isupper() for w in found_words)
            and (len(found_words) > 1 or not ctx.is_sentence_start(m.start()))
        ):
            continue  # a capitalised name: the World Wide Web, Nation Wide Insurance
        yield Hit(m.start(), m.end(), (match_case(m.group(), repl),))


register(
    FunctionRule(
        "AP-ORG-07",
        _org07,
        severity=WARNING,
        message="AP spells this compound another way (closed, open or hyphenated).",
        entry="compound words; dual heritage",
        scope=Scope.WORDING,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Iraqi war planes could be seen overhead.",
            "African-American voters turned out.",
            "The gun man fled.",
        ),
        examples_pass=(
            "Iraqi warplanes could be seen overhead.",
            "African American voters turned out.",
            "“It was self defense,” he said.",
        ),
    )
)
