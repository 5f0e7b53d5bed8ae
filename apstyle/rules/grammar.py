# ruff: noqa: RUF001, RUF002 - typographic quotes, apostrophes and dashes are this checker's subject
"""Grammar-level slips that need context: its/it's (NR-ITS), who's/whose (AP-GRAM-01),
there/their/they're (AP-GRAM-02), affect/effect (AP-GRAM-03), fewer/less (AP-GRAM-04),
lay/lie (AP-GRAM-05) and a/an (AP-GRAM-06).

Every rule here starts from the shared word index (the few words it is about) and reads
the neighbouring words, so it costs a dictionary look-up on texts without those words.
A neighbour counts only when nothing but spaces separates it ("its still-unfinished" is
a compound, not "its still"). The word lists in `data.grammar` are chosen so that the
context settles the question; when it does not, the rule stays silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import words
from ..data.grammar import (
    AFFECT_NOUN_BEFORE,
    AFFECT_OBJECTS,
    CLAUSE_OPENERS,
    COUNT_NOUNS,
    EFFECT_OBJECTS,
    EFFECT_VERB_BEFORE,
    EFFECTED_BEFORE,
    ITS_ADJECTIVES,
    ITS_CONTRACTED_BEFORE,
    ITS_MODIFIED,
    ITS_POSSESSED,
    ITS_PREDICATES,
    LAY_OBJECTS,
    LAYING_AFTER,
    LIE_COMPLEMENTS,
    MASS_NOUNS,
    THEIR_POSSESSED,
    THERE_OBJECT_TAKERS,
    THERE_VERBS,
    WHOSE_CONTRACTED_BEFORE,
    WHOSE_POSSESSED,
)
from ..engine.context import TextContext
from ..engine.fields import ALL_TEXT, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, Scope
from ..engine.text import match_case
from ._common import ERROR, WARNING, apostrophe, joined, next_lower, prev_lower

# --- NR-ITS ------------------------------------------------------------------------------

_CLEFT = frozenset(words("""who that which like and or not versus vs rather more too"""))


def _its(ctx: TextContext) -> Iterator[Hit]:
    text, ws = ctx.text, ctx.words
    for i in ctx.word_hits(frozenset({"it's", "it’s", "its"})):
        w = ws[i]
        low = w.text.lower()
        nxt = next_lower(ctx, i)
        if ctx.gap(i + 1).startswith("-"):
            continue  # "its not-for-profit arm", "it's well-known"
        if low == "its":
            if text.startswith(("'", "’"), w.end) and not text[w.end + 1 : w.end + 2].isalpha():
                yield Hit(
                    w.start,
                    w.end + 1,
                    (w.text,),
                    message="“Its” takes no apostrophe after the s.",
                )
            elif nxt in ITS_CONTRACTED_BEFORE or (
                nxt in ITS_PREDICATES and next_lower(ctx, i + 1) in CLAUSE_OPENERS
            ):
                yield Hit(
                    w.start,
                    w.end,
                    (w.text[0] + "t" + apostrophe(ctx) + "s",),
                    message="“It's” (it is, it has) takes an apostrophe.",
                )
        elif (
            nxt in ITS_POSSESSED
            and next_lower(ctx, i + 1) not in _CLEFT
            and (nxt == "own" or not ctx.gap(i + 1).startswith(","))
        ) or (nxt in ITS_ADJECTIVES and next_lower(ctx, i + 1) in ITS_MODIFIED):
            yield Hit(
                w.start,
                w.end,
                (w.text[0] + "ts",),
                message="Possessive “its” has no apostrophe.",
            )


register(
    FunctionRule(
        "NR-ITS",
        _its,
        word_needles=("it's", "it’s", "its"),
        severity=ERROR,
        message="its (possessive) vs. it's (it is, it has).",
        entry="its, it's",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The group said it's members were safe.",
            "Its been a long war.",
            "Officials said its not over.",
            "The company cut it's own forecast.",
            "Its unclear whether the talks will resume.",
        ),
        examples_pass=(
            "The group said its members were safe.",
            "It's been a long war.",
            "Its not-for-profit arm grew.",
            "It's voters who decide.",
            "The company cut its own forecast.",
            "The party and its likely nominee met.",
        ),
    )
)

# --- AP-GRAM-01: who's, whose ------------------------------------------------------------


def _gram01(ctx: TextContext) -> Iterator[Hit]:
    ws = ctx.words
    for i in ctx.word_hits(frozenset({"who's", "who’s", "whose"})):
        w = ws[i]
        nxt = next_lower(ctx, i)
        if w.text.lower() == "whose":
            if nxt in WHOSE_CONTRACTED_BEFORE or joined(ctx, i + 1, 2) in {
                "in charge",
                "to blame",
            }:
                yield Hit(
                    w.start,
                    w.end,
                    (w.text[0] + "ho" + apostrophe(ctx) + "s",),
                    message="“Who's” is who is or who has; “whose” is the possessive.",
                )
        elif nxt in WHOSE_POSSESSED:
            yield Hit(
                w.start,
                w.end,
                (w.text[0] + "hose",),
                message="The possessive is “whose”: the man whose son was hurt.",
            )


register(
    FunctionRule(
        "AP-GRAM-01",
        _gram01,
        word_needles=("who's", "who’s", "whose"),
        severity=ERROR,
        message="who's (who is, who has) vs. whose (possessive).",
        entry="who's, whose",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "The man who's son was hurt spoke to reporters.",
            "It is unclear whose going to pay for the repairs.",
            "Officials asked whose responsible for the spill.",
        ),
        examples_pass=(
            "The man whose son was hurt spoke to reporters.",
            "It is unclear who's going to pay for the repairs.",
            "Guess who's home.",
        ),
    )
)

# --- AP-GRAM-02: there, their, they're ---------------------------------------------------


def _bare(word: str) -> str:
    """`word` without a possessive ending: "children’s" → "children"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _gram02(ctx: TextContext) -> Iterator[Hit]:
    ws = ctx.words
    for i in ctx.word_hits(frozenset({"their", "there", "they're", "they’re"})):
        w = ws[i]
        low = w.text.lower()
        nxt = next_lower(ctx, i)
        if low == "their":
            if nxt in THERE_VERBS or joined(ctx, i + 1, 2) in {"will be", "has been", "have been"}:
                yield Hit(
                    w.start,
                    w.end,
                    (w.text[0] + "here",),
                    message="“There is” and “there are”: “their” is the possessive.",
                )
        elif nxt == "own" or (
            low == "there"
            and _bare(nxt) in THEIR_POSSESSED
            and prev_lower(ctx, i) in THERE_OBJECT_TAKERS
        ):
            yield Hit(
                w.start,
                w.end,
                (w.text[0] + "heir",),
                message="The possessive is “their”: their homes, their own.",
            )


