"""The story fields the engine knows, and the sets of them rules declare they check.

Callers may pass other field names (e.g. "caption"); those are checked as body.
"""

from __future__ import annotations

HEADLINE = "headline"
DEK = "dek"
BODY = "body"
DATELINE = "dateline"
CREDIT_LINE = "credit_line"
BIO = "bio"
KNOWN_FIELDS = (HEADLINE, DEK, BODY, DATELINE, CREDIT_LINE, BIO)

#: Running prose written in body style ("U.S.", state names spelled out).
PROSE = frozenset({BODY, DEK, BIO})
#: Every field holding sentences, headline and credit line included.
ALL_TEXT = frozenset({BODY, DEK, BIO, HEADLINE, CREDIT_LINE})
#: Only the story body (long-form checks: readability, first references).
BODY_ONLY = frozenset({BODY})


def field_class(field: str) -> str:
    """The field whose rules apply to `field` (unknown names are checked as body)."""
    return field if field in KNOWN_FIELDS else BODY
