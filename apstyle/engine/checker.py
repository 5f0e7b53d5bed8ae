"""The checker: runs the active rules over a story and turns hits into findings.

Public entry points: `check_text`, `check_story` and `get_checker`. A `Checker` is
compiled once per (house rules, edition) pair and cached for the process, so a Celery
worker pays the set-up cost once and an unchanged rule set reuses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache

from .context import StoryContext, TextContext
from .fields import KNOWN_FIELDS
from .finding import Finding, Severity, make_fingerprint
from .house_rules import HOUSE_FORBIDDEN_ID, HOUSE_TERM_ID, HouseRules, HouseTermRule
from .registry import all_rules, canonical_ids
from .rule_base import Hit, Rule, Scope, compile_terms
from .text import match_case


class Checker:
    """A compiled, reusable set of active rules.

    Contract: `check_*` never raise on any input string and return findings sorted by
    field (in the order given), then start offset; every finding satisfies
    `0 <= start <= end <= len(text)` and `text[start:end] == finding.text`.
    """

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        house: HouseRules | None = None,
        edition: date | None = None,
        *,
        force_rules: bool = False,
    ) -> None:
        house = house or HouseRules()
        self.house = house
        self.edition = edition if edition is not None else house.edition
        disabled = canonical_ids(house.disabled)
        enabled = canonical_ids(house.enabled)
        chosen: list[Rule] = []
        for rule in all_rules() if rules is None else rules:
            if force_rules:
                chosen.append(rule)
            elif rule.id in disabled:
                continue
            elif rule.id in enabled or (rule.default_enabled and rule.applies_in(self.edition)):
                chosen.append(rule)
        if house.substitutions and HOUSE_TERM_ID not in disabled:
            chosen.append(HouseTermRule(HOUSE_TERM_ID, house.substitutions, forbidden=False))
        if house.forbidden and HOUSE_FORBIDDEN_ID not in disabled:
            chosen.append(HouseTermRule(HOUSE_FORBIDDEN_ID, house.forbidden, forbidden=True))
        self.rules = tuple(chosen)
        self._priority = {r.id: i for i, r in enumerate(self.rules)}
        self._severity = {next(iter(canonical_ids([k]))): v for k, v in house.severities}
        self._text_rules = {
            kind: tuple(r for r in self.rules if r.level == "text" and kind in r.fields)
            for kind in KNOWN_FIELDS
        }
        self._story_rules = tuple(r for r in self.rules if r.level == "story")
        allowed = [a for a in house.allowed if a.strip()]
        self._allowed_re = compile_terms(allowed) if allowed else None

    # --- public API ------------------------------------------------------------------

    def check_story(
        self,
        fields: Mapping[str, str],
        *,
        protected_names: Iterable[str] = (),
        italic_spans: Mapping[str, list[tuple[int, int]]] | None = None,
    ) -> list[Finding]:
        """Check every field of a story (plain text per field) and return its findings."""
        story = StoryContext(
            dict(fields),
            protected_names=protected_names,
            italic_spans=dict(italic_spans or {}),
            edition=self.edition,
        )
        found: dict[str, list[Finding]] = {name: [] for name in story.fields}
        for name, ctx in story.fields.items():
            if not ctx.text:
                continue
            text = ctx.text
            for rule in self._text_rules[ctx.kind]:
                if rule.needles and not any(n in text for n in rule.needles):
                    continue
                if rule.word_needles:
                    lookup = ctx.word_lookup
                    if not any(w in lookup for w in rule.word_needles):
                        continue
                for hit in rule.find(ctx):
                    finding = self._finding(rule, hit, ctx)
                    if finding is not None:
                        found[name].append(finding)
        for rule in self._story_rules:
            for name, hit in rule.find_story(story):
                ctx = story.fields.get(name)
                if ctx is None or ctx.kind not in rule.fields:
                    continue
                finding = self._finding(rule, hit, ctx)
                if finding is not None:
                    found[name].append(finding)
        out: list[Finding] = []
        for name in story.fields:
            out.extend(self._dedupe(found[name]))
        return out

    def check_text(
        self,
        text: str,
        *,
        field: str = "body",
        protected_names: Iterable[str] = (),
        italic_spans: list[tuple[int, int]] | None = None,
    ) -> list[Finding]:
        """Check one text as the given field (story-level rules see it as the whole story)."""
        spans = {field: italic_spans} if italic_spans else None
        return self.check_story({field: text}, protected_names=protected_names, italic_spans=spans)

    # --- internals -------------------------------------------------------------------

    def _finding(self, rule: Rule, hit: Hit, ctx: TextContext) -> Finding | None:
        text = ctx.text
        start, end = hit.start, hit.end
        if not 0 <= start <= end <= len(text):
            return None  # defensive: a rule bug must not break the whole check
        in_quote = ctx.in_quote(start)
        if in_quote and rule.scope is Scope.WORDING:
            return None
        if rule.respects_protected and ctx.is_protected(start, end):
            return None
        if self._allowed_re is not None and self._is_allowed(text, start, end):
            return None
        severity = self._severity.get(rule.id) or hit.severity or rule.severity
        suggestions = hit.suggestions
        if (
            suggestions
            and start < len(text)
            and text[start].isupper()
            and ctx.is_sentence_start(start)
        ):
            # Re-capitalise replacements at a sentence start (the Guardian's ADR 001 case).
            suggestions = tuple(match_case(text[start], s) if s else s for s in suggestions)
        safe = hit.safe_fix if hit.safe_fix is not None else rule.safe_fix
        return Finding(
            rule=rule.id,
            severity=Severity(severity),
            start=start,
            end=end,
            text=text[start:end],
            message=hit.message or rule.message,
            suggestions=tuple(suggestions),
            safe_fix=bool(safe and suggestions and not in_quote),
            field=ctx.field,
            in_quote=in_quote,
            entry=rule.entry,
            fingerprint=make_fingerprint(rule.id, text, start, end),
        )

    def _is_allowed(self, text: str, start: int, end: int) -> bool:
        lo = max(0, start - 60)
        for m in self._allowed_re.finditer(text, lo, min(len(text), end + 60)):
            if m.start() <= start and end <= m.end():
                return True
        return False

    def _dedupe(self, findings: list[Finding]) -> list[Finding]:
        """Sort, and keep one finding per identical span: the most severe, then the
        rule registered first (AP rules before beyond-AP ones)."""
        best: dict[tuple[int, int], Finding] = {}
        for f in findings:
            key = (f.start, f.end)
            cur = best.get(key)
            if cur is None or (f.severity.rank, -self._priority.get(f.rule, 0)) > (
                cur.severity.rank,
                -self._priority.get(cur.rule, 0),
            ):
                best[key] = f
        return sorted(best.values(), key=lambda f: (f.start, f.end, -f.severity.rank, f.rule))


def get_checker(house_rules: HouseRules | None = None, edition: date | None = None) -> Checker:
    """The cached checker for this rule set and edition (compiled on first use).

    Equal `HouseRules` values share one checker, so a rule set rebuilt from an unchanged
    database reuses the compiled patterns.
    """
    return _cached_checker(house_rules, edition)


@lru_cache(maxsize=32)
def _cached_checker(house_rules: HouseRules | None, edition: date | None) -> Checker:
    return Checker(house=house_rules, edition=edition)


def check_text(
    text: str,
    *,
    field: str = "body",
    protected_names: Iterable[str] = (),
    house_rules: HouseRules | None = None,
    edition: date | None = None,
) -> list[Finding]:
    """Check a single plain text as `field` ("body", "headline", "dek", "dateline",
    "credit_line", "bio"; other names are checked as body)."""
    return get_checker(house_rules, edition).check_text(
        text, field=field, protected_names=tuple(protected_names)
    )


def check_story(
    fields: Mapping[str, str],
    *,
    protected_names: Iterable[str] = (),
    house_rules: HouseRules | None = None,
    edition: date | None = None,
) -> list[Finding]:
    """Check a whole story given as plain text per field.

    `protected_names` (bylines, credits, tags) are never flagged. `edition` pins the AP
    edition (rules newer than the date do not fire); it defaults to the house rules'.
    Each finding carries its field name; offsets are into that field's text. For HTML
    fields, convert with `html_to_text_with_map` first and map spans back with
    `TextMap.to_source`.
    """
    return get_checker(house_rules, edition).check_story(
        fields, protected_names=tuple(protected_names)
    )