register(
    FunctionRule(
        "AP-GRAM-02",
        _gram02,
        word_needles=("their", "there", "they're", "they’re"),
        severity=ERROR,
        message="there, their, they're.",
        entry="their, there, they're",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "Residents said their is no water left.",
            "Hundreds of families lost there homes.",
            "Workers say they're own jobs are at risk.",
        ),
        examples_pass=(
            "Residents said there is no water left.",
            "Hundreds of families lost their homes.",
            "They stayed there until dawn.",
            "They're going to rebuild.",
        ),
    )
)

# --- AP-GRAM-03: affect, effect ----------------------------------------------------------


_EVENTS = frozenset(
    words("""storm storms flood floods flooding fire fires wildfire wildfires quake earthquake
    hurricane tornado outage outages strike strikes shutdown closure closures shooting
    pandemic virus war attack attacks drought layoffs cuts heat smoke spill blast
    explosion crash recall breach ruling decision policy change changes disease
    outbreak""")
)
_TAKE = frozenset(
    words("""take takes took taken taking go goes went gone going come comes
    came into""")
)


def _affect_as_noun(ctx: TextContext, i: int, low: str) -> bool:
    prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
    if prev == "side" or (prev in AFFECT_NOUN_BEFORE and nxt in {"on", "of", "in", ""}):
        return True
    if low != "affect":
        return False
    if prev in _TAKE or (prev == "into" and prev_lower(ctx, i - 1) in _TAKE):
        return True  # "take affect", "go into affect"
    if prev == "in" and nxt == "":
        return True  # "remains in affect."
    return prev == "that" and prev_lower(ctx, i - 1) == "to"  # "to that affect"


