"""House rules: a newsroom's own layer on top of the AP pack.

`HouseRules` is an immutable, hashable value, so a compiled `Checker` can be cached per
distinct rule set. The Django side (`apstyle.house_styles`) builds one from the database;
tests and scripts build one directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from .fields import ALL_TEXT
from .finding import Severity
from .rule_base import Hit, Rule, Scope, TermMatcher
from .text import match_case

HOUSE_TERM_ID = "NR-HOUSE-TERM"
HOUSE_FORBIDDEN_ID = "NR-HOUSE-FORBIDDEN"


@dataclass(frozen=True, slots=True)
class Term:
    """A house term: the word or phrase, what to use instead, and how loud to be."""

    term: str
    replacements: tuple[str, ...] = ()
    message: str = ""
    severity: Severity = Severity.WARNING
    case_sensitive: bool = False


@dataclass(frozen=True)
class HouseRules:
    """A newsroom's overrides. All fields are optional.

    - `substitutions`: use X instead of Y (finding rule id NR-HOUSE-TERM).
    - `forbidden`: words never to use (NR-HOUSE-FORBIDDEN).
    - `allowed`: words or phrases never flagged by any rule (names, brands, exceptions).
    - `disabled`: rule ids (or aliases) switched off.
    - `enabled`: opt-in rule ids switched on (e.g. AP-ORG-04, "more than" for "over").
    - `severities`: (rule id, severity) re-grades.
    - `edition`: pin the AP edition: rules AP introduced after this date do not fire.
    - `version`: an opaque label (the database rule-set version), used in cache keys.
    """

    substitutions: tuple[Term, ...] = ()
    forbidden: tuple[Term, ...] = ()
    allowed: tuple[str, ...] = ()
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()
    edition: date | None = None
    version: str = ""
    name: str = field(default="", compare=False)

    @classmethod
    def build(
        cls,
        *,
        substitutions: Mapping[str, str | Iterable[str]] | Iterable[Term] = (),
        forbidden: Iterable[str | Term] = (),
        allowed: Iterable[str] = (),
        disabled: Iterable[str] = (),
        enabled: Iterable[str] = (),
        severities: Mapping[str, Severity | str] | None = None,
        edition: date | None = None,
        version: str = "",
        name: str = "",
    ) -> HouseRules:
        """Convenience constructor from plain Python values."""
        if isinstance(substitutions, Mapping):
            subs = tuple(
                Term(k, (v,) if isinstance(v, str) else tuple(v)) for k, v in substitutions.items()
            )
        else:
            subs = tuple(substitutions)
        forb = tuple(t if isinstance(t, Term) else Term(t) for t in forbidden)
        sev = tuple(sorted((k, Severity(v)) for k, v in (severities or {}).items()))
        return cls(
            substitutions=subs,
            forbidden=forb,
            allowed=tuple(allowed),
            disabled=frozenset(disabled),
            enabled=frozenset(enabled),
            severities=sev,
            edition=edition,
            version=version,
            name=name,
        )


class HouseTermRule(Rule):
    """Matches a house term list; each term carries its own severity and message."""

    def __init__(self, id: str, terms: Iterable[Term], *, forbidden: bool) -> None:
        super().__init__(
            id,
            severity=Severity.WARNING,
            message=(
                "House style: avoid this word."
                if forbidden
                else "House style prefers another term."
            ),
            entry="house style",
            scope=Scope.WORDING,
            fields=ALL_TEXT,
            safe_fix=False,
        )
        self._terms = list(terms)
        self._lookup: dict[str, Term] = {}
        sensitive = [t.term for t in self._terms if t.case_sensitive]
        insensitive = [t.term for t in self._terms if not t.case_sensitive]
        for t in self._terms:
            key = " ".join(t.term.split())
            self._lookup[key if t.case_sensitive else key.lower()] = t
        self._matchers = [
            m
            for m in (
                TermMatcher(sensitive, case_sensitive=True) if sensitive else None,
                TermMatcher(insensitive) if insensitive else None,
            )
            if m is not None
        ]
        self._forbidden = forbidden

    def find(self, ctx) -> Iterator[Hit]:
        for matcher in self._matchers:
            for m in matcher.finditer(ctx):
                found = " ".join(m.group().split())
                term = self._lookup.get(found) or self._lookup.get(found.lower())
                if term is None:
                    continue
                if self._forbidden:
                    default = f"House style: avoid “{term.term}”."
                else:
                    default = (
                        f"House style: use “{term.replacements[0]}”."
                        if term.replacements
                        else self.message
                    )
                yield Hit(
                    m.start(),
                    m.end(),
                    tuple(match_case(m.group(), r) for r in term.replacements),
                    message=term.message or default,
                    severity=term.severity,
                )
