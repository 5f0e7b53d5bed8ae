# ruff: noqa: RUF001 - typographic quotes, apostrophes and dashes are this checker's subject
"""People, titles and names: AP-NAME-01 … AP-NAME-09."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..data import words
from ..data.states import NAMES as STATE_NAMES
from ..data.titles import (
    CIVIL_ABBREVIATIONS,
    FORMAL_TITLES,
    MILITARY_RANKS,
    NOT_A_NAME,
    PLURAL_TITLES,
    STANDALONE_CIVIL,
    STANDALONE_MILITARY,
)
from ..engine.context import StoryContext, TextContext
from ..engine.fields import ALL_TEXT, BODY_ONLY, PROSE
from ..engine.registry import register
from ..engine.rule_base import FunctionRule, Hit, PatternRule, Scope, StoryRule
from ._common import WARNING, first_words, match_at_words, word_before

_NAME = r"[A-Z][\w’'-]+"
_NAME_OR_PARTICLE = r"(?:[A-Z][\w’'-]+|al-[A-Z][\w’'-]+|el-[A-Z][\w’'-]+|bin\s[A-Z][\w’'-]+)"
_TWO_NAMES = rf"{_NAME}\s+{_NAME_OR_PARTICLE}"

# --- AP-NAME-01: formal titles capitalised before a name only --------------------------

_TITLE_ALT = "|".join(sorted(FORMAL_TITLES, key=len, reverse=True))
_LOWER_TITLE_FIRSTS = frozenset(t.split()[0].split("-")[0] for t in FORMAL_TITLES)
_LOWER_TITLE_RE = re.compile(rf"(?<![\w’'-])({_TITLE_ALT})\s+(?={_TWO_NAMES})")
_NOT_BEFORE_FORMAL = frozenset(
    words("""the a an its his her their our company board club university college union
    association student class league chapter team firm bank school""")
)
_SHORT_FORMS = {"senator": "Sen.", "governor": "Gov.", "lieutenant governor": "Lt. Gov."}
_STANDALONE_RE = re.compile(
    rf"\b(?:the|The|a|former)\s+({'|'.join(STANDALONE_CIVIL)})\b(?!\s+[A-Z]|['’]s\s+[A-Z]|-elect)"
)


def _name01(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_at_words(_LOWER_TITLE_FIRSTS, _LOWER_TITLE_RE):
        prev = word_before(ctx, m.start()).lower()
        if prev in _NOT_BEFORE_FORMAL or prev.endswith(("'s", "’s")):
            continue
        nxt = ctx.next_word(m.end())
        if nxt is not None and nxt.text in NOT_A_NAME:
            continue
        title = m.group(1)
        fixed = _SHORT_FORMS.get(title) or " ".join(
            w if w == "of" else w[0].upper() + w[1:] for w in title.split(" ")
        )
        yield Hit(m.start(1), m.end(1), (fixed,))
    for m in ctx.match_at_words(frozenset({"the", "a", "former"}), _STANDALONE_RE):
        title = m.group(1)
        yield Hit(
            m.start(1),
            m.end(1),
            (title.lower(),),
            message="Lowercase a formal title that stands alone or follows a name.",
        )


register(
    FunctionRule(
        "AP-NAME-01",
        _name01,
        word_needles=_LOWER_TITLE_FIRSTS | {"the", "a", "former"},
        severity=WARNING,
        message="Capitalise a formal title directly before a name.",
        entry="titles",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "The bill was signed by president Joe Biden.",
            "Joe Biden, the President, spoke.",
            "Iraqi prime minister Mohammed Shia al-Sudani spoke.",
        ),
        examples_pass=(
            "The bill was signed by President Joe Biden.",
            "Joe Biden, the president, spoke.",
            "Iraqi military spokesman Yehia Rasool said.",
            "The company president Jane Doe resigned.",
        ),
    )
)

# --- AP-NAME-02: abbreviated civil titles --------------------------------------------

_CIVIL_RE = re.compile(
    r"(?<![\w.])((?:[Tt]he\s+)?Reverend|Lieutenant Governor|Senator|Representative|Governor|Doctor"
    r"|Sen|Rep|Gov)(?![\w.])\s+(?=" + _TWO_NAMES + r")"
)
_CIVIL_FIRSTS = frozenset(
    words("""the reverend lieutenant senator representative governor doctor sen rep gov""")
)
_REV_RE = re.compile(r"(?<![\w.])(?<!the\s)(?<!The\s)(Rev\.)\s+(?=[A-Z])")


def _name02(ctx: TextContext) -> Iterator[Hit]:
    for m in ctx.match_at_words(_CIVIL_FIRSTS, _CIVIL_RE):
        nxt = ctx.next_word(m.end())
        if nxt is not None and nxt.text in NOT_A_NAME | {"General"}:
            continue
        title = " ".join(m.group(1).split())
        fixed = CIVIL_ABBREVIATIONS.get(title) or (title + ".")
        yield Hit(m.start(1), m.end(1), (fixed,))
    for m in ctx.match_at_words(frozenset({"rev"}), _REV_RE):
        yield Hit(
            m.start(1), m.end(1), ("the Rev.",), message="Use “the Rev.” before a minister's name."
        )


register(
    FunctionRule(
        "AP-NAME-02",
        _name02,
        word_needles=(_CIVIL_FIRSTS - {"the"}) | {"rev"},
        severity=WARNING,
        message="Abbreviate Sen., Rep., Gov., Lt. Gov., Dr. and the Rev. before a full name.",
        entry="titles; legislative titles",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Senator Tom Cotton spoke Tuesday.",
            "Governor Jane Doe signed it.",
            "Rev. John Smith led the service.",
        ),
        examples_pass=(
            "Sen. Tom Cotton spoke Tuesday.",
            "The Rev. John Smith led the service.",
            "Governor General Mary Simon arrived.",
            "The senator spoke.",
        ),
    )
)

# --- AP-NAME-03: military ranks in AP form ---------------------------------------------

_SINGLE_WORD_RANKS = frozenset(
    k for k in MILITARY_RANKS if " " not in k and "." not in k and k[1:].islower()
)


def _rank_alt() -> str:
    parts = []
    for key in sorted(MILITARY_RANKS, key=len, reverse=True):
        esc = re.escape(key).replace(r"\ ", r"\s+")
        parts.append(esc if key.endswith(".") else esc + r"(?![.\w])")
    return "|".join(parts)


_RANK_RE = re.compile(rf"(?<![\w.])({_rank_alt()})\s+(?=({_NAME})(?:\s+({_NAME_OR_PARTICLE}))?)")


_RANK_FIRSTS = first_words(MILITARY_RANKS, fold=False)
#: Civilian titles ending in "General": the rank rule leaves them alone.
_CIVIL_GENERALS = frozenset(
    words("""Attorney Surgeon Inspector Secretary Solicitor Postmaster Governor Consul
    Auditor Comptroller Accountant Director Registrar Receiver Vicar Procurator""")
)


def _name03(ctx: TextContext) -> Iterator[Hit]:
    for m in match_at_words(ctx, _RANK_FIRSTS, _RANK_RE, fold=False):
        rank = " ".join(m.group(1).split())
        first, second = m.group(2), m.group(3)
        if first in NOT_A_NAME or (second and second in NOT_A_NAME):
            continue
        if first.isupper() or not first[1:2].islower():
            continue  # "MG PAT RYDER" headings, "Gen Z"
        if rank in _SINGLE_WORD_RANKS and not second:
            continue  # "General Motors"-style risk: demand a first and last name
        if rank == "General" and word_before(ctx, m.start()) in _CIVIL_GENERALS:
            continue  # "Attorney General Merrick Garland" is a civilian title
        yield Hit(m.start(1), m.end(1), (MILITARY_RANKS[rank],))


register(
    FunctionRule(
        "AP-NAME-03",
        _name03,
        word_needles=_RANK_FIRSTS,
        severity=WARNING,
        message="Use AP's abbreviation for a military rank before a name.",
        entry="military titles",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Major General Pat Ryder told reporters.",
            "MG Pat Ryder told reporters.",
            "SSG Jane Doe was injured.",
            "Lieutenant Colonel John Smith spoke.",
            "Cdr. Ann Lee took command.",
        ),
        examples_pass=(
            "Air Force Maj. Gen. Pat Ryder told reporters.",
            "General Motors shares rose.",
            "Major League Baseball returns.",
            "Sgt. 1st Class Jane Doe was injured.",
            "The general spoke.",
        ),
    )
)

# --- AP-NAME-04: title on first reference only -----------------------------------------

_AP_TITLES = (
    r"Gen\.|Lt\.\s+Gen\.|Maj\.\s+Gen\.|Brig\.\s+Gen\.|Col\.|Lt\.\s+Col\.|Maj\.|Capt\.|Lt\.|Sgt\.|"
    r"Staff\s+Sgt\.|Master\s+Sgt\.|Sgt\.\s+Maj\.|Cpl\.|Pvt\.|Pfc\.|Spc\.|Adm\.|Vice\s+Adm\.|"
    r"Rear\s+Adm\.|Cmdr\.|Lt\.\s+Cmdr\.|Sen\.|Rep\.|Gov\.|Lt\.\s+Gov\.|President|Vice\s+President|"
    r"Prime\s+Minister|Mayor|Chancellor"
)
_AP_TITLE_FIRSTS = frozenset(
    words("""gen lt maj brig col capt sgt staff master cpl pvt pfc spc adm vice rear cmdr
    sen rep gov president prime mayor chancellor""")
)
_TITLED_NAME_RE = re.compile(
    rf"(?<![\w.])((?:{_AP_TITLES})(?:\s+(?:{_AP_TITLES}))*)\s+({_NAME})(?:\s+({_NAME_OR_PARTICLE}))?"
    rf"(?:\s+({_NAME_OR_PARTICLE}))?"
)


def titled_names(ctx: TextContext) -> list[re.Match[str]]:
    """Matches of "Title First Last" in `ctx.text`, computed once per text."""
    found = ctx.memo.get("titled_names")
    if found is None:
        found = list(ctx.match_at_words(_AP_TITLE_FIRSTS, _TITLED_NAME_RE))
        ctx.memo["titled_names"] = found
    return found  # type: ignore[return-value]


_STANDALONE_MIL_RE = re.compile(
    rf"\b(?:the|The)\s+({'|'.join(STANDALONE_MILITARY)})\b(?!\s+[A-Z]|['’]s\s+[A-Z]|\s+of\s+[A-Z])"
)


def _name04(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    for name, ctx in story.fields.items():
        if ctx.kind not in PROSE:
            continue
        full_surnames: set[str] = set()
        for m in titled_names(ctx):
            words = [w for w in m.group(2, 3, 4) if w]
            surname = words[-1]
            if len(words) >= 2:
                full_surnames.add(surname)
            elif surname in full_surnames and not ctx.in_quote(m.start()):
                yield (
                    name,
                    Hit(
                        m.start(1),
                        m.start(2),
                        ("",),
                        message=(
                            "After the first reference, use the surname alone, without the title."
                        ),
                    ),
                )
        for m in ctx.match_at_words(frozenset({"the"}), _STANDALONE_MIL_RE):
            yield (
                name,
                Hit(
                    m.start(1),
                    m.end(1),
                    (m.group(1).lower(),),
                    message="Spell out and lowercase a title used instead of a name: the general.",
                ),
            )


register(
    StoryRule(
        "AP-NAME-04",
        _name04,
        severity=WARNING,
        message="Use the title on first reference only; surname alone after that.",
        entry="military titles; titles",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "Maj. Gen. Pat Ryder spoke. Later Maj. Gen. Ryder said more.",
            "The General said the strike was over.",
        ),
        examples_pass=(
            "Maj. Gen. Pat Ryder spoke. Later Ryder said more.",
            "The general said the strike was over.",
            "The General Assembly met.",
        ),
    )
)

register(
    PatternRule(
        "AP-NAME-05",
        rf"\b({'|'.join(PLURAL_TITLES)})\s+(?={_NAME}(?:\s+{_NAME})?,?\s+(?:and|&)\s+[A-Z])",
        group=1,
        suggest=lambda m, ctx: (PLURAL_TITLES[m.group(1)],),
        word_needles=PLURAL_TITLES,
        severity=WARNING,
        message="Make the abbreviated title plural before several names: Gens. Smith and Jones.",
        entry="titles",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=True,
        examples_flag=(
            "Generals Smith and Jones arrived.",
            "Senators Cotton and Warren disagreed.",
        ),
        examples_pass=("Gens. Smith and Jones arrived.", "Two generals arrived."),
    )
)

_COURTESY_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+(?=[A-Z])(?!(?:America|Universe|USA|World|Teen|Earth|Congeniality|Saigon|Olympia"
    rf"|{'|'.join(STATE_NAMES)})\b)"
)
register(
    PatternRule(
        "AP-NAME-06",
        _COURTESY_RE,
        suggest=lambda m, ctx: ("",),
        word_needles=("mr", "mrs", "ms", "miss"),
        severity=WARNING,
        message="No courtesy titles (Mr., Mrs., Ms., Miss) outside quotes: use the surname.",
        entry="courtesy titles",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "Mr. Ryder added that no civilians were harmed.",
            "Ms. Lidman reported from Jerusalem.",
        ),
        examples_pass=(
            "Ryder added that no civilians were harmed.",
            "“Mr. Ryder is right,” she said.",
            "Miss America was crowned.",
        ),
    )
)

# --- AP-NAME-07: full name first, surname after -----------------------------------------

_ATTRIBUTION = r"(?:said|says|told|added|wrote|asked|explained|testified|recalled|noted)"
_ATTRIBUTION_RE = re.compile(rf" {_ATTRIBUTION}\b")
_NAMED_SPEAKER_RE = re.compile(rf"(?<![\w’'-])({_NAME})\s+({_NAME_OR_PARTICLE})$")
_NOT_FIRST_NAMES = frozenset(
    words("""The A An This That These Those His Her Their Its Our Officials Police Authorities
    Iraqi Israeli American Iranian Syrian U.S. Defense State White Associated Later Earlier
    Then But And Also Meanwhile Still Now However Instead Afterward Afterwards Separately
    Previously Yet So Officials Residents Witnesses Critics Supporters Experts""")
)
_PLACE_LIKE = STATE_NAMES | {
    "Washington",
    "Jordan",
    "Israel",
    "Chad",
    "Lincoln",
    "Georgia",
    "Hamas",
}


def _people(story: StoryContext, ctx: TextContext) -> dict[str, str]:
    """surname → first name, for people named in full (protected names and speakers)."""
    people: dict[str, str] = {}
    for full in story.protected_names:
        parts = full.split()
        if len(parts) >= 2 and parts[0][:1].isupper():
            people.setdefault(parts[-1], parts[0])
    for m in titled_names(ctx):
        words = [w for w in m.group(2, 3, 4) if w]
        if len(words) >= 2:
            people.setdefault(words[-1], words[0])
    text = ctx.text
    for verb in _ATTRIBUTION_RE.finditer(text):
        # Anchored on the (rarer) verb, then look back for "First Last".
        m = _NAMED_SPEAKER_RE.search(text, max(0, verb.start() - 60), verb.start())
        if m and m.group(1) not in _NOT_FIRST_NAMES and m.group(2) not in _NOT_FIRST_NAMES:
            people.setdefault(m.group(2), m.group(1))
    return people


def _name07(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    ctx = story.get("body")
    if ctx is None:
        return
    people = _people(story, ctx)
    first_names = Counter(people.values())
    for surname, first in people.items():
        if surname in _PLACE_LIKE or first in people or first_names[first] > 1:
            continue
        full_re = re.compile(
            rf"(?<![\w’'-]){re.escape(first)}\s+(?:[A-Z]\.\s+)?(?:\S+\s+)?{re.escape(surname)}\b"
        )
        full = next(ctx.match_at_words(frozenset({first.lower()}), full_re), None)
        if full is None:
            continue
        # (a) the surname alone before the first full reference
        surname_re = re.compile(rf"(?<![\w’'-]){re.escape(surname)}\b")
        for m in ctx.match_at_words(frozenset({surname.lower()}), surname_re):
            if m.start() >= full.start():
                break
            if ctx.in_quote(m.start()):
                continue
            yield (
                "body",
                Hit(
                    m.start(),
                    m.end(),
                    (f"{first} {surname}",),
                    message="Use the full name on first reference, the surname after that.",
                ),
            )
            break
        # (b) the first name alone after the full reference
        first_re = re.compile(rf"(?<![\w’'-]){re.escape(first)}(?=\s+{_ATTRIBUTION}\b|['’]s\b)")
        for m in ctx.match_at_words(frozenset({first.lower()}), first_re):
            start = m.start()
            if start < full.end():
                continue
            if ctx.in_quote(start):
                continue
            yield (
                "body",
                Hit(
                    start,
                    start + len(first),
                    (surname,),
                    message="After the first reference, use the surname, not the first name.",
                ),
            )


register(
    StoryRule(
        "AP-NAME-07",
        _name07,
        severity=WARNING,
        message="Full name on first reference, surname after that.",
        entry="names",
        scope=Scope.WORDING,
        fields=BODY_ONLY,
        safe_fix=False,
        examples_flag=(
            "Meghann Myers said the base was quiet. Later Meghann said it was not.",
            "Ryder said it was over. Air Force Maj. Gen. Pat Ryder said so again.",
        ),
        examples_pass=(
            "Meghann Myers said the base was quiet. Later Myers said it was not.",
            "Jane Smith said it. John Smith said it too.",
        ),
    )
)

register(
    PatternRule(
        "AP-NAME-08",
        r",(?<=[a-z],)(\s)(Jr\.|Sr\.|II|III|IV)(?![\w])",
        suggest=lambda m, ctx: Hit(m.start(), m.end(), (" " + m.group(2),)),
        needles=("Jr.", "Sr.", ", I"),
        severity=WARNING,
        message="No comma before Jr., Sr. or a numeral after a name.",
        entry="junior, senior",
        scope=Scope.MECHANICAL,
        fields=ALL_TEXT,
        safe_fix=True,
        examples_flag=("Martin Luther King, Jr. spoke.", "John Smith, III won."),
        examples_pass=("Martin Luther King Jr. spoke.", "Henry VIII, IV and others."),
    )
)

register(
    PatternRule(
        "AP-NAME-09",
        rf"\bDr\.\s+{_NAME}(?:\s+[A-Z]\.)?(?:\s+{_NAME})?(,\s+(?:Ph\.?\s?D\.?|M\.?D\.?|D\.?D\.?S\.?))(?![\w])",
        group=1,
        suggest=lambda m, ctx: ("",),
        needles=("Dr.",),
        severity=WARNING,
        message="Don't pair Dr. with a degree abbreviation; describe the person instead.",
        entry="doctor; academic degrees",
        scope=Scope.MECHANICAL,
        fields=PROSE,
        safe_fix=False,
        examples_flag=("Dr. Pam Jones, Ph.D., testified.",),
        examples_pass=("Dr. Pam Jones, a chemist, testified.", "Pam Jones, Ph.D., testified."),
    )
)