def _effected_wrongly(ctx: TextContext, i: int) -> bool:
    prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
    if prev in EFFECTED_BEFORE and nxt in {"by", "", "the", "most"}:
        return True
    if nxt != "by" or prev not in {"was", "were", "been", "be", "are", "is", "being"}:
        return False
    after = next_lower(ctx, i + 1)
    k = i + 2
    while after in {"the", "a", "this", "last", "recent", "ongoing"}:
        after = next_lower(ctx, k)
        k += 1
    return after in _EVENTS


def _gram03(ctx: TextContext) -> Iterator[Hit]:
    ws = ctx.words
    for i in ctx.word_hits(frozenset({"affect", "affects", "effect", "effects", "effected"})):
        w = ws[i]
        low = w.text.lower()
        if low.startswith("affect"):
            if _affect_as_noun(ctx, i, low):
                yield Hit(
                    w.start,
                    w.end,
                    (match_case(w.text, "effect" + low[6:]),),
                    message="The noun is “effect” (a result); “affect” is the verb.",
                )
        elif low == "effected":
            if _effected_wrongly(ctx, i):
                yield Hit(
                    w.start,
                    w.end,
                    (match_case(w.text, "affected"),),
                    message="“Affected” (influenced); “effected” means brought about.",
                )
        elif _effect_as_verb(ctx, i, low):
            yield Hit(
                w.start,
                w.end,
                (match_case(w.text, "affect" + low[6:]),),
                message="The verb is “affect” (to influence); “effect” means to bring about.",
            )


def _effect_as_verb(ctx: TextContext, i: int, low: str) -> bool:
    prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
    if prev not in EFFECT_VERB_BEFORE:
        return False
    if prev in {"it", "this", "that", "which"} and low == "effect":
        return False  # "that effect" is a noun phrase
    if nxt in AFFECT_OBJECTS:
        return True
    determiners = {"the", "their", "his", "our", "its", "your", "my", "her"}
    return nxt in determiners and next_lower(ctx, i + 1) not in EFFECT_OBJECTS


register(
    FunctionRule(
        "AP-GRAM-03",
        _gram03,
        word_needles=("affect", "affects", "effect", "effects", "effected"),
        severity=WARNING,
        message="affect (verb: to influence) vs. effect (noun: a result; verb: to bring about).",
        entry="affect, effect",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=False,
        examples_flag=(
            "The cuts will have a lasting affect on schools.",
            "The new rules take affect Monday.",
            "Thousands of residents were badly effected by the flooding.",
            "The closure could effect thousands of workers.",
        ),
        examples_pass=(
            "The cuts will have a lasting effect on schools.",
            "The new rules take effect Monday.",
            "Activists hope to effect change in the city.",
            "The closure could affect thousands of workers.",
            "Negotiators worked to effect their release.",
        ),
    )
)

# --- AP-GRAM-04: fewer, less -------------------------------------------------------------

_NUMBER_WORDS = frozenset(
    words("""two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred dozen""")
)


_AFTER_MASS = frozenset(
    words("""than for to in on at and or this that because from into with""")
) | {""}


def _is_number(word: str) -> bool:
    return word.replace(",", "").isdigit() or word in _NUMBER_WORDS


