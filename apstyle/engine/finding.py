"""The result type of the checker: one `Finding` per problem found.

A finding is plain data (no Django, no rule objects) so it can be cached, serialised
to JSON for the API or a Celery result, and compared in tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How sure the rule is and how much it matters.

    `error` findings are deterministic AP violations (an approval gate may require none);
    `warning` needs an editor's judgement; `suggestion` is advisory.
    """

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        """Higher is more severe; used to order findings and to pick between duplicates."""
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.SUGGESTION: 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one field.

    Contract: `start`/`end` are offsets in Unicode code points (Python `str` indices) into
    the *plain text* that was checked for `field`, and `text == checked[start:end]`.
    `suggestions` are ordered replacements for exactly that span (an empty string means
    "delete"); `safe_fix` says the first suggestion may be applied without a human
    (never true inside quotations).
    """

    rule: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    safe_fix: bool = False
    field: str = "body"
    in_quote: bool = False
    entry: str = ""
    fingerprint: str = dataclass_field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (severity as its string value, suggestions as a list)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "safe_fix": self.safe_fix,
            "in_quote": self.in_quote,
            "entry": self.entry,
            "fingerprint": self.fingerprint,
        }


def make_fingerprint(rule: str, source: str, start: int, end: int) -> str:
    """A short hash of rule, matched text and a little context.

    It survives edits elsewhere in the text, so an editor's "ignore this" can be stored
    against it (the idea of Harper's ignore hashes and Typerighter's markAsCorrect).
    """
    before = source[max(0, start - 20) : start].lower().split()
    after = source[end : end + 20].lower().split()
    key = "\x1f".join(
        (rule, source[start:end].lower(), before[-1] if before else "", after[0] if after else "")
    )
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
