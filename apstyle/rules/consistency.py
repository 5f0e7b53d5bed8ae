"""Beyond AP: one story, one spelling (NR-CONSISTENCY).

When a story uses two forms of the same thing ("U.S.-led" and "US-led", "cease-fire" and
"cease fire"), the form used less often is flagged with the majority form as the
suggestion. Headlines are left out: they legitimately write "US" where the body has "U.S.".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator

from ..engine.context import StoryContext, TextContext
from ..engine.fields import PROSE
from ..engine.registry import register
from ..engine.rule_base import Hit, Scope, StoryRule
from ._common import WARNING

#: Groups of variants (regex, canonical display form). Case-sensitive.
_GROUPS: tuple[tuple[tuple[str, str], ...], ...] = (
    # The boundary look-behind follows the literal so `re` can skip ahead to each "US".
    ((r"U\.S\.", "U.S."), (r"US(?<![\w.$]US)(?![\w$.])", "US")),
    ((r"U\.N\.", "U.N."), (r"UN(?<![\w.$]UN)(?![\w$.])", "UN")),
    ((r"U\.K\.", "U.K."), (r"UK(?<![\w.$]UK)(?![\w$.])", "UK")),
    ((r"\bOK\b", "OK"), (r"\b[Oo]kay\b", "okay")),
    ((r"\b[Ee]mail", "email"), (r"\b[Ee]-mail", "e-mail")),
    ((r"\btoward\b", "toward"), (r"\btowards\b", "towards")),
    ((r"\badviser", "adviser"), (r"\badvisor", "advisor")),
    ((r"\bgray\b", "gray"), (r"\bgrey\b", "grey")),
)
_COMPILED = tuple(tuple((re.compile(p), form) for p, form in group) for group in _GROUPS)
#: Literal text each variant must contain: a group is scanned only if two are present.
_NEEDLES = tuple(
    tuple(form if form[0].isupper() or "." in form else form[1:] for _, form in group)
    for group in _GROUPS
)
_HYPHEN_RE = re.compile(r"-(?<=[A-Za-z]-)(?=[A-Za-z])")


def _consistency(story: StoryContext) -> Iterator[tuple[str, Hit]]:
    fields = [(name, ctx) for name, ctx in story.fields.items() if ctx.kind in PROSE]
    joined = "\n".join(ctx.text for _, ctx in fields)
    for group, needles in zip(_COMPILED, _NEEDLES, strict=True):
        if sum(1 for n in needles if n in joined) < 2:
            continue
        hits: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for name, ctx in fields:
            for pattern, form in group:
                for m in pattern.finditer(ctx.text):
                    hits[form].append((name, m.start(), m.end()))
        yield from _minority(hits)
    # Hyphenated, open and closed spellings of the same compound. Found with set look-ups
    # over the shared word list; a regex is built only for a compound seen in two forms.
    compounds: set[tuple[str, str]] = set()
    for _, ctx in fields:
        compounds.update(_hyphenated(ctx))
    if not compounds:
        return
    for a, b in sorted(compounds):
        if not any(_written_apart(ctx, a, b) for _, ctx in fields):
            continue
        pattern = re.compile(rf"(?<![\w-])({re.escape(a)})([- ]?)({re.escape(b)})(?![\w-])", re.I)
        forms: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for name, ctx in fields:
            for m in pattern.finditer(ctx.text):
                forms[m.group().lower()].append((name, m.start(), m.end()))
        yield from _minority(forms)


def _written_apart(ctx: TextContext, a: str, b: str) -> bool:
    """Whether the text also writes the compound a-b closed ("ab") or open ("a b")."""
    lookup = ctx.word_lookup
    if a + b in lookup:
        return True
    words, text = ctx.words, ctx.text
    for i in lookup.get(a, ()):
        if (
            i + 1 < len(words)
            and words[i + 1].text.lower() == b
            and text[words[i].end : words[i + 1].start] == " "
        ):
            return True
    return False


def _hyphenated(ctx: TextContext) -> set[tuple[str, str]]:
    """(first, second) lowercase parts of each two-part hyphenated compound: the words on
    either side of a hyphen, found from the hyphens (rare) rather than from every word."""
    text = ctx.text
    if "-" not in text:
        return set()
    words, starts = ctx.words, ctx.word_starts
    found: set[tuple[str, str]] = set()
    for m in _HYPHEN_RE.finditer(text):
        i = bisect_left(starts, m.end())  # the word right after the hyphen
        if i == 0 or i >= len(words) or words[i].start != m.end() or words[i - 1].end != m.start():
            continue
        a, b = words[i - 1], words[i]
        if (
            len(b.text) < 2
            or not (a.text.isascii() and a.text.isalpha() and b.text.isascii() and b.text.isalpha())
            or text[b.end : b.end + 1] == "-"
            or (a.start > 0 and (text[a.start - 1].isalnum() or text[a.start - 1] == "_"))
        ):
            continue  # letters on both sides, and not the first of three parts
        found.add((a.text.lower(), b.text.lower()))
    return found


def _minority(hits: dict[str, list[tuple[str, int, int]]]) -> Iterator[tuple[str, Hit]]:
    if len([f for f in hits if hits[f]]) < 2:
        return
    order = sorted(hits, key=lambda f: (-len(hits[f]), min((h[1] for h in hits[f]), default=0)))
    majority = order[0]
    if len(hits[majority]) == len(hits[order[1]]):
        return  # no majority: don't guess
    for form in order[1:]:
        for name, start, end in hits[form]:
            yield (
                name,
                Hit(
                    start,
                    end,
                    (majority,),
                    message=f"The story also writes “{majority}”; use one form throughout.",
                ),
            )


register(
    StoryRule(
        "NR-CONSISTENCY",
        _consistency,
        severity=WARNING,
        message="Inconsistent spelling within the story.",
        entry="",
        scope=Scope.WORDING,
        fields=PROSE,
        safe_fix=False,
        examples_flag=(
            "The U.S.-led coalition and U.S. troops stayed, but US-led forces left.",
            {"body": "The cease-fire held. A second cease-fire was agreed. The cease fire ended."},
        ),
        examples_pass=(
            "The U.S.-led coalition and U.S. troops stayed.",
            {"headline": "US strike kills leader", "body": "A U.S. strike killed a leader."},
        ),
    )
)