def _gram04(ctx: TextContext) -> Iterator[Hit]:
    ws = ctx.words
    for i in ctx.word_hits(frozenset({"less", "fewer"})):
        w = ws[i]
        low = w.text.lower()
        prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
        if ctx.gap(i + 1).startswith("-"):
            continue  # "less people-focused"
        if low == "fewer":
            if nxt in MASS_NOUNS and next_lower(ctx, i + 1) in _AFTER_MASS:
                yield Hit(
                    w.start,
                    w.end,
                    (match_case(w.text, "less"),),
                    message="Use “less” for a quantity: less money, less time.",
                )
            continue
        if prev in {"no", "much", "more", "or", "one"}:
            continue  # "no less than", "much less", "more or less", "one less"
        count = nxt in COUNT_NOUNS
        if not count and nxt == "than" and _is_number(next_lower(ctx, i + 1)):
            count = next_lower(ctx, i + 2) in COUNT_NOUNS and not ctx.gap(i + 2).startswith("%")
        if count:
            yield Hit(
                w.start,
                w.end,
                (match_case(w.text, "fewer"),),
                message="Use “fewer” for things you count: fewer people, fewer than 10 cases.",
            )


register(
    FunctionRule(
        "AP-GRAM-04",
        _gram04,
        word_needles=("less", "fewer"),
        severity=WARNING,
        message="fewer (things you count) vs. less (a quantity).",
        entry="fewer, less",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "Less people voted this year.",
            "The clinic saw less than 50 patients a day.",
            "The plan leaves fewer money for roads.",
        ),
        examples_pass=(
            "Fewer people voted this year.",
            "The trip took less than 10 hours and cost less than $50.",
            "No less than the governor attended.",
            "Turnout was less than 40%.",
        ),
    )
)

# --- AP-GRAM-05: lay, lie ----------------------------------------------------------------


_LIE_SURFACES = frozenset(
    words("""floor ground bed couch sofa sidewalk street road table grass beach pavement""")
)
_LAYS_COMPLEMENTS = frozenset(
    words("""dead motionless still awake unconscious beside beneath atop flat face""")
)


def _lies_intransitive(ctx: TextContext, i: int, low: str) -> bool:
    """Whether "laying"/"lays" at word `i` has no object, so "lying"/"lies" was meant."""
    prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
    if low == "laying" and prev not in LAYING_AFTER:
        return False
    if nxt == "down":
        after = next_lower(ctx, i + 1)
        return after not in LAY_OBJECTS and (after == "" or after in LIE_COMPLEMENTS)
    if joined(ctx, i + 1, 2) in {"in state", "in wait"} or nxt in _LAYS_COMPLEMENTS:
        return True
    if low == "lays":
        return nxt == "on" and next_lower(ctx, i + 2) in _LIE_SURFACES
    return nxt in LIE_COMPLEMENTS and next_lower(ctx, i + 1) not in {"supplies", "charges"}


def _gram05(ctx: TextContext) -> Iterator[Hit]:
    ws = ctx.words
    for i in ctx.word_hits(frozenset({"laying", "lays", "lied", "laid"})):
        w = ws[i]
        low = w.text.lower()
        prev, nxt = prev_lower(ctx, i), next_lower(ctx, i)
        if low in ("lied", "laid"):
            after = next_lower(ctx, i + 1)
            if nxt == "down" and (
                low == "lied"
                or (prev in {"i", "he", "she", "they", "we"} and after in {"on", "in", "for"})
            ):
                yield Hit(w.start, w.end, (match_case(w.text, "lay"),), message=_LIE_PAST)
            continue
        if _lies_intransitive(ctx, i, low):
            fixed = "lying" if low == "laying" else "lies"
            yield Hit(
                w.start,
                w.end,
                (match_case(w.text, fixed),),
                message="“Lie” (recline) takes no object: lying on the floor; “lay” needs one.",
            )


_LIE_PAST = "The past tense of “lie” (recline) is “lay”: she lay down."

register(
    FunctionRule(
        "AP-GRAM-05",
        _gram05,
        word_needles=("laying", "lays", "lied", "laid"),
        severity=WARNING,
        message="lay (to put down; takes an object) vs. lie (to recline).",
        entry="lay, lie",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "The victim was laying on the sidewalk when police arrived.",
            "The suspect was laying in wait near the school.",
            "She lied down on the couch.",
        ),
        examples_pass=(
            "The victim was lying on the sidewalk when police arrived.",
            "Workers were laying bricks on Monday.",
            "The rebels are laying down their arms.",
            "He lied on the stand.",
        ),
    )
)

# --- AP-GRAM-06: a, an -------------------------------------------------------------------

#: Words that start with a vowel letter but a consonant sound ("a one-time", "a union").
_CONSONANT_SOUND = (
    "one",
    "once",
    "uni",
    "use",
    "usu",
    "uti",
    "ura",
    "ure",
    "uro",
    "euro",
    "eu",
    "ewe",
    "ubiq",
    "ufo",
    "ukr",
    "ute",
    "uga",
)
#: Words that start with a consonant letter but a vowel sound ("an hour").
_VOWEL_SOUND = ("hour", "honest", "honor", "heir", "herb")
#: Words starting with u read with the vowel sound of "up" ("an upset", "an urgent").
_U_VOWEL = ("up", "ug", "ul", "umb", "ump", "utter", "urg", "urban", "und", "ust")


def _vowel_sound(word: str) -> bool | None:
    """Whether `word` is read starting with a vowel sound; None when unsure."""
    low = word.lower()
    if not low[:1].isdigit() and (len(low) < 2 or not word[0].islower()):
        return None  # letters, names and initialisms: "a U.S.", "an FBI", "an x-ray"
    if low[0].isdigit():
        lead = low.split(",")[0]
        if lead in ("8", "11", "18") or (lead.startswith("8") and lead.isdigit()):
            return True  # an 8-year-old, an 11-year-old, an 80-acre farm
        if lead.startswith(("11", "18")):
            return None  # "1,100" or "11,000": depends on how it is read
        return False
    if low.startswith(_VOWEL_SOUND):
        return True
    if low.startswith(_CONSONANT_SOUND):
        return False
    if low[0] in "aeio":
        return True
    if low[0] == "u":
        if low.startswith("un") and not low.startswith(("uni", "unanim")):
            return True  # an unusual, an unexpected
        return True if low.startswith(_U_VOWEL) else None
    return False


def _gram06(ctx: TextContext) -> Iterator[Hit]:
    text, ws = ctx.text, ctx.words
    for i in ctx.word_hits(frozenset({"a", "an"})):
        w = ws[i]
        if i + 1 >= len(ws) or ctx.gap(i) != " ":
            continue
        if (i > 0 and ctx.gap(i - 1) in ("-", ".", "’", "'")) or text[w.end : w.end + 1] == ".":
            continue  # "Vitamin A", "Plan A", "a.m.", "A-list"
        if w.text not in ("a", "an") and not (
            w.text in ("A", "An") and ctx.is_sentence_start(w.start)
        ):
            continue  # "Plan A", "Type A", "AN" in an all-caps run
        nxt = ws[i + 1]
        vowel = _vowel_sound(nxt.text)
        if vowel is None or (w.text.lower() == "an") == vowel:
            continue
        fixed = "an" if vowel else "a"
        yield Hit(
            w.start,
            w.end,
            (match_case(w.text, fixed),),
            message=(
                "Use “a” before a consonant sound and “an” before a vowel sound: "
                "an 8-year-old, a historic."
            ),
        )


register(
    FunctionRule(
        "AP-GRAM-06",
        _gram06,
        severity=ERROR,
        message="a or an: decided by the sound that follows.",
        entry="a, an",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=(
            "It was an historic vote.",
            "A 8-year-old boy was hurt.",
            "She filed a appeal Tuesday.",
            "He took a hour to respond.",
        ),
        examples_pass=(
            "It was a historic vote.",
            "An 8-year-old boy was hurt.",
            "He took an hour to respond and joined a union.",
            "It was a one-time payment from a European bank.",
            "Take vitamin A daily.",
        ),
    )
)

# --- AP-GRAM-07: words AP's usage entries keep apart -----------------------------------------

_USAGE_AP = (
    (
        ("everyday", "Everyday"),
        re.compile(
            r"\b([Ee]veryday)(?=\s*(?:[.,;!?]|$|\s+(?:and|but|or|of|at|in|on|for|to|since|until|this|that|because|when|while|after|before)\b))"
        ),
        lambda m: m.group(1)[0] + "very day",
        "“Everyday” is an adjective (everyday life); the adverb is two words: every day.",
    ),
    (
        ("awhile",),
        re.compile(r"\b(?:for|in|after|once)\s+(awhile)\b"),
        lambda m: "a while",
        "After a preposition, write “a while”: for a while.",
    ),
    (
        (" in on",),
        re.compile(r"\b([Hh]on(?:e|es|ed|ing))(?=\s+in\s+on\b)"),
        lambda m: match_case(
            m.group(1),
            {"hone": "home", "hones": "homes", "honed": "homed", "honing": "homing"}[
                m.group(1).lower()
            ],
        ),
        "Home in on a target; hone means to sharpen.",
    ),
    (
        ("free reign",),
        re.compile(r"\bfree\s+(reign)\b"),
        lambda m: "rein",
        "Free rein (the horse's rein), not free reign.",
    ),
    (
        ("reign",),
        re.compile(
            r"(?:\b(?:to|will|would|could|should|must|can|cannot|may|might|help|not|n['’]t)\s+)"
            r"(reign)(?=\s+in\b|\s+(?:it|them|him|her)\s+in\b)"
        ),
        lambda m: "rein",
        "Rein in (control); reign means to rule.",
    ),
    (
        ("peak",),
        re.compile(
            r"\b(peak(?:ed|s|ing)?)(?=\s+(?:my|his|her|their|our|your|the|public)\s+(?:interest|curiosity)\b)"
        ),
        lambda m: {"peak": "pique", "peaks": "piques", "peaked": "piqued", "peaking": "piquing"}[
            m.group(1)
        ],
        "Interest is piqued (aroused), not peaked.",
    ),
    (
        ("sneak peak",),
        re.compile(r"\bsneak\s+(peak)s?\b"),
        lambda m: "peek",
        "A sneak peek (a look), not a peak.",
    ),
    (
        ("capitol",),
        re.compile(r"\b(capitol)(?=\s+(?:city|cities)\b)|\bnation['’]s\s+(capitol)\b"),
        lambda m: "capital",
        "The capital is the city; the Capitol is the building.",
    ),
    (
        ("lead by",),
        re.compile(r"\b(?:was|were|is|are|been|being)\s+(lead)\s+by\b"),
        lambda m: "led",
        "The past tense and participle of lead is led.",
    ),
)


def _gram07(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for needles, pattern, fix, message in _USAGE_AP:
        if not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            group = m.lastindex or 0  # the word to change: the group that matched
            yield Hit(m.start(group), m.end(group), (fix(m),), message=message)


register(
    FunctionRule(
        "AP-GRAM-07",
        _gram07,
        severity=WARNING,
        message="A word AP's usage entries keep apart from a look-alike.",
        entry=(
            "every day, everyday; a while, awhile; home in; rein, reign; peak, peek, pique; "
            "lead, led"
        ),
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The clinic is open everyday.",
            "Investigators honed in on the driver.",
            "Lawmakers want to reign in spending.",
            "The team was lead by its captain.",
        ),
        examples_pass=(
            "It is an everyday problem, and the clinic is open every day.",
            "Investigators homed in on the driver.",
            "The queen's reign lasted 70 years.",
            "Lead pipes were removed.",
        ),
    )
)

# --- NR-USAGE: common slips of the pen -----------------------------------------------------

_THEN_NEEDLES = tuple(
    f"{w} then"
    for w in words(
        """more less fewer rather better worse greater higher lower bigger smaller larger
        older younger faster slower longer shorter other"""
    )
)
_USAGE_NR = (
    (
        ("ould of", "ight of", "ust of"),
        re.compile(
            r"\b(?:[Cc]ould|[Ss]hould|[Ww]ould|[Mm]ight|[Mm]ust)\s+(of)\b(?=\s+[a-z]+(?:ed|en|own|ne|ught|id)\b)"
        ),
        lambda m: "have",
        "“Could have” (could've), not “could of”.",
    ),
    (
        _THEN_NEEDLES,
        re.compile(
            r"\b(?:more|less|fewer|rather|better|worse|greater|higher|lower|bigger|smaller|larger|older|younger|faster|slower|longer|shorter|other)\s+(then)\b(?!\s*,)"
        ),
        lambda m: "than",
        "Comparisons take “than”; “then” is about time.",
    ),
    (
        ("loose",),
        re.compile(
            r"\b(?:to|will|would|could|might|may|can|cannot|can['’]t|won['’]t|not|n['’]t)\s+(loose)\b(?=\s+(?:weight|money|their|his|her|its|our|the|a|an|control|sight|track|faith|hope|ground|jobs|power|votes|support)\b)"
        ),
        lambda m: "lose",
        "Lose (misplace, fail to keep); loose means not tight.",
    ),
    (
        ("loosing",),
        re.compile(
            r"\b(loosing)\b(?=\s+(?:weight|money|their|his|her|its|our|the|control|sight|track|faith|hope|ground|jobs|power|votes|support)\b)"
        ),
        lambda m: "losing",
        "Losing (from lose); loosing means setting free.",
    ),
    (
        ("tow the", "tows the", "towed the", "towing the"),
        re.compile(r"\b(tow(?:s|ed|ing)?)(?=\s+the\s+(?:party\s+)?line\b)"),
        lambda m: "toe" + m.group(1)[3:],
        "Toe the line.",
    ),
    (
        ("baited breath",),
        re.compile(r"\b(baited)\s+breath\b"),
        lambda m: "bated",
        "Bated breath (held), not baited.",
    ),
    (
        ("mute point",),
        re.compile(r"\b(mute)\s+point\b"),
        lambda m: "moot",
        "A moot point.",
    ),
    (
        ("deep-seeded",),
        re.compile(r"\bdeep-(seeded)\b"),
        lambda m: "seated",
        "Deep-seated.",
    ),
    (
        ("case and point",),
        re.compile(r"\bcase\s+(and)\s+point\b"),
        lambda m: "in",
        "Case in point.",
    ),
    (
        ("in the same",),
        re.compile(r"\bone\s+(in)\s+the\s+same\b"),
        lambda m: "and",
        "One and the same.",
    ),
    (
        ("wreck havoc",),
        re.compile(r"\b(wreck)\s+havoc\b"),
        lambda m: "wreak",
        "Wreak havoc.",
    ),
    (
        ("shoe-in",),
        re.compile(r"\b(shoe-in)s?\b"),
        lambda m: "shoo-in",
        "A shoo-in.",
    ),
    (
        ("intensive purposes",),
        re.compile(r"\bintensive\s+purposes\b"),
        lambda m: "intents and purposes",
        "For all intents and purposes.",
    ),
)


def _usage(ctx: TextContext) -> Iterator[Hit]:
    text = ctx.text
    for needles, pattern, fix, message in _USAGE_NR:
        if not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            yield Hit(m.start(group), m.end(group), (fix(m),), message=message)


register(
    FunctionRule(
        "NR-USAGE",
        _usage,
        severity=WARNING,
        message="A common slip of the pen: a word written for its sound-alike.",
        entry="",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Officials said the crash could of been avoided.",
            "Turnout was higher then expected.",
            "Farmers stand to loose money.",
            "The party expects members to tow the line.",
        ),
        examples_pass=(
            "Officials said the crash could have been avoided.",
            "Turnout rose, and then it fell.",
            "A loose dog ran across the field.",
            "Crews had to tow the car.",
            "More than 100 people attended.",
        ),
    )
)
